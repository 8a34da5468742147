import { randomUUID } from 'node:crypto';
import type { Database } from '@server/db';
import { field } from '@server/forms';
import type { FieldErrors } from '@domain/forms/field-errors';
import { addDays, isAbsenceReason, isoWeekday, type AbsenceReason } from '@domain/attendance';
import { todayInHelsinki } from '@domain/time/helsinki';
import { createAbsenceReport, weeklySchedule } from './store';

/**
 * "Ilmoita poissaolo" in numbered steps: 1 Which day? (today, tomorrow, or pick days: 1b),
 * 2 Why? (sick, doctor, other, by picture), 3 Check, add words if you like, send. Every step is a
 * plain POST that carries the earlier answers as hidden fields, so it works without JavaScript
 * and "Takaisin" never loses a choice. The idempotency key made at the first step makes a double
 * tap or a resent form one report. Like the consent wizard (src/server/consents/wizard.ts), the
 * rules of the steps are here and the page only draws the state.
 */
export const REPORT_WORDS_MAX = 500;
/** The id of the steps' form: the page tools' language and text-size buttons carry its fields. */
export const REPORT_FORM = 'absence-report';
/** How far ahead days may be picked: the next three weeks. */
const PICKABLE_DAYS = 21;

export type ReportStep = '1' | '1b' | '2' | '3';
export type ReportError = 'pickWhen' | 'pickDays' | 'pickReason' | 'wordsTooLong';
export type ReportWhen = 'today' | 'tomorrow' | 'pick';

export interface ReportState {
  step: ReportStep;
  key: string;
  /** today, tomorrow or pick, as posted ('' before the first answer). */
  when: string;
  /** The days ticked at step 1b (only pickable ones are kept). */
  picked: string[];
  reason: string;
  words: string;
  error: ReportError | null;
  /** Days the client may pick: the next three weeks of their own schedule (or every day without one). */
  pickable: string[];
  /** The days the answers give (today, tomorrow, or the picked days). */
  days: string[];
}

/** The field each error belongs to (its control's id: the first choice of a group). */
const FIELD_OF: Record<ReportError, string> = { pickWhen: 'when', pickDays: 'day', pickReason: 'reason', wordsTooLong: 'words' };

/** The state's error as FieldErrors, for the layout's summary and the field. */
export function reportErrors(s: Pick<ReportState, 'error'>): FieldErrors {
  return s.error ? { [FIELD_OF[s.error]]: `client:report.errors.${s.error}` } : {};
}

/** Days a client may pick: the next three weeks of their weekly schedule, or every day without one. */
export function pickableDays(scheduledWeekdays: ReadonlySet<number>, today: string): string[] {
  const days: string[] = [];
  for (let d = today, n = 0; n < PICKABLE_DAYS; d = addDays(d, 1), n++) if (scheduledWeekdays.size === 0 || scheduledWeekdays.has(isoWeekday(d))) days.push(d);
  return days;
}

function daysOf(when: string, picked: string[], today: string): string[] {
  return when === 'today' ? [today] : when === 'tomorrow' ? [addDays(today, 1)] : picked;
}

export function emptyReport(pickable: string[]): ReportState {
  return { step: '1', key: randomUUID(), when: '', picked: [], reason: '', words: '', error: null, pickable, days: [] };
}

/**
 * Reads one posted step and says which step to show next, with an error when the answer is
 * missing or wrong (the same step again, every answer kept). `ready` is set when the client
 * pressed Send at step 3 and every answer holds: the handler then records the report.
 * `nav=stay` (a language or text size chosen in the middle, see preference-switch.ts) shows the
 * same step again with every answer and no error; an earlier answer that does not hold (a changed
 * form) quietly sends it back to that answer's step.
 */
export function readReportPost(form: FormData, pickable: string[], today: string): { state: ReportState; ready: { reason: AbsenceReason; words: string; days: string[] } | null } {
  const s = emptyReport(pickable);
  s.key = field(form, 'key', 100) || s.key;
  s.when = field(form, 'when', 10);
  s.picked = form.getAll('day').filter((d): d is string => typeof d === 'string' && pickable.includes(d));
  s.reason = field(form, 'reason', 10);
  s.words = field(form, 'words', REPORT_WORDS_MAX * 4).trim();
  s.days = daysOf(s.when, s.picked, today);
  const at = field(form, 'step', 3) as ReportStep;
  let ready = null;
  const nav = field(form, 'nav', 10);
  if (nav === 'stay') {
    const whenHolds = s.when === 'today' || s.when === 'tomorrow' || (s.when === 'pick' && s.picked.length > 0);
    const steps: ReportStep[] = ['1', '1b', '2', '3'];
    s.step = steps.includes(at) ? at : '1';
    if ((s.step === '2' || s.step === '3') && !whenHolds) s.step = s.when === 'pick' ? '1b' : '1';
    else if (s.step === '3' && !isAbsenceReason(s.reason)) s.step = '2';
  } else if (nav === 'back') {
    s.step = at === '3' ? '2' : at === '2' ? (s.when === 'pick' ? '1b' : '1') : '1';
  } else if (at === '1') {
    s.step = s.when === 'today' || s.when === 'tomorrow' ? '2' : s.when === 'pick' ? '1b' : '1';
    if (s.step === '1') s.error = 'pickWhen';
  } else if (at === '1b') {
    s.step = s.picked.length > 0 ? '2' : '1b';
    if (s.step === '1b') s.error = 'pickDays';
  } else if (at === '2') {
    s.step = isAbsenceReason(s.reason) ? '3' : '2';
    if (s.step === '2') s.error = 'pickReason';
  } else if (at === '3') {
    s.step = '3';
    if (s.words.length > REPORT_WORDS_MAX) s.error = 'wordsTooLong';
    // An answer lost on the way (a changed form): start again from the first step.
    else if (!isAbsenceReason(s.reason) || s.days.length === 0) s.step = '1';
    else ready = { reason: s.reason, words: s.words, days: s.days };
  }
  return { state: s, ready };
}

/**
 * The report page's one handler: the state to draw (with 400 when a step came back with an
 * error), or the id of the report just recorded (the page answers 303 to the calendar).
 */
export async function absenceReportStep(
  db: Database,
  /** The posted step, or null when the page is opened (GET). */
  form: FormData | null,
  client: { id: number; by: number },
  today = todayInHelsinki(),
): Promise<{ reported: number } | { state: ReportState; status: 200 | 400 }> {
  const schedule = await weeklySchedule(db, client.id);
  const pickable = pickableDays(new Set(schedule.map((s) => s.weekday)), today);
  if (!form) return { state: emptyReport(pickable), status: 200 };
  const { state, ready } = readReportPost(form, pickable, today);
  if (ready) {
    const id = await createAbsenceReport(db, { clientId: client.id, ...ready, key: state.key, by: client.by });
    if (id !== null) return { reported: id };
    // A key someone else used: start over with a fresh one.
    state.key = randomUUID();
    state.step = '1';
  }
  return { state, status: state.error ? 400 : 200 };
}
