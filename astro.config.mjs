// @ts-check
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import node from '@astrojs/node';
import preact from '@astrojs/preact';

/**
 * @astrojs/node with the app's own server entry (src/server/ops/astro-entry.ts: the adapter's
 * handler without its per-request AsyncLocalStorage). Everything else is the adapter's.
 */
/** @param {Parameters<typeof node>[0]} options */
function nodeAdapter(options) {
  const integration = node(options);
  const configDone = integration.hooks['astro:config:done'];
  if (!configDone) throw new Error('@astrojs/node no longer sets its adapter in astro:config:done: see src/server/ops/astro-entry.ts');
  const serverEntrypoint = fileURLToPath(new URL('./src/server/ops/astro-entry.ts', import.meta.url));
  integration.hooks['astro:config:done'] = (params) =>
    configDone({ ...params, setAdapter: (adapter) => params.setAdapter({ ...adapter, serverEntrypoint }) });
  return integration;
}

export default defineConfig({
  output: 'server',
  // Middleware mode: the adapter's handler renders pages only; scripts/serve.mjs (what `npm start`
  // runs) serves the build's static files by their path, so a page never waits for a file lookup.
  // Pages are rendered whole into one string, not streamed: they are small, and streaming's many
  // chunks and promises cost about an eighth of a client page's server time (npm run bench).
  adapter: nodeAdapter({ mode: 'middleware', experimentalDisableStreaming: true }),
  integrations: [preact()],
  security: {
    // Forms POST from our own pages only; Astro rejects cross-site form posts (CSRF).
    checkOrigin: true,
    // The Host names the server answers as. Astro trusts no Host header outside this list,
    // and the origin check compares against it. Set OMAPOLKU_HOSTS (comma-separated) at build.
    allowedDomains: (process.env.OMAPOLKU_HOSTS ?? 'localhost,127.0.0.1')
      .split(',')
      .map((hostname) => ({ hostname: hostname.trim() })),
  },
  // Pages are small; one external stylesheet is cached by the tablet after the first load.
  build: { inlineStylesheets: 'never' },
  server: { host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 4321) },
});
