import type FormField from './FormField.astro';
import type { Examples } from './examples';

// The old staff field, to disappear once no page uses it (TextField and the others replace it).
export const examples = {
  plain: {
    description: 'A label and the control in the slot',
    look: 'staff',
    props: { id: 'unit-name', label: 'Yksikön nimi' },
    slot: '<input type="text" id="unit-name" name="name" value="Työkeskus Pajakulma">',
  },
  withError: {
    description: 'With an error the control refers to',
    look: 'staff',
    props: { id: 'unit-name', label: 'Yksikön nimi', error: 'Kirjoita nimi.' },
    slot: '<input type="text" id="unit-name" name="name" value="" aria-invalid="true" aria-describedby="unit-name-error">',
  },
} satisfies Examples<typeof FormField>;
