import type { APIRoute } from 'astro';
import { logViews } from '@server/access';
import { approvedMonth, isMonthApproved } from '@server/attendance/store';
import { isMonth } from '@domain/attendance';
import { paymentCsv } from '@server/attendance/csv';

/**
 * An approved month as CSV for payroll (column order documented in server/attendance/csv.ts
 * and the README). Only approved months: their numbers never change, so two exports agree.
 */
export const GET: APIRoute = async ({ url, locals }) => {
  const { actor, db } = locals;
  const month = url.searchParams.get('month') ?? '';
  const unitId = actor!.person.unit_id;
  if (!isMonth(month) || unitId === null || !(await isMonthApproved(db, unitId, month))) {
    return new Response('Kuukautta ei ole hyväksytty. / The month is not approved.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const rows = await approvedMonth(db, unitId, month);
  await logViews(db, actor!.person, rows.map((r) => ({ clientId: r.client_id, basis: 'admin' as const })), 'payroll export', url.pathname);
  return new Response(paymentCsv(rows, month), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="tyoosuusraha-${month}.csv"`,
      'cache-control': 'no-store',
    },
  });
};
