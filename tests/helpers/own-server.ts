import { afterAll, beforeAll } from 'vitest';
import { startServerWithClients, type RunningServer, type StartOptions } from './server';
import { startTestSmtp, type TestSmtp } from './smtp';

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
    Object.assign(env, { OMAPOLKU_SMTP_URL: started.url, OMAPOLKU_MAIL_FROM: 'Omapolku <omapolku@demo.omapolku.fi>', OMAPOLKU_MAIL_RETRY_MS: '200', OMAPOLKU_MAIL_POLL_MS: '500' });
  });
  afterAll(() => smtp.stop?.());
  const { server, ids } = useServerWithClients({ ...options, env });
  return { server, ids, smtp };
}
