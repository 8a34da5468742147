import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { freePort, querySql, startServer, startServerWithClients, type RunningServer, type StartOptions } from './server';
import { startTestSmtp, type TestSmtp } from './smtp';
import { startTestPushService, type TestPushService } from './push-endpoint';
import type { TestAccount, TestOidcProvider } from './oidc-provider';

// (Kept apart from server.ts: global setup imports that file, and must not load the test API.)
/**
 * For a test file of its own server with the demo clients: starts it before the file's tests and
 * stops it after. The returned objects are filled in when the server is up, so tests use them
 * as plain values (`server.baseUrl`, `ids.matti`).
 */
export function useServerWithClients(options: StartOptions = {}): { server: RunningServer; ids: Record<string, number> } {
  const server = {} as RunningServer;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    const started = await startServerWithClients(options);
    Object.assign(server, started.server);
    Object.assign(ids, started.ids);
  });
  afterAll(() => server.stop?.());
  return { server, ids };
}

/**
 * A file's own server that sends its mail to a real SMTP server on loopback, started first
 * (tests/helpers/smtp.ts). Mails are tried again after 200 ms, so a test that stops the mail
 * server sees the retries within seconds.
 */
export function useServerWithSmtp(options: StartOptions = {}): { server: RunningServer; ids: Record<string, number>; smtp: TestSmtp } {
  const env: Record<string, string> = { ...options.env };
  const smtp = {} as TestSmtp;
  beforeAll(async () => {
    const started = await startTestSmtp();
    // (A getter-bearing object: copy its methods and read `port`/`url` through the original.)
    Object.defineProperties(smtp, Object.getOwnPropertyDescriptors(started));
    Object.assign(env, { OMAPOLKU_SMTP_URL: started.url, OMAPOLKU_MAIL_FROM: 'Omapolku <omapolku@demo.omapolku.fi>', OMAPOLKU_MAIL_RETRY_MS: '200', OMAPOLKU_MAIL_POLL_MS: '500', OMAPOLKU_MAIL_LEASE_MS: '3000' });
  });
  afterAll(() => smtp.stop?.());
  const { server, ids } = useServerWithClients({ ...options, env });
  return { server, ids, smtp };
}

/**
 * A file's own server with single sign-on against a real OpenID provider in the test process
 * (tests/helpers/oidc-provider.ts) on loopback, over plain http (OMAPOLKU_OIDC_ALLOW_HTTP=1).
 * The provider's address and the client's secret are chosen first and given to the server; the
 * provider starts once the server's address (its redirect address) is known. The portal asks for
 * the discovery document only at the first sign-in, so the order does not matter to it.
 */
export function useServerWithOidc(accounts: readonly TestAccount[], options: StartOptions = {}): { server: RunningServer; ids: Record<string, number>; provider: TestOidcProvider } {
  const env: Record<string, string> = { ...options.env };
  const provider = {} as TestOidcProvider;
  let port = 0;
  const clientSecret = randomBytes(24).toString('base64url');
  beforeAll(async () => {
    port = await freePort();
    Object.assign(env, {
      OMAPOLKU_OIDC_ISSUER: `http://127.0.0.1:${port}`,
      OMAPOLKU_OIDC_CLIENT_ID: 'omapolku-test',
      OMAPOLKU_OIDC_CLIENT_SECRET: clientSecret,
      OMAPOLKU_OIDC_ALLOW_HTTP: '1',
    });
  });
  const { server, ids } = useServerWithClients({ ...options, env });
  beforeAll(async () => {
    // Loaded here, not at the top: the other files of this helper need not load the provider (and its warnings).
    const { startTestOidcProvider } = await import('./oidc-provider');
    const started = await startTestOidcProvider({ port, clientId: 'omapolku-test', clientSecret, redirectUri: `${server.baseUrl}/login/sso/callback`, accounts });
    Object.defineProperties(provider, Object.getOwnPropertyDescriptors(started));
  });
  afterAll(() => provider.stop?.());
  return { server, ids, provider };
}

/** A server of a test file's own that can be stopped and started again on its database and address. */
interface Restartable {
  server: RunningServer;
  ids: Record<string, number>;
  restart(env?: Record<string, string>, how?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

/**
 * The common part of the restartable servers below: `service` starts what the server talks to
 * (a mail server, a push service) before it, gives the environment that points the server there,
 * and is stopped after it. `restart` ends the process (SIGKILL for a crash) and starts it again on
 * the same database and port, maybe with more settings; `server` always names the one running now.
 */
function useRestartableServer(options: StartOptions, service: () => Promise<{ env: Record<string, string>; stop(): Promise<void> }>): Restartable {
  const env: Record<string, string> = { ...options.env };
  const server = {} as RunningServer;
  const ids: Record<string, number> = {};
  let first: RunningServer | null = null;
  let current: RunningServer | null = null;
  let stopService: (() => Promise<void>) | null = null;
  let port = 0;
  beforeAll(async () => {
    const started = await service();
    stopService = started.stop;
    Object.assign(env, started.env);
    port = await freePort();
    first = current = await startServer({ ...options, env, port });
    Object.assign(server, current);
    const rows = await querySql<{ id: number; preferred_name: string }>(current.dbFile, "SELECT id, preferred_name FROM people WHERE role = 'client'");
    Object.assign(ids, Object.fromEntries(rows.map((r) => [r.preferred_name.toLowerCase(), r.id])));
  });
  afterAll(async () => {
    if (current && current !== first) await current.stop();
    // The first server's folder holds the database: its stop() removes it.
    await first?.stop();
    await stopService?.();
  });
  return {
    server,
    ids,
    async restart(more = {}, how = 'SIGTERM') {
      if (!current) throw new Error('The server has not started yet.');
      await (how === 'SIGKILL' ? current.kill() : current.kill('SIGTERM'));
      Object.assign(env, more);
      const dbFile = current.dbFile;
      if (current !== first) await current.stop();
      current = await startServer({ env, dbFile, port });
      Object.assign(server, current);
    },
  };
}

/** Mails and pushes are tried again after 200 ms, and one taken by a killed server is due again after 3 s. */
const QUICK_OUTBOX = { OMAPOLKU_MAIL_FROM: 'Omapolku <omapolku@demo.omapolku.fi>', OMAPOLKU_MAIL_RETRY_MS: '200', OMAPOLKU_MAIL_POLL_MS: '500', OMAPOLKU_MAIL_LEASE_MS: '3000' };

/**
 * useServerWithSmtp for a file that stops its server and starts it again on the same database
 * and address (a restart, or a crash with SIGKILL), maybe with other settings (a moved clock,
 * OMAPOLKU_CLOCK_OFFSET_MS). The browser's pages and sessions go on as they were, since the
 * address is the same.
 */
export function useRestartableServerWithSmtp(options: StartOptions = {}): Restartable & { smtp: TestSmtp } {
  const smtp = {} as TestSmtp;
  const restartable = useRestartableServer(options, async () => {
    const started = await startTestSmtp();
    Object.defineProperties(smtp, Object.getOwnPropertyDescriptors(started));
    return { env: { OMAPOLKU_SMTP_URL: started.url, ...QUICK_OUTBOX }, stop: () => smtp.stop() };
  });
  return { ...restartable, smtp };
}

/**
 * A file's own server that pushes to a Web Push service on loopback (tests/helpers/push-endpoint.ts),
 * started first: its host is allowed as a push service (OMAPOLKU_PUSH_HOSTS) and its certificate
 * trusted (NODE_EXTRA_CA_CERTS). Restartable as useRestartableServerWithSmtp.
 */
export function useRestartableServerWithPush(options: StartOptions = {}): Omit<Restartable, 'restart'> & { push: TestPushService; restart(how?: 'SIGTERM' | 'SIGKILL'): Promise<void> } {
  const push = {} as TestPushService;
  const restartable = useRestartableServer(options, async () => {
    const started = await startTestPushService();
    Object.defineProperties(push, Object.getOwnPropertyDescriptors(started));
    return { env: { OMAPOLKU_PUSH_HOSTS: '127.0.0.1', NODE_EXTRA_CA_CERTS: started.caFile, ...QUICK_OUTBOX }, stop: () => push.stop() };
  });
  return { server: restartable.server, ids: restartable.ids, push, restart: (how = 'SIGTERM') => restartable.restart({}, how) };
}
