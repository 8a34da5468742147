import type { Database } from '@server/db';
import type { SessionActor } from '@server/auth/session';
import { logViews, relationTo, relationsTo, type AccessBasis } from '@server/access';
import { field } from '@server/forms';
import { postedFormKey } from '@server/admin/form-keys';
import { addDays, checkDayDetails, isAttendanceStatus, isIsoDate, isoWeekday, type DayDetailsField, type DayDetailsError, type DayDetailsInput } from '@domain/attendance';
import { clientMoneyFacts, confirmReportedDay, dailyRegister, recordStatus, unitClients, type RegisterRow } from './store';
import { addToRegisterDay, markAllPresent, saveDayDetails, transportKindOn } from './register-store';

/**
 * The daily register's handlers (/worker/register): the day's rows a worker or admin may see,
 * and one tap (a status or the confirmation of a reported day) on one client's row.
 */

/** The furthest day ahead the register opens or takes a mark for. */
const DAYS_AHEAD = 31;

/** The day asked for in the address, or today (a day too far ahead is today too). */
export function registerDay(requested: string | null, today: string): string {
  return requested && isIsoDate(requested) && requested <= addDays(today, DAYS_AHEAD) ? requested : today;
}

/**
 * The unit's register of the day, only the clients this person may see (the clients a worker
 * works with; an admin sees the whole unit), their relation asked once for all rows. Every client
 * shown is a view of their data and is logged.
 */
export async function registerOfDay(db: Database, me: SessionActor['person'], day: string, path: string): Promise<RegisterRow[]> {
  if (me.unit_id === null) return [];
  const everyone = await dailyRegister(db, me.unit_id, day, isoWeekday(day));
  const bases = await relationsTo(db, me, everyone.map((row) => row.id));
  const allowed: { row: RegisterRow; basis: AccessBasis }[] = [];
  for (const row of everyone) {
    const basis = bases.get(row.id);
    if (basis) allowed.push({ row, basis });
  }
  await logViews(db, me, allowed.map((a) => ({ clientId: a.row.id, basis: a.basis })), 'daily register', path);
  return allowed.map((a) => a.row);
}

/**
 * The clients this person may add to the day: their own clients (an admin: the unit's active
 * clients) who are not on the day's list yet, by name.
 */
export async function addableClients(db: Database, me: SessionActor['person'], rows: readonly RegisterRow[]): Promise<{ id: number; full_name: string }[]> {
  if (me.unit_id === null) return [];
  const listed = new Set(rows.map((row) => row.id));
  const candidates = (await unitClients(db, me.unit_id)).filter((c) => !listed.has(c.id));
  const bases = await relationsTo(db, me, candidates.map((c) => c.id));
  return candidates.filter((c) => isStaffBasis(bases.get(c.id))).map((c) => ({ id: c.id, full_name: c.full_name }));
}

/** What a tap did: where to go next (303), or why it was refused, with the message's key. */
export type RegisterTap =
  | { done: 'saved' | 'unchanged' | 'adjusted' | 'confirmed' | 'added' | 'details'; clientId: number; day: string }
  | { done: 'allPresent'; marked: number; day: string }
  | {
      status: 400 | 403 | 409;
      error: 'forbidden' | 'badDay' | 'cannotConfirm' | 'badStatus' | 'needsReason' | 'allPresentApproved' | 'formUsed' | 'detailsNotPresent' | 'detailsApproved';
    }
  /** The add form sent without a client chosen. */
  | { status: 400; addError: 'chooseClient' }
  /** The day's details form with errors: the row's form opens again with what was typed. */
  | { status: 400; detailsOf: number; values: DayDetailsInput; codes: Partial<Record<DayDetailsField, DayDetailsError>> };

const isStaffBasis = (basis: AccessBasis | null | undefined) => basis === 'named_worker' || basis === 'substitute' || basis === 'admin';

/** The day's details form as typed. */
export function detailsInput(form: FormData): DayDetailsInput {
  const flags = form.getAll('flags').map(String);
  return {
    mode: field(form, 'mode', 10),
    hours: field(form, 'hours', 20),
    from: field(form, 'from', 10),
    until: field(form, 'until', 10),
    late: flags.includes('late'),
    transport: flags.includes('transport'),
    ticket: field(form, 'ticket', 20),
  };
}

/**
 * One posted tap of the register: a status for a client's day, the confirmation of a reported
 * day, "Kaikki paikalla" for the whole day, a client added to the day, or a day's details.
 */
export async function tapRegister(db: Database, me: SessionActor['person'], form: FormData, today: string): Promise<RegisterTap> {
  const action = field(form, 'action', 20);
  const day = field(form, 'day', 10);
  if (action === 'allPresent') {
    if (me.unit_id === null) return { status: 403, error: 'forbidden' };
    if (!isIsoDate(day) || day > addDays(today, DAYS_AHEAD)) return { status: 400, error: 'badDay' };
    // Only the day's clients this person may see: a worker marks their own, an admin the unit's.
    const everyone = await dailyRegister(db, me.unit_id, day, isoWeekday(day));
    const bases = await relationsTo(db, me, everyone.map((row) => row.id));
    const clientIds = everyone.filter((row) => isStaffBasis(bases.get(row.id))).map((row) => row.id);
    const result = await markAllPresent(db, { unitId: me.unit_id, day, clientIds, key: postedFormKey(form), by: me.id });
    if (result === 'approved') return { status: 409, error: 'allPresentApproved' };
    if (result === 'formUsed') return { status: 409, error: 'formUsed' };
    return { done: 'allPresent', marked: result.marked, day };
  }
  const clientText = field(form, 'client', 20);
  if (action === 'add' && clientText === '') return { status: 400, addError: 'chooseClient' };
  const clientId = Number(clientText);
  // The id comes from the form: only a client this person works with, or of the admin's unit.
  const basis = clientText && Number.isSafeInteger(clientId) ? await relationTo(db, me, clientId) : null;
  if (!isStaffBasis(basis)) return { status: 403, error: 'forbidden' };
  if (!isIsoDate(day) || day > addDays(today, DAYS_AHEAD)) return { status: 400, error: 'badDay' };
  if (action === 'add') {
    await addToRegisterDay(db, { clientId, day, by: me.id });
    return { done: 'added', clientId, day };
  }
  if (action === 'details') {
    const client = await clientMoneyFacts(db, clientId);
    if (!client) return { status: 403, error: 'forbidden' };
    const values = detailsInput(form);
    const checked = checkDayDetails(values, (await transportKindOn(db, client.unit_id, day)) === 'per_ticket');
    if ('errors' in checked) return { status: 400, detailsOf: clientId, values, codes: checked.errors };
    const saved = await saveDayDetails(db, { clientId, unitId: client.unit_id, day, details: checked.details, by: me.id });
    if (saved === 'notPresent') return { status: 409, error: 'detailsNotPresent' };
    if (saved === 'approved') return { status: 409, error: 'detailsApproved' };
    return { done: 'details', clientId, day };
  }
  const status = field(form, 'status', 20);
  const reportId = Number(field(form, 'report', 20));
  if (action === 'confirm') {
    if (Number.isSafeInteger(reportId) && (await confirmReportedDay(db, clientId, reportId, day, me.id))) return { done: 'confirmed', clientId, day };
    return { status: 409, error: 'cannotConfirm' };
  }
  if (!isAttendanceStatus(status)) return { status: 400, error: 'badStatus' };
  const done = await recordStatus(db, { clientId, day, status, by: me.id });
  // A day of an approved month is corrected on the client's month page, where the reason is asked.
  if (done === 'reasonRequired') return { status: 409, error: 'needsReason' };
  return { done, clientId, day };
}
