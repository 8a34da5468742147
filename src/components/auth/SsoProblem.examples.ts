import type SsoProblem from './SsoProblem.astro';
import type { Examples } from '../examples';

export const examples = {
  refused: {
    description: 'An account the portal does not know, or a deactivated person: ask the unit admin',
    look: 'easy-read',
    props: { problem: 'refused' },
  },
  expired: {
    description: 'An old or already used answer from the sign-in service: start again',
    look: 'easy-read',
    props: { problem: 'expired' },
  },
  failed: {
    description: 'An answer that does not fit this sign-in (a wrong state), in Swedish',
    look: 'easy-read',
    lang: 'sv',
    props: { problem: 'failed' },
  },
  cancelled: {
    description: 'The person cancelled at the sign-in service, in English',
    look: 'easy-read',
    lang: 'en',
    props: { problem: 'cancelled' },
  },
  unavailable: {
    description: 'The sign-in service does not answer',
    look: 'easy-read',
    props: { problem: 'unavailable' },
  },
  tooMany: {
    description: 'Too many tries from this address',
    look: 'easy-read',
    props: { problem: 'too_many', minutes: 4 },
  },
} satisfies Examples<typeof SsoProblem>;
