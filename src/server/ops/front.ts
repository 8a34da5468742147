/**
 * The app's side of the server front (scripts/serve.mjs, the process `npm start` runs): what
 * happens to every request before Astro sees it, and how the process stops.
 *
 * - The load balancer's probes `/healthz` and `/readyz` are answered here (probes.ts).
 * - Every other request gets its facts (the socket's address and TLS, a request id sent back as
 *   `X-Request-Id`), handed to the app in Astro's `locals` (astro-entry.ts), and is written to the
 *   log as one line when it is done (request-log.ts).
 * - SIGTERM (systemd, a container's stop) or SIGINT (Ctrl+C) stops the server gracefully: no new
 *   connections, /readyz answers 503, the requests in flight finish (their connections then
 *   close), the notification scheduler stops and the mail sender finishes the mail it is sending, the database is closed,
 *   and the process exits 0. Whatever is not done within `timeoutMs` (10 s) is cut off and the
 *   process exits 1; so does a second signal.
 *
 * serve.mjs finds this object on globalThis (registered when it loads the middleware module): the
 * built app is one bundle, and this and its entry's handler are its only two doors.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { config } from '@server/config';
import { closeDb } from '@server/db';
import { stopBackgroundWork } from '@server/background';
import type { IpRange } from '@server/security/client-address';
import type { SocketFacts } from '@server/security/request';
import { logLine } from './log';
import { answerProbe, probeOf } from './probes';
import { logRequest, requestIdFor } from './request-log';

export interface FrontOptions {
  trustedProxies: readonly IpRange[];
  /** Stops the work beside the requests (notification scheduler, mail sender); runs while the requests finish. */
  stopWork: () => Promise<void>;
  /** Closes the database, after the last request. */
  closeDatabase: () => Promise<void>;
  /** From the signal to the forced exit. */
  timeoutMs: number;
  exit: (code: number) => void;
}

export class Front {
  private draining = false;
  private stopped: Promise<void> | null = null;
  private readonly inFlight = new Set<ServerResponse>();
  private onIdle: (() => void) | null = null;

  constructor(private readonly options: FrontOptions) {}

  /**
   * One request: a probe, or `app` given the request's facts, timed and logged. `app` may
   * return its work's promise: the request stays in flight until that settles too.
   */
  serve(req: IncomingMessage, res: ServerResponse, app: (facts: SocketFacts) => unknown): void {
    const probe = probeOf(req.url);
    if (probe) {
      answerProbe(probe, req, res, this.draining).catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'Cache-Control': 'no-store' });
        res.end();
      });
      return;
    }
    const socket = req.socket;
    const peer = socket.remoteAddress ?? '';
    const requestId = requestIdFor(peer, req.headers['x-request-id'], this.options.trustedProxies);
    const facts: SocketFacts = { peer, encrypted: 'encrypted' in socket && Boolean(socket.encrypted), requestId };
    res.setHeader('X-Request-Id', requestId);
    // A request on a kept-alive connection while stopping is still answered; then the connection closes.
    if (this.draining) res.setHeader('Connection', 'close');
    const started = performance.now();
    this.inFlight.add(res);
    // In flight until the answer closed and the app's work settled, both. A client that leaves
    // (closing the answer) does not stop the page's work: a graceful stop that closed the database
    // then would fail that work's queries (SQLITE_MISUSE, seen after a bench run) and take the
    // process down with it.
    let open = 2;
    const settled = () => {
      if (--open > 0) return;
      this.inFlight.delete(res);
      if (this.inFlight.size === 0) this.onIdle?.();
    };
    // 'close' comes once either way: after the whole answer went out, or when the client left.
    res.once('close', () => {
      logRequest({ requestId, method: req.method, url: req.url, route: facts.route, status: res.statusCode, ms: performance.now() - started, finished: res.writableFinished });
      settled();
    });
    let work: unknown;
    try {
      work = app(facts);
    } finally {
      // (A throw is the server's to report; the request is not left in flight for it.)
      void Promise.resolve(work).then(settled, settled);
    }
  }

  /** Requests being answered now (the probes are not counted). */
  get requestsInFlight(): number {
    return this.inFlight.size;
  }

  private idle(): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.onIdle = () => {
        this.onIdle = null;
        resolve();
      };
    });
  }

  /** The graceful stop (see the module comment); resolves after `exit` was called. */
  stop(server: Server, reason: string): Promise<void> {
    if (this.stopped) return this.stopped;
    this.draining = true;
    const began = performance.now();
    const ms = () => Math.round(performance.now() - began);
    logLine('shutdown', { phase: 'begin', signal: reason, in_flight: this.inFlight.size });
    let forced = false;
    const force = setTimeout(() => {
      forced = true;
      logLine('shutdown', { phase: 'forced', in_flight: this.inFlight.size, ms: ms() });
      server.closeAllConnections();
      this.options.exit(1);
    }, this.options.timeoutMs);
    // Stop listening; kept-alive connections that are idle now close now (Node 19+).
    server.close();
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    this.stopped = (async () => {
      const work = this.options.stopWork().catch((err: unknown) => console.error('Omapolku: stopping the background work failed:', err));
      await Promise.all([this.idle(), work]);
      if (forced) return;
      // No request is left; an idle connection could still bring one, so none stays open.
      server.closeAllConnections();
      await this.options.closeDatabase();
      clearTimeout(force);
      logLine('shutdown', { phase: 'done', ms: ms() });
      this.options.exit(0);
    })().catch((err: unknown) => {
      clearTimeout(force);
      console.error('Omapolku: the graceful stop failed:', err);
      this.options.exit(1);
    });
    return this.stopped;
  }

  /** SIGTERM and SIGINT stop the server gracefully; a second one while stopping exits at once. */
  stopOnSignals(server: Server): void {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.on(signal, () => {
        if (!this.draining) return void this.stop(server, signal);
        logLine('shutdown', { phase: 'forced', signal, in_flight: this.inFlight.size });
        this.options.exit(1);
      });
    }
  }
}

const FRONT = Symbol.for('omapolku.front');

/** Makes the process's front, with the real mail sender, database and settings, for serve.mjs. */
export function registerFront(): void {
  (globalThis as Record<symbol, unknown>)[FRONT] ??= new Front({
    trustedProxies: config.trustedProxies,
    stopWork: stopBackgroundWork,
    closeDatabase: closeDb,
    timeoutMs: config.shutdownTimeoutMs,
    exit: (code) => process.exit(code),
  });
}
