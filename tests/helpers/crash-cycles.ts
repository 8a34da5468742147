/**
 * `kill -9` cycles (issue 18, point 11): the server is killed with SIGKILL while a worker's
 * messages are being sent from several connections at once, started again on the same database,
 * and every message it acknowledged (answered 303) must be there. Used by
 * tests/e2e/crash.test.ts (3 cycles, both engines, in `npm test`) and `npm run crash-test`
 * (20 cycles, scripts/crash-test.ts).
 *
 * Plain HTTP, no browser: a worker signs in with email and password once, and the session (in
 * the database) carries over every restart.
 */
import { randomUUID } from 'node:crypto';
import { querySql, startServer, type RunningServer } from './server';

export interface CrashReport {
  cycles: number;
  acknowledged: number;
  lost: string[];
  /** Requests cut off by the kill (not acknowledged, so nothing was promised). */
  cutOff: number;
}

export interface CrashOptions {
  cycles: number;
  email: string;
  password: string;
  /** The client whose conversation the worker writes to. */
  clientId?: number;
  /** Connections sending at once. */
  writers?: number;
  /** The kill comes this long after the writes begin, at random between the two. */
  killAfterMs?: [number, number];
  log?: (line: string) => void;
  /** A server to start with (its database is used); otherwise a fresh one. */
  server?: RunningServer;
}

export async function crashCycles(options: CrashOptions): Promise<CrashReport> {
  const { cycles, writers = 6, killAfterMs = [150, 600], log = () => {} } = options;
  const first = options.server ?? (await startServer());
  let server = first;
  const port = Number(new URL(first.baseUrl).port);
  const base = first.baseUrl;
  const post = async (target: string, fields: Record<string, string>, cookie = '') => {
    const res = await fetch(base + target, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams(fields),
    });
    await res.arrayBuffer();
    return res;
  };
  const signedIn = await post('/login', { email: options.email, password: options.password });
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
  if (signedIn.status !== 303 || !cookie) throw new Error(`the worker could not sign in (${signedIn.status})`);
  const clientId = options.clientId ?? (await querySql<{ id: number }>(first.dbFile, "SELECT id FROM people WHERE role = 'client' ORDER BY id LIMIT 1"))[0].id;

  const acknowledged: string[] = [];
  let cutOff = 0;
  try {
    for (let cycle = 1; cycle <= cycles; cycle++) {
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const body = `Kaatumiskoe ${cycle}.${w}.${i} ${randomUUID().slice(0, 8)}`;
          try {
            const answer = await post(`/worker/messages/client/${clientId}`, { action: 'text', body, key: randomUUID() }, cookie);
            if (answer.status === 303) acknowledged.push(body);
            else throw new Error(`a message was answered ${answer.status}`);
          } catch (error) {
            if (error instanceof Error && error.message.startsWith('a message was answered')) throw error;
            cutOff++;
            return; // the server is gone: this writer's cycle is over
          }
        }
      };
      const running = Array.from({ length: writers }, (_, w) => writer(w));
      const [min, max] = killAfterMs;
      await new Promise((r) => setTimeout(r, min + Math.random() * (max - min)));
      await server.kill('SIGKILL');
      stop = true;
      await Promise.all(running);
      const dbFile = server.dbFile;
      if (server !== first) await server.stop();
      server = await startServer({ dbFile, port });
      const saved = new Set((await querySql<{ body: string }>(dbFile, "SELECT body FROM messages WHERE body LIKE 'Kaatumiskoe %'")).map((r) => r.body));
      const lost = acknowledged.filter((m) => !saved.has(m));
      log(`cycle ${cycle}: ${acknowledged.length} acknowledged in all, ${saved.size} saved, ${lost.length} lost`);
      if (lost.length > 0) return { cycles: cycle, acknowledged: acknowledged.length, lost, cutOff };
    }
    return { cycles, acknowledged: acknowledged.length, lost: [], cutOff };
  } finally {
    if (server !== first) await server.stop();
    if (!options.server) await first.stop();
  }
}
