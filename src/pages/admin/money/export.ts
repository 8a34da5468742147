import type { APIRoute } from 'astro';
import { logViews } from '@server/access';
import { approvedMonth, isMonthApproved, unitSettings } from '@server/attendance/store';
import { isMonth } from '@domain/attendance';
import { isPayrollRow, paymentCsv } from '@server/attendance/csv';

/**
 * An approved month as CSV for payroll (columns documented in server/attendance/csv.ts and the
 * README). Only approved months: their numbers never change, so two exports agree. Euros with a
 * decimal comma; `?cents=1` gives integer cents instead.
 */
export const GET: APIRoute = async ({ url, locals }) => {
  const { actor, db } = locals;
  const month = url.searchParams.get('month') ?? '';
  const cents = url.searchParams.get('cents') === '1';
  const unitId = actor!.person.unit_id;
  if (!isMonth(month) || unitId === null || !(await isMonthApproved(db, unitId, month))) {
    return new Response('Kuukautta ei ole hyväksytty. / The month is not approved.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const [rows, unit] = await Promise.all([approvedMonth(db, unitId, month), unitSettings(db, unitId)]);
  const inFile = rows.filter(isPayrollRow);
  await logViews(db, actor!.person, inFile.map((r) => ({ clientId: r.client_id, basis: 'admin' as const })), 'payroll export', url.pathname);
  return new Response(paymentCsv(rows, month, { cost_centre: unit?.cost_centre ?? '', payment_day: unit?.payment_day ?? 15 }, cents ? 'cents' : 'euros'), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="tyoosuusraha-${month}${cents ? '-sentit' : ''}.csv"`,
      'cache-control': 'no-store',
    },
  });
};
