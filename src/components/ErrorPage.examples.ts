import type ErrorPage from './ErrorPage.astro';
import { CLIENT_ACTOR, type Examples } from './examples';

export const examples = {
  forbidden: {
    description: '403 for a signed-in client: a way back to their home',
    look: 'easy-read',
    actor: CLIENT_ACTOR,
    props: { kind: 'forbidden' },
  },
  notFound: {
    description: '404 for someone signed out',
    look: 'easy-read',
    props: { kind: 'notFound' },
  },
  server: {
    description: '500, in Swedish',
    look: 'easy-read',
    lang: 'sv',
    props: { kind: 'server' },
  },
} satisfies Examples<typeof ErrorPage>;
