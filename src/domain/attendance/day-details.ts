import { parseEurosToCents } from './money';

/**
 * What a worker records about a present client's day besides its status (issue 15, point 8): a
 * part day (its length in hours, or from–to on the clock, and then the length follows from the
 * times), late arrival, and transport used, with the ticket's price when the unit pays per
 * ticket. Pure: the register's form is checked here, the store saves what this returns.
 */

/** How long the day was: the whole day, a number of hours, or from–to on the clock. */
export const PART_DAY_MODES = ['full', 'hours', 'clock'] as const;
export type PartDayMode = (typeof PART_DAY_MODES)[number];

/** The shortest and the longest part day in minutes (also a CHECK in the database). */
export const PART_MINUTES_MIN = 15;
export const PART_MINUTES_MAX = 720;
/** The highest ticket price in cents (also a CHECK in the database). */
export const TICKET_CENTS_MAX = 10000;

/** The saved details of a day: what the attendance row's columns hold. */
export interface DayDetails {
  partMinutes: number | null;
  fromTime: string | null;
  untilTime: string | null;
  late: boolean;
  transport: boolean;
  ticketCents: number | null;
}

/** A full, ordinary day: nothing recorded besides the status. */
export const FULL_DAY: DayDetails = { partMinutes: null, fromTime: null, untilTime: null, late: false, transport: false, ticketCents: null };

/** The form as typed (strings as sent; the boxes ticked or not). */
export interface DayDetailsInput {
  mode: string;
  hours: string;
  from: string;
  until: string;
  late: boolean;
  transport: boolean;
  ticket: string;
}

export type DayDetailsField = 'mode' | 'hours' | 'from' | 'until' | 'ticket';
export type DayDetailsError =
  | 'modeBad'
  | 'hoursMissing'
  | 'hoursBad'
  | 'hoursRange'
  | 'fromMissing'
  | 'fromBad'
  | 'untilMissing'
  | 'untilBad'
  | 'untilBeforeFrom'
  | 'clockRange'
  | 'ticketBad'
  | 'ticketNeedsTransport';

export type DayDetailsCheck = { details: DayDetails } | { errors: Partial<Record<DayDetailsField, DayDetailsError>> };

/** A time of day as typed ("9", "9.30", "09:30") as 'HH:MM', or null when it is not one. */
export function parseClock(text: string): string | null {
  const match = /^(\d{1,2})(?:[.:](\d{2}))?$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** Minutes from one 'HH:MM' to another on the same day (negative when `until` is earlier). */
export function minutesBetween(from: string, until: string): number {
  const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return minutesOf(until) - minutesOf(from);
}

/**
 * Hours as typed ("4", "4,5", "4.25", "3:30" or "3.30" is not hours and minutes but a decimal
 * point, so only the colon means minutes) in whole minutes, or null when they are not a number.
 */
export function parseHours(text: string): number | null {
  const t = text.trim();
  const clock = /^(\d{1,2}):([0-5]\d)$/.exec(t);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const decimal = /^(\d{1,2})(?:[.,](\d{1,2}))?$/.exec(t);
  if (!decimal) return null;
  return Math.round(Number(`${decimal[1]}.${decimal[2] ?? '0'}`) * 60);
}

const inRange = (minutes: number) => minutes >= PART_MINUTES_MIN && minutes <= PART_MINUTES_MAX;

/**
 * Checks the day's details form. A part day by the clock needs from before until, at least 15
 * minutes and at most 12 hours apart, and its length is derived from them; by hours, 15 minutes
 * to 12 hours. A ticket price is read only when the unit pays per ticket (`ticketAsked`), and
 * only with transport used. Every error is returned at once, each under its field.
 */
export function checkDayDetails(input: DayDetailsInput, ticketAsked: boolean): DayDetailsCheck {
  const errors: Partial<Record<DayDetailsField, DayDetailsError>> = {};
  const mode = (PART_DAY_MODES as readonly string[]).includes(input.mode) ? (input.mode as PartDayMode) : null;
  let partMinutes: number | null = null;
  let fromTime: string | null = null;
  let untilTime: string | null = null;
  if (mode === null) errors.mode = 'modeBad';
  else if (mode === 'hours') {
    if (!input.hours.trim()) errors.hours = 'hoursMissing';
    else {
      const minutes = parseHours(input.hours);
      if (minutes === null) errors.hours = 'hoursBad';
      else if (!inRange(minutes)) errors.hours = 'hoursRange';
      else partMinutes = minutes;
    }
  } else if (mode === 'clock') {
    fromTime = input.from.trim() ? parseClock(input.from) : null;
    untilTime = input.until.trim() ? parseClock(input.until) : null;
    if (!input.from.trim()) errors.from = 'fromMissing';
    else if (fromTime === null) errors.from = 'fromBad';
    if (!input.until.trim()) errors.until = 'untilMissing';
    else if (untilTime === null) errors.until = 'untilBad';
    if (fromTime && untilTime) {
      const minutes = minutesBetween(fromTime, untilTime);
      if (minutes <= 0) errors.until = 'untilBeforeFrom';
      else if (!inRange(minutes)) errors.until = 'clockRange';
      else partMinutes = minutes;
    }
  }
  let ticketCents: number | null = null;
  if (ticketAsked && input.ticket.trim()) {
    const cents = parseEurosToCents(input.ticket);
    if (cents === null || cents > TICKET_CENTS_MAX) errors.ticket = 'ticketBad';
    else if (!input.transport) errors.ticket = 'ticketNeedsTransport';
    else ticketCents = cents;
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    details: {
      partMinutes,
      fromTime: mode === 'clock' ? fromTime : null,
      untilTime: mode === 'clock' ? untilTime : null,
      late: input.late,
      transport: input.transport,
      ticketCents,
    },
  };
}

/** How the saved details were entered, to open the form again as they were. */
export function modeOf(details: Pick<DayDetails, 'partMinutes' | 'fromTime'>): PartDayMode {
  if (details.fromTime) return 'clock';
  return details.partMinutes === null ? 'full' : 'hours';
}

/** Whether anything besides a full, ordinary day was recorded. */
export function hasDayDetails(d: DayDetails): boolean {
  return d.partMinutes !== null || d.late || d.transport || d.ticketCents !== null;
}

/** Minutes as hours and minutes, for showing a part day's length ({ hours: 3, minutes: 30 }). */
export function hoursAndMinutes(minutes: number): { hours: number; minutes: number } {
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}
