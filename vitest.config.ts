import { getViteConfig } from 'astro/config';

/**
 * On PostgreSQL too, when OMAPOLKU_TEST_DATABASE_URL names a database (.ci/run sets it): the
 * server's unit tests run again on it (`unit-postgres`, each test database a schema of its own,
 * tests/helpers/test-db.ts), with the tests that compare the engines (*.engines.test.ts).
 * Without it those projects do not exist, so nothing is skipped: it is simply one engine.
 */
const postgresUrl = process.env.OMAPOLKU_TEST_DATABASE_URL;
const onPostgres = {
  OMAPOLKU_TEST_ENGINE: 'postgres',
  // PostgreSQL keeps the two-step key nowhere but here (src/server/config.ts); a test value.
  OMAPOLKU_TWO_STEP_KEY: 'a1'.repeat(32),
};

/**
 * Two projects: `unit` (pure rules and server modules, fast) and `e2e` (the built server in
 * real Chromium with axe), and their PostgreSQL twins. `npm test` builds first and runs them
 * (scripts/test.mjs); a run's e2e files go one at a time (`--no-file-parallelism`) because they
 * share that run's server and browser, and the two engines' e2e runs go side by side.
 */
export default getViteConfig({
  test: {
    projects: [
      {
        extends: true,
        // 30 s instead of vitest's 5: the password and PIN tests hash with scrypt (deliberately
        // slow, about 0.1 s each on an idle machine), and a loaded machine must not turn them red.
        test: { name: 'unit', include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'], exclude: ['**/*.engines.test.ts', '**/node_modules/**'], environment: 'node', testTimeout: 30_000 },
      },
      ...(postgresUrl
        ? [
            {
              extends: true as const,
              // The server's tests (the domain's pure rules do not touch a database).
              test: { name: 'unit-postgres', include: ['src/server/**/*.test.ts'], environment: 'node', testTimeout: 30_000, env: onPostgres },
            },
          ]
        : []),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // Two app servers on one database: PostgreSQL's (SQLite is one process on one machine).
          exclude: ['tests/e2e/**/*.postgres.test.ts', '**/node_modules/**'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ['tests/helpers/global-setup.ts'],
        },
      },
      ...(postgresUrl
        ? [
            {
              extends: true as const,
              test: {
                name: 'e2e-postgres',
                include: ['tests/e2e/**/*.test.ts'],
                exclude: [
                  // SQLite's own: the online backup of the database file (PostgreSQL's is pg_dump, docs/deployment.md).
                  'tests/e2e/backup.test.ts',
                  // axe on every page, role and language checks the markup, which is the same
                  // templates on either engine; it is a sixth of the browser run. That every page
                  // answers every role on PostgreSQL is the authorization matrix's job, which runs
                  // here, and every flow's own axe checks run here too.
                  'tests/e2e/accessibility.test.ts',
                  // Likewise markup and the browser alone: dashed words kept whole on every view,
                  // language, text size and width; the words of client and family pages; a form
                  // with an error opening at its summary. Together they were 160 s of the
                  // PostgreSQL run, which shares the machine with SQLite's (npm test ≤ 30 min).
                  'tests/e2e/whole-words.test.ts',
                  'tests/e2e/easy-read-words.test.ts',
                  'tests/e2e/error-focus.test.ts',
                ],
                environment: 'node',
                testTimeout: 60_000,
                hookTimeout: 120_000,
                globalSetup: ['tests/helpers/global-setup.ts'],
                env: onPostgres,
              },
            },
          ]
        : []),
    ],
  },
});
