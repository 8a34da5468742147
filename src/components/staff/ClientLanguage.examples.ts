import type ClientLanguage from './ClientLanguage.astro';
import type { Examples } from '../examples';

export const examples = {
  finnish: {
    description: 'A client who reads Finnish: one line, no fields in another language',
    look: 'staff',
    props: { reads: 'fi' },
  },
  swedish: {
    description: 'A client who reads Swedish: the editor asks for the texts in Swedish too',
    look: 'staff',
    props: { reads: 'sv' },
  },
  englishInSwedish: {
    description: 'A client who reads English, for a worker who reads Swedish',
    look: 'staff',
    lang: 'sv',
    props: { reads: 'en' },
  },
} satisfies Examples<typeof ClientLanguage>;
