import type FamilyLinkCards from './FamilyLinkCards.astro';
import type { Examples } from '../examples';
import { FAMILY_LINKS } from './example-consents';

export const examples = {
  client: {
    description: 'The client sees who may act for them, each link with "Lopeta"',
    look: 'easy-read',
    props: { links: FAMILY_LINKS, endBase: '/client/consents/end-link' },
  },
  readOnly: {
    description: 'Without the end buttons',
    look: 'easy-read',
    props: { links: FAMILY_LINKS.slice(0, 1), endBase: null },
  },
  none: {
    description: 'No family links',
    look: 'easy-read',
    props: { links: [], endBase: '/client/consents/end-link' },
  },
} satisfies Examples<typeof FamilyLinkCards>;
