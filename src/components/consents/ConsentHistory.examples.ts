import type ConsentHistory from './ConsentHistory.astro';
import type { Examples } from '../examples';
import { CONSENTS, WITHDRAWN } from './example-consents';

export const examples = {
  client: {
    description: 'The client’s own history: their own acts as "Annoit luvan."',
    look: 'easy-read',
    props: { consents: [...CONSENTS, WITHDRAWN], readerIsClient: true },
  },
  others: {
    description: 'A family member or worker reads it: every act with a name',
    look: 'easy-read',
    props: { consents: [...CONSENTS, WITHDRAWN], readerIsClient: false },
  },
  onStaffPage: {
    description: 'On the worker’s consents page',
    look: 'staff',
    props: { consents: CONSENTS, readerIsClient: false },
  },
  none: {
    description: 'Nothing has happened yet',
    look: 'easy-read',
    props: { consents: [], readerIsClient: true },
  },
} satisfies Examples<typeof ConsentHistory>;
