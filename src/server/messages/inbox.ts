import type { Database } from '@server/db';
import type { SessionActor } from '@server/auth/session';
import { logListView } from '@server/access';
import { unconfirmedReportsOf } from '@server/attendance/store';
import { todayInHelsinki } from '@domain/time/helsinki';
import { inbox, type InboxRow } from './store';

/**
 * The staff inbox (/worker/messages): the conversations of the worker's clients (an admin: of the
 * unit's clients) and their reported absences not yet confirmed. The start of each latest message
 * and the reading needs are the clients' data, so every client listed gets an access-log row.
 */
export async function staffInbox(
  db: Database,
  reader: SessionActor['person'],
  path: string,
  today = todayInHelsinki(),
): Promise<{ rows: InboxRow[]; reports: Awaited<ReturnType<typeof unconfirmedReportsOf>> }> {
  const rows = await inbox(db, reader, today);
  const ids = rows.map((r) => r.client_id);
  await logListView(db, reader, ids, 'inbox', path, today);
  return { rows, reports: await unconfirmedReportsOf(db, ids, today) };
}
