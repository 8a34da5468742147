import type EasyReadNote from './EasyReadNote.astro';
import type { Examples } from '../examples';

export const examples = {
  hints: {
    description: 'A saved goal title that could be simpler: an abbreviation and a long word',
    look: 'staff',
    props: { text: 'Harjoittelen esim. toteuttamissuunnitelman lukemista klo 9.' },
  },
  readsWell: {
    description: 'A text that reads well: renders nothing',
    look: 'staff',
    props: { text: 'Kuljen bussilla pajalle.' },
  },
} satisfies Examples<typeof EasyReadNote>;
