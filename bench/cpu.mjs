/**
 * Server CPU time for the benchmark. Throughput alone depends on how autocannon and the server
 * share the machine's cores; the server's own CPU time per request does not, so it is the
 * bench's first figure (user + system time of the server process over a run ÷ requests served;
 * on PostgreSQL, of the database's backend processes serving it too).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

let ticksPerSecond;
function clockTicks() {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100; // Linux's USER_HZ almost everywhere
    }
  }
  return ticksPerSecond;
}

/**
 * User + system CPU milliseconds a process has used so far, from /proc/<pid>/stat (Linux), or
 * null where there is no /proc. Fields 14 and 15 (utime, stime) are in clock ticks; the command
 * name in field 2 may contain spaces, so the fields are counted from its closing parenthesis.
 */
export function processCpuMs(pid) {
  let stat;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After ")": field 3 is index 0, so utime (14) is index 11 and stime (15) index 12.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
}

/**
 * Reads the CPU time of what serves a run: the app server processes (`appPids`, one or two), and
 * on PostgreSQL the database's backend processes (`backendPids()`, asked afresh at each reading,
 * as the pools open connections), where the queries' work happens. On SQLite that work is inside
 * the app server already, so the two engines' figures count the same work.
 */
export function cpuMeter(appPids, backendPids = null) {
  return async () => {
    const app = appPids.map(processCpuMs);
    const backends = new Map();
    for (const pid of backendPids ? await backendPids() : []) {
      const ms = processCpuMs(pid);
      if (ms !== null) backends.set(pid, ms);
    }
    return { app: app.includes(null) ? null : app.reduce((a, b) => a + b, 0), backends: backendPids ? backends : null };
  };
}

/**
 * CPU ms per request between two readings of a cpuMeter: `total` (app and database) and
 * `database` (null on SQLite), or null when a reading is missing. A backend that started during
 * the run counts from zero; one that ended during it is lost (the pools keep theirs open).
 */
export function cpuPerRequest(before, after, requests) {
  if (before.app === null || after.app === null || !requests) return null;
  let database = null;
  if (after.backends) {
    database = 0;
    for (const [pid, ms] of after.backends) database += ms - (before.backends.get(pid) ?? 0);
  }
  return { total: (after.app - before.app + (database ?? 0)) / requests, database: database === null ? null : database / requests };
}

/**
 * The heaviest functions of a V8 CPU profile (.cpuprofile JSON) by self time, and the share of
 * samples by package (node_modules/<name>, node: internals, or our own dist code), so the next
 * engineer starts from the figure instead of a guess.
 */
export function summarizeProfile(profile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  const deltas = profile.timeDeltas ?? [];
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const functions = new Map();
  const packages = new Map();
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id);
    const where = callFrame.url ? `${shortUrl(callFrame.url)}:${callFrame.lineNumber + 1}` : '(native)';
    const key = `${callFrame.functionName || '(anonymous)'}  ${where}`;
    functions.set(key, (functions.get(key) ?? 0) + us);
    const pkg = packageOf(callFrame);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  }
  const rank = (m) => [...m].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, share: us / total }));
  return { totalMs: total / 1000, functions: rank(functions).slice(0, top), packages: rank(packages).slice(0, 15) };
}

function shortUrl(url) {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + 1) : url.replace(/^file:\/\//, '');
}

function packageOf(callFrame) {
  const { url, functionName } = callFrame;
  if (!url) return ['(garbage collector)', '(idle)', '(program)'].includes(functionName) ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node: internals';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  // Astro bundles its runtime into dist/ beside our own code; tell the two apart by chunk name.
  if (/\/dist\/server\/chunks\/(astro\/|_@astrojs|render-context|astro-designed)/.test(url)) return 'astro (bundled in dist)';
  if (url.includes('/dist/server/pages/')) return 'omapolku pages';
  return url.includes('/dist/') ? 'omapolku (dist, other)' : url;
}
