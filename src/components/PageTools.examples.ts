import type PageTools from './PageTools.astro';
import { CLIENT_ACTOR, type Examples } from './examples';

export const examples = {
  signedOut: {
    description: 'Text size and language for someone signed out (from the cookie, or 100 %)',
    look: 'easy-read',
    props: {},
  },
  client: {
    description: 'A client with 125 % text, in Swedish',
    look: 'easy-read',
    lang: 'sv',
    actor: { ...CLIENT_ACTOR, person: { ...CLIENT_ACTOR.person, language: 'sv', text_size: 125 } },
    props: {},
  },
  carryingAStep: {
    description: 'On a step of a multi-step form: the buttons post that form (its answers travel with them)',
    look: 'easy-read',
    actor: CLIENT_ACTOR,
    props: { carry: 'consent-wizard' },
  },
} satisfies Examples<typeof PageTools>;
