import type FieldMessage from './FieldMessage.astro';
import type { Examples } from '../examples';

export const examples = {
  hint: {
    description: 'A hint only',
    look: 'staff',
    props: { id: 'email', hint: 'Esimerkiksi nimi@esimerkki.fi' },
  },
  hintAndError: {
    description: 'A hint and an error, with the hidden "Virhe:" before it',
    look: 'staff',
    props: { id: 'email', hint: 'Esimerkiksi nimi@esimerkki.fi', error: 'staff:people.errors.emailTaken' },
  },
  easyReadError: {
    description: 'An error in easy words',
    look: 'easy-read',
    props: { id: 'name', error: 'client:consents.errors.nameMissing' },
  },
} satisfies Examples<typeof FieldMessage>;
