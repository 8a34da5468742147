import type WriteMessage from './WriteMessage.astro';
import type { Examples } from '../examples';

export const examples = {
  empty: {
    description: 'An empty message form',
    look: 'easy-read',
    props: { heading: 'Kirjoita Liisalle', text: '', errors: {}, action: '/client/messages' },
  },
  draft: {
    description: 'With a saved draft',
    look: 'easy-read',
    props: { heading: 'Kirjoita Liisalle', text: 'Myöhästyn huomenna vähän.', errors: {}, action: '/client/messages' },
  },
  withError: {
    description: 'Sent empty: the error in easy words beside the field',
    look: 'easy-read',
    props: { heading: 'Kirjoita Liisalle', text: '', errors: { body: 'client:messages.errors.empty' }, action: '/client/messages' },
  },
  notSentKept: {
    description: 'Not sent: what was typed is kept, in Swedish',
    look: 'easy-read',
    lang: 'sv',
    props: { heading: 'Skriv till Liisa', text: 'Jag kommer lite senare i morgon.', errors: { body: 'client:messages.errors.notSent' }, action: '/family/12/messages' },
  },
} satisfies Examples<typeof WriteMessage>;
