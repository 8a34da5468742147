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
 * `npm run bench -- --profile` instead loads /client under V8's CPU profiler
 * (bench/profiled-server.mjs), writes data/bench-client.cpuprofile (open it in Chrome DevTools)
 * and prints the heaviest functions and packages.
 *
 * Not part of `npm test`: it takes about a minute and its figures depend on the machine.
 * Exits non-zero when something is broken (sign-in, non-2xx answers, socket errors), not when
 * a target is missed: the figures are for people to read.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import { cpuPerRequest, processCpuMs, summarizeProfile } from './cpu.mjs';

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

// ---------------------------------------------------------------------------------------------
// Child processes and temporary files: always cleaned up, also on failure and Ctrl+C.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'omapolku-bench-'));
const children = new Set();

process.on('exit', () => {
  // Each child leads its own process group (detached), so this also ends what npx started.
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
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

/** One autocannon run; latencies are collected per response because autocannon has no p95. */
function cannon(url, connections, durationS, headers) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const instance = autocannon({ url, connections, duration: durationS, headers }, (err, result) =>
      err ? reject(err) : resolve({ result, latencies }),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

/** Warm-up (thrown away), then the measured run. */
async function measure(label, url, connections, headers, pid) {
  await cannon(url, connections, WARMUP_S, headers);
  const cpuBefore = processCpuMs(pid);
  const { result, latencies } = await cannon(url, connections, DURATION_S, headers);
  const cpuAfter = processCpuMs(pid);
  latencies.sort((a, b) => a - b);
  const m = {
    cpuMs: cpuPerRequest(cpuBefore, cpuAfter, result.requests.total),
    rps: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    total: result.requests.total,
    non2xx: result.non2xx,
    socketErrors: result.errors, // includes timeouts
  };
  console.log(
    `  ${label.padEnd(6)} ${String(connections).padStart(2)} conn: ${cpuText(m.cpuMs)} CPU/req  ${fmt(m.rps, 0).padStart(6)} req/s  ` +
      `p50 ${fmt(m.p50, 1)} / p95 ${fmt(m.p95, 1)} / p99 ${fmt(m.p99, 1)} ms  ` +
      `(${m.total} requests, ${m.non2xx} non-2xx, ${m.socketErrors} socket errors)`,
  );
  return m;
}

/** Posts new messages for DURATION_S at 10 connections; a 303 is the success answer here. */
async function measureSend(url, headers, pid) {
  let n = 0;
  const run = (durationS) =>
    new Promise((resolve, reject) => {
      const latencies = [];
      const instance = autocannon(
        {
          url,
          connections: 10,
          duration: durationS,
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
          requests: [
            {
              setupRequest(request) {
                n++;
                request.body = `action=text&key=bench-send-${process.pid}-${n}&body=Viesti+${n}`;
                return request;
              },
            },
          ],
        },
        (err, result) => (err ? reject(err) : resolve({ result, latencies })),
      );
      instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
    });
  await run(WARMUP_S);
  const cpuBefore = processCpuMs(pid);
  const { result, latencies } = await run(DURATION_S);
  const cpuAfter = processCpuMs(pid);
  latencies.sort((a, b) => a - b);
  const redirected = result.statusCodeStats?.['303']?.count ?? 0;
  const m = {
    cpuMs: cpuPerRequest(cpuBefore, cpuAfter, result.requests.total),
    rps: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    total: result.requests.total,
    non2xx: result.requests.total - redirected, // anything but the 303 is a failure here
    socketErrors: result.errors,
  };
  console.log(
    `  send   10 conn: ${cpuText(m.cpuMs)} CPU/req  ${fmt(m.rps, 0).padStart(6)} msg/s    p50 ${fmt(m.p50, 1)} / p95 ${fmt(m.p95, 1)} / p99 ${fmt(m.p99, 1)} ms  ` +
      `(${m.total} messages, ${m.non2xx} not 303, ${m.socketErrors} socket errors)`,
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

// ---------------------------------------------------------------------------------------------

const dbPath = path.join(tmp, 'bench.sqlite');
console.log(`Building the portal and seeding ${fmt(CLIENTS, 0)} clients (temporary files in ${tmp}) ...`);
const [, seedOutput] = await Promise.all([
  run('npx astro build', 'npx', ['astro', 'build']),
  run('Seeding', 'npx', ['vite-node', '-c', 'scripts/vite-node.config.mjs', 'bench/seed-large.ts', String(CLIENTS)], { OMAPOLKU_DB: dbPath }),
]);
const seedLines = seedOutput.split('\n').filter((l) => l.startsWith('BENCH '));
for (const line of seedLines) console.log(`  ${line.slice(6)}`);
const attendanceRows = Number(/attendance_rows=(\d+)/.exec(seedOutput)?.[1]);
const statementMs = Number(/statement_ms=([\d.]+)/.exec(seedOutput)?.[1]);
const plansUseIndexes = seedLines.filter((l) => l.startsWith('BENCH plan')).every((l) => !/SCAN (attendance|adjustments|absence_report_days)\b(?! USING)/.test(l));

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = start(process.execPath, ['scripts/serve.mjs'], {
  HOST: '127.0.0.1',
  PORT: String(port),
  OMAPOLKU_DB: dbPath,
  OMAPOLKU_IP_SIGNIN_LIMIT: '1000',
  OMAPOLKU_PLAIN_HTTP: '1',
});
await waitForHttp(`${base}/`, server);

const cookie = await signIn(base);
if (PROFILE) await profileHome();
const homeUrl = `${base}/client`;
const html = await fetchBytes(homeUrl, { cookie });
if (!html.toString('utf8').includes(GREETING)) throw new Error(`/client does not greet Matti ("${GREETING}" missing)`);
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
const bare = start(process.execPath, ['bench/bare-server.mjs', htmlFile, String(barePort)]);
await waitForHttp(`http://127.0.0.1:${barePort}/`, bare);

console.log(`\nLoad: ${DURATION_S} s per run after a ${WARMUP_S} s warm-up, loopback only.`);
const rows = [];
for (const connections of CONNECTIONS) {
  const portal = await measure('portal', homeUrl, connections, { cookie }, server.pid);
  const baseline = await measure('bare', `http://127.0.0.1:${barePort}/client`, connections, {}, bare.pid);
  rows.push({ connections, portal, bare: baseline, ratio: portal.rps / baseline.rps });
}
// The attendance and money pages (issue 4) and the messages page with a 5 000-message
// conversation (Matti) and a 20-message one (Aino) (issues 5 and 19): p95 at 10 connections.
const ainoCookie = await signIn(base, AINO);
const attendancePages = [];
for (const [page, label, pageCookie] of [
  ['/client/attendance', '/client/attendance', cookie],
  ['/client/money', '/client/money', cookie],
  ['/client/messages', '/client/messages (5 000)', cookie],
  ['/client/messages', '/client/messages (20)', ainoCookie],
]) {
  const body = (await fetchBytes(`${base}${page}`, { cookie: pageCookie })).toString('utf8');
  if (!body.includes('<main')) throw new Error(`${label} did not render a page`);
  const m = await measure(label.slice(8), `${base}${page}`, 10, { cookie: pageCookie }, server.pid);
  attendancePages.push({ page: label, m, htmlBytes: Buffer.byteLength(body) });
}

// Sending a message (issue 5): every request a new message with its own idempotency key,
// written with synchronous=FULL; the answer is the 303 back to the conversation.
const send = await measureSend(`${base}/client/messages`, { cookie, origin: base }, server.pid);

// ---------------------------------------------------------------------------------------------
// Report.

const at10 = rows.find((r) => r.connections === 10);
const checks = {
  rps: at10.portal.rps >= TARGET.rps,
  p95: at10.portal.p95 <= TARGET.p95Ms,
  ratio: at10.ratio >= TARGET.ratio,
  js: jsGzip <= TARGET.jsGzipKB * 1024,
  html: gzipSize(html) <= TARGET.htmlGzipKB * 1024,
  cpu: cpuWithin(at10.portal.cpuMs, CPU_TARGET.home),
};
const pageCpuChecks = attendancePages.map((p) => cpuWithin(p.m.cpuMs, CPU_TARGET.page));
const checkSendCpu = cpuWithin(send.cpuMs, CPU_TARGET.send);
const broken = [...rows.flatMap((r) => [r.portal, r.bare]), ...attendancePages.map((p) => p.m), send].some((m) => m.non2xx > 0 || m.socketErrors > 0);
const checkSend = send.rps >= TARGET.sendPerS && send.p95 <= TARGET.sendP95Ms;
const pageChecks = attendancePages.map((p) => p.m.p95 <= TARGET.p95Ms);
const checkStatement = statementMs < TARGET.statementMs;
const checkRows = attendanceRows >= TARGET.attendanceRows;

console.log('\nResults against the targets (server CPU per request first, then throughput and latency):');
console.log(`  /client: ${cpuText(at10.portal.cpuMs)} CPU/request at 10 connections (target ≤ ${CPU_TARGET.home} ms ${mark(checks.cpu)}); bare server ${cpuText(at10.bare.cpuMs)}`);
for (const [i, p] of attendancePages.entries()) {
  console.log(`  ${p.page}: ${cpuText(p.m.cpuMs)} CPU/request (target ≤ ${CPU_TARGET.page} ms ${mark(pageCpuChecks[i])})`);
}
console.log(`  Sending a message: ${cpuText(send.cpuMs)} CPU/request (target ≤ ${CPU_TARGET.send} ms ${mark(checkSendCpu)})`);
for (const r of rows) {
  const t = r.connections === 10;
  console.log(
    `  ${r.connections} connections: ${fmt(r.portal.rps, 0)} req/s${t ? ` (target ≥ ${TARGET.rps} ${mark(checks.rps)})` : ''}, ` +
      `p95 ${fmt(r.portal.p95, 1)} ms${t ? ` (target ≤ ${TARGET.p95Ms} ms ${mark(checks.p95)})` : ''}, ` +
      `ratio ${fmt(r.ratio, 3)} = ${fmt(r.portal.rps, 0)} ÷ ${fmt(r.bare.rps, 0)} bare${t ? ` (target ≥ ${TARGET.ratio} ${mark(checks.ratio)})` : ''}`,
  );
}
console.log(`  JavaScript: ${kb(jsGzip)} gzip (target ≤ ${TARGET.jsGzipKB} KB ${mark(checks.js)}); HTML ${kb(gzipSize(html))} gzip (target ≤ ${TARGET.htmlGzipKB} KB ${mark(checks.html)})`);
for (const [i, p] of attendancePages.entries()) {
  console.log(`  ${p.page}: p95 ${fmt(p.m.p95, 1)} ms at 10 connections (target ≤ ${TARGET.p95Ms} ms ${mark(pageChecks[i])}), ${fmt(p.m.rps, 0)} req/s`);
}
console.log(`  Attendance rows: ${fmt(attendanceRows, 0)} (target ≥ ${fmt(TARGET.attendanceRows, 0)} ${mark(checkRows)})`);
console.log(`  Month statement, 500-client unit: ${fmt(statementMs, 1)} ms (target < ${TARGET.statementMs} ms ${mark(checkStatement)})`);
console.log(`  Query plans use indexes: ${plansUseIndexes ? '✅' : '❌'}`);
console.log(`  Sending a message: ${fmt(send.rps, 0)}/s, p95 ${fmt(send.p95, 1)} ms at 10 connections (target ≥ ${TARGET.sendPerS}/s and p95 ≤ ${TARGET.sendP95Ms} ms ${mark(checkSend)})`);
console.log(`  Errors: ${broken ? '❌ some requests failed (see above)' : 'none (only 2xx answers)'}`);

const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
const lines = [
  `Client home page \`/client\`, ${fmt(CLIENTS, 0)} clients in the database; ${cpu}, ${os.cpus().length} threads, Node ${process.version}; ` +
    `autocannon ${DURATION_S} s per run, loopback. Run \`npm run bench\`.`,
  '',
  '| Measure | 10 connections | 50 connections | Target |',
  '| --- | --: | --: | --- |',
  `| **Server CPU per request (ms)** | ${rows.map((r) => cpuText(r.portal.cpuMs)).join(' | ')} | ≤ ${CPU_TARGET.home} at 10 ${mark(checks.cpu)} |`,
  `| Bare \`node:http\` CPU per request (ms) | ${rows.map((r) => cpuText(r.bare.cpuMs)).join(' | ')} | |`,
  `| Requests/s | ${rows.map((r) => fmt(r.portal.rps, 0)).join(' | ')} | ≥ ${TARGET.rps} at 10 ${mark(checks.rps)} |`,
  `| Latency p50 / p95 / p99 (ms) | ${rows.map((r) => [r.portal.p50, r.portal.p95, r.portal.p99].map((v) => fmt(v, 1)).join(' / ')).join(' | ')} | p95 ≤ ${TARGET.p95Ms} at 10 ${mark(checks.p95)} |`,
  `| Errors (non-2xx / socket) | ${rows.map((r) => `${r.portal.non2xx} / ${r.portal.socketErrors}`).join(' | ')} | 0 |`,
  `| Bare \`node:http\`, same HTML (req/s) | ${rows.map((r) => fmt(r.bare.rps, 0)).join(' | ')} | |`,
  `| Ratio portal ÷ bare | ${rows.map((r) => fmt(r.ratio, 3)).join(' | ')} | ≥ ${TARGET.ratio} at 10 ${mark(checks.ratio)} |`,
  `| HTML (raw / gzip) | ${kb(html.length)} / ${kb(gzipSize(html))} | | ≤ ${TARGET.htmlGzipKB} KB gzip ${mark(checks.html)} |`,
  `| JavaScript, ${js.external.length} files + ${js.inline.count} inline (raw / gzip) | ${kb(jsRaw)} / ${kb(jsGzip)} | | ≤ ${TARGET.jsGzipKB} KB gzip ${mark(checks.js)} |`,
  '',
  `Attendance and money pages (${fmt(attendanceRows, 0)} attendance rows, 1 000 clients × 8 years of weekdays), the messages page (a 5 000-message and a 20-message conversation, the newest 20 shown) and sending:`,
  '',
  '| Page | CPU per request (ms) | Requests/s (10 conn.) | p50 / p95 / p99 (ms) | Target |',
  '| --- | --: | --: | --: | --- |',
  ...attendancePages.map((p, i) => `| \`${p.page}\` | ${cpuText(p.m.cpuMs)} | ${fmt(p.m.rps, 0)} | ${[p.m.p50, p.m.p95, p.m.p99].map((v) => fmt(v, 1)).join(' / ')} | CPU ≤ ${CPU_TARGET.page} ${mark(pageCpuChecks[i])}; p95 ≤ ${TARGET.p95Ms} ${mark(pageChecks[i])} |`),
  `| Month statement of a 500-client unit | | | ${fmt(statementMs, 1)} ms | < ${TARGET.statementMs} ms ${mark(checkStatement)} |`,
  `| Sending a message (POST, synchronous=FULL) | ${cpuText(send.cpuMs)} | ${fmt(send.rps, 0)} messages/s | ${[send.p50, send.p95, send.p99].map((v) => fmt(v, 1)).join(' / ')} | CPU ≤ ${CPU_TARGET.send} ${mark(checkSendCpu)}; ≥ ${TARGET.sendPerS}/s, p95 ≤ ${TARGET.sendP95Ms} ${mark(checkSend)} |`,
];
console.log(`\nMarkdown for the README:\n\n${lines.join('\n')}\n`);

process.exit(broken ? 1 : 0);

/**
 * `--profile`: /client under V8's CPU profiler, in its own server on the same database (so the
 * figures above are never taken under the profiler's cost). Warm-up first, then the profiler
 * starts by SIGUSR2 and the profile is written on SIGTERM (bench/profiled-server.mjs).
 */
async function profileHome() {
  const profileFile = path.join(ROOT, 'data', `bench-${PROFILED_PAGE.slice(1).replaceAll('/', '-')}.cpuprofile`);
  fs.mkdirSync(path.dirname(profileFile), { recursive: true });
  const profiledPort = await freePort();
  const profiledBase = `http://127.0.0.1:${profiledPort}`;
  const profiled = start(process.execPath, ['bench/profiled-server.mjs', profileFile], {
    HOST: '127.0.0.1',
    PORT: String(profiledPort),
    OMAPOLKU_DB: dbPath,
    OMAPOLKU_IP_SIGNIN_LIMIT: '1000',
    OMAPOLKU_PLAIN_HTTP: '1',
  });
  await waitForHttp(`${profiledBase}/`, profiled);
  const profiledCookie = await signIn(profiledBase);
  console.log(`Profiling ${PROFILED_PAGE}: ${WARMUP_S} s warm-up, then ${DURATION_S} s at 10 connections under the profiler ...`);
  await cannon(`${profiledBase}${PROFILED_PAGE}`, 10, WARMUP_S, { cookie: profiledCookie });
  process.kill(profiled.pid, 'SIGUSR2');
  const { result } = await cannon(`${profiledBase}${PROFILED_PAGE}`, 10, DURATION_S, { cookie: profiledCookie });
  const exited = new Promise((resolve) => profiled.on('exit', resolve));
  process.kill(profiled.pid, 'SIGTERM');
  await exited;
  if (!fs.existsSync(profileFile)) throw new Error(`No profile was written:\n${profiled.output}`);
  const summary = summarizeProfile(JSON.parse(fs.readFileSync(profileFile, 'utf8')));
  console.log(`\n${result.requests.total} requests (${result.non2xx} non-2xx), ${fmt(summary.totalMs, 0)} ms of samples; profile in ${path.relative(ROOT, profileFile)} (open it in Chrome DevTools → Performance).`);
  console.log('\nSelf time by package:');
  for (const p of summary.packages) console.log(`  ${fmt(p.share * 100, 1).padStart(5)} %  ${p.name}`);
  console.log('\nHeaviest functions (self time):');
  for (const f of summary.functions) console.log(`  ${fmt(f.share * 100, 1).padStart(5)} %  ${f.name}`);
  process.exit(result.non2xx > 0 || result.errors > 0 ? 1 : 0);
}
