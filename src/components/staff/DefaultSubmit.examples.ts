import type DefaultSubmit from './DefaultSubmit.astro';
import type { Examples } from '../examples';

export const examples = {
  save: {
    description: 'The hidden first submit button that makes Enter save',
    look: 'staff',
    props: { label: 'Tallenna' },
  },
} satisfies Examples<typeof DefaultSubmit>;
