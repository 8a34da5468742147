import type WeekSchedule from './WeekSchedule.astro';
import type { Examples } from '../examples';

const off = { on: false, starts_at: '', ends_at: '' };
const workday = { on: true, starts_at: '08:30', ends_at: '14:00' };

export const examples = {
  threeDays: {
    description: 'Monday, Wednesday and Friday with hours',
    look: 'staff',
    props: { legend: 'Viikko', days: { 1: workday, 2: off, 3: workday, 4: off, 5: { on: true, starts_at: '09:00', ends_at: '12:00' }, 6: off, 7: off } },
  },
  noDaysError: {
    description: 'No day chosen: the error under the legend',
    look: 'staff',
    props: { legend: 'Viikko', days: { 1: off, 2: off, 3: off, 4: off, 5: off, 6: off, 7: off }, error: 'staff:planForm.errors.noDays' },
  },
} satisfies Examples<typeof WeekSchedule>;
