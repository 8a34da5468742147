/**
 * The push outbox against a real Web Push service on loopback (tests/helpers/push-endpoint.ts),
 * which checks the VAPID signature and decrypts each push as a browser would (RFC 8291). A
 * worker's message queues one push per subscription of a remembered session, in the same
 * transaction; it arrives once with "Sinulle on uusi viesti." in the client's language; a second
 * message while the first is unread adds none; a session that ended meanwhile drops it; 410 ends
 * the subscription without retries; a service that is down is retried until it answers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '@server/db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { startTestPushService, type TestPushService, type TestSubscriber } from '@tests/helpers/push-endpoint';
import { sendMessage } from '@server/messages/store';
import type { PushSender } from './sender';
import { startTestPushSender } from '@tests/helpers/push-sender';
import { pushesOf, queueMessagePushes, saveSubscription, vapidKeys } from './store';

const MATTI = 10;
const LIISA = 2;
const DAY = 86_400_000;
let db: Database;
let service: TestPushService;
const senders: PushSender[] = [];

beforeEach(async () => {
  const now = Date.now();
  db = await openTestDb(async (tx) => {
    await tx.run("INSERT INTO units (id, name, municipality, created_at) VALUES (1, 'Paja', 'Pori', 0)");
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, created_at) VALUES (2, 1, 'worker', 'Liisa Ohjaaja', 'Liisa', 'liisa@example.test', 0)");
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, created_at) VALUES (10, 1, 'client', 'Matti Virtanen', 'Matti', 0)");
    await tx.run('INSERT INTO conversations (id, client_id, created_at) VALUES (1, 10, 0)');
    for (const [id, kind] of [['own-tablet', 'remembered'], ['shared-tablet', 'shared']]) {
      await tx.run('INSERT INTO sessions (id, person_id, kind, created_at, expires_at, absolute_expires_at) VALUES (?, 10, ?, ?, ?, ?)', [id, kind, now, now + DAY, now + DAY]);
    }
  });
  service = await startTestPushService();
});

afterEach(async () => {
  for (const s of senders.splice(0)) await s.stop();
  await service.stop();
  await closeTestDb(db);
});

async function startSender(retryBaseMs = 50): Promise<PushSender> {
  const s = await startTestPushSender(db, service, retryBaseMs);
  senders.push(s);
  return s;
}

async function subscribe(sub: TestSubscriber, sessionId = 'own-tablet'): Promise<void> {
  await saveSubscription(db, { personId: MATTI, sessionId, endpoint: sub.subscription.endpoint, ...sub.subscription.keys });
}

let n = 0;
const workerWrites = (body = 'Hei Matti, nähdään huomenna.') => sendMessage(db, { conversationId: 1, senderId: LIISA, kind: 'text', body, fromClientSide: false, key: `k-${++n}` });
const mattiReads = () => db.write((tx) => tx.run('UPDATE messages SET read_at = ? WHERE from_client_side = 0 AND read_at IS NULL', [Date.now()]));
const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await settle(50);
  }
}

describe('a push to the client’s own tablet', () => {
  it('arrives once, signed with the portal’s kept VAPID key, with only "Sinulle on uusi viesti.", the picture and the page', async () => {
    const tablet = service.subscriber('matti');
    await subscribe(tablet);
    await startSender();
    await workerWrites();
    const [push] = await service.waitFor('matti', 1);
    expect(push.payload).toEqual({ title: 'Omapolku', body: 'Sinulle on uusi viesti.', icon: '/icons/messages-192.png', url: '/client/messages', tag: 'omapolku-message' });
    expect(JSON.stringify(push.payload)).not.toMatch(/Matti|Liisa|huomenna/);
    const keys = await vapidKeys(db);
    expect(push.vapid).toMatchObject({ k: keys.publicKey, aud: service.origin, sub: 'mailto:omapolku@example.test' });
    expect(push.ttl).toBeGreaterThan(0);
    // Kept in the database: the next server (or the next start) signs with the same key.
    expect(await db.all('SELECT public_key FROM push_keys')).toEqual([{ public_key: keys.publicKey }]);

    // Two more answers before Matti has read the first: no more pushes.
    await workerWrites('Toinen viesti.');
    await workerWrites('Kolmas viesti.');
    await settle();
    expect(service.received).toHaveLength(1);
    // Read: the next answer is told again.
    await mattiReads();
    await workerWrites('Neljäs viesti.');
    await service.waitFor('matti', 2);
    await until(async () => (await pushesOf(db, MATTI)).every((p) => p.status === 'sent'));
    expect((await pushesOf(db, MATTI)).map((p) => p.status)).toEqual(['sent', 'sent']);
    expect(service.problems).toEqual([]);
  });

  it('is in the client’s language', async () => {
    await db.write((tx) => tx.run("UPDATE people SET language = 'sv' WHERE id = 10"));
    const tablet = service.subscriber('matti');
    await subscribe(tablet);
    await startSender();
    await workerWrites();
    const [push] = await service.waitFor('matti', 1);
    expect(push.payload).toMatchObject({ title: 'Omapolku', body: 'Du har ett nytt meddelande.' });
  });

  it('is never queued for a shared tablet’s session, for the client’s own message, or for a message rolled back', async () => {
    await subscribe(service.subscriber('shared'), 'shared-tablet');
    await startSender();
    await workerWrites();
    await sendMessage(db, { conversationId: 1, senderId: MATTI, kind: 'text', body: 'Kiitos!', fromClientSide: true, key: 'from-matti' });
    await settle();
    expect(await pushesOf(db, MATTI)).toEqual([]);
    expect(service.requests).toEqual([]);

    await subscribe(service.subscriber('own'));
    await expect(db.write(async (tx) => {
      const { lastID } = await tx.run("INSERT INTO messages (conversation_id, sender_id, kind, body, from_client_side, created_at) VALUES (1, 2, 'text', 'x', 0, 0)");
      expect(await queueMessagePushes(tx, MATTI, lastID, Date.now())).toBe(1);
      throw new Error('the message failed');
    })).rejects.toThrow('the message failed');
    await settle();
    expect(await pushesOf(db, MATTI)).toEqual([]);
    expect(service.requests).toEqual([]);
  });

  it('is dropped when its session ended before it went (signed out), and the subscription ends with it', async () => {
    await subscribe(service.subscriber('matti'));
    await workerWrites();
    // Queued with its cause, and then Matti signs out before any sender runs.
    await db.write((tx) => tx.run("DELETE FROM sessions WHERE id = 'own-tablet'"));
    await startSender();
    await until(async () => (await pushesOf(db, MATTI))[0].status !== 'waiting');
    expect((await pushesOf(db, MATTI)).map((p) => [p.status, p.dropped_reason])).toEqual([['dropped', 'session_ended']]);
    expect(await db.all('SELECT ended_reason FROM push_subscriptions')).toEqual([{ ended_reason: 'session_ended' }]);
    await mattiReads();
    await workerWrites('Toinen.');
    await settle();
    expect(await pushesOf(db, MATTI)).toHaveLength(1);
    expect(service.requests).toEqual([]);
  });

  it('ends the subscription when the service answers 410 Gone, and tries nothing again', async () => {
    const tablet = service.subscriber('matti');
    tablet.answer = 410;
    await subscribe(tablet);
    await startSender();
    await workerWrites();
    await until(async () => (await pushesOf(db, MATTI))[0]?.status === 'dropped');
    await settle(600);
    expect(service.requests.map((r) => r.status)).toEqual([410]);
    expect((await pushesOf(db, MATTI))[0]).toMatchObject({ dropped_reason: 'gone' });
    expect(await db.all('SELECT ended_reason FROM push_subscriptions')).toEqual([{ ended_reason: 'gone' }]);
  });

  it('is tried again with growing delays while the service is down, and arrives once when it is back', async () => {
    const tablet = service.subscriber('matti');
    tablet.answer = 503;
    await subscribe(tablet);
    await startSender(100);
    await workerWrites();
    await until(async () => service.requests.length >= 2);
    const [row] = await pushesOf(db, MATTI);
    expect(row.status).toBe('waiting');
    expect(row.last_error).toContain('503');
    tablet.answer = 201;
    await service.waitFor('matti', 1);
    await until(async () => (await pushesOf(db, MATTI))[0].status === 'sent');
    await settle(500);
    expect(service.received).toHaveLength(1);
    // Two senders (two app servers) never push one row twice.
    await mattiReads();
    await startSender();
    await workerWrites('Toinen.');
    await service.waitFor('matti', 2);
    await settle(500);
    expect(service.received).toHaveLength(2);
  });
});
