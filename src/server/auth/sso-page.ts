/**
 * /login/sso and /login/sso/callback: a worker or an admin signs in with their organisation's
 * account (sso.ts). Both answer 404 while single sign-on is not set up. Every answer the person
 * can meet is a page in easy words (never a 500): an account the portal does not know or a
 * deactivated person ("Et voi kirjautua tällä tunnuksella"), an old, used or forged answer, a
 * cancelled sign-in, a provider that does not answer. Each sign-in and each refusal is a
 * security event.
 *
 * The session is the same staff session a password gives (session.ts). The portal's own second
 * step (two-step sign-in) is not asked after this one: the organisation's service does its own.
 */
import type { Database } from '@server/db';
import { HOME_OF, type Role } from '@server/access';
import { portalBaseUrl } from '@server/mail/links';
import type { RequestInfo } from '@server/security/events';
import { logSsoStep } from '@server/security/sign-in-events';
import { addressLimited } from './address-limit';
import { createSession, type SessionActor } from './session';
import { beginSsoSignIn, completeSsoSignIn, ssoConfigured, type SsoFlowFailure } from './sso';
import { matchSsoPerson, type SsoMatch } from './sso-match';

/**
 * What the page tells: refused (this account may not sign in here), expired (too old, or used
 * already), failed (an answer that does not fit this sign-in), cancelled (at the provider),
 * unavailable (the provider did not answer), too_many (this address tried too often).
 */
export type SsoProblem = 'refused' | 'expired' | 'failed' | 'cancelled' | 'unavailable' | 'too_many';

export type SsoPageAnswer =
  | { kind: 'not-found' }
  | { kind: 'redirect'; to: string }
  | { kind: 'to-provider'; to: string; flowToken: string }
  | { kind: 'signed-in'; to: string; sessionToken: string; absoluteExpiresAt: number }
  | { kind: 'problem'; status: number; problem: SsoProblem; minutes: number };

const problem = (p: SsoProblem, status = 400, minutes = 0): SsoPageAnswer => ({ kind: 'problem', status, problem: p, minutes });

/** /login/sso: begins a sign-in and sends the browser to the organisation's service. */
export async function ssoStartPage(db: Database, url: URL, actor: SessionActor | null, ip: string, request: RequestInfo): Promise<SsoPageAnswer> {
  if (!ssoConfigured()) return { kind: 'not-found' };
  if (actor && actor.person.role !== 'client') return { kind: 'redirect', to: HOME_OF[actor.person.role] };
  // One try of the address's sign-in limit, like a sent password form.
  const limited = await addressLimited(db, ip);
  if (limited) {
    await logSsoStep(db, { ok: false, reason: 'too_many_from_here', person: null }, request);
    return problem('too_many', 429, limited.minutes);
  }
  const started = await beginSsoSignIn(db, portalBaseUrl(url));
  if (!started.ok) {
    await logSsoStep(db, { ok: false, reason: 'sso_unavailable', person: null }, request);
    return problem('unavailable', 503);
  }
  return { kind: 'to-provider', to: started.authorizationUrl, flowToken: started.cookieToken };
}

const FLOW_PROBLEM: Record<SsoFlowFailure, SsoProblem> = {
  expired: 'expired',
  code: 'expired',
  state: 'failed',
  error: 'failed',
  denied: 'cancelled',
  unavailable: 'unavailable',
};

/** /login/sso/callback: the service's answer; a known, active worker or admin gets a session. */
export async function ssoCallbackPage(db: Database, url: URL, flowToken: string | undefined, request: RequestInfo, now = Date.now()): Promise<SsoPageAnswer> {
  if (!ssoConfigured()) return { kind: 'not-found' };
  const done = await completeSsoSignIn(db, flowToken, url.searchParams, now);
  if (!done.ok) {
    await logSsoStep(db, { ok: false, reason: `sso_${done.reason}`, person: null }, request);
    return problem(FLOW_PROBLEM[done.reason], done.reason === 'unavailable' ? 503 : 400);
  }
  const match: SsoMatch = await db.write((tx) => matchSsoPerson(tx, done.claims, now));
  if (!match.ok) {
    await logSsoStep(db, { ok: false, reason: `sso_${match.reason}`, person: match.person }, request);
    return problem('refused');
  }
  const { token, session } = await createSession(db, match.person.id, 'staff', now);
  await logSsoStep(db, { ok: true, person: match.person }, request);
  return { kind: 'signed-in', to: HOME_OF[match.person.role as Role], sessionToken: token, absoluteExpiresAt: session.absolute_expires_at };
}
