/**
 * Two app servers on one PostgreSQL database, as a county runs behind a load balancer (issue 18,
 * point 6). Only in the e2e-postgres project: two processes on one SQLite file is exactly what
 * the SQLite engine must not do (docs/deployment.md).
 *
 * A client signs in on A and goes on on B; twenty replays of one message, spread over both, make
 * one message; a delay after wrong passwords counted on A holds on B; and A killed with SIGKILL
 * in the middle of writes leaves B serving, with every write either of them acknowledged saved.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, path, STAFF, useBrowser } from '../helpers/browser';
import { querySql, startServer, type RunningServer } from '../helpers/server';

const fixture = useBrowser();
let a: RunningServer;
let b: RunningServer;

beforeAll(async () => {
  a = await startServer();
  if (!a.dbFile.startsWith('postgres')) throw new Error('this file runs in the e2e-postgres project only');
  // B starts on A's database: the same migrations are found done, the same data served.
  b = await startServer({ dbFile: a.dbFile });
});
afterAll(async () => {
  // B first: A's stop removes the database.
  await b?.stop();
  await a?.stop();
});

/** A form posted as a browser on `base` posts it (the origin check is per server address). */
async function post(base: string, target: string, fields: Record<string, string>, cookie = ''): Promise<{ status: number; location: string | null }> {
  const res = await fetch(base + target, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields),
  });
  await res.arrayBuffer();
  return { status: res.status, location: res.headers.get('location') };
}

async function cookieOf(page: import('playwright-core').Page): Promise<string> {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

describe('two app servers on one PostgreSQL database', () => {
  it('a client signed in on A goes on on B, where the same session and data are', async () => {
    const matti = await fixture.signedIn(a.baseUrl, 'matti');
    expect(path(matti)).toBe('/client');
    // The cookie is the same for both addresses (cookies do not tell ports apart): B finds the session in the database.
    const onB = await matti.goto(`${b.baseUrl}/client/messages`);
    expect(onB!.status()).toBe(200);
    expect(path(matti)).toBe('/client/messages');
  });

  it('twenty replays of one message spread over both servers make one message', async () => {
    const matti = await fixture.signedIn(a.baseUrl, 'matti');
    const cookie = await cookieOf(matti);
    const key = randomUUID();
    const body = `Kaksi palvelinta, yksi viesti ${key.slice(0, 8)}`;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post(i % 2 ? b.baseUrl : a.baseUrl, '/client/messages', { action: 'text', body, key }, cookie)));
    expect(answers.map((x) => x.status)).toEqual(Array(20).fill(303));
    expect(await querySql(a.dbFile, 'SELECT id FROM messages WHERE body = ?', [body])).toHaveLength(1);
  });

  it('a delay after wrong passwords on A holds on B', async () => {
    for (let i = 0; i < 5; i++) expect((await post(a.baseUrl, '/login', { email: STAFF.familyGuardian, password: `wrong-${i}` })).status).toBe(400);
    const [anja] = await querySql<{ locked_until: number | null }>(a.dbFile, 'SELECT locked_until FROM people WHERE email = ?', [STAFF.familyGuardian]);
    expect(anja.locked_until).toBeGreaterThan(Date.now());
    // The right password on B is refused while the delay lasts, with the answer of a wrong one.
    const onB = await post(b.baseUrl, '/login', { email: STAFF.familyGuardian, password: DEMO_PASSWORD });
    expect(onB.status).toBe(400);
  });

  it('A killed with SIGKILL in the middle of writes: B keeps serving, and every acknowledged message is saved', async () => {
    const jukka = await fixture.signedIn(b.baseUrl, 'jukka');
    const cookie = await cookieOf(jukka);
    const acknowledged: string[] = [];
    const send = async (base: string, i: number) => {
      const body = `Kaatuminen ${i} ${randomUUID().slice(0, 8)}`;
      try {
        const answer = await post(base, '/client/messages', { action: 'text', body, key: randomUUID() }, cookie);
        if (answer.status === 303) acknowledged.push(body);
      } catch {
        // A's socket closed by the kill: not acknowledged, so nothing is promised.
      }
    };
    const writes = Array.from({ length: 40 }, (_, i) => send(i % 2 ? b.baseUrl : a.baseUrl, i));
    await new Promise((r) => setTimeout(r, 30));
    await a.kill('SIGKILL');
    await Promise.all(writes);
    // B goes on: a page and a new message.
    const page = await jukka.goto(`${b.baseUrl}/client/messages`);
    expect(page!.status()).toBe(200);
    await send(b.baseUrl, 99);
    expect(acknowledged.some((m) => m.startsWith('Kaatuminen 99 '))).toBe(true);
    const saved = new Set((await querySql<{ body: string }>(b.dbFile, "SELECT body FROM messages WHERE body LIKE 'Kaatuminen %'")).map((r) => r.body));
    for (const m of acknowledged) expect(saved.has(m), m).toBe(true);
  });
});
