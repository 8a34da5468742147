/**
 * A real OpenID provider in the test process (the `oidc-provider` package) on 127.0.0.1, for the
 * single sign-on tests: discovery, its own signing key (JWKS), the authorization endpoint with its
 * built-in login form (devInteractions: type the account's login, any password), the token and
 * UserInfo endpoints. One confidential client, the portal, with the portal's redirect address.
 *
 * The consent step is skipped (the portal is the organisation's own application, as an Entra ID
 * admin consents for the whole tenant): every sign-in is granted `openid email profile` at once.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import Provider from 'oidc-provider';

export interface TestAccount {
  /** What is typed into the provider's login form; also the account's subject (sub). */
  login: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Seconds an authorization code lives (60 as the package's default); a test may shorten it. */
  codeTtlSeconds: number;
  /**
   * While true, the provider keeps its answer (the redirect to the portal with the code and
   * state) instead of sending the browser on, and shows a plain page: a test takes the answer
   * with `takeAnswer()` and sends it itself, late or changed. (Playwright's page.route cannot
   * stop a request that a redirect started.)
   */
  holdAnswers: boolean;
  /** The last answer held back, once; null if none. */
  takeAnswer(): string | null;
  /** How often the provider's keys (its JWKS, named in the discovery document) were fetched. */
  readonly keyFetches: number;
  stop(): Promise<void>;
}

export interface ProviderOptions {
  port: number;
  clientId: string;
  clientSecret: string;
  /** The portal's callback address, the one redirect address registered for its client. */
  redirectUri: string;
  accounts: readonly TestAccount[];
}

export async function startTestOidcProvider({ port, clientId, clientSecret, redirectUri, accounts }: ProviderOptions): Promise<TestOidcProvider> {
  const issuer = `http://127.0.0.1:${port}`;
  const byLogin = new Map(accounts.map((a) => [a.login, a]));
  const state = { codeTtlSeconds: 60, holdAnswers: false, held: null as string | null, keyFetches: 0 };
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', use: 'sig', alg: 'RS256' };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    ttl: {
      AuthorizationCode: () => state.codeTtlSeconds,
      AccessToken: () => 300,
      IdToken: () => 300,
      Interaction: () => 600,
      Session: () => 600,
      Grant: () => 600,
    },
    async findAccount(_ctx: unknown, id: string) {
      const account = byLogin.get(id);
      if (!account) return undefined;
      return {
        accountId: account.login,
        async claims() {
          return { sub: account.login, email: account.email, email_verified: account.emailVerified, name: account.name };
        },
      };
    },
    // No consent screen: the grant for the portal is made at the first sign-in.
    async loadExistingGrant(ctx: GrantContext) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  provider.use(async (ctx: KoaContext, next: () => Promise<void>) => {
    if (ctx.path === '/jwks') state.keyFetches++;
    await next();
    const location = ctx.response.get('location');
    if (state.holdAnswers && ctx.status >= 300 && ctx.status < 400 && location.startsWith(`${redirectUri}?`)) {
      state.held = location;
      ctx.remove('location');
      ctx.status = 200;
      ctx.type = 'text/plain';
      ctx.body = 'The answer is held by the test.';
    }
  });
  provider.on('server_error', (_ctx: unknown, error: Error) => console.error('Test OpenID provider:', error));

  const server: Server = await new Promise((resolve, reject) => {
    const s = provider.listen(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    get codeTtlSeconds() {
      return state.codeTtlSeconds;
    },
    set codeTtlSeconds(seconds: number) {
      state.codeTtlSeconds = seconds;
    },
    get holdAnswers() {
      return state.holdAnswers;
    },
    set holdAnswers(hold: boolean) {
      state.holdAnswers = hold;
    },
    get keyFetches() {
      return state.keyFetches;
    },
    takeAnswer() {
      const answer = state.held;
      state.held = null;
      return answer;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The part of Koa's context the answer-holding middleware uses. */
interface KoaContext {
  path: string;
  status: number;
  type: string;
  body: unknown;
  response: { get(header: string): string };
  remove(header: string): void;
}

/** The part of oidc-provider's context that loadExistingGrant reads. */
interface GrantContext {
  oidc: {
    result?: { consent?: { grantId?: string } };
    session: { accountId: string; grantIdFor(clientId: string): string | undefined };
    client: { clientId: string };
    provider: { Grant: GrantModel };
  };
}
interface GrantInstance {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}
interface GrantModel {
  new (fields: { clientId: string; accountId: string }): GrantInstance;
  find(id: string): Promise<GrantInstance | undefined>;
}
