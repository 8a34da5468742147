/**
 * The outbox's SQL: queue a mail inside the transaction of its cause, pick the due ones, and
 * record each attempt. The sender loop (./sender.ts) is the only one that sends.
 */
import type { Database, Tx } from '@server/db';
import type { Lang } from '@domain/language';

export interface OutgoingMail {
  /** The cause's own key: queueing the same key again is a no-op (one cause, one mail). */
  key: string;
  unitId: number | null;
  recipientId: number | null;
  to: string;
  language: Lang;
  /** What kind of mail ('invitation', 'password-reset', …): the outbox page says it in words. */
  kind: string;
  subject: string;
  text: string;
  html?: string;
  /**
   * What to check again just before the mail is sent (a notification: is the link still there?),
   * for the sender's check (SenderOptions.beforeSend); none for a mail that always goes.
   */
  recheck?: Record<string, unknown>;
}

export interface OutboxRow {
  id: number;
  mail_key: string;
  unit_id: number | null;
  recipient_id: number | null;
  to_address: string;
  language: Lang;
  kind: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: 'waiting' | 'sent' | 'failed' | 'dropped';
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  delivered_via: 'smtp' | 'file' | null;
  body_erased: number;
  sent_at: number | null;
  created_at: number;
  recheck: string | null;
  /** Why a notification was not sent after all (checked again at sending), for the outbox page. */
  dropped_reason: string | null;
}

/**
 * Writes the mail in the caller's transaction, so it exists exactly when its cause does: a
 * rolled-back change leaves no mail, a committed one always has its mail. Answers whether a new
 * mail was queued (false: this key was queued before).
 */
export async function queueMail(tx: Tx, mail: OutgoingMail, now = Date.now()): Promise<boolean> {
  const { changes } = await tx.run(
    `INSERT INTO outbox (mail_key, unit_id, recipient_id, to_address, language, kind, subject, text_body, html_body, next_attempt_at, created_at, recheck)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (mail_key) DO NOTHING`,
    [mail.key, mail.unitId, mail.recipientId, mail.to, mail.language, mail.kind, mail.subject, mail.text, mail.html ?? null, now, now, mail.recheck ? JSON.stringify(mail.recheck) : null],
  );
  if (changes > 0) afterCommitWake?.();
  return changes > 0;
}

let afterCommitWake: (() => void) | null = null;
/** The running sender asks to be woken when a mail is queued (it then looks after the commit). */
export function onMailQueued(wake: (() => void) | null): void {
  afterCommitWake = wake;
}

/** Due mails, oldest first. */
export function dueMails(db: Database, now: number, limit = 20): Promise<OutboxRow[]> {
  return db.all<OutboxRow>(`SELECT * FROM outbox WHERE status = 'waiting' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`, [now, limit]);
}

/** When the next waiting mail is due (to sleep until then), or null with nothing waiting. */
export async function nextDueAt(db: Database): Promise<number | null> {
  const row = await db.get<{ at: number | null }>(`SELECT min(next_attempt_at) AS at FROM outbox WHERE status = 'waiting'`);
  return row?.at ?? null;
}

/**
 * Takes a due mail for one attempt: moves its next attempt `leaseMs` ahead, only if nobody else
 * did so first. A second sender (another app server, or this one's next tick) then skips it, and
 * if this process dies mid-send the mail is due again when the lease ends.
 */
export async function claimMail(db: Database, row: OutboxRow, now: number, leaseMs: number): Promise<boolean> {
  const { changes } = await db.write((tx) =>
    tx.run(`UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND status = 'waiting' AND next_attempt_at = ?`, [now + leaseMs, row.id, row.next_attempt_at]),
  );
  return changes === 1;
}

/** Sent. Over SMTP the body is erased: a link in it is a secret that now lives only in the mail. */
export function markSent(db: Database, id: number, via: 'smtp' | 'file', now = Date.now()): Promise<unknown> {
  return db.write((tx) =>
    tx.run(
      `UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, delivered_via = ?, last_error = NULL,
         text_body = CASE WHEN ? = 'smtp' THEN '' ELSE text_body END,
         html_body = CASE WHEN ? = 'smtp' THEN NULL ELSE html_body END,
         body_erased = CASE WHEN ? = 'smtp' THEN 1 ELSE 0 END
       WHERE id = ?`,
      [now, via, via, via, via, id],
    ),
  );
}

/**
 * Not sent after all: what the mail tells no longer holds for its recipient (checked again just
 * before sending). Final, with the reason; the body stays (a notification holds no secret).
 */
export function markDropped(db: Database, id: number, reason: string): Promise<unknown> {
  return db.write((tx) => tx.run(`UPDATE outbox SET status = 'dropped', dropped_reason = ? WHERE id = ? AND status = 'waiting'`, [reason, id]));
}

/** A failed attempt: tried again at `retryAt`, or failed for good when that is null. */
export function markAttemptFailed(db: Database, id: number, error: string, retryAt: number | null): Promise<unknown> {
  return db.write((tx) =>
    retryAt === null
      ? tx.run(`UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?`, [error, id])
      : tx.run(`UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?`, [error, retryAt, id]),
  );
}

/** An admin's "Yritä uudelleen" on a failed mail of their unit: due at once, attempts from zero. */
export async function retryFailedMail(db: Database, unitId: number, id: number, now = Date.now()): Promise<boolean> {
  const { changes } = await db.write((tx) =>
    tx.run(`UPDATE outbox SET status = 'waiting', attempts = 0, next_attempt_at = ? WHERE id = ? AND unit_id = ? AND status = 'failed'`, [now, id, unitId]),
  );
  if (changes > 0) afterCommitWake?.();
  return changes > 0;
}

/** The unit's mails for the outbox page, newest first. */
export function unitOutbox(db: Database, unitId: number, limit = 100): Promise<OutboxRow[]> {
  return db.all<OutboxRow>(`SELECT * FROM outbox WHERE unit_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`, [unitId, limit]);
}
