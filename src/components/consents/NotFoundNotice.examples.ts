import type NotFoundNotice from './NotFoundNotice.astro';
import type { Examples } from '../examples';

export const examples = {
  consent: {
    description: 'A consent that is not there any more',
    look: 'easy-read',
    props: { text: 'Tätä lupaa ei löydy. Ehkä se on jo peruttu.', backHref: '/client/consents' },
  },
} satisfies Examples<typeof NotFoundNotice>;
