import type ReviewTag from './ReviewTag.astro';
import type { Examples } from '../examples';

export const examples = {
  ok: { description: 'Next review far enough away', look: 'staff', props: { reviewOn: '2027-06-01', today: '2026-11-18' } },
  due: { description: 'Due within 30 days', look: 'staff', props: { reviewOn: '2026-12-01', today: '2026-11-18' } },
  overdue: { description: 'Overdue', look: 'staff', props: { reviewOn: '2026-10-31', today: '2026-11-18' } },
  noPlan: { description: 'No plan yet', look: 'staff', props: { reviewOn: undefined, today: '2026-11-18' } },
} satisfies Examples<typeof ReviewTag>;
