/**
 * When something breaks on the server (here: the database cannot be opened), the person sees the
 * 500 page in easy words with a way home, never a stack trace; the details go to the server log.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, SERVE, assertBuilt, freePort } from '../helpers/server';

describe('server error page', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omapolku-broken-'));
  let stop = () => {};
  afterAll(() => {
    stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 500 with the easy-read error page and no internals', async () => {
    assertBuilt();
    const port = await freePort();
    // A directory where the database file should be: SQLite cannot open it.
    const child = spawn(process.execPath, [SERVE], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: '', HOST: '127.0.0.1', PORT: String(port), OMAPOLKU_DB: dir, OMAPOLKU_PLAIN_HTTP: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout!.on('data', (d) => (log += d));
    child.stderr!.on('data', (d) => (log += d));
    stop = () => child.kill('SIGKILL');

    let response: Response | undefined;
    for (let i = 0; i < 100 && !response; i++) {
      response = await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
      if (!response) await new Promise((r) => setTimeout(r, 100));
    }
    expect(response?.status).toBe(500);
    const html = await response!.text();
    expect(html).toContain('Jotain meni vikaan');
    expect(html).toContain('Takaisin kotiin');
    expect(html).not.toMatch(/SQLITE|\.mjs|node:internal|at async/);
    expect(log).toMatch(/SQLITE_CANTOPEN|EISDIR|unable to open/i);
    // In the JSON log: the failed request's line, and an error line with its id beside Astro's own report.
    const id = response!.headers.get('x-request-id');
    // (The request's line is written as its response closes, just after the answer reached us.)
    for (let i = 0; i < 100 && !log.includes(`"type":"request","time"`); i++) await new Promise((r) => setTimeout(r, 20));
    const lines = log.split('\n').filter((l) => l.startsWith('{"type":')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.type === 'error' && l.request_id === id)).toMatchObject({ route: '/' });
    expect(lines.find((l) => l.type === 'request' && l.request_id === id)).toMatchObject({ method: 'GET', route: '/', status: 500 });
  });
});
