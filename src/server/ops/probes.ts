/**
 * The load balancer's two questions, answered by the front (front.ts) before the app: no
 * session, no middleware, no line in the request log (a probe every few seconds would bury the
 * requests), never cached.
 *
 * - `/healthz`: the process answers. 200 while it runs, also while it stops (restarting it
 *   then would not help).
 * - `/readyz`: send it requests? 200 when the database answers and its migrations are the ones
 *   this code was built with (src/server/db/readiness.ts); 503 otherwise, and from the moment
 *   the server begins to stop.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { databaseReadiness, type DatabaseReadiness } from '@server/db/readiness';

export type Probe = 'healthz' | 'readyz';

export function probeOf(url: string | undefined): Probe | null {
  const path = (url ?? '').split(/[?#]/, 1)[0];
  return path === '/healthz' ? 'healthz' : path === '/readyz' ? 'readyz' : null;
}

/** The words of a 503 (for whoever reads it with curl; the load balancer reads the status). */
export function notReadyText(r: Exclude<DatabaseReadiness, { ready: true }> | { ready: false; problem: 'stopping' }): string {
  switch (r.problem) {
    case 'stopping':
      return 'not ready: the server is stopping';
    case 'unreachable':
      return 'not ready: the database does not answer';
    case 'slow':
      return 'not ready: the database did not answer in time';
    case 'behind':
      return `not ready: the database is at migration ${r.level}, this code needs ${r.expected}`;
    case 'ahead':
      return `not ready: the database is at migration ${r.level}, newer than this code (${r.expected})`;
  }
}

function send(req: IncomingMessage, res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  });
  res.end(req.method === 'HEAD' ? undefined : `${text}\n`);
}

export async function answerProbe(probe: Probe, req: IncomingMessage, res: ServerResponse, stopping: boolean): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(req, res, 405, 'GET or HEAD', { Allow: 'GET, HEAD' });
  if (probe === 'healthz') return send(req, res, 200, 'ok');
  if (stopping) return send(req, res, 503, notReadyText({ ready: false, problem: 'stopping' }));
  const readiness = await databaseReadiness();
  if (res.destroyed) return;
  if (readiness.ready) return send(req, res, 200, 'ready');
  send(req, res, 503, notReadyText(readiness));
}
