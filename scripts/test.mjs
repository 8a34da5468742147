#!/usr/bin/env node
/**
 * The tests `npm test` runs after `astro check` and `astro build`:
 *
 * 1. the unit tests: on SQLite, and on PostgreSQL as well when OMAPOLKU_TEST_DATABASE_URL names a
 *    database (.ci/run sets it). One vitest run for both engines, so a PostgreSQL test that waits
 *    on the database server leaves its core to a SQLite test;
 * 2. the browser tests, the whole e2e suite once per engine, the two engines side by side in two
 *    vitest runs. Each run takes its files one at a time (they share that run's server and
 *    Chromium), but the two runs share nothing: each has its own server, database and browser.
 *    Running them together uses the time one run spends waiting (on the browser, on timers, on
 *    the database) for the other's work: on a 2-core machine one run alone left a third of the
 *    CPU idle.
 *
 * Without OMAPOLKU_TEST_DATABASE_URL it is SQLite alone, as on a developer's machine with no
 * PostgreSQL. The exit code is non-zero when any part failed; both browser runs always finish,
 * so one engine's failure does not hide the other's.
 */
import { spawnSync } from 'node:child_process';
import concurrently from 'concurrently';

const onPostgres = Boolean(process.env.OMAPOLKU_TEST_DATABASE_URL);
const vitest = 'npx vitest run';

function step(title, command) {
  const started = Date.now();
  console.log(`\n▶ ${title}\n  ${command}\n`);
  const { status } = spawnSync(command, { shell: true, stdio: 'inherit' });
  console.log(`\n◀ ${title}: ${status === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
  return status === 0;
}

if (!onPostgres) console.log('OMAPOLKU_TEST_DATABASE_URL is not set: the tests run on SQLite only.');

const unitPassed = step(
  onPostgres ? 'unit tests, SQLite and PostgreSQL' : 'unit tests, SQLite',
  `${vitest} --project unit${onPostgres ? ' --project unit-postgres' : ''}`,
);

const e2eRuns = [{ name: 'e2e-sqlite', command: `${vitest} --project e2e --no-file-parallelism` }];
if (onPostgres) e2eRuns.push({ name: 'e2e-postgres', command: `${vitest} --project e2e-postgres --no-file-parallelism` });

const started = Date.now();
console.log(`\n▶ browser tests: ${e2eRuns.map((r) => r.name).join(' and ')}\n`);
const { result } = concurrently(e2eRuns, { prefix: '[{name}]', prefixColors: ['blue', 'magenta'], timestampFormat: 'HH:mm:ss' });
const e2ePassed = await result.then(
  () => true,
  () => false,
);
console.log(`\n◀ browser tests: ${e2ePassed ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);

process.exit(unitPassed && e2ePassed ? 0 : 1);
