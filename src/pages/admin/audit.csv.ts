import type { APIRoute } from 'astro';
import { byKey } from '@server/i18n';
import { auditCsv, readAuditFilter } from '@server/admin/audit';
import { logListView } from '@server/access';

/**
 * The unit's audit log as CSV, filtered as on /admin/audit: each row in the reader's words
 * beside its codes (semicolons and a byte order mark for Finnish Excel). The clients whose changes
 * the file holds get an access-log row each ("audit log export"): the file carries their data.
 */
export const GET: APIRoute = async ({ url, locals }) => {
  const { t, lang, actor, db } = locals;
  const unitId = actor!.person.unit_id;
  if (unitId === null) return new Response(null, { status: 403 });
  const { filter, badDates } = readAuditFilter(url.searchParams);
  if (badDates.length > 0) return new Response(t('staff:audit.badDate'), { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const { csv, clientIds } = await auditCsv(db, unitId, filter, byKey(t), lang);
  await logListView(db, actor!.person, clientIds, 'audit log export', url.pathname);
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="muutosloki-yksikko-${unitId}.csv"`,
      'cache-control': 'no-store',
    },
  });
};
