/**
 * /admin/outbox: the unit's mails (invitations, password resets, notifications): waiting, sent,
 * failed with the reason, or not sent after all (a notification that no longer held when it was
 * checked again at sending, with the reason in words), newest first, and "Yritä uudelleen" for a failed one. Without
 * SMTP (the demo, development) the mails are .eml files, and the admin reads each one here, so
 * an invitation can be passed on by hand; with SMTP a sent mail's text is erased (its link is a
 * secret) and never shown.
 */
import type { Database } from '@server/db';
import { config } from '@server/config';
import { field } from '@server/forms';
import { redirectTo, refused, show, type Admin, type PageAnswer, type Posted } from '@server/admin/page-answer';
import { retryFailedMail, unitOutbox, type OutboxRow } from './outbox';

export interface OutboxView {
  mails: OutboxRow[];
  /** No SMTP: the mails' texts are shown (they are the demo's mailbox). */
  fileMode: boolean;
  notice: 'retried' | null;
}

export async function outboxPage(db: Database, me: Admin, posted: Posted, url: URL): Promise<PageAnswer<OutboxView>> {
  const unitId = me.unit_id;
  if (unitId === null) return refused();
  if (posted) {
    const form = await posted();
    const id = Number(field(form, 'mail', 20));
    // Only a failed mail of the admin's own unit (retryFailedMail checks both).
    if (field(form, 'action', 10) === 'retry' && Number.isInteger(id) && (await retryFailedMail(db, unitId, id))) return redirectTo('/admin/outbox?retried=1#notice');
    return redirectTo('/admin/outbox');
  }
  const mails = await unitOutbox(db, unitId);
  return show({ mails, fileMode: config.smtpUrl === null, notice: url.searchParams.get('retried') === '1' ? 'retried' : null });
}
