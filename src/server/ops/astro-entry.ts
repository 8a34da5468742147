/**
 * The built app's entry (astro.config.mjs gives it to @astrojs/node in place of the adapter's
 * own): what scripts/serve.mjs calls for every request that is not a probe or a static file.
 *
 * It is the adapter's middleware-mode handler, less one thing: the adapter runs every render
 * inside an AsyncLocalStorage, only to name the address in its message about an unhandled
 * rejection. On Node 20 one AsyncLocalStorage in use switches on async hooks for every promise
 * of the process; `npm run bench` measured the hooks (with serve.mjs's own, now gone too) at
 * about a seventh of a client page's server CPU. The socket's facts reach the app in `locals`
 * instead (src/server/security/request.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SSRManifest } from 'astro';
import { applyPolyfills, NodeApp } from 'astro/app/node';
import { setGetEnv } from 'astro/env/setup';
import type { SocketFacts } from '@server/security/request';

applyPolyfills();
setGetEnv((key) => process.env[key]);

/** What serve.mjs hands the app with each request: Astro's `locals` start as this. */
export interface FrontLocals {
  socketFacts: SocketFacts;
}

export type AppHandler = (req: IncomingMessage, res: ServerResponse, locals: FrontLocals) => Promise<void>;

export function createExports(manifest: SSRManifest, options: { experimentalDisableStreaming?: boolean }) {
  const app = new NodeApp(manifest, !options.experimentalDisableStreaming);
  const allowedDomains = app.getAllowedDomains?.() ?? [];
  // As the adapter's handler did: a promise that failed with nobody waiting for it is written to
  // stderr, and the server goes on serving (Node's default would end the process).
  process.on('unhandledRejection', (reason) => console.error('Omapolku: a promise failed and nothing handled it:', reason));

  const handler: AppHandler = async (req, res, locals) => {
    try {
      const request = NodeApp.createRequest(req, { allowedDomains });
      // No route: Astro renders the 404 page.
      const routeData = app.match(request, true);
      const response = await app.render(request, { addCookieHeader: true, locals, routeData });
      await NodeApp.writeResponse(response, res);
    } catch (error) {
      // Astro answers a page's own error with the 500 page; this is an error outside it.
      console.error(`Omapolku: could not answer ${req.method} ${req.url?.split('?')[0]}`, error);
      if (!res.headersSent) {
        res.writeHead(500);
        res.end();
      }
    }
  };
  return {
    options,
    handler,
    startServer() {
      throw new Error('Omapolku runs through scripts/serve.mjs: start it with `npm start`.');
    },
  };
}
