import * as oidc from 'openid-client';
import { config } from '../config';
import type { Database } from '../db';
import type { SsoConfig } from './sso-config';
import { emailVerifiedIn, type SsoClaims } from './sso-match';
import { generateSessionToken, sessionIdFromToken } from './session';

/**
 * Single sign-on for staff with OpenID Connect (Entra ID and others), through openid-client:
 * the authorization code flow with PKCE (S256), `state` and `nonce`. The provider's endpoints and
 * keys come from its discovery document; the ID token's signature is checked with those keys
 * (enableNonRepudiationChecks), not only trusted because it came over TLS, and its issuer,
 * audience, nonce and times by openid-client.
 *
 * What the flow needs to remember between the two requests (state, nonce, the PKCE verifier and
 * the redirect address) stays on the server, in `sso_logins`, under the SHA-256 of a random value
 * the browser holds in a short cookie. The first answer that comes back with the cookie takes the
 * row, whatever it says, so each is used once, and only for 10 minutes.
 *
 * This module speaks the protocol and answers who the provider says the person is; sso-match.ts
 * finds the person, sso-page.ts turns both into pages, sessions and security events.
 */
export const SSO_COOKIE = 'omapolku_sso';
export const SSO_START_PATH = '/login/sso';
export const SSO_CALLBACK_PATH = '/login/sso/callback';
const FLOW_MS = 10 * 60_000;
const SCOPE = 'openid email profile';
/** The discovery document is read again after a day (a provider may move its endpoints). */
const DISCOVERY_MS = 24 * 60 * 60_000;

export function ssoConfigured(): boolean {
  return config.sso !== null;
}

export function ssoCookieOptions() {
  // SameSite=Lax: the provider sends the browser back with a top-level GET, which carries it.
  return { httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies, path: SSO_START_PATH, maxAge: FLOW_MS / 1000 };
}

let discovered: { at: number; configuration: Promise<oidc.Configuration> } | null = null;

/**
 * The provider's configuration from its discovery document, read once per process (and again
 * after a day, or after a failure). The server starts without asking the provider: a provider that
 * is down makes only the organisation sign-in fail, with a page saying so, not the portal.
 */
function providerConfiguration(sso: SsoConfig, now: number): Promise<oidc.Configuration> {
  if (discovered && now - discovered.at < DISCOVERY_MS) return discovered.configuration;
  const execute = [oidc.enableNonRepudiationChecks];
  // openid-client speaks only https to a provider; plain http only when explicitly allowed (the tests).
  if (sso.allowHttp) execute.push(oidc.allowInsecureRequests);
  const configuration = oidc.discovery(new URL(sso.issuer), sso.clientId, sso.clientSecret, oidc.ClientSecretBasic(sso.clientSecret), { execute, timeout: 10 });
  const entry = { at: now, configuration };
  discovered = entry;
  configuration.catch(() => {
    if (discovered === entry) discovered = null;
  });
  return configuration;
}

export type SsoStart = { ok: true; cookieToken: string; authorizationUrl: string } | { ok: false; reason: 'unavailable' };

/** Step 1: remembers the flow and gives the provider's sign-in address to send the browser to. */
export async function beginSsoSignIn(db: Database, baseUrl: string, now = Date.now()): Promise<SsoStart> {
  const sso = config.sso;
  if (!sso) return { ok: false, reason: 'unavailable' };
  let configuration: oidc.Configuration;
  try {
    configuration = await providerConfiguration(sso, now);
  } catch (error) {
    console.error('Single sign-on: the discovery document could not be read', error);
    return { ok: false, reason: 'unavailable' };
  }
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const redirectUri = `${baseUrl}${SSO_CALLBACK_PATH}`;
  const authorizationUrl = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: SCOPE,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const cookieToken = generateSessionToken();
  await db.write(async (tx) => {
    await tx.run('DELETE FROM sso_logins WHERE expires_at < ?', [now]);
    await tx.run('INSERT INTO sso_logins (id, state, nonce, code_verifier, redirect_uri, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      sessionIdFromToken(cookieToken),
      state,
      nonce,
      codeVerifier,
      redirectUri,
      now,
      now + FLOW_MS,
    ]);
  });
  return { ok: true, cookieToken, authorizationUrl: authorizationUrl.href };
}

/**
 * Why the flow ended without a person: expired (no flow for this browser: too old, already used,
 * or no cookie), state (the answer's state is not this flow's), code (the provider refused the
 * code: expired or used already), denied (the provider answered with an error, e.g. the person
 * cancelled), unavailable (the provider did not answer), error (anything else: a bad ID token…).
 */
export type SsoFlowFailure = 'expired' | 'state' | 'code' | 'denied' | 'unavailable' | 'error';

export type SsoCompletion = { ok: true; claims: SsoClaims } | { ok: false; reason: SsoFlowFailure };

interface FlowRow {
  state: string;
  nonce: string;
  code_verifier: string;
  redirect_uri: string;
  expires_at: number;
}

/** Step 2: the provider's answer (the callback's query) becomes checked claims, or a reason. */
export async function completeSsoSignIn(db: Database, cookieToken: string | undefined, query: URLSearchParams, now = Date.now()): Promise<SsoCompletion> {
  const sso = config.sso;
  if (!sso) return { ok: false, reason: 'unavailable' };
  const flow = cookieToken ? await takeFlow(db, cookieToken) : undefined;
  if (!flow || flow.expires_at <= now) return { ok: false, reason: 'expired' };
  // Checked here as well as by openid-client, to tell a forged or mixed-up answer apart.
  if (query.get('state') !== flow.state) return { ok: false, reason: 'state' };
  try {
    const configuration = await providerConfiguration(sso, now);
    const currentUrl = new URL(flow.redirect_uri);
    for (const [key, value] of query) currentUrl.searchParams.append(key, value);
    const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: flow.code_verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) return { ok: false, reason: 'error' };
    let claims: Record<string, unknown> = idToken;
    // A provider may put the email only in its UserInfo answer (the standard place for the
    // `email` scope's claims); the subject there must be the ID token's.
    if (typeof claims.email !== 'string' && configuration.serverMetadata().userinfo_endpoint) {
      claims = { ...(await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub)), ...idToken };
    }
    return {
      ok: true,
      claims: {
        issuer: idToken.iss,
        subject: idToken.sub,
        email: typeof claims.email === 'string' ? claims.email : null,
        emailVerified: emailVerifiedIn(claims),
      },
    };
  } catch (error) {
    const reason = failureOf(error);
    if (reason === 'error' || reason === 'unavailable') console.error('Single sign-on: the answer could not be used', error);
    return { ok: false, reason };
  }
}

/** Takes (reads and deletes) the flow of a cookie: whatever happens next, it is not used again. */
async function takeFlow(db: Database, cookieToken: string): Promise<FlowRow | undefined> {
  const id = sessionIdFromToken(cookieToken);
  return db.write(async (tx) => {
    const row = await tx.get<FlowRow>('SELECT state, nonce, code_verifier, redirect_uri, expires_at FROM sso_logins WHERE id = ?', [id]);
    if (row) await tx.run('DELETE FROM sso_logins WHERE id = ?', [id]);
    return row;
  });
}

function failureOf(error: unknown): SsoFlowFailure {
  if (error instanceof oidc.AuthorizationResponseError) return 'denied';
  // RFC 6749 §5.2: invalid_grant is the token endpoint's word for a code that is expired, used or not ours.
  if (error instanceof oidc.ResponseBodyError) return error.error === 'invalid_grant' ? 'code' : 'error';
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError' || (error instanceof TypeError && error.message === 'fetch failed'))) {
    return 'unavailable';
  }
  return 'error';
}
