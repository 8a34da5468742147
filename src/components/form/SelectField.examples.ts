import type SelectField from './SelectField.astro';
import type { Examples } from '../examples';

const workers = [
  { value: 2, label: 'Liisa Ohjaaja' },
  { value: 3, label: 'Pekka Valmentaja' },
];

export const examples = {
  withPlaceholder: {
    description: 'Nothing chosen yet: the empty first choice',
    look: 'staff',
    props: { name: 'worker', label: 'Omaohjaaja', options: workers, placeholder: 'Valitse' },
  },
  chosen: {
    description: 'A chosen value, with a hint',
    look: 'staff',
    props: { name: 'language', label: 'Kieli', hint: 'Asiakkaan sivujen kieli.', value: 'sv', options: [{ value: 'fi', label: 'suomi' }, { value: 'sv', label: 'ruotsi' }, { value: 'en', label: 'englanti' }] },
  },
  withError: {
    description: 'Nothing chosen when one was needed',
    look: 'staff',
    props: { name: 'worker', label: 'Omaohjaaja', options: workers, placeholder: 'Valitse', value: null, error: 'staff:planForm.errors.unknownWorker' },
  },
} satisfies Examples<typeof SelectField>;
