/**
 * Global setup of the `e2e` project: seeds the demo data once into a template database, starts
 * the built server on a free port with its own copy and one Chromium for every file, and hands
 * the base URL, the browser's address (and the template, for test files that start their own
 * server) to the tests through `provide`/`inject`.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { assertBuilt, dropDatabase, ENTRY, ROOT, seedTemplateDb, startServer } from './server';
import { launchBrowserServer } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared server, e.g. http://127.0.0.1:41234 (no trailing slash). */
    omapolkuBaseUrl: string;
    /** A seeded demo database that test files copy for their own servers. */
    omapolkuTemplateDb: string;
    /** The shared Chromium's address (tests/helpers/chromium.ts); each file connects to it. */
    omapolkuBrowserWs: string;
  }
}

/** The newest modification time under a folder (to warn about a stale build). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export default async function setup(project: TestProject) {
  // The project's `env` reaches its test workers; the helpers called here read it too.
  Object.assign(process.env, project.config.env);
  assertBuilt();
  const built = statSync(ENTRY).mtimeMs;
  const changed = Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'locales')), newestMtime(join(ROOT, 'content')));
  if (changed > built) {
    console.warn('\n[e2e] src/, locales/ or content/ changed after the last build: run `npx astro build` to test the current code.\n');
  }

  const [templateDb, browser] = await Promise.all([seedTemplateDb(), launchBrowserServer()]);
  const server = await startServer({
    templateDb,
    // The shared server serves every test file from one address; the per-IP sign-in limit has
    // its own test with its own server (rate-limit.test.ts), so here it must not get in the way.
    env: { OMAPOLKU_IP_SIGNIN_LIMIT: '10000' },
  });
  project.provide('omapolkuBaseUrl', server.baseUrl);
  project.provide('omapolkuTemplateDb', templateDb);
  project.provide('omapolkuBrowserWs', browser.wsEndpoint());

  return async () => {
    await Promise.all([server.stop(), browser.close()]);
    if (templateDb.startsWith('postgres')) await dropDatabase(templateDb);
    else rmSync(dirname(templateDb), { recursive: true, force: true });
  };
}
