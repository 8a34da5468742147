import type FileField from './FileField.astro';
import type { Examples } from '../examples';

export const examples = {
  csv: {
    description: 'A CSV file to import, with a hint',
    look: 'staff',
    props: { name: 'file', label: 'CSV-tiedosto', hint: 'Yksi asiakas riville.', accept: '.csv,text/csv' },
  },
  withError: {
    description: 'A photo that was too big: the error is read with the field',
    look: 'staff',
    props: { name: 'photo', label: 'Valokuva', accept: 'image/*', error: 'staff:people.errors.photoTooBig' },
  },
} satisfies Examples<typeof FileField>;
