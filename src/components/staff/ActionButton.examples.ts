import type ActionButton from './ActionButton.astro';
import type { Examples } from '../examples';

export const examples = {
  markReached: {
    description: 'One small change posted on its own',
    look: 'staff',
    props: { action: 'done', fields: { goal: 11 }, label: 'Merkitse saavutetuksi' },
  },
  moveUpNamed: {
    description: 'A short label with an accessible name that says which item it moves',
    look: 'staff',
    props: { action: 'up', fields: { goal: 12, from: 2 }, label: '↑', ariaLabel: 'Siirrä ylös: Teen itse aamupalan' },
  },
} satisfies Examples<typeof ActionButton>;
