import { addDays, isIsoDate } from '../attendance/month';
import { parseDayInput } from '../time/day-input';

export { parseDayInput };

/**
 * Consent rules with no I/O: who may receive a client's information, which information, for how
 * long, and what the client sees about it (current, ending soon, history). The store and the
 * pages use these; the unit tests pin them down.
 */
export const RECIPIENT_TYPES = ['housing', 'health_centre', 'te_services', 'kela', 'workplace', 'family', 'other'] as const;
export type RecipientType = (typeof RECIPIENT_TYPES)[number];

export const INFO_TYPES = ['medication', 'health', 'schedule', 'plan', 'contact'] as const;
export type InfoType = (typeof INFO_TYPES)[number];

/** "Kuinka kauan?": half a year, a year, or a day the client picks. */
export const DURATIONS = ['half_year', 'year', 'date'] as const;
export type Duration = (typeof DURATIONS)[number];

/** A consent cannot be given for longer than this: a consent is renewed, not forgotten. */
export const LONGEST_CONSENT_DAYS = 3 * 366;
/** A consent ending within this many days shows a reminder to the client and the worker. */
export const REMINDER_DAYS = 30;

export const isRecipientType = (v: unknown): v is RecipientType => typeof v === 'string' && (RECIPIENT_TYPES as readonly string[]).includes(v);
export const isInfoType = (v: unknown): v is InfoType => typeof v === 'string' && (INFO_TYPES as readonly string[]).includes(v);
export const isDuration = (v: unknown): v is Duration => typeof v === 'string' && (DURATIONS as readonly string[]).includes(v);

/** Types whose name must be written: "muu" says nothing on its own. */
export function recipientNeedsName(type: RecipientType): boolean {
  return type === 'other';
}

/** The last day of a consent of this duration given today (inclusive). */
export function endDateOf(duration: Exclude<Duration, 'date'>, today: string): string {
  const [y, m, d] = today.split('-').map(Number);
  const months = duration === 'half_year' ? 6 : 12;
  const total = m - 1 + months;
  const year = y + Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastOfMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const same = `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastOfMonth)).padStart(2, '0')}`;
  return addDays(same, -1);
}

export type EndDateProblem = 'missing' | 'invalid' | 'past' | 'tooFar';

/** Checks an end date typed or picked by a person; null when it is fine. */
export function endDateProblem(endsOn: string, today: string): EndDateProblem | null {
  if (!endsOn) return 'missing';
  if (!isIsoDate(endsOn)) return 'invalid';
  if (endsOn < today) return 'past';
  if (endsOn > addDays(today, LONGEST_CONSENT_DAYS)) return 'tooFar';
  return null;
}


export interface ConsentFacts {
  ends_on: string;
  ending_reason: 'withdrawn' | 'replaced' | null;
}

export type ConsentState = 'current' | 'ending_soon' | 'expired' | 'withdrawn' | 'replaced';

/** Where a consent stands today. A consent is valid through its end day. */
export function consentState(c: ConsentFacts, today: string): ConsentState {
  if (c.ending_reason) return c.ending_reason;
  if (c.ends_on < today) return 'expired';
  if (c.ends_on <= addDays(today, REMINDER_DAYS)) return 'ending_soon';
  return 'current';
}

export const isInForce = (state: ConsentState): boolean => state === 'current' || state === 'ending_soon';

/** Everything that happened to one consent, oldest first, for the history list. */
export type HistoryEventKind = 'given' | 'changed' | 'withdrawn' | 'expired';
export interface ConsentHistoryFacts extends ConsentFacts {
  created_at: number;
  replaces_id: number | null;
  ended_at: number | null;
}
export interface HistoryEvent {
  kind: HistoryEventKind;
  /** Milliseconds for events someone did; for expiry, the day after the last valid day. */
  at: number | string;
}

export function historyEvents(c: ConsentHistoryFacts, today: string): HistoryEvent[] {
  const events: HistoryEvent[] = [{ kind: c.replaces_id ? 'changed' : 'given', at: c.created_at }];
  if (c.ending_reason === 'withdrawn' && c.ended_at !== null) events.push({ kind: 'withdrawn', at: c.ended_at });
  else if (!c.ending_reason && c.ends_on < today) events.push({ kind: 'expired', at: addDays(c.ends_on, 1) });
  return events;
}
