// The one way the built server runs: `npm start`, `npm run demo`, the tests and the benchmark.
//
// Astro's standalone server believes the first X-Forwarded-For value of any request as the
// client's address, so anyone could pick a new address per request (past the per-address
// sign-in limit) or use up someone else's. This front keeps Astro's request handling (static
// files, pages) but hands each request what only the socket knows, in Astro's `locals`
// (src/server/ops/astro-entry.ts): the peer's address and whether the connection is TLS. The
// middleware reads them
// (src/server/security/request.ts) and believes forwarded headers only from
// OMAPOLKU_TRUSTED_PROXIES. Built pages answer 500 without this front, so nothing runs on the
// spoofable address by mistake.
//
// The app's side of the front (src/server/ops/front.ts) answers the load balancer's /healthz and
// /readyz, gives each request its id and its line in the log, and stops the server gracefully on
// SIGTERM or SIGINT (requests in flight finish, the database closes, exit 0 within 10 s).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { fileURLToPath } from 'node:url';
import { staticFiles } from './static-files.mjs';

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
// For the tests only: OMAPOLKU_CLOCK_OFFSET_MS moves this server's clock (Date.now, which every
// rule and record of the server reads) by that many milliseconds, so a browser test can be on a
// working day at 8.00, or an hour after a message, without waiting (tests/e2e/notifications.test.ts
// restarts the server on the same database with a later offset). Never set it for a unit.
const clockOffset = Number(process.env.OMAPOLKU_CLOCK_OFFSET_MS ?? 0);
if (!Number.isFinite(clockOffset)) throw new Error('OMAPOLKU_CLOCK_OFFSET_MS must be a number of milliseconds');
if (clockOffset !== 0) {
  const realNow = Date.now;
  Date.now = () => realNow() + clockOffset;
  console.warn(`Omapolku: the clock is moved by ${clockOffset} ms (OMAPOLKU_CLOCK_OFFSET_MS, for tests only).`);
}
// Tells the app it runs behind this front (src/middleware.ts starts the front's side then).
globalThis[Symbol.for('omapolku.served')] = true;
const { handler } = await import('../dist/server/entry.mjs');
// Astro loads the middleware (and with it src/server/config.ts) at the first request; loading it
// now makes a bad setting, such as an unreadable OMAPOLKU_TRUSTED_PROXIES entry, stop the start
// with its message instead of failing every request. Loading it also registers the front.
await import('../dist/server/_astro-internal_middleware.mjs');
const front = globalThis[Symbol.for('omapolku.front')];
if (!front) throw new Error('The built app did not register its front (src/server/ops/front.ts): run `npx astro build` again.');

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4321);
// The adapter runs in middleware mode (astro.config.mjs): its handler renders pages only, and the
// build's static files are served here by their path (static-files.mjs).
const assets = staticFiles(fileURLToPath(new URL('../dist/client/', import.meta.url)));
const app = (req, res, facts) => {
  // As Astro's standalone server: an address that is not valid percent-encoding is refused.
  try {
    decodeURI(req.url);
  } catch {
    res.writeHead(400);
    res.end('Bad request.');
    return;
  }
  const file = assets.match(req.url);
  if (file) return assets.serve(req, res, file);
  // The page's work, which the front waits for before a graceful stop closes the database.
  return handler(req, res, { socketFacts: facts });
};
// Probes first; then every request with its facts, timed and logged (src/server/ops/front.ts).
const listener = (req, res) => front.serve(req, res, (facts) => app(req, res, facts));
// TLS straight from Node, as @astrojs/node's standalone server offers it.
const tls = process.env.SERVER_CERT_PATH && process.env.SERVER_KEY_PATH
  ? { cert: readFileSync(process.env.SERVER_CERT_PATH), key: readFileSync(process.env.SERVER_KEY_PATH) }
  : null;
export const server = tls ? https.createServer(tls, listener) : http.createServer(listener);
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(port, host, resolve);
});
front.stopOnSignals(server);
export const url = `${tls ? 'https' : 'http'}://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`;
