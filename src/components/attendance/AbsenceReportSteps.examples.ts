import type AbsenceReportSteps from './AbsenceReportSteps.astro';
import { addDays } from '@domain/attendance';
import { todayInHelsinki } from '@domain/time/helsinki';
import { emptyReport, type ReportState } from '@server/attendance/report';
import type { Examples } from '../examples';

const today = todayInHelsinki();
const pickable = [0, 1, 2, 7, 8].map((n) => addDays(today, n));
const start: ReportState = emptyReport(pickable);

export const examples = {
  whichDay: {
    description: 'Step 1: which day (today, tomorrow, pick days)',
    look: 'easy-read',
    props: { state: start, cancelHref: '/client/attendance' },
  },
  whichDayError: {
    description: 'Step 1 sent without a choice: the error in easy words',
    look: 'easy-read',
    props: { state: { ...start, error: 'pickWhen' }, cancelHref: '/client/attendance' },
  },
  pickDays: {
    description: 'Step 1b: pick days, one already ticked, in Swedish',
    look: 'easy-read',
    lang: 'sv',
    props: { state: { ...start, step: '1b', when: 'pick', picked: [pickable[1]] }, cancelHref: '/client/attendance' },
  },
  why: {
    description: 'Step 2: why (sick, doctor, other)',
    look: 'easy-read',
    props: { state: { ...start, step: '2', when: 'tomorrow', days: [addDays(today, 1)] }, cancelHref: '/client/attendance' },
  },
  check: {
    description: 'Step 3: check and send, with words added, in English',
    look: 'easy-read',
    lang: 'en',
    props: { state: { ...start, step: '3', when: 'today', reason: 'sick', words: 'I have a fever.', days: [today] }, cancelHref: '/client/attendance' },
  },
} satisfies Examples<typeof AbsenceReportSteps>;
