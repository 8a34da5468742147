import type { Database } from '@server/db';
import type { SessionActor } from '@server/auth/session';
import { logViews, relationTo, relationsTo, type AccessBasis } from '@server/access';
import { field } from '@server/forms';
import { addDays, isAttendanceStatus, isIsoDate, isoWeekday } from '@domain/attendance';
import { confirmReportedDay, dailyRegister, recordStatus, type RegisterRow } from './store';

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

/** What a tap did: where to go next (303), or why it was refused, with the message's key. */
export type RegisterTap =
  | { done: 'saved' | 'unchanged' | 'adjusted' | 'confirmed'; clientId: number; day: string }
  | { status: 400 | 403 | 409; error: 'forbidden' | 'badDay' | 'cannotConfirm' | 'badStatus' | 'needsReason' };

/** One posted tap of the register: a status for a client's day, or the confirmation of a reported day. */
export async function tapRegister(db: Database, me: SessionActor['person'], form: FormData, today: string): Promise<RegisterTap> {
  const clientId = Number(field(form, 'client', 20));
  const day = field(form, 'day', 10);
  const status = field(form, 'status', 20);
  const reportId = Number(field(form, 'report', 20));
  // The id comes from the form: only a client this person works with, or of the admin's unit.
  const basis = Number.isInteger(clientId) ? await relationTo(db, me, clientId) : null;
  if (basis !== 'named_worker' && basis !== 'substitute' && basis !== 'admin') return { status: 403, error: 'forbidden' };
  if (!isIsoDate(day) || day > addDays(today, DAYS_AHEAD)) return { status: 400, error: 'badDay' };
  if (field(form, 'action', 10) === 'confirm') {
    if (Number.isInteger(reportId) && (await confirmReportedDay(db, clientId, reportId, day, me.id))) return { done: 'confirmed', clientId, day };
    return { status: 409, error: 'cannotConfirm' };
  }
  if (!isAttendanceStatus(status)) return { status: 400, error: 'badStatus' };
  const done = await recordStatus(db, { clientId, day, status, by: me.id });
  // A day of an approved month is corrected on the client's month page, where the reason is asked.
  if (done === 'reasonRequired') return { status: 409, error: 'needsReason' };
  return { done, clientId, day };
}
