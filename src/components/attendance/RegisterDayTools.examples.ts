import type RegisterDayTools from './RegisterDayTools.astro';
import type { Examples } from '../examples';

const addable = [{ id: 11, full_name: 'Jukka Niemi' }, { id: 12, full_name: 'Aino Laine' }];

export const examples = {
  open: { description: 'Three clients without a mark yet, two clients to add', look: 'staff', props: { day: '2026-12-02', formKey: 'example-key', unmarked: 3, addable } },
  allMarked: { description: 'Everyone marked (a word says so), no one to add', look: 'staff', props: { day: '2026-12-02', formKey: 'example-key', unmarked: 0, addable: [] } },
  addError: {
    description: 'The add form sent without a client, in English',
    look: 'staff',
    lang: 'en',
    props: { day: '2026-12-02', formKey: 'example-key', unmarked: 1, addable, addError: 'staff:register.errors.chooseClient' },
  },
} satisfies Examples<typeof RegisterDayTools>;
