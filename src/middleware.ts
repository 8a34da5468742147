import type { APIContext } from 'astro';
import { defineMiddleware, sequence } from 'astro:middleware';
import { getDb } from '@server/db';
import { SESSION_COOKIE, validateSessionToken } from '@server/auth/session';
import { DEFAULT_LANG, isLang, langFromAcceptLanguage, tFor } from '@server/i18n';
import { areaRoles } from '@server/access';
import { LANG_COOKIE } from '@server/preferences';
import { PAGE_POLICY, STRICT_POLICY } from '@server/security/csp';
import { logSecurityEvent, requestInfo } from '@server/security/events';
import { requestOrigin, type SocketFacts } from '@server/security/request';
import { config } from '@server/config';
import { unsendableHeader } from '@server/security/sendable';
import { loadClientInScope, logScopedView, scopedRoute, type ClientInScope } from '@server/client-scope';
import { waitingForStaff } from '@server/messages/store';
import { startBackgroundWork } from '@server/background';
import { rememberPortalOrigin } from '@server/mail/links';
import { registerFront } from '@server/ops/front';

// The built server (scripts/serve.mjs) loads this module at start: the mail sender and the
// notification scheduler start then, so mails queued before a restart go out, and what fell due
// meanwhile is told, without waiting for a request; and the front's side in the app (probes,
// request log, graceful stop: src/server/ops/front.ts) is handed to it.
if ((globalThis as Record<symbol, unknown>)[Symbol.for('omapolku.served')]) {
  registerFront();
  startBackgroundWork();
}

/**
 * Every request gets an answer: a response with a header Node cannot send would otherwise leave
 * the request hanging (src/server/security/sendable.ts). Outermost, so it sees the final headers.
 */
const sendable = defineMiddleware(async (context, next) => {
  const response = await next();
  const bad = unsendableHeader(response.headers);
  if (bad === null) return response;
  // Astro answers a thrown error with the 500 page (src/pages/500.astro, which logs it).
  throw new Error(`${context.request.method} ${context.url.pathname}: the ${bad} header of the response cannot be sent`);
});

/**
 * Where the request came from (socket peer, or what a trusted proxy says), into locals: every
 * sign-in route and limit reads `locals.clientAddress`, never Astro's clientAddress, which
 * believes any X-Forwarded-For.
 */
const origin = defineMiddleware((context, next) => {
  const facts: SocketFacts | undefined = context.locals.socketFacts ?? (import.meta.env.DEV ? { peer: context.clientAddress, encrypted: context.url.protocol === 'https:' } : undefined);
  if (!facts) {
    console.error('Omapolku: this request did not come through scripts/serve.mjs; start the server with `npm start`.');
    return new Response('Start Omapolku with npm start.', { status: 500, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  // For the request log: the pattern of the route asked for (a rewrite to /403 keeps it), never the path.
  facts.route ??= context.routePattern;
  const { clientAddress, overTls } = requestOrigin(facts, context.request.headers);
  context.locals.clientAddress = clientAddress;
  context.locals.overTls = overTls;
  return next();
});

/**
 * Headers every response carries. Pages get a Content-Security-Policy whose inline allow-list
 * is fixed at start: Astro's own island loaders and style by hash (src/server/security/csp.ts).
 */
const securityHeaders = defineMiddleware(async (context, next) => {
  // A page that answers with the 403 page (Astro.rewrite) runs the middleware again inside this
  // request; only the outermost run logs, with the path that was asked for.
  const outermost = !context.locals.forbiddenSeen;
  context.locals.forbiddenSeen = true;
  // What was asked for, kept before next(): a later step's next('/403') rewrites context.url.
  const asked = { request: context.request, url: context.url, locals: context.locals };
  const response = await next();
  if (outermost && response.status === 403) await logForbidden(context, asked);
  const h = response.headers;
  // Only over TLS (RFC 6797 §7.2), and not where plain HTTP is allowed on purpose.
  if (context.locals.overTls && !config.plainHttp) h.set('Strict-Transport-Security', 'max-age=31536000');
  h.set('X-Content-Type-Options', 'nosniff');
  h.set('Referrer-Policy', 'same-origin');
  h.set('X-Frame-Options', 'DENY');
  // The camera only where a login card is shown to it (/card, the CardCamera island).
  const camera = asked.url.pathname === '/card' ? 'camera=(self)' : 'camera=()';
  h.set('Permissions-Policy', `${camera}, geolocation=(), microphone=(self)`);
  if (response.status >= 300 && response.status < 400) {
    // Redirects depend on who is signed in (/login sends a signed-in worker to /worker). Chromium
    // reuses a stored redirect on back/forward, so after sign-out the back button looped
    // /worker → /login → /worker (ERR_TOO_MANY_REDIRECTS) instead of showing the sign-in page.
    h.set('Cache-Control', 'no-store');
  }
  if (!(h.get('Content-Type') ?? '').startsWith('text/html') || !response.body) {
    h.set('Content-Security-Policy', STRICT_POLICY);
    return response;
  }
  // Personal pages must not come back from the cache after sign-out (the back button).
  h.set('Cache-Control', 'no-store');
  // The policy does not depend on the page, so the page is not read for it.
  h.set('Content-Security-Policy', PAGE_POLICY);
  // Astro renders pages whole, not streamed (experimentalDisableStreaming in astro.config.mjs):
  // one buffer with its Content-Length, sent in one write.
  if (h.has('Content-Length')) return response;
  // Anything else (a route's own streamed body): one buffer here too, rather than a system call
  // per chunk.
  const page = Buffer.from(await response.arrayBuffer());
  h.set('Content-Length', String(page.byteLength));
  return new Response(page, { status: response.status, statusText: response.statusText, headers: h });
});

/**
 * Every refused request is a security event, wherever the refusal came from: a role area here,
 * a page that rewrites to /403, or a route that answers 403 itself. This is the one place all
 * of them pass.
 */
async function logForbidden(context: APIContext, asked: Parameters<typeof requestInfo>[0]): Promise<void> {
  const actor = context.locals.actor;
  const method = context.request.method === 'GET' || context.request.method === 'POST' ? context.request.method : 'other';
  const person = actor ? { id: actor.person.id, role: actor.person.role, unit_id: actor.person.unit_id } : null;
  await logSecurityEvent(await getDb(), { kind: 'forbidden', reason: method, person, request: requestInfo(asked) });
}

const session = defineMiddleware(async (context, next) => {
  context.locals.db = await getDb();
  startBackgroundWork(); // (a no-op once it runs; starts it again if the database was down at start)
  context.locals.actor = null;
  context.locals.sessionEnded = null;
  const token = context.cookies.get(SESSION_COOKIE)?.value;
  if (token) {
    const actor = await validateSessionToken(context.locals.db, token, Date.now(), requestInfo(context));
    if (actor) {
      context.locals.actor = actor;
      // Where signed-in people reach the portal: the links of mails written away from a request
      // (notifications) lead there when OMAPOLKU_PUBLIC_URL is not set. (Astro has checked the
      // host name against security.allowedDomains; a signed-out request is not believed.)
      rememberPortalOrigin(context.url);
    } else {
      context.cookies.delete(SESSION_COOKIE, { path: '/' });
      context.locals.sessionEnded = 'expired';
    }
  }
  return next();
});

/** The person's saved language, else the device's choice, else the browser's, else Finnish. */
const language = defineMiddleware((context, next) => {
  const saved = context.locals.actor?.person.language;
  const cookie = context.cookies.get(LANG_COOKIE)?.value;
  const lang = saved ?? (isLang(cookie) ? cookie : langFromAcceptLanguage(context.request.headers.get('accept-language')));
  context.locals.lang = isLang(lang) ? lang : DEFAULT_LANG;
  context.locals.t = tFor(context.locals.lang);
  return next();
});

/**
 * The staff header's count of client messages waiting for an answer, as a lazy value: asked (once) only when a staff
 * page renders its header, so a request that renders no staff page asks nothing.
 */
const staffHeader = defineMiddleware((context, next) => {
  const person = context.locals.actor?.person;
  let waiting: Promise<number> | undefined;
  context.locals.waitingMessages = () => {
    if (!person || (person.role !== 'worker' && person.role !== 'admin')) return Promise.resolve(0);
    return (waiting ??= waitingForStaff(context.locals.db, person));
  };
  return next();
});

/** Role areas: signed-out people go to sign-in, other roles get the 403 page. */
const roleAreas = defineMiddleware((context, next) => {
  const roles = areaRoles(context.url.pathname);
  if (!roles) return next();
  const actor = context.locals.actor;
  if (!actor) {
    const signIn = roles.includes('client') ? '/card' : '/login';
    return context.redirect(`${signIn}${context.locals.sessionEnded ? '?ended=1' : ''}`, 303);
  }
  // next(path) renders the 403 page in place, without running the middleware again.
  if (!roles.includes(actor.person.role)) return next('/403');
  return next();
});

/**
 * The client in scope: on a page about one client (`/worker/clients/:client/*`,
 * `/worker/messages/client/:client`, `/family/:client/*`) the id is parsed, the reader's right
 * checked in access.ts and the client loaded once, into `locals.client`; a page that showed the
 * client's data is written to the access log after it rendered. Anywhere else `locals.client`
 * throws, so a page cannot read a client it was not given.
 */
const clientInScope = defineMiddleware(async (context, next) => {
  let client: ClientInScope | null = null;
  Object.defineProperty(context.locals, 'client', {
    configurable: true,
    enumerable: false,
    get() {
      if (!client) throw new Error(`locals.client is only set on a page about one client, not on ${context.url.pathname}`);
      return client;
    },
  });
  const scope = scopedRoute(context.url.pathname);
  const actor = context.locals.actor;
  if (!scope || !actor) return next();
  const loaded = await loadClientInScope(context.locals.db, actor.person, scope);
  if (loaded === 'forbidden') return next('/403');
  client = loaded;
  const response = await next();
  await logScopedView(context.locals.db, actor.person, loaded, scope, response.status, context.url.pathname);
  return response;
});

export const onRequest = sequence(sendable, origin, securityHeaders, session, language, staffHeader, roleAreas, clientInScope);
