import { afterAll, beforeAll } from 'vitest';
import { startServerWithClients, type RunningServer, type StartOptions } from './server';

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
