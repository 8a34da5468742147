import type { APIRoute } from 'astro';
import { accessLogForStaff } from '@server/access-log';
import { readLogFilter } from '@server/access-log-filter';
import { csvDocument } from '@server/csv';

/**
 * The access log of one client as CSV, for a data request (asiakastietolaki 703/2023 § 11):
 * every matching row, oldest first, times in UTC ISO 8601 and in Helsinki time. The export is
 * itself logged.
 */
export const LOG_CSV_COLUMNS = ['time_utc', 'time_helsinki', 'viewer_id', 'viewer_name', 'viewer_role', 'basis', 'topic', 'action', 'path'] as const;

const helsinki = new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki', dateStyle: 'short', timeStyle: 'medium' });

export const GET: APIRoute = async ({ url, locals }) => {
  const { db } = locals;
  // Access-checked by the clientInScope middleware, which logs the export after it is made.
  const clientId = locals.client.id;
  const { filter, badDates } = readLogFilter(url.searchParams);
  if (badDates.length > 0) return new Response('Päivä on väärin. / Bad date.', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const rows = (await accessLogForStaff(db, clientId, filter, null)).reverse();
  const body = csvDocument(
    LOG_CSV_COLUMNS,
    rows.map((r) => [new Date(r.at).toISOString(), helsinki.format(r.at), r.actor_id, r.actor_name, r.actor_role, r.basis, r.topic, r.action, r.path]),
  );
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="lokitiedot-asiakas-${clientId}.csv"`,
      'cache-control': 'no-store',
    },
  });
};
