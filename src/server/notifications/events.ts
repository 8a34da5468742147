/**
 * Notifications written in the same transaction as their cause (issue 17, point 5): a client's
 * message (a worker who chose "at once"), a worker's reply (the client's family), an absence
 * report (workers who chose "at once", and family with the client's consent). The mail exists
 * exactly when its cause does: a rolled-back message leaves no mail, a committed one always has
 * its mail waiting in the outbox. What is due later ("after an hour", the summaries, something
 * that happened on a day off) is the scheduler's (./scheduler.ts), with the same ledger, so a
 * cause is told once whichever of the two gets to it.
 */
import type { Tx } from '@server/db';
import { backgroundBaseUrl } from '@server/mail/links';
import { dueAt, isSoonAbsence } from '@domain/notifications/schedule';
import { consentCoversFamilyMember, levelSeesAbsences } from '@domain/notifications/family';
import { helsinkiMoment } from '@domain/time/helsinki';
import { clientOfConversation, episodeOf, familyOfClient, familyScheduleConsents, tell, unreadReplyTold, workersOfClient } from './store';
import { queueMessagePushes } from '@server/push/store';
import { familyAbsenceMail, familyMessageMail, workerAbsenceMail, workerMessageMail } from './mails';

/** The mail key of a notification told on its own: one per cause and recipient. */
export const singleKey = (personId: number, cause: string): string => `notify-${personId}-${cause}`;

/**
 * A message was just written in a conversation (inside the transaction that wrote it). From the
 * client's side: the workers who chose "at once" are told of the wait, once per wait (its first
 * message names it). From a worker: the client's family members are told of the reply, and the
 * client's own tablet gets a push.
 */
export async function afterMessage(
  tx: Tx,
  message: { id: number; conversationId: number; senderId: number; fromClientSide: boolean; kind: string },
  now: number,
): Promise<void> {
  if (message.kind === 'system') return;
  const today = helsinkiMoment(now).date;
  const base = backgroundBaseUrl();
  if (message.fromClientSide) {
    // The episode names the client too: one query less in every send (issue 19: each query is a
    // trip to SQLite's thread and back, about 50 µs of CPU).
    const episode = await episodeOf(tx, message.conversationId);
    if (!episode) return;
    const clientId = episode.client_id;
    const cause = `message:${episode.first_id}`;
    for (const worker of await workersOfClient(tx, clientId, today)) {
      const { messages, times } = worker.settings;
      if (messages !== 'now' && messages !== 'hour') continue;
      const due = dueAt(episode.since, messages, times);
      if (due === null || due > now) continue;
      const key = singleKey(worker.id, cause);
      await tell(tx, [{ personId: worker.id, cause, kind: 'message', clientId, refId: episode.first_id }], workerMessageMail(worker, key, base, messages === 'hour', { check: 'staff', person: worker.id, client: clientId, message: episode.first_id }), now);
    }
    return;
  }
  const clientId = await clientOfConversation(tx, message.conversationId);
  if (clientId === undefined) return;
  // The client's own tablet, if they said yes there: "Sinulle on uusi viesti." (Web Push).
  await queueMessagePushes(tx, clientId, message.id, now);
  const cause = `reply:${message.id}`;
  for (const family of await familyOfClient(tx, clientId, today)) {
    if (family.settings.messages === 'off') continue;
    // One mail until the reply told before has been read: three answers in a row are one mail.
    if (await unreadReplyTold(tx, family.id, clientId)) continue;
    const key = singleKey(family.id, cause);
    await tell(tx, [{ personId: family.id, cause, kind: 'family_message', clientId, refId: message.id }], familyMessageMail(family, key, base, { check: 'family', person: family.id, client: clientId }), now);
  }
}

/**
 * An absence report was just made (inside its transaction). Workers who chose "at once" are
 * told of a report for today or the next working day; the client's family members whose link
 * shows attendance are told of any report, but only with the client's consent in force. Nobody
 * is told of their own report.
 */
export async function afterAbsenceReport(tx: Tx, report: { id: number; clientId: number; days: readonly string[]; reportedBy: number }, now: number): Promise<void> {
  const today = helsinkiMoment(now).date;
  const base = backgroundBaseUrl();
  const cause = `absence:${report.id}`;
  if (isSoonAbsence(report.days, today)) {
    for (const worker of await workersOfClient(tx, report.clientId, today)) {
      if (worker.id === report.reportedBy || worker.settings.absences !== 'now') continue;
      const due = dueAt(now, 'now', worker.settings.times);
      if (due === null || due > now) continue;
      const key = singleKey(worker.id, cause);
      await tell(tx, [{ personId: worker.id, cause, kind: 'absence', clientId: report.clientId, refId: report.id }], workerAbsenceMail(worker, key, base, { check: 'staff', person: worker.id, client: report.clientId, report: report.id }), now);
    }
  }
  const family = (await familyOfClient(tx, report.clientId, today)).filter((f) => f.id !== report.reportedBy && f.settings.absences !== 'off' && levelSeesAbsences(f.level));
  if (family.length === 0) return;
  const consents = await familyScheduleConsents(tx, report.clientId, today);
  for (const member of family) {
    if (!consentCoversFamilyMember(consents, member)) continue;
    const key = singleKey(member.id, cause);
    await tell(tx, [{ personId: member.id, cause, kind: 'family_absence', clientId: report.clientId, refId: report.id }], familyAbsenceMail(member, key, base, { check: 'family_absence', person: member.id, client: report.clientId, report: report.id }), now);
  }
}
