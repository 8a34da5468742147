import type { Database } from '../db';
import { logViews } from '../access';
import type { SessionActor } from '../auth/session';
import { adjustmentsPaidIn, approvedStatementOf, computeStatements, unitClients, unitSettings, type ApprovedRow } from './store';
import { isMonth, payableCents, paymentDayOf } from '@domain/attendance';

/**
 * The accountant's month statement of one client (/admin/money/statement?month=&client=): the
 * approved figures of the month as the payroll export has them, with the corrections paid in it;
 * a month not approved yet shows the figures as they are now, marked so. Only a client of the
 * admin's own unit (anything else: null, the page answers 404); the view is written to the
 * access log.
 */
export interface AccountantStatement {
  month: string;
  /** False: the month is not approved, and the figures may still change. */
  approved: boolean;
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
  const clientId = Number(clientParam);
  let row = await approvedStatementOf(db, unitId, month, clientId);
  const approved = row !== undefined;
  if (!row) {
    const client = (await unitClients(db, unitId)).find((c) => c.id === clientId);
    if (!client) return null;
    const s = (await computeStatements(db, unitId, [client], month)).get(clientId)!;
    row = {
      client_id: clientId,
      full_name: client.full_name,
      asiakasnumero: client.asiakasnumero,
      present_days: s.presentDays,
      paid_holiday_days: s.paidHolidayDays,
      gross_cents: s.grossCents,
      meal_fee_cents: s.mealFeeCents,
      adjustments_cents: s.adjustmentsCents,
      net_cents: s.netCents,
      transport_cents: s.transportCents,
    };
  }
  const [unit, adjustments] = await Promise.all([unitSettings(db, unitId), adjustmentsPaidIn(db, row.client_id, month)]);
  await logViews(db, me, [{ clientId: row.client_id, basis: 'admin' }], 'month statement', path);
  return {
    month,
    approved,
    row,
    unitName: unit?.name ?? '',
    costCentre: unit?.cost_centre ?? '',
    paymentDay: paymentDayOf(month, unit?.payment_day ?? 15),
    payableCents: payableCents(row.net_cents, row.transport_cents),
    adjustments,
  };
}
