import type ChoiceCards from './ChoiceCards.astro';
import type { Examples } from '../examples';
import { picture } from '@server/pictures';

const levels = [
  { value: 'full', label: 'Kaikki tiedot' },
  { value: 'messages', label: 'Vain viestit' },
  { value: 'read_only', label: 'Vain luku' },
];
const reasons = [
  { value: 'sick', label: 'Olen sairas', picture: picture({ concept: 'sick', alt: '', size: 56 }) },
  { value: 'doctor', label: 'Menen lääkäriin', picture: picture({ concept: 'doctor', alt: '', size: 56 }) },
  { value: 'other', label: 'Muu syy', picture: picture({ concept: 'question', alt: '', size: 56 }) },
];
const days = [
  { value: '2026-11-24', label: 'tiistai', detail: '24.11.', picture: picture({ concept: 'calendar', alt: '', size: 44 }) },
  { value: '2026-11-25', label: 'keskiviikko', detail: '25.11.', picture: picture({ concept: 'calendar', alt: '', size: 44 }) },
];

export const examples = {
  inline: {
    description: 'Staff: radio buttons in a row, one chosen',
    look: 'staff',
    props: { name: 'level', legend: 'Taso', choices: levels, value: 'messages' },
  },
  inlineWithError: {
    description: 'Staff: nothing chosen, with the error and a hint',
    look: 'staff',
    props: { name: 'level', legend: 'Taso', hint: 'Mitä läheinen saa nähdä.', choices: levels, error: 'staff:family.errors.pickLevel' },
  },
  checkboxes: {
    description: 'Staff: checkboxes, two chosen',
    look: 'staff',
    props: { name: 'info', legend: 'Tiedot', type: 'checkbox', choices: [{ value: 'medication', label: 'Lääkitys' }, { value: 'health', label: 'Terveystiedot' }, { value: 'schedule', label: 'Työaikataulu' }], value: ['medication', 'schedule'] },
  },
  cards: {
    description: 'Easy-read: big cards with a picture each',
    look: 'easy-read',
    props: { name: 'reason', legend: 'Miksi et tule?', variant: 'cards', choices: reasons, value: 'sick' },
  },
  cardsWithError: {
    description: 'Easy-read: nothing chosen, the error in easy words',
    look: 'easy-read',
    props: { name: 'reason', legend: 'Miksi et tule?', variant: 'cards', choices: reasons, error: 'client:report.errors.pickReason' },
  },
  cardsCheckboxesHiddenLegend: {
    description: 'Easy-read: checkbox cards with a second line, the legend hidden under a heading that asks',
    look: 'easy-read',
    props: { name: 'days', legend: 'Minä päivinä?', legendHidden: true, type: 'checkbox', variant: 'cards', class: 'days', choices: days, value: ['2026-11-25'] },
  },
} satisfies Examples<typeof ChoiceCards>;
