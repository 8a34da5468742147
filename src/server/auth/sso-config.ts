/**
 * The single sign-on settings (OpenID Connect) from the environment. Kept apart from sso.ts so
 * that config.ts can read them without loading openid-client.
 */
export interface SsoConfig {
  /** The issuer identifier, exactly as the provider's discovery document names itself. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /**
   * Plain http to the provider (OMAPOLKU_OIDC_ALLOW_HTTP=1): only for the tests' own provider on
   * loopback. openid-client refuses http otherwise, and so do we.
   */
  allowHttp: boolean;
}

type Env = Record<string, string | undefined>;

/**
 * Null when single sign-on is not set up (none of the three variables). A half-done or unreadable
 * setting stops the server at start with the reason, as a wrong OMAPOLKU_TRUSTED_PROXIES does: a
 * sign-in button that can only fail is worse than a clear message to whoever starts the server.
 */
export function parseSsoConfig(env: Env): SsoConfig | null {
  const issuer = env.OMAPOLKU_OIDC_ISSUER?.trim() ?? '';
  const clientId = env.OMAPOLKU_OIDC_CLIENT_ID?.trim() ?? '';
  const clientSecret = env.OMAPOLKU_OIDC_CLIENT_SECRET ?? '';
  if (!issuer && !clientId && !clientSecret) return null;
  const missing = [
    ['OMAPOLKU_OIDC_ISSUER', issuer],
    ['OMAPOLKU_OIDC_CLIENT_ID', clientId],
    ['OMAPOLKU_OIDC_CLIENT_SECRET', clientSecret],
  ].filter(([, value]) => !value).map(([name]) => name);
  if (missing.length > 0) throw new Error(`Single sign-on needs all three settings; missing: ${missing.join(', ')}`);
  const allowHttp = env.OMAPOLKU_OIDC_ALLOW_HTTP === '1';
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`OMAPOLKU_OIDC_ISSUER is not a URL: ${issuer}`);
  }
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) {
    throw new Error(`OMAPOLKU_OIDC_ISSUER must be an https address (http only with OMAPOLKU_OIDC_ALLOW_HTTP=1, for a test provider): ${issuer}`);
  }
  if (url.search || url.hash) throw new Error(`OMAPOLKU_OIDC_ISSUER must not have a query or a fragment: ${issuer}`);
  return { issuer, clientId, clientSecret, allowHttp };
}
