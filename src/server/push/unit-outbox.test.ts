/**
 * The pushes on the admin's outbox page (src/server/mail/outbox-page.ts): a unit's admin sees
 * the pushes to their own unit's clients only, with the push service's host but never the
 * endpoint or the subscription's keys, and "Yritä uudelleen" sets a failed push of their own
 * unit waiting again, nothing else. A push tried again still meets the sender's last check: one
 * whose subscription or session has ended meanwhile is dropped with the reason, never sent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '@server/db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { startTestPushService, type TestPushService, type TestSubscriber } from '@tests/helpers/push-endpoint';
import type { PushSender } from './sender';
import { startTestPushSender } from '@tests/helpers/push-sender';
import { endSessionSubscriptions, pushesOf, retryFailedPush, saveSubscription, unitPushOutbox } from './store';

const PAJA = 1;
const VERSTAS = 2;
const MATTI = 10; // a client of Paja
const OLGA = 20; // a client of Verstas
const DAY = 86_400_000;
const FCM = 'https://fcm.googleapis.com/fcm/send/eJx-secret-path-of-mattis-tablet-0123456789';
const KEYS = { p256dh: `B${'p'.repeat(86)}`, auth: 'auth-secret-0123456' };
let db: Database;
let service: TestPushService;
const senders: PushSender[] = [];

beforeEach(async () => {
  const now = Date.now();
  db = await openTestDb(async (tx) => {
    await tx.run("INSERT INTO units (id, name, municipality, created_at) VALUES (1, 'Paja', 'Pori', 0), (2, 'Verstas', 'Rauma', 0)");
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, created_at) VALUES (10, 1, 'client', 'Matti Virtanen', 'Matti', 0), (20, 2, 'client', 'Olga Niemi', 'Olga', 0)");
    for (const [id, person] of [['mattis-tablet', MATTI], ['olgas-tablet', OLGA]] as const) {
      await tx.run("INSERT INTO sessions (id, person_id, kind, created_at, expires_at, absolute_expires_at) VALUES (?, ?, 'remembered', ?, ?, ?)", [id, person, now, now + DAY, now + DAY]);
    }
  });
  service = await startTestPushService();
});

afterEach(async () => {
  for (const s of senders.splice(0)) await s.stop();
  await service.stop();
  await closeTestDb(db);
});

/** A subscription of the person's remembered session; answers its id. */
async function subscribe(personId: number, endpoint: string, keys = KEYS): Promise<number> {
  await saveSubscription(db, { personId, sessionId: personId === MATTI ? 'mattis-tablet' : 'olgas-tablet', endpoint, ...keys });
  return (await db.get<{ id: number }>('SELECT id FROM push_subscriptions WHERE endpoint = ?', [endpoint]))!.id;
}

type State = { status: 'waiting' | 'sent' | 'failed' | 'dropped'; attempts?: number; last_error?: string | null; dropped_reason?: string | null; created_at: number };
let n = 0;
/** A push in the given state, written as the sender would have left it; answers its id. */
async function pushIn(subscriptionId: number, personId: number, s: State): Promise<number> {
  const { lastID } = await db.write((tx) =>
    tx.run(
      `INSERT INTO push_outbox (push_key, subscription_id, person_id, payload, status, attempts, next_attempt_at, last_error, dropped_reason, sent_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [`push-test-${++n}`, subscriptionId, personId, JSON.stringify({ title: 'Omapolku', body: 'Sinulle on uusi viesti.' }), s.status, s.attempts ?? 0, s.created_at,
        s.last_error ?? null, s.dropped_reason ?? null, s.status === 'sent' ? s.created_at + 1 : null, s.created_at],
    ),
  );
  return lastID;
}

const statusOf = async (id: number) => db.get<{ status: string; attempts: number; next_attempt_at: number; dropped_reason: string | null }>(
  'SELECT status, attempts, next_attempt_at, dropped_reason FROM push_outbox WHERE id = ?', [id]);

async function startSender(): Promise<PushSender> {
  const s = await startTestPushSender(db, service);
  senders.push(s);
  return s;
}
const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await settle(50);
  }
}
/** Matti's subscription on the loopback service, with a push that the service refused (failed, not retried by itself). */
async function failedPushToMatti(tablet: TestSubscriber): Promise<number> {
  tablet.answer = 403;
  const subscription = await subscribe(MATTI, tablet.subscription.endpoint, tablet.subscription.keys);
  const id = await pushIn(subscription, MATTI, { status: 'waiting', created_at: Date.now() });
  await startSender();
  await until(async () => (await statusOf(id))?.status === 'failed');
  expect(service.requests.map((r) => r.status)).toEqual([403]);
  return id;
}

describe('the unit’s pushes on the outbox page', () => {
  it('are the pushes to the unit’s own clients, newest first, with the service’s host and never the endpoint or the keys', async () => {
    const mattis = await subscribe(MATTI, FCM);
    const olgas = await subscribe(OLGA, 'https://updates.push.services.mozilla.com/wpush/v2/gAAAA-olgas-secret-path');
    const sent = await pushIn(mattis, MATTI, { status: 'sent', attempts: 1, created_at: 1000 });
    const failed = await pushIn(mattis, MATTI, { status: 'failed', attempts: 8, last_error: `503 Received unexpected response code ${FCM}`, created_at: 3000 });
    const dropped = await pushIn(mattis, MATTI, { status: 'dropped', dropped_reason: 'session_ended', created_at: 2000 });
    await pushIn(olgas, OLGA, { status: 'failed', attempts: 8, created_at: 4000 });

    const paja = await unitPushOutbox(db, PAJA);
    expect(paja.map((p) => [p.id, p.status])).toEqual([[failed, 'failed'], [dropped, 'dropped'], [sent, 'sent']]);
    expect(paja[0]).toEqual({
      id: failed, client_id: MATTI, client_name: 'Matti Virtanen', push_host: 'fcm.googleapis.com', status: 'failed', attempts: 8,
      last_error: '503 Received unexpected response code fcm.googleapis.com', dropped_reason: null, sent_at: null, created_at: 3000,
    });
    expect(paja[1]).toMatchObject({ dropped_reason: 'session_ended' });
    const shown = JSON.stringify(paja);
    for (const secret of ['eJx-secret-path', KEYS.p256dh, KEYS.auth, 'Olga']) expect(shown).not.toContain(secret);

    expect((await unitPushOutbox(db, VERSTAS)).map((p) => p.client_name)).toEqual(['Olga Niemi']);
    expect(await unitPushOutbox(db, 99)).toEqual([]);
    expect(await unitPushOutbox(db, PAJA, 2)).toHaveLength(2);
  });

  it('"Yritä uudelleen" sets only a failed push of the admin’s own unit waiting, due now with attempts from zero', async () => {
    const mattis = await subscribe(MATTI, FCM);
    const failed = await pushIn(mattis, MATTI, { status: 'failed', attempts: 8, last_error: '503', created_at: 1000 });
    const others = {
      sent: await pushIn(mattis, MATTI, { status: 'sent', attempts: 1, created_at: 1000 }),
      waiting: await pushIn(mattis, MATTI, { status: 'waiting', attempts: 2, created_at: 1000 }),
      dropped: await pushIn(mattis, MATTI, { status: 'dropped', dropped_reason: 'read', created_at: 1000 }),
    };
    // Verstas's admin cannot touch Paja's push.
    expect(await retryFailedPush(db, VERSTAS, failed, 5000)).toBe(false);
    expect(await statusOf(failed)).toMatchObject({ status: 'failed', attempts: 8, next_attempt_at: 1000 });
    // Nor can any admin a push that is not failed.
    for (const [status, id] of Object.entries(others)) {
      expect(await retryFailedPush(db, PAJA, id, 5000)).toBe(false);
      expect((await statusOf(id))?.status).toBe(status);
    }
    expect(await retryFailedPush(db, PAJA, 987_654, 5000)).toBe(false);

    expect(await retryFailedPush(db, PAJA, failed, 5000)).toBe(true);
    expect(await statusOf(failed)).toEqual({ status: 'waiting', attempts: 0, next_attempt_at: 5000, dropped_reason: null });
    // Once: it is no longer failed.
    expect(await retryFailedPush(db, PAJA, failed, 6000)).toBe(false);
  });

  it('a failed push tried again arrives once', async () => {
    const tablet = service.subscriber('matti');
    const id = await failedPushToMatti(tablet);
    tablet.answer = 201;
    expect(await retryFailedPush(db, PAJA, id)).toBe(true);
    await service.waitFor('matti', 1);
    await until(async () => (await statusOf(id))?.status === 'sent');
    await settle();
    expect(service.received).toHaveLength(1);
    expect((await pushesOf(db, MATTI)).map((p) => [p.status, p.attempts])).toEqual([['sent', 1]]);
  });

  it('a failed push tried again after the client turned alerts off is dropped, and the subscription stays ended', async () => {
    const tablet = service.subscriber('matti');
    const id = await failedPushToMatti(tablet);
    tablet.answer = 201;
    expect(await endSessionSubscriptions(db, MATTI, 'mattis-tablet')).toBe(1);
    expect(await retryFailedPush(db, PAJA, id)).toBe(true);
    await until(async () => (await statusOf(id))?.status !== 'waiting');
    expect(await statusOf(id)).toMatchObject({ status: 'dropped', dropped_reason: 'turned_off' });
    expect(await db.all('SELECT ended_reason FROM push_subscriptions')).toEqual([{ ended_reason: 'turned_off' }]);
    expect(service.requests.map((r) => r.status)).toEqual([403]);
    expect(service.received).toEqual([]);
  });

  it('a failed push tried again after the client signed out is dropped, and its subscription ends', async () => {
    const tablet = service.subscriber('matti');
    const id = await failedPushToMatti(tablet);
    tablet.answer = 201;
    await db.write((tx) => tx.run("DELETE FROM sessions WHERE id = 'mattis-tablet'"));
    expect(await retryFailedPush(db, PAJA, id)).toBe(true);
    await until(async () => (await statusOf(id))?.status !== 'waiting');
    expect(await statusOf(id)).toMatchObject({ status: 'dropped', dropped_reason: 'session_ended' });
    expect(await db.all('SELECT ended_reason FROM push_subscriptions')).toEqual([{ ended_reason: 'session_ended' }]);
    expect(service.received).toEqual([]);
  });
});
