/**
 * `npm run bench`: how fast and how heavy the client pages are (/client, and the attendance and
 * money pages /client/attendance and /client/money against over 2 million attendance rows).
 *
 * 1. builds the portal and, at the same time, seeds a temporary database with 10 000 clients,
 *    8 years of attendance for 1 000 of them, and times the month statement of a 500-client
 *    unit (bench/seed-large.ts; its query plans are printed too);
 * 2. starts the built server on a free loopback port and signs Matti in (card + picture PIN);
 * 3. loads /client with autocannon at 10 and 50 connections (a short warm-up run first);
 * 4. serves the very same HTML bytes from a bare node:http server and loads it the same way,
 *    so "portal ÷ bare" shows what the app costs, largely independent of the machine;
 * 5. sums the HTML and JavaScript bytes (raw and gzip) the page makes a browser load;
 * 6. prints everything, the targets from the issue, and a markdown table for the README.
 *
 * Every run also reports the server's CPU time per request (bench/cpu.mjs): user + system time
 * of the server process during the run ÷ requests served. Unlike req/s it does not depend on how
 * autocannon and the server share the cores, so its targets are the first line.
 *
 * `npm run bench -- --engine postgres` does all of it on SQLite and then on PostgreSQL (a fresh
 * database omapolku_bench_<random>, seeded the same way and dropped at exit; bench/postgres.mjs)
 * and prints the two engines' figures side by side. On PostgreSQL the CPU per request counts the
 * database's backend processes too, where the queries run (on SQLite they run in the server).
 *
 * `npm run bench -- --two-servers` starts two app servers on one PostgreSQL database and loads
 * /client and sending on both at once (one autocannon per server), beside one server alone: how
 * far a second app server carries a county's load. (With --engine postgres, after the engines.)
 *
 * `npm run bench -- --profile` instead loads /client under V8's CPU profiler
 * (bench/profiled-server.mjs), writes data/bench-client.cpuprofile (open it in Chrome DevTools)
 * and prints the heaviest functions and packages (on PostgreSQL with --engine postgres).
 *
 * Not part of `npm test`: it takes about a minute (a few with PostgreSQL) and its figures depend
 * on the machine. Exits non-zero when something is broken (sign-in, non-2xx answers, socket
 * errors), not when a target is missed: the figures are for people to read.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import { cpuMeter, cpuPerRequest, summarizeProfile } from './cpu.mjs';
import { benchServerUrl, createBenchDatabase, dropBenchDatabaseSync } from './postgres.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLIENTS = 10_000;
const CONNECTIONS = [10, 50];
const DURATION_S = 10;
const WARMUP_S = 3;
// The fictional demo client Matti, as the seed writes him (src/server/demo/people.json).
const MATTI = JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'server', 'demo', 'people.json'), 'utf8')).clients.find((c) => c.key === 'matti');
// Aino, whose conversation has 20 messages (Matti's has 5 000): the messages page at both ends.
const AINO = JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'server', 'demo', 'people.json'), 'utf8')).clients.find((c) => c.key === 'aino');
const GREETING = `Hei ${MATTI.preferred}!`;
// Targets from the issue; rps, p95 and ratio apply at 10 connections. KB = 1024 bytes.
const TARGET = { rps: 500, p95Ms: 40, ratio: 0.06, jsGzipKB: 15, htmlGzipKB: 10, statementMs: 1000, attendanceRows: 2_000_000, sendPerS: 150, sendP95Ms: 50 };
// Server CPU per request (ms), the first-line targets: /client, every other client page, sending.
const CPU_TARGET = { home: 1.5, page: 2.5, send: 3 };
const PROFILE = process.argv.includes('--profile');
// `--profile /client/messages`: another client page under the profiler (default /client).
const PROFILED_PAGE = (() => {
  const next = process.argv[process.argv.indexOf('--profile') + 1];
  return next?.startsWith('/client') ? next : '/client';
})();
// `--engine postgres` or `--engine=postgres`.
const ENGINE = process.argv.find((a) => a.startsWith('--engine='))?.slice('--engine='.length) ??
  (process.argv.includes('--engine') ? process.argv[process.argv.indexOf('--engine') + 1] : 'sqlite');
if (ENGINE !== 'sqlite' && ENGINE !== 'postgres') throw new Error(`--engine takes sqlite or postgres, not ${ENGINE}`);
const TWO_SERVERS = process.argv.includes('--two-servers');
const ENGINE_NAME = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
// The engines whose pages are measured: PostgreSQL's beside SQLite's, so the two are read from
// the same machine at the same time; only the one asked when profiling; none when only the two
// servers are asked for.
const ENGINES = PROFILE ? [ENGINE] : ENGINE === 'postgres' ? ['sqlite', 'postgres'] : TWO_SERVERS ? [] : ['sqlite'];
// Each engine's database, seeded once: also PostgreSQL's for the two-server run.
const SEEDED = TWO_SERVERS && !ENGINES.includes('postgres') ? [...ENGINES, 'postgres'] : ENGINES;

// ---------------------------------------------------------------------------------------------
// Child processes and temporary files: always cleaned up, also on failure and Ctrl+C.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'omapolku-bench-'));
const children = new Set();

// The PostgreSQL database, when one was made: dropped at exit with the temporary files.
let postgres = null;

process.on('exit', () => {
  // Each child leads its own process group (detached), so this also ends what npx started.
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  if (postgres) dropBenchDatabaseSync(benchServerUrl(), postgres.name);
  fs.rmSync(tmp, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => process.exit(128 + os.constants.signals[signal]));
}

/** Starts a command in the repository; its output is kept (not shown) for error messages. */
function start(command, args, env = {}) {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.output = '';
  const keep = (chunk) => (child.output = (child.output + chunk).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  // A server's error lines ({"type":"error",…,"error":"40001"}: src/server/ops/request-log.ts),
  // counted by kind, so a run with failed requests says why (the request lines push them out of `output`).
  child.errorKinds = new Map();
  let partial = '';
  child.stdout.on('data', (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop();
    for (const line of lines) {
      if (!line.startsWith('{"type":"error"')) continue;
      const kind = JSON.parse(line).error ?? 'unknown';
      child.errorKinds.set(kind, (child.errorKinds.get(kind) ?? 0) + 1);
    }
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** Runs a command to completion; throws with the command's output when it fails. */
function run(label, command, args, env) {
  const child = start(command, args, env);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve(child.output) : reject(new Error(`${label} failed (${signal ?? `exit ${code}`}):\n${child.output}`)),
    );
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** Waits until `url` answers at all, or fails early if the server process died. */
async function waitForHttp(url, child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Server exited (${child.exitCode}):\n${child.output}`);
    try {
      await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`No answer from ${url} in ${timeoutMs / 1000} s:\n${child.output}`);
}

// ---------------------------------------------------------------------------------------------
// Signing in and reading the page, with plain fetch (no browser, no redirect following).

function cookieValue(response, name) {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const eq = pair.indexOf('=');
    if (pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

/** Card link, then the four PIN pictures; returns the session cookie (Matti's unless told). */
async function signIn(base, client = MATTI) {
  const card = await fetch(`${base}/k/${client.secret}`, { redirect: 'manual' });
  const pending = cookieValue(card, 'omapolku_pending');
  if (card.status !== 303 || !pending) throw new Error(`Card sign-in answered ${card.status} without a pending cookie`);
  let session;
  for (const pick of client.pin) {
    const res = await fetch(`${base}/card/pin`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        // Astro's CSRF check rejects form posts without a matching Origin.
        origin: base,
        cookie: `omapolku_pending=${pending}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      // "own device" gives a remembered session, so it does not idle out during the run.
      body: new URLSearchParams({ pick, device: 'own' }),
    });
    if (res.status !== 303) throw new Error(`PIN picture "${pick}" answered ${res.status}`);
    session = cookieValue(res, 'omapolku_session') ?? session;
  }
  if (!session) throw new Error('The PIN was accepted but no omapolku_session cookie was set');
  return `omapolku_session=${session}`;
}

async function fetchBytes(url, headers) {
  const res = await fetch(url, { headers, redirect: 'manual' });
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

const gzipSize = (bytes) => zlib.gzipSync(bytes).length;

/**
 * Every JavaScript file the page makes a browser load: module scripts, island component and
 * renderer URLs, modulepreloads, and (transitively) their static imports. Dynamic import()s
 * are left out: they load only when used. Inline scripts are counted separately.
 */
async function pageJavaScript(base, html) {
  const urls = [];
  const inline = [];
  for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const src = /\bsrc="([^"]+)"/i.exec(attrs)?.[1];
    if (src) urls.push(src);
    else if (!/\btype="(?!module|text\/javascript)[^"]*"/i.test(attrs)) inline.push(body); // not JSON data
  }
  for (const [, url] of html.matchAll(/\b(?:component-url|renderer-url|before-hydration-url)="([^"]+)"/g)) urls.push(url);
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    if (/\brel="modulepreload"/i.test(tag)) urls.push(/\bhref="([^"]+)"/i.exec(tag)?.[1]);
  }

  const files = new Map(); // absolute URL -> bytes
  const queue = urls.filter(Boolean).map((u) => new URL(u, `${base}/client`).href);
  while (queue.length > 0) {
    const url = queue.shift();
    if (files.has(url)) continue;
    const bytes = await fetchBytes(url);
    files.set(url, bytes);
    // Vite output is minified ES modules: import{a as b}from"./x.js", import"./y.js", export*from"./z.js".
    const code = bytes.toString('utf8');
    for (const [, spec] of code.matchAll(/\b(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?["']((?:\.{1,2}\/|\/)[^"']+)["']/g)) {
      queue.push(new URL(spec, url).href);
    }
  }
  const inlineBytes = Buffer.from(inline.join('\n'));
  const external = [...files].map(([url, bytes]) => ({ path: new URL(url).pathname, raw: bytes.length, gzip: gzipSize(bytes) }));
  return {
    external,
    inline: { count: inline.length, raw: inlineBytes.length, gzip: inline.length ? gzipSize(inlineBytes) : 0 },
  };
}

// ---------------------------------------------------------------------------------------------
// Load generation.

let sent = 0; // every message the bench sends has an idempotency key of its own

/**
 * One autocannon run against `target` ({ url, headers }); latencies are collected per response
 * because autocannon has no p95. `send`: each request posts a new message to the conversation.
 */
function cannon(target, connections, durationS, send = false) {
  const options = send
    ? {
        method: 'POST',
        headers: { ...target.headers, 'content-type': 'application/x-www-form-urlencoded' },
        requests: [
          {
            setupRequest(request) {
              sent++;
              request.body = `action=text&key=bench-send-${process.pid}-${sent}&body=Viesti+${sent}`;
              return request;
            },
          },
        ],
      }
    : { headers: target.headers };
  return new Promise((resolve, reject) => {
    const latencies = [];
    const instance = autocannon({ url: target.url, connections, duration: durationS, ...options }, (err, result) =>
      err ? reject(err) : resolve({ result, latencies }),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

const sum = (items, of) => items.reduce((total, item) => total + of(item), 0);

/**
 * Warm-up (thrown away), then the measured run, with `connections` to each of `targets` (one per
 * app server, all loaded at once; their figures summed). `meter` reads the CPU time of what
 * serves them (cpuMeter). `send`: new messages are posted, and the success answer is then the
 * 303 back to the conversation, so anything else counts as a failure.
 */
async function measure(label, targets, connections, meter, { send = false } = {}) {
  const load = (durationS) => Promise.all(targets.map((target) => cannon(target, connections, durationS, send)));
  await load(WARMUP_S);
  const before = await meter();
  const runs = await load(DURATION_S);
  const after = await meter();
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const total = sum(runs, (r) => r.result.requests.total);
  // The answers that are failures here, by status code, to show beside their count.
  const failures = new Map();
  for (const { result } of runs) {
    for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) {
      if (send ? code !== '303' : !code.startsWith('2')) failures.set(code, (failures.get(code) ?? 0) + count);
    }
  }
  const cpu = cpuPerRequest(before, after, total);
  const m = {
    cpuMs: cpu?.total ?? null,
    dbCpuMs: cpu?.database ?? null, // the database's share, on PostgreSQL
    rps: sum(runs, (r) => r.result.requests.average),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    total,
    non2xx: sum([...failures.values()], (n) => n),
    socketErrors: sum(runs, (r) => r.result.errors), // includes timeouts
  };
  const words = send ? { rate: 'msg/s  ', what: 'messages', failed: 'not 303' } : { rate: 'req/s', what: 'requests', failed: 'non-2xx' };
  const codes = failures.size ? ` (${[...failures].map(([code, n]) => `${code} × ${n}`).join(', ')})` : '';
  const conn = targets.length > 1 ? `${targets.length} × ${connections}` : String(connections).padStart(2);
  console.log(
    `  ${label.padEnd(6)} ${conn} conn: ${cpuOf(m)} CPU/req  ${fmt(m.rps, 0).padStart(6)} ${words.rate}  ` +
      `p50 ${fmt(m.p50, 1)} / p95 ${fmt(m.p95, 1)} / p99 ${fmt(m.p99, 1)} ms  ` +
      `(${m.total} ${words.what}, ${m.non2xx} ${words.failed}${codes}, ${m.socketErrors} socket errors)`,
  );
  return m;
}

// ---------------------------------------------------------------------------------------------
// Formatting.

const fmt = (n, digits) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const kb = (bytes) => `${fmt(bytes / 1024, 1)} KB`;
const mark = (ok) => (ok ? '✅' : '❌');
const cpuText = (ms) => (ms === null ? 'n/a (no /proc)' : `${fmt(ms, 2)} ms`);
const cpuWithin = (ms, target) => ms !== null && ms <= target;
// On PostgreSQL, with the part the database's processes used.
const cpuOf = (m) => (m.dbCpuMs === null ? cpuText(m.cpuMs) : `${cpuText(m.cpuMs)} (database ${fmt(m.dbCpuMs, 2)})`);

// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// The databases, and the app servers on them.

/**
 * Each seeded engine's settings for the seed and the servers, and how its servers' CPU is read.
 * On PostgreSQL, OMAPOLKU_DB only places what a server keeps beside its database (the mail
 * outbox) in the temporary folder, and the two-step key is given, as PostgreSQL needs.
 */
const databases = {};
if (SEEDED.includes('sqlite')) {
  databases.sqlite = { env: { OMAPOLKU_DB: path.join(tmp, 'bench.sqlite') }, meter: (pids) => cpuMeter(pids) };
}
if (SEEDED.includes('postgres')) {
  postgres = await createBenchDatabase(benchServerUrl());
  fs.mkdirSync(path.join(tmp, 'postgres'));
  databases.postgres = {
    env: {
      OMAPOLKU_DB: path.join(tmp, 'postgres', 'unused.sqlite'),
      OMAPOLKU_DATABASE_URL: postgres.url,
      OMAPOLKU_TWO_STEP_KEY: randomBytes(32).toString('hex'),
    },
    meter: (pids) => cpuMeter(pids, postgres.backends),
  };
}

/** Starts the built server (or `script`, e.g. the profiled one) on a free port on `engine`'s database. */
async function startServer(engine, script = 'scripts/serve.mjs', args = []) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = start(process.execPath, [script, ...args], {
    HOST: '127.0.0.1',
    PORT: String(port),
    ...databases[engine].env,
    OMAPOLKU_IP_SIGNIN_LIMIT: '1000',
    OMAPOLKU_PLAIN_HTTP: '1',
  });
  await waitForHttp(`${base}/`, child);
  return { base, pid: child.pid, child };
}

/** Stops a server as its operator would (SIGTERM: requests in flight finish, the database closes). */
async function stopServer(server) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  process.kill(server.pid, 'SIGTERM');
  await exited;
}

// A plan step that reads one of the attendance pages' tables whole. PostgreSQL plans from
// statistics and rightly reads a table of a few rows whole (the bench leaves adjustments and
// absence reports nearly empty), so there only the big tables count.
const FULL_SCAN = {
  sqlite: /SCAN (attendance|adjustments|absence_report_days)\b(?! USING)/,
  postgres: /Seq Scan on (attendance|messages)\b/,
};

/** Seeds `engine`'s database (bench/seed-large.ts) and reads its BENCH lines. */
async function seed(engine) {
  const output = await run(
    `Seeding ${ENGINE_NAME[engine]}`,
    'npx',
    ['vite-node', '-c', 'scripts/vite-node.config.mjs', 'bench/seed-large.ts', String(CLIENTS)],
    databases[engine].env,
  );
  const lines = output.split('\n').filter((l) => l.startsWith('BENCH '));
  return {
    lines,
    attendanceRows: Number(/attendance_rows=(\d+)/.exec(output)?.[1]),
    statementMs: Number(/statement_ms=([\d.]+)/.exec(output)?.[1]),
    plansUseIndexes: lines.filter((l) => l.startsWith('BENCH plan')).every((l) => !FULL_SCAN[engine].test(l)),
  };
}

// ---------------------------------------------------------------------------------------------
// One engine's measurements.

// The attendance and money pages (issue 4) and the messages page with a 5 000-message
// conversation (Matti) and a 20-message one (Aino) (issues 5 and 19): measured at 10 connections.
const PAGES = [
  ['/client/attendance', '/client/attendance', MATTI],
  ['/client/money', '/client/money', MATTI],
  ['/client/messages', '/client/messages (5 000)', MATTI],
  ['/client/messages', '/client/messages (20)', AINO],
];

// /client's HTML and JavaScript, and the bare server serving the same HTML: the same on every
// engine, so read and measured once, on the first.
let page = null;
let bare = null;
const bareFigures = new Map(); // connections → the bare server's figures

/** Reads what /client makes a browser load, prints it, and starts the bare server with the same HTML. */
async function describePage(base, html) {
  console.log(`Signed in as Matti; /client is ${kb(html.length)} of HTML.`);
  const js = await pageJavaScript(base, html.toString('utf8'));
  const jsRaw = js.external.reduce((s, f) => s + f.raw, 0) + js.inline.raw;
  const jsGzip = js.external.reduce((s, f) => s + f.gzip, 0) + js.inline.gzip;
  console.log(`\nJavaScript on /client (gzip -6):`);
  for (const f of js.external) console.log(`  ${f.path}  ${f.raw} B raw, ${f.gzip} B gzip`);
  console.log(`  ${js.inline.count} inline script(s)  ${js.inline.raw} B raw, ${js.inline.gzip} B gzip`);

  // The bare baseline serves the bytes the portal just sent, from its own process.
  const htmlFile = path.join(tmp, 'client.html');
  fs.writeFileSync(htmlFile, html);
  const barePort = await freePort();
  const child = start(process.execPath, ['bench/bare-server.mjs', htmlFile, String(barePort)]);
  await waitForHttp(`http://127.0.0.1:${barePort}/`, child);
  bare = { url: `http://127.0.0.1:${barePort}/client`, meter: cpuMeter([child.pid]) };
  return { html, js, jsRaw, jsGzip };
}

/**
 * Every measurement of one engine on its own server: /client at 10 and 50 connections (beside
 * the bare server), the other client pages at 10, and sending. The server is stopped after.
 */
async function benchEngine(engine) {
  const server = await startServer(engine);
  const meter = databases[engine].meter([server.pid]);
  const cookie = await signIn(server.base);
  const html = await fetchBytes(`${server.base}/client`, { cookie });
  if (!html.toString('utf8').includes(GREETING)) throw new Error(`/client does not greet Matti ("${GREETING}" missing)`);
  if (!page) {
    page = await describePage(server.base, html);
    console.log(`\nLoad: ${DURATION_S} s per run after a ${WARMUP_S} s warm-up, loopback only.`);
  }
  if (ENGINES.length > 1) console.log(`${ENGINE_NAME[engine]}:`);

  const rows = [];
  for (const connections of CONNECTIONS) {
    const portal = await measure('portal', [{ url: `${server.base}/client`, headers: { cookie } }], connections, meter);
    if (!bareFigures.has(connections)) bareFigures.set(connections, await measure('bare', [{ url: bare.url, headers: {} }], connections, bare.meter));
    const baseline = bareFigures.get(connections);
    rows.push({ connections, portal, bare: baseline, ratio: portal.rps / baseline.rps });
  }
  const cookies = new Map([[MATTI, cookie], [AINO, await signIn(server.base, AINO)]]);
  const pages = [];
  for (const [pagePath, label, client] of PAGES) {
    const headers = { cookie: cookies.get(client) };
    const body = (await fetchBytes(`${server.base}${pagePath}`, headers)).toString('utf8');
    if (!body.includes('<main')) throw new Error(`${label} did not render a page`);
    const m = await measure(label.slice(8), [{ url: `${server.base}${pagePath}`, headers }], 10, meter);
    pages.push({ page: label, m, htmlBytes: Buffer.byteLength(body) });
  }
  // Sending a message (issue 5): every request a new message with its own idempotency key,
  // committed to disk (SQLite's synchronous=FULL, PostgreSQL's synchronous_commit=on); the answer
  // is the 303 back to the conversation.
  const send = await measure('send', [{ url: `${server.base}/client/messages`, headers: { cookie, origin: server.base } }], 10, meter, { send: true });
  await stopServer(server);
  printServerErrors([server]);
  return { engine, rows, pages, send, ...seeds[engine] };
}

/**
 * Two app servers on the one PostgreSQL database, as a county runs them behind a load balancer:
 * /client and sending on one server alone, then on both at once (an autocannon per server, 10
 * connections each). Sessions live in the database, so Matti's cookie from one is good on both.
 */
async function benchTwoServers() {
  const servers = [await startServer('postgres'), await startServer('postgres')];
  const cookie = await signIn(servers[0].base);
  console.log(
    `\nTwo app servers on one PostgreSQL database, 10 connections per server (this machine has ${os.cpus().length} CPU threads, ` +
      'shared by the app servers, PostgreSQL and autocannon):',
  );
  const figures = {};
  for (const [count, on] of [['one', servers.slice(0, 1)], ['two', servers]]) {
    const meter = databases.postgres.meter(on.map((s) => s.pid));
    figures[count] = {
      home: await measure('/client', on.map((s) => ({ url: `${s.base}/client`, headers: { cookie } })), 10, meter),
      send: await measure('send', on.map((s) => ({ url: `${s.base}/client/messages`, headers: { cookie, origin: s.base } })), 10, meter, { send: true }),
    };
  }
  for (const server of servers) await stopServer(server);
  printServerErrors(servers);
  return figures;
}

/** What the servers' error lines name, when any request failed with a 500. */
function printServerErrors(servers) {
  const kinds = new Map();
  for (const server of servers) for (const [kind, n] of server.child.errorKinds) kinds.set(kind, (kinds.get(kind) ?? 0) + n);
  if (kinds.size > 0) console.log(`  Server errors by kind: ${[...kinds].map(([kind, n]) => `${kind} × ${n}`).join(', ')}`);
}

// ---------------------------------------------------------------------------------------------
// The run.

const into = postgres ? ` into ${SEEDED.map((e) => ENGINE_NAME[e]).join(' and ')} (database ${postgres.name} on ${new URL(postgres.url).host})` : '';
console.log(`Building the portal and seeding ${fmt(CLIENTS, 0)} clients${into} (temporary files in ${tmp}) ...`);
// The seeds one at a time, beside the build: each times its month statement.
const seeds = {};
await Promise.all([
  run('npx astro build', 'npx', ['astro', 'build']),
  (async () => {
    for (const engine of SEEDED) seeds[engine] = await seed(engine);
  })(),
]);
for (const engine of SEEDED) {
  if (SEEDED.length > 1) console.log(`  ${ENGINE_NAME[engine]}:`);
  for (const line of seeds[engine].lines) console.log(`${SEEDED.length > 1 ? '    ' : '  '}${line.slice(6)}`);
}
if (PROFILE) await profileHome(ENGINE);

const results = [];
for (const engine of ENGINES) results.push(await benchEngine(engine));
const twoServers = TWO_SERVERS ? await benchTwoServers() : null;

// ---------------------------------------------------------------------------------------------
// Report.

const cpuModel = `${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.cpus().length} threads, Node ${process.version}`;

/** One engine's figures against the targets from the issue. */
function judge(r) {
  const at10 = r.rows.find((row) => row.connections === 10);
  return {
    at10,
    checks: {
      rps: at10.portal.rps >= TARGET.rps,
      p95: at10.portal.p95 <= TARGET.p95Ms,
      ratio: at10.ratio >= TARGET.ratio,
      js: page.jsGzip <= TARGET.jsGzipKB * 1024,
      html: gzipSize(page.html) <= TARGET.htmlGzipKB * 1024,
      cpu: cpuWithin(at10.portal.cpuMs, CPU_TARGET.home),
    },
    pageCpuChecks: r.pages.map((p) => cpuWithin(p.m.cpuMs, CPU_TARGET.page)),
    checkSendCpu: cpuWithin(r.send.cpuMs, CPU_TARGET.send),
    checkSend: r.send.rps >= TARGET.sendPerS && r.send.p95 <= TARGET.sendP95Ms,
    pageChecks: r.pages.map((p) => p.m.p95 <= TARGET.p95Ms),
    checkStatement: r.statementMs < TARGET.statementMs,
    checkRows: r.attendanceRows >= TARGET.attendanceRows,
  };
}

const failed = (measurements) => measurements.some((m) => m.non2xx > 0 || m.socketErrors > 0);

/** Prints one engine's results against the targets; true when some requests failed. */
function reportTargets(r) {
  const { at10, checks, pageCpuChecks, checkSendCpu, checkSend, pageChecks, checkStatement, checkRows } = judge(r);
  const broken = failed([...r.rows.flatMap((row) => [row.portal, row.bare]), ...r.pages.map((p) => p.m), r.send]);
  const on = results.length > 1 ? ` on ${ENGINE_NAME[r.engine]}` : '';
  const database = r.engine === 'postgres' ? '; on PostgreSQL the server CPU counts the database processes too' : '';
  console.log(`\nResults against the targets${on} (server CPU per request first, then throughput and latency${database}):`);
  console.log(`  /client: ${cpuText(at10.portal.cpuMs)} CPU/request at 10 connections (target ≤ ${CPU_TARGET.home} ms ${mark(checks.cpu)}); bare server ${cpuText(at10.bare.cpuMs)}`);
  for (const [i, p] of r.pages.entries()) {
    console.log(`  ${p.page}: ${cpuText(p.m.cpuMs)} CPU/request (target ≤ ${CPU_TARGET.page} ms ${mark(pageCpuChecks[i])})`);
  }
  console.log(`  Sending a message: ${cpuText(r.send.cpuMs)} CPU/request (target ≤ ${CPU_TARGET.send} ms ${mark(checkSendCpu)})`);
  for (const row of r.rows) {
    const t = row.connections === 10;
    console.log(
      `  ${row.connections} connections: ${fmt(row.portal.rps, 0)} req/s${t ? ` (target ≥ ${TARGET.rps} ${mark(checks.rps)})` : ''}, ` +
        `p95 ${fmt(row.portal.p95, 1)} ms${t ? ` (target ≤ ${TARGET.p95Ms} ms ${mark(checks.p95)})` : ''}, ` +
        `ratio ${fmt(row.ratio, 3)} = ${fmt(row.portal.rps, 0)} ÷ ${fmt(row.bare.rps, 0)} bare${t ? ` (target ≥ ${TARGET.ratio} ${mark(checks.ratio)})` : ''}`,
    );
  }
  console.log(`  JavaScript: ${kb(page.jsGzip)} gzip (target ≤ ${TARGET.jsGzipKB} KB ${mark(checks.js)}); HTML ${kb(gzipSize(page.html))} gzip (target ≤ ${TARGET.htmlGzipKB} KB ${mark(checks.html)})`);
  for (const [i, p] of r.pages.entries()) {
    console.log(`  ${p.page}: p95 ${fmt(p.m.p95, 1)} ms at 10 connections (target ≤ ${TARGET.p95Ms} ms ${mark(pageChecks[i])}), ${fmt(p.m.rps, 0)} req/s`);
  }
  console.log(`  Attendance rows: ${fmt(r.attendanceRows, 0)} (target ≥ ${fmt(TARGET.attendanceRows, 0)} ${mark(checkRows)})`);
  console.log(`  Month statement, 500-client unit: ${fmt(r.statementMs, 1)} ms (target < ${TARGET.statementMs} ms ${mark(checkStatement)})`);
  console.log(`  Query plans use indexes: ${r.plansUseIndexes ? '✅' : '❌'}`);
  console.log(`  Sending a message: ${fmt(r.send.rps, 0)}/s, p95 ${fmt(r.send.p95, 1)} ms at 10 connections (target ≥ ${TARGET.sendPerS}/s and p95 ≤ ${TARGET.sendP95Ms} ms ${mark(checkSend)})`);
  console.log(`  Errors: ${broken ? '❌ some requests failed (see above)' : 'none (only 2xx answers)'}`);
  return broken;
}

/** The README's tables of one engine (SQLite, `npm run bench`). */
function engineMarkdown(r) {
  const { checks, pageCpuChecks, checkSendCpu, checkSend, pageChecks, checkStatement } = judge(r);
  const { rows, send } = r;
  const { html, js, jsRaw, jsGzip } = page;
  return [
    `Client home page \`/client\`, ${fmt(CLIENTS, 0)} clients in the database; ${cpuModel}; ` +
      `autocannon ${DURATION_S} s per run, loopback. Run \`npm run bench\`.`,
    '',
    '| Measure | 10 connections | 50 connections | Target |',
    '| --- | --: | --: | --- |',
    `| **Server CPU per request (ms)** | ${rows.map((row) => cpuText(row.portal.cpuMs)).join(' | ')} | ≤ ${CPU_TARGET.home} at 10 ${mark(checks.cpu)} |`,
    `| Bare \`node:http\` CPU per request (ms) | ${rows.map((row) => cpuText(row.bare.cpuMs)).join(' | ')} | |`,
    `| Requests/s | ${rows.map((row) => fmt(row.portal.rps, 0)).join(' | ')} | ≥ ${TARGET.rps} at 10 ${mark(checks.rps)} |`,
    `| Latency p50 / p95 / p99 (ms) | ${rows.map((row) => [row.portal.p50, row.portal.p95, row.portal.p99].map((v) => fmt(v, 1)).join(' / ')).join(' | ')} | p95 ≤ ${TARGET.p95Ms} at 10 ${mark(checks.p95)} |`,
    `| Errors (non-2xx / socket) | ${rows.map((row) => `${row.portal.non2xx} / ${row.portal.socketErrors}`).join(' | ')} | 0 |`,
    `| Bare \`node:http\`, same HTML (req/s) | ${rows.map((row) => fmt(row.bare.rps, 0)).join(' | ')} | |`,
    `| Ratio portal ÷ bare | ${rows.map((row) => fmt(row.ratio, 3)).join(' | ')} | ≥ ${TARGET.ratio} at 10 ${mark(checks.ratio)} |`,
    `| HTML (raw / gzip) | ${kb(html.length)} / ${kb(gzipSize(html))} | | ≤ ${TARGET.htmlGzipKB} KB gzip ${mark(checks.html)} |`,
    `| JavaScript, ${js.external.length} files + ${js.inline.count} inline (raw / gzip) | ${kb(jsRaw)} / ${kb(jsGzip)} | | ≤ ${TARGET.jsGzipKB} KB gzip ${mark(checks.js)} |`,
    '',
    `Attendance and money pages (${fmt(r.attendanceRows, 0)} attendance rows, 1 000 clients × 8 years of weekdays), the messages page (a 5 000-message and a 20-message conversation, the newest 20 shown) and sending:`,
    '',
    '| Page | CPU per request (ms) | Requests/s (10 conn.) | p50 / p95 / p99 (ms) | Target |',
    '| --- | --: | --: | --: | --- |',
    ...r.pages.map((p, i) => `| \`${p.page}\` | ${cpuText(p.m.cpuMs)} | ${fmt(p.m.rps, 0)} | ${[p.m.p50, p.m.p95, p.m.p99].map((v) => fmt(v, 1)).join(' / ')} | CPU ≤ ${CPU_TARGET.page} ${mark(pageCpuChecks[i])}; p95 ≤ ${TARGET.p95Ms} ${mark(pageChecks[i])} |`),
    `| Month statement of a 500-client unit | | | ${fmt(r.statementMs, 1)} ms | < ${TARGET.statementMs} ms ${mark(checkStatement)} |`,
    `| Sending a message (POST, synchronous=FULL) | ${cpuText(send.cpuMs)} | ${fmt(send.rps, 0)} messages/s | ${[send.p50, send.p95, send.p99].map((v) => fmt(v, 1)).join(' / ')} | CPU ≤ ${CPU_TARGET.send} ${mark(checkSendCpu)}; ≥ ${TARGET.sendPerS}/s, p95 ≤ ${TARGET.sendP95Ms} ${mark(checkSend)} |`,
  ];
}

/** The engines side by side (`--engine postgres`): CPU per request, req/s and p95 of every page and of sending. */
function comparisonMarkdown() {
  const cpuCell = (m) => (m.cpuMs === null ? 'n/a' : `${fmt(m.cpuMs, 2)}${m.dbCpuMs === null ? '' : ` (${fmt(m.dbCpuMs, 2)})`}`);
  const at = (r, connections) => r.rows.find((row) => row.connections === connections).portal;
  const measures = [
    ['`/client`', (r) => at(r, 10)],
    ['`/client`, 50 connections', (r) => at(r, 50)],
    ...PAGES.map(([, label], i) => [`\`${label}\``, (r) => r.pages[i].m]),
    ['Sending a message (messages/s)', (r) => r.send],
  ];
  const names = results.map((r) => (r.engine === 'postgres' ? `PostgreSQL ${postgres.version}` : ENGINE_NAME[r.engine]));
  return [
    `Client pages on ${names.join(' and ')}, the same data (${fmt(CLIENTS, 0)} clients, ${fmt(results[0].attendanceRows, 0)} attendance rows, ` +
      `a 5 000-message conversation); ${cpuModel}; autocannon ${DURATION_S} s per run at 10 connections unless said, loopback; ` +
      'sending commits to disk on both (synchronous=FULL, synchronous_commit=on). CPU per request is the app server\'s, ' +
      'on PostgreSQL with the database\'s processes, whose part is in brackets. Run `npm run bench -- --engine postgres`.',
    '',
    `| Page | ${names.map((n) => `${n}: CPU per request (ms) | req/s | p95 (ms)`).join(' | ')} |`,
    `| --- |${' --: | --: | --: |'.repeat(results.length)}`,
    ...measures.map(([label, of]) => `| ${label} | ${results.map((r) => [cpuCell(of(r)), fmt(of(r).rps, 0), fmt(of(r).p95, 1)].join(' | ')).join(' | ')} |`),
    // Figures of the seed, in each engine's last column.
    `| Month statement of a 500-client unit (ms) | ${results.map((r) => ['', '', fmt(r.statementMs, 1)].join(' | ')).join(' | ')} |`,
    `| Query plans use indexes | ${results.map((r) => ['', '', mark(r.plansUseIndexes)].join(' | ')).join(' | ')} |`,
  ];
}

/** Prints the two-server figures beside one server's; true when some requests failed. */
function reportTwoServers({ one, two }) {
  const threads = os.cpus().length;
  const broken = failed([one.home, one.send, two.home, two.send]);
  const row = (label, of, digits) => `| ${label} | ${fmt(of(one), digits)} | ${fmt(of(two), digits)} | ${fmt(of(two) / of(one), 2)} |`;
  const cpu = (m) => m.cpuMs ?? NaN;
  const lines = [
    `Two app servers on one PostgreSQL ${postgres.version} database, each loaded by its own autocannon at 10 connections at the same time, ` +
      `beside one server alone at 10 connections; ${cpuModel}; ${DURATION_S} s per run, loopback. Run \`npm run bench -- --two-servers\`.`,
    '',
    `**This machine has ${threads} CPU threads for everything**: both app servers, PostgreSQL and the two load generators share them, ` +
      'so the second server cannot add here what it adds on cores of its own; read "two ÷ one" as a lower bound.',
    '',
    '| Measure | One app server | Two app servers | Two ÷ one |',
    '| --- | --: | --: | --: |',
    row('`/client` requests/s', (f) => f.home.rps, 0),
    row('`/client` p95 (ms)', (f) => f.home.p95, 1),
    row('`/client` CPU per request, servers + database (ms)', (f) => cpu(f.home), 2),
    row('Sending: messages/s', (f) => f.send.rps, 0),
    row('Sending: p95 (ms)', (f) => f.send.p95, 1),
    row('Sending: CPU per message, servers + database (ms)', (f) => cpu(f.send), 2),
    `| Errors (failed / socket) | ${[one, two].map((f) => `${f.home.non2xx + f.send.non2xx} / ${f.home.socketErrors + f.send.socketErrors}`).join(' | ')} | |`,
  ];
  console.log(`\nTwo app servers: ${fmt(two.home.rps, 0)} req/s on /client and ${fmt(two.send.rps, 0)} messages/s in total, against ${fmt(one.home.rps, 0)} and ${fmt(one.send.rps, 0)} on one.`);
  console.log(`  Errors: ${broken ? '❌ some requests failed (see above)' : 'none'}`);
  console.log(`\nMarkdown (two servers):\n\n${lines.join('\n')}\n`);
  return broken;
}

let broken = false;
for (const r of results) broken = reportTargets(r) || broken;
if (results.length === 1) console.log(`\nMarkdown for the README:\n\n${engineMarkdown(results[0]).join('\n')}\n`);
if (results.length > 1) console.log(`\nMarkdown for the README:\n\n${comparisonMarkdown().join('\n')}\n`);
if (twoServers) broken = reportTwoServers(twoServers) || broken;
await postgres?.close();
process.exit(broken ? 1 : 0);

/**
 * `--profile`: /client under V8's CPU profiler, in a server of its own on `engine`'s database (so
 * the figures of a normal run are never taken under the profiler's cost). Warm-up first, then the
 * profiler starts by SIGUSR2 and the profile is written on SIGTERM (bench/profiled-server.mjs).
 */
async function profileHome(engine) {
  const profileFile = path.join(ROOT, 'data', `bench-${PROFILED_PAGE.slice(1).replaceAll('/', '-')}.cpuprofile`);
  fs.mkdirSync(path.dirname(profileFile), { recursive: true });
  const profiled = await startServer(engine, 'bench/profiled-server.mjs', [profileFile]);
  const target = { url: `${profiled.base}${PROFILED_PAGE}`, headers: { cookie: await signIn(profiled.base) } };
  console.log(`Profiling ${PROFILED_PAGE}: ${WARMUP_S} s warm-up, then ${DURATION_S} s at 10 connections under the profiler ...`);
  await cannon(target, 10, WARMUP_S);
  process.kill(profiled.pid, 'SIGUSR2');
  const { result } = await cannon(target, 10, DURATION_S);
  await stopServer(profiled);
  if (!fs.existsSync(profileFile)) throw new Error(`No profile was written:\n${profiled.child.output}`);
  const summary = summarizeProfile(JSON.parse(fs.readFileSync(profileFile, 'utf8')));
  console.log(`\n${result.requests.total} requests (${result.non2xx} non-2xx), ${fmt(summary.totalMs, 0)} ms of samples; profile in ${path.relative(ROOT, profileFile)} (open it in Chrome DevTools → Performance).`);
  console.log('\nSelf time by package:');
  for (const p of summary.packages) console.log(`  ${fmt(p.share * 100, 1).padStart(5)} %  ${p.name}`);
  console.log('\nHeaviest functions (self time):');
  for (const f of summary.functions) console.log(`  ${fmt(f.share * 100, 1).padStart(5)} %  ${f.name}`);
  process.exit(result.non2xx > 0 || result.errors > 0 ? 1 : 0);
}
