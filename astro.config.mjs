// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import preact from '@astrojs/preact';

export default defineConfig({
  output: 'server',
  // Middleware mode: the adapter's handler renders pages only; scripts/serve.mjs (what `npm start`
  // runs) serves the build's static files by their path, so a page never waits for a file lookup.
  // Pages are rendered whole into one string, not streamed: they are small, and streaming's many
  // chunks and promises cost about an eighth of a client page's server time (npm run bench).
  adapter: node({ mode: 'middleware', experimentalDisableStreaming: true }),
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
