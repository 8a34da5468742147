import type LoginCardPrint from './LoginCardPrint.astro';
import type { Examples } from '../examples';

export const examples = {
  picture: {
    description: 'A card with the client’s picture, in Finnish',
    look: 'login-card',
    props: {
      client: { preferred_name: 'Aino', avatar: 'person', photo_id: null, language: 'fi' },
      url: 'http://localhost:4321/k/example-card-secret-aino-0000000000000000',
      shortCode: 'AINO2-34567',
    },
  },
  swedishWithPhoto: {
    description: 'A card with a photo, in the client’s language (Swedish) on a Finnish admin page',
    look: 'login-card',
    props: {
      client: { preferred_name: 'Ville', avatar: 'person', photo_id: 7, language: 'sv' },
      url: 'http://localhost:4321/k/example-card-secret-ville-000000000000000',
      shortCode: 'VILLE-56789',
    },
  },
} satisfies Examples<typeof LoginCardPrint>;
