import type OnlyFinnish from './OnlyFinnish.astro';
import type { Examples } from '../examples';

export const examples = {
  swedish: {
    description: 'Under a goal title that exists only in Finnish, for a reader of Swedish',
    look: 'easy-read',
    lang: 'sv',
    props: {},
  },
  englishMany: {
    description: 'Under a list of steps that exist only in Finnish, in English',
    look: 'easy-read',
    lang: 'en',
    props: { count: 3 },
  },
} satisfies Examples<typeof OnlyFinnish>;
