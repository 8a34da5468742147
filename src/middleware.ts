import { defineMiddleware, sequence } from 'astro:middleware';
import { getDb } from './server/db';
import { SESSION_COOKIE, validateSessionToken } from './server/auth/session';
import { DEFAULT_LANG, isLang, langFromAcceptLanguage, tFor } from './server/i18n';
import { areaRoles } from './server/access';
import { LANG_COOKIE } from './server/preferences';
import { pagePolicy, STRICT_POLICY } from './server/security/csp';
import { unsendableHeader } from './server/security/sendable';

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
 * Headers every response carries. Pages get a Content-Security-Policy that allows only their
 * own inline island loaders by hash (src/server/security/csp.ts).
 */
const securityHeaders = defineMiddleware(async (_context, next) => {
  const response = await next();
  const h = response.headers;
  h.set('X-Content-Type-Options', 'nosniff');
  h.set('Referrer-Policy', 'same-origin');
  h.set('X-Frame-Options', 'DENY');
  h.set('Permissions-Policy', 'camera=(), geolocation=(), microphone=(self)');
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
  // Our pages are small: one buffer instead of Astro's many streamed chunks saves a system call
  // per chunk, and the whole page is needed anyway to find its inline scripts for the policy.
  const page = Buffer.from(await response.arrayBuffer());
  h.set('Content-Security-Policy', pagePolicy(page));
  h.set('Content-Length', String(page.byteLength));
  return new Response(page, { status: response.status, statusText: response.statusText, headers: h });
});

const session = defineMiddleware(async (context, next) => {
  context.locals.db = await getDb();
  context.locals.actor = null;
  context.locals.sessionEnded = null;
  const token = context.cookies.get(SESSION_COOKIE)?.value;
  if (token) {
    const actor = await validateSessionToken(context.locals.db, token);
    if (actor) {
      context.locals.actor = actor;
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

export const onRequest = sequence(sendable, securityHeaders, session, language, roleAreas);
