/**
 * /admin/outbox: the unit's mails (invitations, password resets, notifications): waiting, sent,
 * failed with the reason, or not sent after all (a notification that no longer held when it was
 * checked again at sending, with the reason in words), newest first, and "Yritä uudelleen" for a failed one. Without
 * SMTP (the demo, development) the mails are .eml files, and the admin reads each one here, so
 * an invitation can be passed on by hand; with SMTP a sent mail's text is erased (its link is a
 * secret) and never shown.
 *
 * Below them the pushes to the unit's clients' own tablets (src/server/push/store.ts): the same
 * states, the reason in words, and "Yritä uudelleen" for a failed one.
 */
import type { Database } from '@server/db';
import { config } from '@server/config';
import { field } from '@server/forms';
import { logListView } from '@server/access';
import { redirectTo, refused, show, type Admin, type PageAnswer, type Posted } from '@server/admin/page-answer';
import { retryFailedPush, unitPushOutbox, type UnitPushRow } from '@server/push/store';
import { retryFailedMail, unitOutbox, type OutboxRow } from './outbox';

export interface OutboxView {
  mails: OutboxRow[];
  /** No SMTP: the mails' texts are shown (they are the demo's mailbox). */
  fileMode: boolean;
  pushes: UnitPushRow[];
  /** After "Yritä uudelleen": a mail, or a push, is on its way again. */
  notice: 'retried' | 'pushRetried' | null;
}

export async function outboxPage(db: Database, me: Admin, posted: Posted, url: URL): Promise<PageAnswer<OutboxView>> {
  const unitId = me.unit_id;
  if (unitId === null) return refused();
  if (posted) {
    const form = await posted();
    const action = field(form, 'action', 10);
    // Only a failed mail, or a failed push to a client, of the admin's own unit (the store checks both).
    if (action === 'retry') {
      const id = Number(field(form, 'mail', 20));
      if (Number.isSafeInteger(id) && (await retryFailedMail(db, unitId, id))) return redirectTo('/admin/outbox?retried=1#notice');
    } else if (action === 'retry-push') {
      const id = Number(field(form, 'push', 20));
      if (Number.isSafeInteger(id) && (await retryFailedPush(db, unitId, id))) return redirectTo('/admin/outbox?retried=push#push-notice');
    }
    return redirectTo('/admin/outbox');
  }
  const mails = await unitOutbox(db, unitId);
  const pushes = await unitPushOutbox(db, unitId);
  // A push names its client, and that it was told of a message: each client named is logged.
  await logListView(db, me, [...new Set(pushes.map((p) => p.client_id))], 'push outbox', url.pathname);
  const retried = url.searchParams.get('retried');
  return show({ mails, pushes, fileMode: config.smtpUrl === null, notice: retried === '1' ? 'retried' : retried === 'push' ? 'pushRetried' : null });
}
