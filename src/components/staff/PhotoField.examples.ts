import type PhotoField from './PhotoField.astro';
import type { Examples } from '../examples';

export const examples = {
  noPhoto: {
    description: 'No photo yet: a file field with its hint',
    look: 'staff',
    props: { name: 'place_photo', label: 'Valokuva paikasta', hint: 'JPEG-, PNG- tai WebP-kuva, enintään 10 Mt.', photoId: null, currentAlt: 'Valokuva: Pajakulma', removeLabel: 'Poista valokuva' },
  },
  keptWithError: {
    description: 'A photo kept while another was too big: the kept one shows with a way to remove it',
    look: 'staff',
    props: { name: 'place_photo', label: 'Valokuva paikasta', photoId: 5, currentAlt: 'Valokuva: Pajakulma', removeLabel: 'Poista valokuva', error: 'staff:planForm.errors.photoTooBig' },
  },
} satisfies Examples<typeof PhotoField>;
