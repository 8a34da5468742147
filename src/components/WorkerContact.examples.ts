import type WorkerContact from './WorkerContact.astro';
import type { Examples } from './examples';
import { EXAMPLE_SUBSTITUTE, EXAMPLE_WORKER } from './example-workers';

export const examples = {
  namedWorker: {
    description: 'The named worker, with a picture and a phone link',
    look: 'easy-read',
    props: { worker: EXAMPLE_WORKER },
  },
  substituteWithoutPhone: {
    description: 'A substitute who has no phone number',
    look: 'easy-read',
    props: { worker: EXAMPLE_SUBSTITUTE },
  },
  noWorker: {
    description: 'A client without a named worker yet',
    look: 'easy-read',
    props: { worker: undefined },
  },
  family: {
    description: 'On a family member’s page: "Ohjaaja on …", not "Ohjaajasi"',
    look: 'easy-read',
    props: { worker: EXAMPLE_WORKER, reader: { as: 'family', name: 'Matti' } },
  },
} satisfies Examples<typeof WorkerContact>;
