/**
 * `npm run backup` while the portal runs and clients keep sending messages (issue 18, point 9).
 *
 * Two clients send numbered messages over HTTP without a pause, one after another each (so each
 * one's messages commit in their order). The backup runs meanwhile as a unit runs it, as its own
 * process. The copy must hold every message that was acknowledged (answered 303) before the
 * backup began, and it must be one moment of the database: each client's messages in it are
 * 1…k with no gap (a later message never without an earlier one). The portal answers throughout.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkBackup } from '@server/db/backup';
import { bundledMigrations } from '@server/db/migrations';
import { demoClient } from '@server/demo/people';
import { insertSessions, peopleByName } from '../helpers/authz';
import { useServerWithClients } from '../helpers/own-server';
import { querySql, ROOT } from '../helpers/server';

const { server } = useServerWithClients();
const dir = mkdtempSync(join(tmpdir(), 'omapolku-backup-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm run backup -- <file>` against the server's database, as a timer would run it. */
function npmRunBackup(target: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'backup', '--', target], { cwd: ROOT, env: { ...process.env, OMAPOLKU_DB: server.dbFile }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('backup while the portal runs', () => {
  test('writes messages during a backup and finds every message acknowledged before the backup began in the copy', async () => {
    const base = server.baseUrl;
    const people = await peopleByName(server.dbFile);
    const who = ['matti', 'aino'] as const;
    const cookies = await insertSessions(server.dbFile, Object.fromEntries(who.map((k) => [k, people.get(demoClient(k).name)!])) as Record<(typeof who)[number], { id: number; role: string }>);

    const acknowledged: Record<(typeof who)[number], number> = { matti: 0, aino: 0 };
    const refusals: string[] = [];
    let writing = true;
    const writer = async (client: (typeof who)[number]) => {
      for (let n = 1; writing; n++) {
        const res = await fetch(`${base}/client/messages`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, cookie: cookies[client] },
          body: new URLSearchParams({ action: 'text', body: `varmuuskopio ${client} ${n}`, key: `backup-${client}-${n}` }).toString(),
        });
        await res.arrayBuffer();
        if (res.status !== 303) refusals.push(`${client} ${n}: ${res.status}`);
        else acknowledged[client] = n;
      }
    };
    const writers = who.map(writer);
    while (acknowledged.matti < 5 || acknowledged.aino < 5) await new Promise((r) => setTimeout(r, 10));

    const beforeBackup = { ...acknowledged };
    const target = join(dir, 'copy.sqlite');
    const backup = await npmRunBackup(target);
    const duringBackup = acknowledged.matti + acknowledged.aino - beforeBackup.matti - beforeBackup.aino;
    writing = false;
    await Promise.all(writers);

    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toContain('integrity ok');
    expect(refusals).toEqual([]);
    // The portal kept answering while the backup ran.
    expect(duringBackup).toBeGreaterThan(0);

    const rows = await querySql<{ body: string }>(target, "SELECT body FROM messages WHERE body LIKE 'varmuuskopio %'");
    // The copy was taken while the messages went on: it holds some sent after the backup began.
    expect(rows.length).toBeGreaterThan(beforeBackup.matti + beforeBackup.aino);
    for (const client of who) {
      const inCopy = rows.filter((r) => r.body.startsWith(`varmuuskopio ${client} `)).map((r) => Number(r.body.split(' ')[2])).sort((a, b) => a - b);
      // Every message acknowledged before the backup began is in the copy…
      expect(inCopy.length, client).toBeGreaterThanOrEqual(beforeBackup[client]);
      // …and the copy is one moment: 1…k without a gap, nothing that was never acknowledged.
      expect(inCopy, client).toEqual(Array.from({ length: inCopy.length }, (_, i) => i + 1));
      expect(inCopy.length).toBeLessThanOrEqual(acknowledged[client]);
    }

    // The copy is what `npm run restore` accepts: whole, at this code's migration level.
    const facts = await checkBackup(target);
    expect(facts.migrationLevel).toBe(bundledMigrations().at(-1)!.version);
  });
});
