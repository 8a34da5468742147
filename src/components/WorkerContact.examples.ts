import type WorkerContact from './WorkerContact.astro';
import { DEMO_MATTI_ID, type Examples } from './examples';

export const examples = {
  namedWorker: {
    description: 'Matti’s named worker, with a picture and a phone link (from the demo data)',
    look: 'easy-read',
    demoData: true,
    props: { clientId: DEMO_MATTI_ID },
  },
  noWorker: {
    description: 'A client without a named worker yet',
    look: 'easy-read',
    demoData: true,
    props: { clientId: 999 },
  },
} satisfies Examples<typeof WorkerContact>;
