import type ConsentCards from './ConsentCards.astro';
import type { Examples } from '../examples';
import { CONSENTS } from './example-consents';

const inForce = CONSENTS.filter((c) => c.state === 'current' || c.state === 'ending_soon');

export const examples = {
  client: {
    description: 'The client’s consents in force, one ending soon, each with "Peru lupa"',
    look: 'easy-read',
    props: { consents: inForce, withdrawBase: '/client/consents/withdraw' },
  },
  readOnly: {
    description: 'A family member who may not withdraw: no buttons, and why each is given said about the client',
    look: 'easy-read',
    props: { consents: inForce, withdrawBase: null, reader: { as: 'family', name: 'Matti' } },
  },
  paper: {
    description: 'A consent recorded on paper, in Swedish',
    look: 'easy-read',
    lang: 'sv',
    props: { consents: [{ ...CONSENTS[2], state: 'current', ending_reason: null, ended_at: null, ended_as: null, ended_by_name: null }], withdrawBase: null },
  },
} satisfies Examples<typeof ConsentCards>;
