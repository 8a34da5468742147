/**
 * All SQL of Web Push (issue 17, point 3): the portal's VAPID keys, the client's subscriptions
 * (each tied to the remembered session it was given in), and the push outbox, which works as the
 * mail outbox does (src/server/mail/outbox.ts): queued in the cause's transaction, taken with a
 * lease, tried again with growing delays, checked once more before sending.
 */
import webpush from 'web-push';
import type { Database, Tx } from '@server/db';
import { tFor } from '@server/i18n';
import type { Lang } from '@domain/language';
import type { PushPayload } from '@domain/push/delivery';

/** Reads of a database or of a transaction. */
type Q = Pick<Database, 'get' | 'all'> | Tx;

// ── Keys ────────────────────────────────────────────────────────────────────────────────────

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

let cachedKeys: { db: Database; keys: VapidKeys } | null = null;

/**
 * The portal's VAPID keys: made at the first start and kept in the database. Two servers that
 * start at once both try to write them; the first insert wins and both read the same row.
 */
export async function vapidKeys(db: Database, now = Date.now()): Promise<VapidKeys> {
  if (cachedKeys?.db === db) return cachedKeys.keys;
  const read = () => db.get<{ public_key: string; private_key: string }>('SELECT public_key, private_key FROM push_keys WHERE id = 1');
  let row = await read();
  if (!row) {
    const made = webpush.generateVAPIDKeys();
    await db.write((tx) => tx.run('INSERT INTO push_keys (id, public_key, private_key, created_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING', [made.publicKey, made.privateKey, now]));
    row = await read();
  }
  if (!row) throw new Error('The VAPID keys could not be kept in the database.');
  const keys = { publicKey: row.public_key, privateKey: row.private_key };
  cachedKeys = { db, keys };
  return keys;
}

// ── Subscriptions ───────────────────────────────────────────────────────────────────────────

export interface NewSubscription {
  personId: number;
  sessionId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/**
 * Keeps a browser's subscription for this person and session. The same browser subscribing
 * again (a new sign-in on the same tablet gives the same endpoint) takes the row over: the
 * endpoint is this browser's, and whoever is signed in on it now is who it tells.
 */
export async function saveSubscription(db: Database, s: NewSubscription, now = Date.now()): Promise<void> {
  await db.write((tx) =>
    tx.run(
      `INSERT INTO push_subscriptions (person_id, session_id, endpoint, p256dh, auth, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (endpoint) DO UPDATE SET person_id = excluded.person_id, session_id = excluded.session_id, p256dh = excluded.p256dh,
         auth = excluded.auth, created_at = excluded.created_at, ended_at = NULL, ended_reason = NULL`,
      [s.personId, s.sessionId, s.endpoint, s.p256dh, s.auth, now],
    ),
  );
}

/** "En halua ilmoituksia": ends this session's subscriptions. Answers how many ended. */
export async function endSessionSubscriptions(db: Database, personId: number, sessionId: string, now = Date.now()): Promise<number> {
  const { changes } = await db.write((tx) =>
    tx.run("UPDATE push_subscriptions SET ended_at = ?, ended_reason = 'turned_off' WHERE person_id = ? AND session_id = ? AND ended_at IS NULL", [now, personId, sessionId]),
  );
  return changes;
}

/** Whether this session has a subscription in force (the page then offers to turn it off). */
export async function sessionSubscribed(q: Q, personId: number, sessionId: string): Promise<boolean> {
  return (await q.get('SELECT 1 FROM push_subscriptions WHERE person_id = ? AND session_id = ? AND ended_at IS NULL', [personId, sessionId])) !== undefined;
}

export type SubscriptionEnd = 'turned_off' | 'session_ended' | 'gone';

export async function endSubscription(db: Database, id: number, reason: SubscriptionEnd, now = Date.now()): Promise<void> {
  await db.write((tx) => tx.run('UPDATE push_subscriptions SET ended_at = ?, ended_reason = ? WHERE id = ? AND ended_at IS NULL', [now, reason, id]));
}

// ── Queueing ────────────────────────────────────────────────────────────────────────────────

/** A subscription pushed to only while its session is a remembered one that has not ended. */
const LIVE_SESSION = `EXISTS (SELECT 1 FROM sessions s WHERE s.id = ps.session_id AND s.person_id = ps.person_id AND s.kind = 'remembered'
  AND s.expires_at > ? AND s.absolute_expires_at > ?)`;

export function messagePayload(language: Lang): PushPayload {
  const t = tFor(language);
  return { title: t('client:push.title'), body: t('client:push.newMessage'), icon: '/icons/messages-192.png', url: '/client/messages', tag: 'omapolku-message' };
}

/**
 * A worker wrote to the client (inside the transaction that wrote the message): one push to each
 * of the client's subscriptions in force on a remembered session, in the client's language. As
 * the family's mail: while a message pushed before is still unread, a new one adds no push
 * (three answers in a row are one "Sinulle on uusi viesti."). Answers how many were queued.
 */
export async function queueMessagePushes(tx: Tx, clientId: number, messageId: number, now: number): Promise<number> {
  const subscriptions = await tx.all<{ id: number; language: Lang }>(
    `SELECT ps.id, p.language FROM push_subscriptions ps JOIN people p ON p.id = ps.person_id AND p.role = 'client' AND p.active = 1
      WHERE ps.person_id = ? AND ps.ended_at IS NULL AND ${LIVE_SESSION}
        AND NOT EXISTS (SELECT 1 FROM push_outbox o JOIN messages m ON m.id = o.message_id
                         WHERE o.subscription_id = ps.id AND o.status IN ('waiting', 'sent') AND m.read_at IS NULL)
      ORDER BY ps.id`,
    [clientId, now, now],
  );
  let queued = 0;
  for (const s of subscriptions) {
    const { changes } = await tx.run(
      `INSERT INTO push_outbox (push_key, subscription_id, person_id, message_id, payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (push_key) DO NOTHING`,
      [`push-${s.id}-message:${messageId}`, s.id, clientId, messageId, JSON.stringify(messagePayload(s.language)), now, now],
    );
    queued += changes;
  }
  if (queued > 0) afterCommitWake?.();
  return queued;
}

let afterCommitWake: (() => void) | null = null;
/** The running push sender asks to be woken when a push is queued. */
export function onPushQueued(wake: (() => void) | null): void {
  afterCommitWake = wake;
}

// ── Sending ─────────────────────────────────────────────────────────────────────────────────

export interface PushRow {
  id: number;
  push_key: string;
  subscription_id: number;
  person_id: number;
  message_id: number | null;
  payload: string;
  status: 'waiting' | 'sent' | 'failed' | 'dropped';
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  dropped_reason: string | null;
  sent_at: number | null;
  created_at: number;
  endpoint: string;
  p256dh: string;
  auth: string;
}

const ROW = `SELECT o.*, ps.endpoint, ps.p256dh, ps.auth FROM push_outbox o JOIN push_subscriptions ps ON ps.id = o.subscription_id`;

export function duePushes(db: Database, now: number, limit = 20): Promise<PushRow[]> {
  return db.all<PushRow>(`${ROW} WHERE o.status = 'waiting' AND o.next_attempt_at <= ? ORDER BY o.next_attempt_at, o.id LIMIT ?`, [now, limit]);
}

export async function nextPushDueAt(db: Database): Promise<number | null> {
  const row = await db.get<{ at: number | null }>(`SELECT min(next_attempt_at) AS at FROM push_outbox WHERE status = 'waiting'`);
  return row?.at ?? null;
}

/** Takes a due push for one attempt (as claimMail: a lease, only if nobody took it first). */
export async function claimPush(db: Database, row: PushRow, now: number, leaseMs: number): Promise<boolean> {
  const { changes } = await db.write((tx) =>
    tx.run(`UPDATE push_outbox SET next_attempt_at = ? WHERE id = ? AND status = 'waiting' AND next_attempt_at = ?`, [now + leaseMs, row.id, row.next_attempt_at]),
  );
  return changes === 1;
}

export function markPushSent(db: Database, id: number, now = Date.now()): Promise<unknown> {
  return db.write((tx) => tx.run(`UPDATE push_outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL WHERE id = ?`, [now, id]));
}

export type PushDropReason = 'session_ended' | 'turned_off' | 'gone' | 'read' | 'inactive';

/** Not sent: it no longer holds (checked just before sending), or the push service said the subscription is gone. */
export function markPushDropped(db: Database, id: number, reason: PushDropReason, error: string | null = null): Promise<unknown> {
  return db.write((tx) =>
    tx.run(`UPDATE push_outbox SET status = 'dropped', dropped_reason = ?, last_error = COALESCE(?, last_error) WHERE id = ? AND status = 'waiting'`, [reason, error, id]),
  );
}

/** A failed attempt: tried again at `retryAt`, or failed for good when that is null. */
export function markPushAttemptFailed(db: Database, id: number, error: string, retryAt: number | null): Promise<unknown> {
  return db.write((tx) =>
    retryAt === null
      ? tx.run(`UPDATE push_outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?`, [error, id])
      : tx.run(`UPDATE push_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?`, [error, retryAt, id]),
  );
}

/**
 * The last check before a push goes (as recheck.ts for mail): the subscription still in force,
 * its session still a remembered one that has not ended (signed out, expired, ended from another
 * device), the client still active, and the message not read meanwhile. A subscription whose
 * session has ended is ended too, so nothing is queued for it again.
 */
export async function recheckPush(db: Database, row: PushRow, now = Date.now()): Promise<PushDropReason | null> {
  const facts = await db.get<{ ended_reason: string | null; live: number; active: number; was_read: number }>(
    `SELECT ps.ended_reason, CASE WHEN ${LIVE_SESSION} THEN 1 ELSE 0 END AS live,
            (SELECT p.active FROM people p WHERE p.id = ps.person_id) AS active,
            (SELECT COUNT(*) FROM messages m WHERE m.id = ? AND m.read_at IS NOT NULL) AS was_read
       FROM push_subscriptions ps WHERE ps.id = ?`,
    [now, now, row.message_id, row.subscription_id],
  );
  if (!facts) return 'turned_off';
  if (facts.ended_reason !== null) return facts.ended_reason === 'turned_off' ? 'turned_off' : facts.ended_reason === 'gone' ? 'gone' : 'session_ended';
  if (facts.active !== 1) return 'inactive';
  if (facts.live !== 1) {
    await endSubscription(db, row.subscription_id, 'session_ended', now);
    return 'session_ended';
  }
  return facts.was_read > 0 ? 'read' : null;
}

/** The person's pushes, newest first (the tests). */
export function pushesOf(db: Database, personId: number): Promise<PushRow[]> {
  return db.all<PushRow>(`${ROW} WHERE o.person_id = ? ORDER BY o.id DESC`, [personId]);
}

// ── The admin's view ────────────────────────────────────────────────────────────────────────

/**
 * A push as the outbox page shows it: to which client, through which push service, and how it
 * went. Never the endpoint itself nor the subscription's keys: only the service's host name
 * (fcm.googleapis.com: a Chrome, updates.push.services.mozilla.com: a Firefox).
 */
export interface UnitPushRow {
  id: number;
  /** Not shown: for the access log of the clients the page names. */
  client_id: number;
  client_name: string;
  push_host: string;
  status: PushRow['status'];
  attempts: number;
  last_error: string | null;
  dropped_reason: PushDropReason | null;
  sent_at: number | null;
  created_at: number;
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return '';
  }
}

/**
 * The pushes to the unit's clients for the outbox page, newest first. A push's unit is its
 * client's, as a mail's is its recipient's (src/server/mail/outbox.ts, unitOutbox).
 */
export async function unitPushOutbox(db: Database, unitId: number, limit = 100): Promise<UnitPushRow[]> {
  const rows = await db.all<Omit<UnitPushRow, 'push_host'> & { endpoint: string }>(
    `SELECT o.id, o.person_id AS client_id, p.full_name AS client_name, ps.endpoint, o.status, o.attempts, o.last_error, o.dropped_reason, o.sent_at, o.created_at
       FROM push_outbox o JOIN people p ON p.id = o.person_id JOIN push_subscriptions ps ON ps.id = o.subscription_id
      WHERE p.unit_id = ? ORDER BY o.created_at DESC, o.id DESC LIMIT ?`,
    [unitId, limit],
  );
  return rows.map(({ endpoint, ...row }) => {
    const host = hostOf(endpoint);
    // An error's text names at most the host; should one ever quote the whole endpoint, it is cut to the host.
    return { ...row, push_host: host, last_error: row.last_error === null ? null : row.last_error.split(endpoint).join(host) };
  });
}

/**
 * An admin's "Yritä uudelleen" on a failed push to a client of their unit: due at once, attempts
 * from zero. It goes through the sender's last check (recheckPush) as any push does, so a push
 * whose subscription or session has ended meanwhile is dropped with the reason, never sent.
 */
export async function retryFailedPush(db: Database, unitId: number, id: number, now = Date.now()): Promise<boolean> {
  const { changes } = await db.write((tx) =>
    tx.run(
      `UPDATE push_outbox SET status = 'waiting', attempts = 0, next_attempt_at = ?
        WHERE id = ? AND status = 'failed' AND person_id IN (SELECT p.id FROM people p WHERE p.unit_id = ?)`,
      [now, id, unitId],
    ),
  );
  if (changes > 0) afterCommitWake?.();
  return changes > 0;
}
