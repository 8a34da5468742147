import type RegisterNote from './RegisterNote.astro';
import type { Examples } from '../examples';

export const examples = {
  noNoteYet: {
    description: 'A register row’s note form, closed, when the client has no note on the day',
    look: 'staff',
    props: { clientId: 11, clientName: 'Matti Virtanen', day: '2026-11-18', formKey: 'example-key-1', count: 0 },
  },
  twoNotes: {
    description: 'The same for a client with two notes on the day, in Swedish',
    look: 'staff',
    lang: 'sv',
    props: { clientId: 12, clientName: 'Aino Laine', day: '2026-11-18', formKey: 'example-key-2', count: 2 },
  },
} satisfies Examples<typeof RegisterNote>;
