/**
 * Which engine the tests run on. `npm test` runs the unit and browser tests on SQLite, and
 * again on PostgreSQL when OMAPOLKU_TEST_DATABASE_URL names one (.ci/run sets it): the vitest
 * projects `unit-postgres` and `e2e-postgres` set OMAPOLKU_TEST_ENGINE=postgres
 * (vitest.config.ts). Each test file, or each unit-test database, gets a schema of its own in
 * that database.
 */
export type TestEngine = { engine: 'sqlite' } | { engine: 'postgres'; url: string };

export function testEngine(): TestEngine {
  if (process.env.OMAPOLKU_TEST_ENGINE !== 'postgres') return { engine: 'sqlite' };
  const url = process.env.OMAPOLKU_TEST_DATABASE_URL;
  if (!url) throw new Error('OMAPOLKU_TEST_ENGINE=postgres needs OMAPOLKU_TEST_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test)');
  return { engine: 'postgres', url };
}

/**
 * The same database with `schema` first on the search path (then public), and commits that do not wait for
 * the disk: a test's database is thrown away, and the suite's time is better spent elsewhere.
 */
export function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema},public -c synchronous_commit=off`);
  return u.toString();
}
