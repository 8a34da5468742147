import type { Database } from '../db';
import { logViews } from '../access';
import type { SessionActor } from '../auth/session';
import { adjustmentsPaidIn, approvedStatementOf, unitSettings, type ApprovedRow } from './store';
import { isMonth, payableCents, paymentDayOf } from '@domain/attendance';

/**
 * The accountant's month statement of one client (/admin/money/statement?month=&client=): the
 * approved figures of the month as the payroll export has them, with the corrections paid in it.
 * Only an approved month of a client of the admin's own unit (anything else: null, the page
 * answers 404); the view is written to the access log.
 */
export interface AccountantStatement {
  month: string;
  row: ApprovedRow;
  unitName: string;
  costCentre: string;
  paymentDay: string;
  payableCents: number;
  adjustments: Awaited<ReturnType<typeof adjustmentsPaidIn>>;
}

export async function accountantStatement(db: Database, me: SessionActor['person'], month: string, clientParam: string | null, path: string): Promise<AccountantStatement | null> {
  const unitId = me.unit_id;
  if (unitId === null || !isMonth(month) || !/^\d{1,9}$/.test(clientParam ?? '')) return null;
  const row = await approvedStatementOf(db, unitId, month, Number(clientParam));
  if (!row) return null;
  const [unit, adjustments] = await Promise.all([unitSettings(db, unitId), adjustmentsPaidIn(db, row.client_id, month)]);
  await logViews(db, me, [{ clientId: row.client_id, basis: 'admin' }], 'month statement', path);
  return {
    month,
    row,
    unitName: unit?.name ?? '',
    costCentre: unit?.cost_centre ?? '',
    paymentDay: paymentDayOf(month, unit?.payment_day ?? 15),
    payableCents: payableCents(row.net_cents, row.transport_cents),
    adjustments,
  };
}
