import type PicturePicker from './PicturePicker.astro';
import type { Examples } from '../examples';

export const examples = {
  suggested: {
    description: 'The suggested pictures, the current one chosen',
    look: 'staff',
    props: { name: 'picture', id: 'new-picture', value: 'bus', label: 'Tavoitteen kuva' },
  },
  searched: {
    description: 'After "Hae" without JavaScript: the matches for a word',
    look: 'staff',
    props: { name: 'place_picture', id: 'place_picture', value: 'hammer-and-wrench', query: 'kahvi', label: 'Paikan kuva' },
  },
  noneFound: {
    description: 'A word with no matches',
    look: 'staff',
    props: { name: 'picture', id: 'new-picture', value: 'bus', query: 'xyzzy', label: 'Tavoitteen kuva' },
  },
  optional: {
    description: 'An optional picture (a reply to a message): "no picture" chosen',
    look: 'staff',
    props: { name: 'picture', id: 'picture', value: '', label: 'Kuva vastaukseen (vapaaehtoinen)', noneLabel: 'Ei kuvaa' },
  },
  withError: {
    description: 'With an error',
    look: 'staff',
    props: { name: 'picture', id: 'new-picture', value: '', label: 'Tavoitteen kuva', error: 'Valitse kuva hakutuloksista.' },
  },
} satisfies Examples<typeof PicturePicker>;
