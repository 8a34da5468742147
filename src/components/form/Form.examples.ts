import type Form from './Form.astro';
import type { Examples } from '../examples';

const fields = '<div class="field"><label for="name">Nimi</label><input type="text" id="name" name="name" value="Aino Laine"></div><button class="btn" type="submit">Tallenna</button>';

export const examples = {
  staff: {
    description: 'A staff form posting to its own page (opens at #error-summary when it comes back)',
    look: 'staff',
    props: {},
    slot: fields,
  },
  createWithKey: {
    description: 'A create form with its idempotency key and its own action',
    look: 'staff',
    props: { action: '/admin/people', key: '3f1c2a90-5b7e-4c1d-9a8e-2b6f0d4c7e11', id: 'new-person', 'aria-labelledby': 'new-person-heading' },
    slot: `<h2 id="new-person-heading">Uusi henkilö</h2>${fields}`,
  },
  easyRead: {
    description: 'An easy-read form with its own class',
    look: 'easy-read',
    props: { class: 'write-message' },
    slot: '<label for="body">Kirjoita viesti</label><textarea id="body" name="body" rows="5"></textarea><button class="button primary big" type="submit">Lähetä</button>',
  },
} satisfies Examples<typeof Form>;
