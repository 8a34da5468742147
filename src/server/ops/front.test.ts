import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseTrustedProxies } from '@server/security/client-address';
import type { SocketFacts } from '@server/security/request';
import { Front, type FrontOptions } from './front';
import { answerProbe, probeOf } from './probes';

/**
 * The front (front.ts) on a real node:http server, with a stand-in for the Astro app that does
 * what the app does with the facts: the middleware names the route pattern it matched, the page
 * reads the form and answers. The log lines are read from stdout, as a log collector reads them.
 */

const PASSWORD = 'Salainen-Sala5ana-2026';
const EMAIL = 'anna.ylläpitäjä@example.fi';
const NAME = 'Anna Ylläpitäjä';
const CARD_SECRET = 'demo-card-matti-virtanen-0001';

interface Running {
  base: string;
  server: http.Server;
  front: Front;
  options: FrontOptions;
  lines: () => Record<string, unknown>[];
}

const servers: http.Server[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** What the app stand-in does per path; `route` is what the middleware would have set. */
type App = (req: http.IncomingMessage, res: http.ServerResponse, facts: SocketFacts) => unknown;

const routeOf = (url: string): string | undefined => {
  const path = url.split('?')[0];
  if (path === '/login') return '/login';
  if (path.startsWith('/k/')) return '/k/[secret]';
  return undefined; // not an app route (a static file, or refused before the app)
};

const standInApp: App = (req, res, facts) => {
  facts.route = routeOf(req.url ?? '/');
  let body = '';
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    // The page sees the form, and writes nothing of it anywhere.
    res.writeHead(req.method === 'POST' && body.includes('password=') ? 303 : 200, { 'Content-Type': 'text/plain' });
    res.end(`hello ${NAME}`);
  });
};

async function start(app: App = standInApp, options: Partial<FrontOptions> = {}): Promise<Running> {
  const out: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = String(chunk);
    if (text.startsWith('{"type":')) {
      out.push(text);
      return true;
    }
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write);
  const full: FrontOptions = {
    trustedProxies: [],
    stopWork: vi.fn(async () => undefined),
    closeDatabase: vi.fn(async () => undefined),
    timeoutMs: 10_000,
    exit: vi.fn(),
    ...options,
  };
  const front = new Front(full);
  const server = http.createServer((req, res) => front.serve(req, res, (facts) => app(req, res, facts)));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const lines = () => out.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { base, server, front, options: full, lines };
}

/** Waits for the request lines (written when a response closes, just after the client has it). */
async function requestLines(running: Running, count: number): Promise<Record<string, unknown>[]> {
  for (let i = 0; i < 100; i++) {
    const found = running.lines().filter((l) => l.type === 'request');
    if (found.length >= count) return found;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`expected ${count} request lines, got ${JSON.stringify(running.lines())}`);
}

describe('the request log', () => {
  it('writes one line per request with its id, method, route, status and time, and nothing of the form or the address', async () => {
    const running = await start();
    const form = new URLSearchParams({ email: EMAIL, password: PASSWORD });
    const signIn = await fetch(`${running.base}/login?email=${encodeURIComponent(EMAIL)}&next=/admin`, { method: 'POST', body: form, redirect: 'manual' });
    const card = await fetch(`${running.base}/k/${CARD_SECRET}?from=qr`);
    await card.text();
    const [first, second] = await requestLines(running, 2);

    expect(Object.keys(first)).toEqual(['type', 'time', 'request_id', 'method', 'route', 'status', 'ms']);
    expect(first).toMatchObject({ type: 'request', method: 'POST', route: '/login', status: 303 });
    expect(first.request_id).toBe(signIn.headers.get('x-request-id'));
    expect(first.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof first.ms).toBe('number');
    expect(second).toMatchObject({ method: 'GET', route: '/k/[secret]', status: 200 });
    expect(second.request_id).toBe(card.headers.get('x-request-id'));
    expect(second.request_id).not.toBe(first.request_id);

    const logged = JSON.stringify(running.lines());
    for (const secret of [PASSWORD, EMAIL, encodeURIComponent(EMAIL), 'example.fi', NAME, 'Anna', CARD_SECRET, 'matti', '?', 'next=', 'from=qr', '127.0.0.1']) {
      expect(logged).not.toContain(secret);
    }
  });

  it('names a request the app did not route by its own file, or [unmatched]: never the typed path or query', async () => {
    const running = await start((req, res) => {
      // As the static handler: a file that exists answers 200, anything else is refused.
      const ok = req.url!.startsWith('/manifest.webmanifest');
      res.writeHead(ok ? 200 : 404);
      res.end();
    });
    for (const url of ['/manifest.webmanifest?v=anna@example.fi', `/k/${CARD_SECRET}`, `/someone@example.fi/${PASSWORD}`]) {
      await (await fetch(running.base + url)).arrayBuffer();
    }
    const lines = await requestLines(running, 3);
    expect(lines.map((l) => [l.route, l.status])).toEqual([
      ['/manifest.webmanifest', 200],
      ['[unmatched]', 404],
      ['[unmatched]', 404],
    ]);
    const logged = JSON.stringify(lines);
    for (const secret of ['anna@', 'someone', PASSWORD, CARD_SECRET]) expect(logged).not.toContain(secret);
  });

  it("believes an X-Request-Id only from a trusted proxy, and only one that looks like an id", async () => {
    const untrusted = await start();
    const sent = await fetch(`${untrusted.base}/login`, { headers: { 'x-request-id': 'proxy-id-0123456789abcdef' } });
    await sent.text();
    expect(sent.headers.get('x-request-id')).not.toBe('proxy-id-0123456789abcdef');
    vi.restoreAllMocks();

    const behindProxy = await start(standInApp, { trustedProxies: parseTrustedProxies('127.0.0.1') });
    const kept = await fetch(`${behindProxy.base}/login`, { headers: { 'x-request-id': 'proxy-id-0123456789abcdef' } });
    await kept.text();
    const refused = await fetch(`${behindProxy.base}/login`, { headers: { 'x-request-id': `${EMAIL} ${PASSWORD}` } });
    await refused.text();
    expect(kept.headers.get('x-request-id')).toBe('proxy-id-0123456789abcdef');
    expect(refused.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const lines = await requestLines(behindProxy, 2);
    expect(lines.map((l) => l.request_id)).toEqual(['proxy-id-0123456789abcdef', refused.headers.get('x-request-id')]);
    expect(JSON.stringify(lines)).not.toContain(PASSWORD);
  });

  it('answers /healthz without the app and without a log line, never cached', async () => {
    const app = vi.fn(standInApp);
    const running = await start(app);
    const health = await fetch(`${running.base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('ok\n');
    expect(health.headers.get('cache-control')).toBe('no-store');
    const head = await fetch(`${running.base}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect((await fetch(`${running.base}/readyz`, { method: 'POST' })).status).toBe(405);
    expect(app).not.toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 50));
    expect(running.lines()).toEqual([]);
  });
});

describe('the graceful stop', () => {
  /** An app whose /slow answers only when `release` is called. */
  function slowApp() {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let arrived!: () => void;
    const inFlight = new Promise<void>((r) => (arrived = r));
    const app: App = (req, res, facts) => {
      facts.route = req.url === '/slow' ? '/slow' : '/other';
      if (req.url !== '/slow') return void res.end('quick');
      arrived();
      void released.then(() => res.end('slow but done'));
    };
    return { app, release, inFlight };
  }

  it('stops listening, lets the request in flight finish, then closes the database and exits 0', async () => {
    const order: string[] = [];
    const { app, release, inFlight } = slowApp();
    const running = await start(app, {
      stopWork: vi.fn(async () => void order.push('mail sender stopped')),
      closeDatabase: vi.fn(async () => void order.push('database closed')),
      exit: vi.fn((code: number) => void order.push(`exit ${code}`)),
    });
    const slow = fetch(`${running.base}/slow`).then(async (r) => ({ status: r.status, text: await r.text(), connection: r.headers.get('connection') }));
    await inFlight;

    const stopped = running.front.stop(running.server, 'SIGTERM');
    // Not listening any more: a new connection is refused.
    await expect(fetch(`${running.base}/other`)).rejects.toThrow();
    expect(order).toEqual(['mail sender stopped']);
    expect(running.front.requestsInFlight).toBe(1);

    release();
    expect(await slow).toEqual({ status: 200, text: 'slow but done', connection: 'close' });
    await stopped;
    expect(order).toEqual(['mail sender stopped', 'database closed', 'exit 0']);
    const shutdown = running.lines().filter((l) => l.type === 'shutdown');
    expect(shutdown.map((l) => l.phase)).toEqual(['begin', 'done']);
    expect(shutdown[0]).toMatchObject({ signal: 'SIGTERM', in_flight: 1 });
    expect(running.lines().find((l) => l.type === 'request')).toMatchObject({ route: '/slow', status: 200 });
  });

  it('waits for the work of a request whose client left before it closes the database', async () => {
    // The page still renders (its queries run) after the client went away: the database must
    // stay open until that work is done.
    const order: string[] = [];
    let finishWork!: () => void;
    let arrived!: () => void;
    const inFlight = new Promise<void>((r) => (arrived = r));
    const app: App = () => {
      arrived();
      return new Promise<void>((r) => (finishWork = r)).then(() => void order.push('page work done'));
    };
    const running = await start(app as App, {
      closeDatabase: vi.fn(async () => void order.push('database closed')),
      exit: vi.fn((code: number) => void order.push(`exit ${code}`)),
    });
    const leaving = new AbortController();
    const gone = fetch(`${running.base}/client`, { signal: leaving.signal }).catch((err: Error) => err);
    await inFlight;
    leaving.abort();
    expect(await gone).toBeInstanceOf(Error);
    await vi.waitFor(() => expect(running.lines().find((l) => l.type === 'request')).toMatchObject({ aborted: true }));
    const stopped = running.front.stop(running.server, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 50));
    expect(order).toEqual([]);
    expect(running.front.requestsInFlight).toBe(1);
    finishWork();
    await stopped;
    expect(order).toEqual(['page work done', 'database closed', 'exit 0']);
  });

  it('answers /readyz 503 while stopping (without asking the database), and /healthz still 200', async () => {
    // A probe reaches a stopping server only on a connection that was busy when it began to stop:
    // asked here straight, as the front asks it.
    const server = http.createServer((req, res) => void answerProbe(probeOf(req.url)!, req, res, true));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const ready = await fetch(`${base}/readyz`);
    expect([ready.status, await ready.text()]).toEqual([503, 'not ready: the server is stopping\n']);
    expect(ready.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${base}/healthz?from=lb`)).status).toBe(200);
  });

  it('cuts off a request that does not finish in time and exits 1', async () => {
    const { app, inFlight } = slowApp();
    const running = await start(app, { timeoutMs: 200 });
    const slow = fetch(`${running.base}/slow`).catch((err: Error) => err);
    await inFlight;
    const began = Date.now();
    void running.front.stop(running.server, 'SIGTERM');
    expect(await slow).toBeInstanceOf(Error);
    expect(Date.now() - began).toBeLessThan(2_000);
    expect(running.options.exit).toHaveBeenCalledWith(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(running.options.closeDatabase).not.toHaveBeenCalled();
    expect(running.options.exit).toHaveBeenCalledTimes(1);
    expect(running.lines().filter((l) => l.type === 'shutdown').map((l) => l.phase)).toEqual(['begin', 'forced']);
  });
});
