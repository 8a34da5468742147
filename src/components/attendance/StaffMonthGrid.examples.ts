import type StaffMonthGrid from './StaffMonthGrid.astro';
import type { AttendanceStatus } from '@domain/attendance';
import type { Examples } from '../examples';

// November 2026, seen on Wednesday the 18th: Matti works on weekdays.
const statuses = new Map<string, AttendanceStatus>([
  ['2026-11-02', 'present'], ['2026-11-03', 'present'], ['2026-11-04', 'sick'], ['2026-11-05', 'sick'], ['2026-11-06', 'present'],
  ['2026-11-09', 'present'], ['2026-11-10', 'holiday'], ['2026-11-11', 'holiday'], ['2026-11-12', 'present'], ['2026-11-13', 'absent'],
  ['2026-11-16', 'present'], ['2026-11-17', 'present'],
]);
const weekdays = new Set([1, 2, 3, 4, 5]);

export const examples = {
  worker: {
    description: 'A client’s month on the worker’s page: seven columns, a reported absence, days to come',
    look: 'staff',
    props: { month: '2026-11', statuses, reported: new Set(['2026-11-19']), scheduledWeekdays: weekdays, today: '2026-11-18', caption: 'Marraskuu 2026' },
  },
  swedish: {
    description: 'A month with a public holiday and a part-time week, in Swedish',
    look: 'staff',
    lang: 'sv',
    props: { month: '2026-12', statuses: new Map([['2026-12-02', 'present']]), reported: new Set(), scheduledWeekdays: new Set([3, 5]), today: '2026-11-18', caption: 'December 2026' },
  },
} satisfies Examples<typeof StaffMonthGrid>;
