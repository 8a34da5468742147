/**
 * One line per request in the server's log (log.ts):
 *
 *   {"type":"request","time":"…","request_id":"5f0c…","method":"POST","route":"/login","status":303,"ms":41.2}
 *
 * What a line holds is fixed here, and nothing of it is free text from the request: the method
 * from a fixed list, the route *pattern* the app matched (`/k/[secret]`,
 * `/worker/clients/[client]/plan`: no secret, no id), the status and the time. No query string,
 * no body, no header, no address (the security events keep the address where it matters). A
 * request the app never saw is a static file of our own (its path) or, when refused before the
 * app, `[unmatched]`: a typed address is never written back.
 */
import { randomUUID } from 'node:crypto';
import { isTrusted, type IpRange } from '@server/security/client-address';
import { pathForLog } from '@server/security/events';
import { logLine } from './log';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** What an id from our own proxy may look like (nginx's $request_id: 32 hex digits; a UUID). */
const PROXY_REQUEST_ID = /^[A-Za-z0-9._:-]{8,100}$/;

/**
 * The request's id: our own proxy's (X-Request-Id from OMAPOLKU_TRUSTED_PROXIES, so its log and
 * ours name a request alike), else a new random one. Anyone else's header is ignored: it could
 * carry anything into the log.
 */
export function requestIdFor(peer: string, header: string | string[] | undefined, trusted: readonly IpRange[]): string {
  if (typeof header === 'string' && PROXY_REQUEST_ID.test(header) && isTrusted(peer, trusted)) return header;
  return randomUUID();
}

/** What the line names as the thing asked for (see the module comment). */
export function routeForLog(route: string | undefined, url: string | undefined, status: number): string {
  if (route) return route;
  // Outside the app only the static handler answers below 400, and only for a file that exists.
  if (status < 400) return pathForLog((url ?? '/').split(/[?#]/, 1)[0]);
  return '[unmatched]';
}

export interface FinishedRequest {
  requestId: string;
  method: string | undefined;
  url: string | undefined;
  /** The route pattern the middleware saw, if the app answered. */
  route: string | undefined;
  status: number;
  ms: number;
  /** The answer went out whole (false: the client went away first). */
  finished: boolean;
}

export function logRequest(r: FinishedRequest): void {
  logLine('request', {
    request_id: r.requestId,
    method: r.method && METHODS.has(r.method) ? r.method : 'other',
    route: routeForLog(r.route, r.url, r.status),
    status: r.status,
    ms: Math.round(r.ms * 10) / 10,
    aborted: r.finished ? undefined : true,
  });
}

/**
 * A request that failed (the 500 page calls this): a line in the log with the request's id and
 * route, so the failure is found beside its request line. Astro itself prints the error with its
 * stack to stderr just before (it names the route pattern, not the path). When the page is given
 * the error, the line also says its kind (`SQLITE_CANTOPEN`, PostgreSQL's `40001`, `TypeError`), never its message,
 * which may hold data.
 */
export function logServerError(error: unknown, facts: { requestId?: string; route?: string } | undefined): void {
  const e = error as { code?: unknown; name?: unknown } | null | undefined;
  // SQLite's and Node's codes (`SQLITE_BUSY`, `ECONNREFUSED`), and PostgreSQL's SQLSTATE
  // (`40001`, `57P01`), which pg's errors carry under the name "error".
  const code = typeof e?.code === 'string' && (/^[A-Z][A-Z0-9_]{1,40}$/.test(e.code) || /^[0-9A-Z]{5}$/.test(e.code)) ? e.code : undefined;
  const name = typeof e?.name === 'string' && /^[A-Za-z]{1,40}$/.test(e.name) ? e.name : undefined;
  logLine('error', { request_id: facts?.requestId, route: facts?.route, error: code ?? name });
}
