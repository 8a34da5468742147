import { getViteConfig } from 'astro/config';

/**
 * Two projects: `unit` (pure rules and server modules, fast) and `e2e` (the built server in
 * real Chromium with axe). `npm test` builds first and runs both; e2e files run one at a time
 * (`--no-file-parallelism` in package.json) because they share one server and one browser.
 */
export default getViteConfig({
  test: {
    projects: [
      {
        extends: true,
        // 30 s instead of vitest's 5: the password and PIN tests hash with scrypt (deliberately
        // slow, about 0.1 s each on an idle machine), and a loaded machine must not turn them red.
        test: { name: 'unit', include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ['tests/helpers/global-setup.ts'],
        },
      },
    ],
  },
});
