import type { Database } from '../db';
import type { ClientInScope } from '../client-scope';
import { updatePerson } from '../admin/manage';
import { field } from '../forms';
import { attendanceOfMonth, changesOfMonth, clientMoneyFacts, clientStatement, isMonthApproved, REASON_MAX, recordStatus, reportedDays, scheduledWeekdays } from './store';
import { daysOfMonth, isAttendanceStatus, isIsoDate, isMonth, monthOf } from '@domain/attendance';
import { errorsUnder, type FieldErrors } from '@domain/forms/field-errors';

/**
 * A client's month for their workers and the unit's admins (worker/clients/:client/attendance):
 * the correction of a day and the meal fee, and what the page shows. A correction is a day of the
 * month shown, not in the future, with a known status; the meal fee is a change to the person,
 * audited as `change meal fee` in the client's unit whoever makes it. A correction in an approved
 * month needs a reason (at most REASON_MAX characters), which the client sees on their money page.
 */
export type ClientMonthSaved = 'saved' | 'unchanged' | 'adjusted' | 'meal';

export interface ClientMonthPage {
  month: string;
  /** 400 when a correction came back with errors. */
  status: 200 | 400;
  /** What was typed in the correction form (kept on an error). */
  typed: { day: string; status: string; reason: string };
  errors: FieldErrors;
  view: Awaited<ReturnType<typeof clientMonthView>>;
}

/** Whether the meal fee applies to the client: through updatePerson, with its audit row. Returns whether it changed. */
export async function changeMealFee(db: Database, client: Pick<ClientInScope, 'id' | 'unitId'>, mealFee: boolean, by: number, now = Date.now()): Promise<boolean> {
  const facts = await clientMoneyFacts(db, client.id);
  if (!facts) return false;
  return updatePerson(db, { id: facts.id, meal_fee: facts.meal_fee }, { meal_fee: mealFee ? 1 : 0 }, { id: by, unitId: client.unitId }, now, 'change meal fee');
}

/** What the page shows of a month: the calendar, the changes made, the statement, the meal fee. */
export async function clientMonthView(db: Database, client: ClientInScope, month: string) {
  const days = daysOfMonth(month);
  const [statuses, reports, changes, money, approved, scheduled, facts] = await Promise.all([
    attendanceOfMonth(db, client.id, month),
    reportedDays(db, client.id, days[0], days.at(-1)!),
    changesOfMonth(db, client.id, month),
    clientStatement(db, client.id, month),
    isMonthApproved(db, client.unitId, month),
    scheduledWeekdays(db, client.id),
    clientMoneyFacts(db, client.id),
  ]);
  return {
    days,
    statuses,
    /** Days the client reported absent that no one has confirmed yet. */
    reported: new Set(reports.filter((r) => !r.confirmed).map((r) => r.day)),
    changes,
    statement: money?.statement ?? null,
    approved,
    scheduledWeekdays: scheduled,
    mealFee: facts?.meal_fee === 1,
  };
}

/**
 * The page: a post (`form`; null for a read) saves and answers with where to go (the month, with
 * a notice at the form the person used), or comes back with the errors and what was typed; a
 * read shows `month`.
 */
export async function handleClientMonth(
  db: Database,
  client: ClientInScope,
  me: { id: number },
  form: FormData | null,
  month: string,
  today: string,
): Promise<{ redirect: string } | ClientMonthPage> {
  const base = `/worker/clients/${client.id}/attendance`;
  let typed = { day: '', status: '', reason: '' };
  let errors: FieldErrors = {};
  if (form) {
    if (field(form, 'action', 10) === 'meal') {
      await changeMealFee(db, client, field(form, 'meal_fee', 5) === '1', me.id);
      return { redirect: `${base}?month=${month}&saved=meal#meal-fee` };
    }
    const postedMonth = field(form, 'month', 7);
    month = isMonth(postedMonth) ? postedMonth : month;
    const day = field(form, 'day', 10);
    const status = field(form, 'status', 20);
    // Read longer than allowed, so that a too long reason is an error rather than cut silently.
    const reason = field(form, 'reason', REASON_MAX * 2).trim();
    typed = { day, status, reason };
    let error: 'badDay' | 'dayOutsideMonth' | 'futureDay' | 'badStatus' | 'reasonRequired' | 'reasonTooLong';
    if (!isIsoDate(day)) error = 'badDay';
    else if (monthOf(day) !== month) error = 'dayOutsideMonth';
    else if (day > today) error = 'futureDay';
    else if (!isAttendanceStatus(status)) error = 'badStatus';
    else if (reason.length > REASON_MAX) error = 'reasonTooLong';
    else {
      const result = await recordStatus(db, { clientId: client.id, day, status, by: me.id, reason });
      if (result !== 'reasonRequired') return { redirect: `${base}?month=${month}&saved=${result}#correct` };
      error = 'reasonRequired';
    }
    const at = error === 'badStatus' ? 'status' : error === 'reasonRequired' || error === 'reasonTooLong' ? 'reason' : 'day';
    errors = errorsUnder('staff:clientAttendance.errors', { [at]: error });
  }
  return { month, status: form ? 400 : 200, typed, errors, view: await clientMonthView(db, client, month) };
}
