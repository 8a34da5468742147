/**
 * `npm run fuzz`: the fuzzer of tests/helpers/fuzz.ts at full strength against a freshly started
 * built server on its own copy of the demo data: at least 10 000 bodies a POST route (missing
 * fields, 100 000-character strings, control characters, markup, SQL quotes, huge and negative
 * numbers, impossible dates, repeated fields, wrong content types), as the people who may post
 * there and signed out. Prints per route: count, statuses seen, max and p95 time, failures.
 * Exits non-zero when any request got a 5xx, showed a stack trace or took over 5 s.
 *
 * Options: --seed=N (default 12), --bodies=N (a route; default 10000), --from=N (first body),
 * --route=/a,/b (only routes whose pattern contains one of them), --skip=/c,/d (not these),
 * --concurrency=N (default 4).
 * A failure line gives the options that replay it.
 */
import { seedTemplateDb, startServer } from '../tests/helpers/server';
import { describeFailure, figuresOf, fuzzContext, fuzzRoute, postRoutes } from '../tests/helpers/fuzz';

const option = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const seed = Number(option('seed', '12'));
const bodies = Number(option('bodies', '10000'));
const from = Number(option('from', '0'));
const concurrency = Number(option('concurrency', '4'));
const only = option('route', '').split(',');
const skip = option('skip', '').split(',').filter(Boolean);

const routes = postRoutes().filter((r) => only.some((o) => r.pattern.includes(o)) && !skip.some((s) => r.pattern.includes(s)));
if (routes.length === 0) throw new Error(`No POST route matches ${only.join(', ')}`);
console.log(`Fuzzing ${routes.length} POST routes, ${bodies} bodies each from body ${from}, seed ${seed}, ${concurrency} at a time.`);
const started = Date.now();
const server = await startServer({ templateDb: await seedTemplateDb() });
let failures = 0;
try {
  const ctx = await fuzzContext(server.baseUrl, server.dbFile);
  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  console.log(`${pad('route', 44)} ${pad('count', 6)} ${pad('max ms', 7)} ${pad('p95 ms', 7)} ${pad('failures', 8)} statuses`);
  for (const route of routes) {
    const figures = figuresOf(route.pattern, await fuzzRoute(ctx, route, { seed, bodies, from, concurrency }));
    failures += figures.failures.length;
    const statuses = Object.entries(figures.statuses).map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(`${pad(route.pattern, 44)} ${pad(figures.count, 6)} ${pad(Math.round(figures.maxMs), 7)} ${pad(Math.round(figures.p95Ms), 7)} ${pad(figures.failures.length, 8)} ${statuses}`);
    for (const f of figures.failures.slice(0, 5)) console.log(`  FAIL ${describeFailure(seed, f)}`);
    if (figures.failures.length > 5) console.log(`  … and ${figures.failures.length - 5} more`);
  }
  if (failures > 0) console.log(`\nServer output (last 3000 characters):\n${server.output().slice(-3000)}`);
} finally {
  await server.stop();
}
console.log(`\n${failures === 0 ? 'No failures' : `${failures} failures`} in ${Math.round((Date.now() - started) / 1000)} s.`);
process.exit(failures === 0 ? 0 : 1);
