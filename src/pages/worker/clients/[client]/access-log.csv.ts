import type { APIRoute } from 'astro';
import { byKey } from '@server/i18n';
import { accessLogCsv } from '@server/access-log';
import { readLogFilter } from '@server/access-log-filter';

/**
 * The access log of one client as CSV, for a data request (asiakastietolaki 703/2023 § 11; see
 * accessLogCsv). The export is itself logged.
 */
export const GET: APIRoute = async ({ url, locals }) => {
  // Access-checked by the clientInScope middleware, which logs the export after it is made.
  const clientId = locals.client.id;
  const { filter, badDates } = readLogFilter(url.searchParams);
  if (badDates.length > 0) return new Response('Päivä on väärin. / Bad date.', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return new Response(await accessLogCsv(locals.db, clientId, filter, byKey(locals.t), locals.lang), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="lokitiedot-asiakas-${clientId}.csv"`,
      'cache-control': 'no-store',
    },
  });
};
