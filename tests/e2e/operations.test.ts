/**
 * Operations (issue 18, points 7 and 8) on the built server as `npm start` runs it:
 *
 * - `/healthz` and `/readyz` for a load balancer: 200 while all is well; /readyz 503 when the
 *   database is behind the code's migrations (and 200 again when it is not), and when the
 *   database cannot be opened at all, while /healthz still says the process answers;
 * - one JSON line per request (id = the X-Request-Id header, method, route pattern, status, ms)
 *   and the security events beside them with the same id; no password, email, name, card secret
 *   or query string anywhere in the output;
 * - SIGTERM with slow requests in flight: no new connections, the requests finish (200 and a
 *   message that is then in the database), the process exits 0 within 10 s.
 */
import { request } from 'node:http';
import { writeFileSync, rmSync } from 'node:fs';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { describe, expect, test } from 'vitest';
import { CLIENTS, DEMO_PASSWORD, STAFF } from '../helpers/browser';
import { insertSessions, peopleByName } from '../helpers/authz';
import { useServerWithClients } from '../helpers/own-server';
import { dropDatabase, querySql, runSql, startServer } from '../helpers/server';
import { testEngine } from '../helpers/test-engine';
import { demoClient, demoStaff } from '@server/demo/people';

const { server } = useServerWithClients();
const onPostgres = testEngine().engine === 'postgres';

/**
 * Holds the database's writes, as a long backup or a migration would, until the returned function
 * lets go: SQLite's write lock (BEGIN IMMEDIATE); on PostgreSQL, the tables the slow requests write
 * (the session's time, the message) locked against every writer.
 */
async function holdWrites(dbFile: string): Promise<() => Promise<void>> {
  if (onPostgres) {
    const holder = new pg.Client({ connectionString: dbFile });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE sessions, messages IN EXCLUSIVE MODE');
    return async () => {
      await holder.query('ROLLBACK');
      await holder.end();
    };
  }
  const holder = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(dbFile, (err) => (err ? reject(err) : resolve(d)));
  });
  await new Promise<void>((resolve, reject) => holder.exec('BEGIN IMMEDIATE', (err) => (err ? reject(err) : resolve())));
  return async () => {
    await new Promise<void>((resolve, reject) => holder.exec('ROLLBACK', (err) => (err ? reject(err) : resolve())));
    await new Promise<void>((resolve) => holder.close(() => resolve()));
  };
}

type Line = Record<string, unknown>;

function logLines(output: string): Line[] {
  return output
    .split('\n')
    .filter((l) => l.startsWith('{"type":'))
    .map((l) => JSON.parse(l) as Line);
}

/** The log line of each request id, waiting a little: a line is written as its response closes. */
async function requestLinesOf(output: () => string, ids: string[]): Promise<Line[]> {
  for (let i = 0; i < 100; i++) {
    const byId = new Map(logLines(output()).filter((l) => l.type === 'request').map((l) => [l.request_id, l]));
    if (ids.every((id) => byId.has(id))) return ids.map((id) => byId.get(id)!);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no log line for some of ${ids.join(', ')} in:\n${output()}`);
}

const form = (fields: Record<string, string>, base: string, cookie?: string) => ({
  method: 'POST',
  redirect: 'manual' as const,
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, ...(cookie ? { cookie } : {}) },
  body: new URLSearchParams(fields).toString(),
});

describe('health and readiness', () => {
  test('/healthz and /readyz answer 200, uncached, and write no log line', async () => {
    const before = logLines(server.output()).length;
    for (const path of ['/healthz', '/readyz']) {
      const res = await fetch(server.baseUrl + path);
      expect([path, res.status, await res.text()]).toEqual([path, 200, path === '/healthz' ? 'ok\n' : 'ready\n']);
      expect(res.headers.get('cache-control')).toBe('no-store');
      // Answered before the app: no session cookie, no request id.
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(res.headers.get('x-request-id')).toBeNull();
    }
    expect((await fetch(`${server.baseUrl}/readyz`, { method: 'HEAD' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(logLines(server.output()).slice(before)).toEqual([]);
  });

  test('/readyz answers 503 while the database is behind the migrations this code needs, /healthz 200', async () => {
    const [latest] = await querySql<{ version: number; name: string; applied_at: number }>(server.dbFile, 'SELECT * FROM schema_migrations ORDER BY version DESC LIMIT 1');
    // As if an older copy had been put under the running server.
    await runSql(server.dbFile, [['DELETE FROM schema_migrations WHERE version = ?', [latest.version]]]);
    try {
      const ready = await fetch(`${server.baseUrl}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.text()).toBe(`not ready: the database is at migration ${latest.version - 1}, this code needs ${latest.version}\n`);
      expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await runSql(server.dbFile, [['INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [latest.version, latest.name, latest.applied_at]]]);
    }
    // Not cached: the next probe sees it current again.
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
  });

  test('/readyz answers 503 when the database cannot be opened, while /healthz says the process answers', async () => {
    const broken = await startServer({
      waitPath: '/healthz',
      prepareDb: async (dbFile) => {
        // PostgreSQL's counterpart of a file that is no database: the server names a database that is not there.
        if (onPostgres) return dropDatabase(dbFile);
        for (const suffix of ['-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
        writeFileSync(dbFile, 'not a database: the disk was restored from the wrong place');
      },
    });
    try {
      const ready = await fetch(`${broken.baseUrl}/readyz`);
      expect([ready.status, await ready.text()]).toEqual([503, 'not ready: the database does not answer\n']);
      expect((await fetch(`${broken.baseUrl}/healthz`)).status).toBe(200);
      // Asked again, still no (each probe tries to open it again, and closes what it opened).
      expect((await fetch(`${broken.baseUrl}/readyz`)).status).toBe(503);
    } finally {
      await broken.stop();
    }
  });
});

describe('the request log', () => {
  test('one JSON line per request with its id, route pattern, status and time; no password, email, name, secret or query', async () => {
    const base = server.baseUrl;
    const worker = demoStaff('liisa');
    const matti = demoClient('matti');
    const wrongPassword = 'Väärä-salasana-2026-xyz';

    const failed = await fetch(`${base}/login?email=${encodeURIComponent(STAFF.worker)}`, form({ email: STAFF.worker, password: wrongPassword }, base));
    const signedIn = await fetch(`${base}/login`, form({ email: STAFF.worker, password: DEMO_PASSWORD }, base));
    const card = await fetch(`${base}${CLIENTS.matti.qr}?from=qr&name=${encodeURIComponent(matti.name)}`, { redirect: 'manual' });
    const missing = await fetch(`${base}/people/${encodeURIComponent(STAFF.worker)}`, { redirect: 'manual' });
    const responses = [failed, signedIn, card, missing];
    await Promise.all(responses.map((r) => r.arrayBuffer()));
    expect(responses.map((r) => r.status)).toEqual([400, 303, 303, 404]);

    const ids = responses.map((r) => r.headers.get('x-request-id')!);
    expect(new Set(ids).size).toBe(4);
    const lines = await requestLinesOf(server.output, ids);
    for (const line of lines) expect(Object.keys(line)).toEqual(['type', 'time', 'request_id', 'method', 'route', 'status', 'ms']);
    expect(lines.map((l) => [l.method, l.route, l.status])).toEqual([
      ['POST', '/login', 400],
      ['POST', '/login', 303],
      ['GET', '/k/[secret]', 303],
      ['GET', '/404', 404],
    ]);
    expect(lines.every((l) => typeof l.ms === 'number' && (l.ms as number) >= 0)).toBe(true);

    // The security events of the two sign-ins carry the id of their request.
    const events = logLines(server.output()).filter((l) => l.type === 'security_event' && ids.slice(0, 2).includes(l.request_id as string));
    expect(events.map((e) => [e.request_id, e.kind, e.reason])).toEqual([
      [ids[0], 'sign_in_failed', 'wrong_password'],
      [ids[1], 'sign_in', 'password'],
    ]);

    const output = server.output();
    for (const secret of [wrongPassword, DEMO_PASSWORD, STAFF.worker, encodeURIComponent(STAFF.worker), worker.name, matti.name, matti.secret, 'from=qr']) {
      expect(output, secret).not.toContain(secret);
    }
    expect(JSON.stringify(logLines(output))).not.toContain('?');
    // The session cookie's token is nowhere either.
    const token = /omapolku_session=([^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')?.[1];
    expect(token).toBeTruthy();
    expect(output).not.toContain(token!);
  });
});

describe('graceful stop', () => {
  test('SIGTERM: no new connections, the slow requests in flight finish (200, and a message saved), exit 0 within 10 s', async () => {
    const own = await startServer();
    try {
      const base = own.baseUrl;
      const people = await peopleByName(own.dbFile);
      const cookies = await insertSessions(own.dbFile, { worker: people.get(demoStaff('liisa').name)!, matti: people.get(demoClient('matti').name)! });

      // The database is held by another writer (as a long backup or a migration would), so a request
      // that writes waits for it: a slow request.
      const letGo = await holdWrites(own.dbFile);
      const extend = fetch(`${base}/session/extend`, form({}, base, cookies.worker)).then(async (r) => ({ status: r.status, body: (await r.json()) as { remainingMs: number } }));

      // And a client's message whose form is still on its way (a slow mobile connection).
      const body = new URLSearchParams({ action: 'text', body: 'Viesti joka lähti juuri ennen sammutusta', key: 'operations-slow-upload' }).toString();
      const half = Math.floor(body.length / 2);
      let upload!: ReturnType<typeof request>;
      const message = new Promise<number>((resolve, reject) => {
        upload = request(`${base}/client/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), origin: base, cookie: cookies.matti },
        }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        upload.on('error', reject);
      });
      upload.write(body.slice(0, half));
      await new Promise((r) => setTimeout(r, 500));

      const signalled = Date.now();
      process.kill(own.pid, 'SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      // Not listening any more.
      await expect(fetch(`${base}/healthz`)).rejects.toThrow();
      expect(own.output()).toContain('"type":"shutdown","time"');

      upload.end(body.slice(half));
      await new Promise((r) => setTimeout(r, 300));
      await letGo();

      const extended = await extend;
      expect(extended.status).toBe(200);
      expect(extended.body.remainingMs).toBeGreaterThan(0);
      expect(await message).toBe(303);
      const { code, signal } = await own.exited;
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(Date.now() - signalled).toBeLessThan(10_000);

      const shutdown = logLines(own.output()).filter((l) => l.type === 'shutdown');
      expect(shutdown.map((l) => l.phase)).toEqual(['begin', 'done']);
      expect(shutdown[0]).toMatchObject({ signal: 'SIGTERM', in_flight: 2 });
      // The message was committed before the database closed.
      const saved = await querySql(own.dbFile, "SELECT body FROM messages WHERE idempotency_key = 'operations-slow-upload'");
      expect(saved).toEqual([{ body: 'Viesti joka lähti juuri ennen sammutusta' }]);
    } finally {
      await own.stop();
    }
  });
});
