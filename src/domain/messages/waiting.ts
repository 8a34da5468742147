/**
 * How long a client's message has waited for an answer, measured as the unit promises it: in
 * working days (Monday to Friday, not on Finnish public holidays), by the Helsinki calendar.
 *
 * A message sent on a day is due by the end of the `replyDays`-th working day after that day
 * (with 2: sent on Monday, due on Wednesday; sent on Friday or Saturday, due on Tuesday). It is
 * overdue from the day after its due day. The wait is said in working days once one has passed,
 * before that in hours (a message sent late on Friday has waited "18 hours" on Saturday, and
 * "1 working day" on Monday evening).
 */
import { addDays, isoWeekday } from '../attendance/month';
import { holidayOn } from '../attendance/holidays';
import { helsinkiMoment } from '../time/helsinki';

export const DEFAULT_REPLY_DAYS = 2;
export const MIN_REPLY_DAYS = 1;
export const MAX_REPLY_DAYS = 10;

/** Whether a unit's promise is one it may set: whole working days from 1 to 10. */
export function isReplyDays(n: number): boolean {
  return Number.isInteger(n) && n >= MIN_REPLY_DAYS && n <= MAX_REPLY_DAYS;
}

/** A day of work activity: Monday to Friday and not a public holiday (nor Midsummer or Christmas Eve). */
export function isWorkingDay(day: string): boolean {
  return isoWeekday(day) <= 5 && holidayOn(day) === null;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  // At most a few weeks in practice; bounded so a wrong date cannot loop for long.
  for (let day = addDays(from, 1), i = 0; day <= to && i < 4000; day = addDays(day, 1), i++) if (isWorkingDay(day)) n++;
  return n;
}

/** The day by which a message sent on `sentOn` is to be answered: the `replyDays`-th working day after it. */
export function replyDueOn(sentOn: string, replyDays: number): string {
  let day = sentOn;
  for (let left = Math.max(1, Math.floor(replyDays)); left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left--;
  }
  return day;
}

export interface Waiting {
  /** Whole hours since it was sent (calendar time). */
  hours: number;
  /** Working days passed since the day it was sent (that day not counted). */
  workingDays: number;
  /** How to say the wait: in working days once one has passed, else in hours. */
  unit: 'hours' | 'workingDays';
  /** The promised day of the answer. */
  dueOn: string;
  /** The promise is broken: today is after the due day. */
  overdue: boolean;
}

export function waitingOf(sentAt: number, now: number, replyDays: number): Waiting {
  const sentOn = helsinkiMoment(sentAt).date;
  const today = helsinkiMoment(now).date;
  const workingDays = workingDaysBetween(sentOn, today);
  const dueOn = replyDueOn(sentOn, replyDays);
  return {
    hours: Math.max(0, Math.floor((now - sentAt) / 3_600_000)),
    workingDays,
    unit: workingDays > 0 ? 'workingDays' : 'hours',
    dueOn,
    overdue: today > dueOn,
  };
}
