/**
 * When a notification is due (issue 17): pure rules of time, in Helsinki's calendar, with no
 * clock of their own (every rule takes `now` or the moment of its cause).
 *
 * A worker is told on working days only (Monday to Friday, not on Finnish public holidays: the
 * rule of domain/attendance, the same as the promise of a reply in domain/messages/waiting.ts).
 * Each worker chooses:
 * - for a client's message waiting for an answer: at once, after an hour, in the summary at the
 *   chosen times ("kooste", such as 8.00 and 13.00), or never;
 * - for a new absence report for today or the next working day: at once, in the summary, or never;
 * - whether a consent ending within 30 days and a plan review coming or late are in the summary.
 *
 * Something that happens on a day off (a message on Saturday) is told at the first summary time
 * of the next working day, whatever the choice; "after an hour" that ends on a day off is too.
 */
import { addDays } from '../attendance/month';
import { isWorkingDay } from '../attendance/working-days';
import { helsinkiMoment } from '../time/helsinki';

export const MESSAGE_TIMINGS = ['now', 'hour', 'digest', 'off'] as const;
export type MessageTiming = (typeof MESSAGE_TIMINGS)[number];
export const ABSENCE_TIMINGS = ['now', 'digest', 'off'] as const;
export type AbsenceTiming = (typeof ABSENCE_TIMINGS)[number];
/** Any timing a rule below takes. */
export type Timing = MessageTiming;

export const isMessageTiming = (v: unknown): v is MessageTiming => typeof v === 'string' && (MESSAGE_TIMINGS as readonly string[]).includes(v);
export const isAbsenceTiming = (v: unknown): v is AbsenceTiming => typeof v === 'string' && (ABSENCE_TIMINGS as readonly string[]).includes(v);

/** The summary times a worker may choose: whole hours of the working day. */
export const DIGEST_TIMES = ['07:00', '08:00', '09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '17:00'] as const;
export const isDigestTime = (v: unknown): v is string => typeof v === 'string' && (DIGEST_TIMES as readonly string[]).includes(v);

/** How long "after an hour" is. */
export const HOUR_MS = 3_600_000;

/**
 * Causes older than this are not told any more: a message that has waited for weeks when
 * notifications are first switched on is in the inbox, not in a flood of mails.
 */
export const LOOKBACK_MS = 7 * 24 * HOUR_MS;

/** The summary times in order, each once, only the allowed ones. */
export function normalTimes(times: readonly string[]): string[] {
  return [...new Set(times.filter(isDigestTime))].sort();
}

/** "08:00" as people read it: "8.00" (the Finnish way, which the Swedish and English pages follow). */
export function timeWords(time: string): string {
  const [h, m] = time.split(':');
  return `${Number(h)}.${m}`;
}

/**
 * The moment of a Helsinki wall-clock time on a day (ms). Helsinki is UTC+2 in winter and UTC+3
 * in summer: the candidate that Helsinki itself reads as that day and time is the answer (the
 * summary times are whole hours of the day, never in the hour the clocks change).
 */
export function helsinkiTime(day: string, time: string): number {
  const utc = Date.parse(`${day}T${time}:00Z`);
  for (const offsetHours of [2, 3]) {
    const candidate = utc - offsetHours * HOUR_MS;
    const m = helsinkiMoment(candidate);
    if (m.date === day && m.time === time) return candidate;
  }
  throw new RangeError(`No Helsinki time ${time} on ${day}`);
}

/** The first working day after `day`. */
export function nextWorkingDay(day: string): string {
  let d = addDays(day, 1);
  // A run of days off is never longer than a few days; bounded all the same.
  for (let i = 0; i < 30 && !isWorkingDay(d); i++) d = addDays(d, 1);
  return d;
}

export interface Round {
  day: string;
  time: string;
  at: number;
}

/** The first summary time at or after `at`, on a working day; null without times. */
export function firstRoundFrom(at: number, times: readonly string[]): Round | null {
  const sorted = normalTimes(times);
  if (sorted.length === 0) return null;
  let day = helsinkiMoment(at).date;
  for (let i = 0; i < 40; i++, day = addDays(day, 1)) {
    if (!isWorkingDay(day)) continue;
    for (const time of sorted) {
      const moment = helsinkiTime(day, time);
      if (moment >= at) return { day, time, at: moment };
    }
  }
  return null;
}

/** Today's latest summary time that has come (`now` or before), or null on a day off or before the first. */
export function latestRound(now: number, times: readonly string[]): Round | null {
  const day = helsinkiMoment(now).date;
  if (!isWorkingDay(day)) return null;
  let latest: Round | null = null;
  for (const time of normalTimes(times)) {
    const at = helsinkiTime(day, time);
    if (at <= now) latest = { day, time, at };
  }
  return latest;
}

/**
 * When something that happened at `eventAt` is to be told, by the recipient's timing: at once on
 * a working day; an hour later on a working day; at the first summary time after it. Anything
 * that falls on a day off moves to the first summary time of the next working day (or, without
 * summary times, to 8.00 of it). Null: never.
 */
export function dueAt(eventAt: number, timing: Timing, times: readonly string[]): number | null {
  const withTimes = normalTimes(times).length > 0 ? times : ['08:00'];
  const onWorkingDay = (at: number) => (isWorkingDay(helsinkiMoment(at).date) ? at : firstRoundFrom(at, withTimes)!.at);
  switch (timing) {
    case 'off':
      return null;
    case 'now':
      return onWorkingDay(eventAt);
    case 'hour':
      return onWorkingDay(eventAt + HOUR_MS);
    case 'digest':
      return firstRoundFrom(eventAt, withTimes)!.at;
  }
}

/**
 * An absence report a worker is told of: one with a day today or tomorrow, counted from the day
 * it was made, where "tomorrow" is the next working day when tomorrow is a day off (a report on
 * Friday for Monday is for the next day of work).
 */
export function isSoonAbsence(days: readonly string[], reportedOn: string): boolean {
  const tomorrow = addDays(reportedOn, 1);
  const next = nextWorkingDay(reportedOn);
  const last = next > tomorrow ? next : tomorrow;
  return days.some((d) => d >= reportedOn && d <= last);
}
