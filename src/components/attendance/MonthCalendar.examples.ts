import type MonthCalendar from './MonthCalendar.astro';
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
  client: {
    description: 'The client’s month: each day a picture and a word, one reported absence, days to come',
    look: 'easy-read',
    props: { month: '2026-11', statuses, reported: new Set(['2026-11-19']), scheduledWeekdays: weekdays, today: '2026-11-18' },
  },
  allSaints: {
    description: 'A month with a public holiday (Pyhäinpäivä) and a part-time week, in English',
    look: 'easy-read',
    lang: 'en',
    props: { month: '2026-10', statuses: new Map([['2026-10-28', 'present'], ['2026-10-30', 'present']]), reported: new Set(), scheduledWeekdays: new Set([3, 5]), today: '2026-11-18' },
  },
  withNotes: {
    description: 'Two days with a note the worker shared, in the worker’s own words',
    look: 'easy-read',
    props: {
      month: '2026-11', statuses, reported: new Set<string>(), scheduledWeekdays: weekdays, today: '2026-11-18',
      notes: new Map([['2026-11-17', ['Leivoit pullaa. Pulla oli hyvää.']], ['2026-11-16', ['Olit kaupassa. Ostit maitoa.', 'Iltapäivällä siivosit.']]]),
    },
  },
} satisfies Examples<typeof MonthCalendar>;
