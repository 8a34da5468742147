import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteDatabase } from './sqlite';
import { backupDatabase, checkBackup, processesHolding, restoreDatabase } from './backup';

const tmpDirs: string[] = [];
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omapolku-backup-'));
  tmpDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const messagesMigration = [
  { version: 1, name: 'messages', sql: 'CREATE TABLE messages (id INTEGER PRIMARY KEY, body BLOB NOT NULL) STRICT;' },
];

async function rowIds(file: string): Promise<Set<number>> {
  const copy = await SqliteDatabase.open(file, []);
  const ids = new Set((await copy.all<{ id: number }>('SELECT id FROM messages')).map((r) => r.id));
  await copy.close();
  return ids;
}

describe('backup while the portal writes', () => {
  it('holds every write acknowledged before the backup began, while writes go on during it', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'portal.sqlite');
    const db = await SqliteDatabase.open(file, messagesMigration);
    // Enough data that the copy takes a while, so writes really land during it.
    await db.write(async (tx) => {
      await tx.run(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
                    INSERT INTO messages (id, body) SELECT i, randomblob(1000) FROM n`);
    });
    const acknowledged: number[] = [];
    let writing = true;
    const writer = (async () => {
      for (let id = 1_000_000; writing; id++) {
        await db.write((tx) => tx.run('INSERT INTO messages (id, body) VALUES (?, randomblob(100))', [id]));
        acknowledged.push(id);
      }
    })();
    while (acknowledged.length < 20) await new Promise((r) => setTimeout(r, 5));

    const ackedBeforeBackup = [...acknowledged];
    const facts = await backupDatabase(file, path.join(dir, 'backups', 'copy.sqlite'));
    const ackedDuringBackup = acknowledged.length - ackedBeforeBackup.length;
    writing = false;
    await writer;
    await db.close();

    expect(ackedDuringBackup).toBeGreaterThan(0);
    expect(facts.migrationLevel).toBe(1);
    const inCopy = await rowIds(facts.file);
    for (const id of ackedBeforeBackup) expect(inCopy.has(id)).toBe(true);
    expect(inCopy.size).toBeGreaterThanOrEqual(20_000 + ackedBeforeBackup.length);
    // The copy stands alone: no -wal file is needed beside it.
    expect(fs.existsSync(`${facts.file}-wal`)).toBe(false);
  });

  it('never overwrites an existing file', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'portal.sqlite');
    await (await SqliteDatabase.open(file, messagesMigration)).close();
    fs.writeFileSync(path.join(dir, 'taken.sqlite'), 'keep me');
    await expect(backupDatabase(file, path.join(dir, 'taken.sqlite'))).rejects.toThrow(/exists already/);
    expect(fs.readFileSync(path.join(dir, 'taken.sqlite'), 'utf8')).toBe('keep me');
  });
});

describe('restore', () => {
  async function portalWithBackup() {
    const dir = tmpDir();
    const file = path.join(dir, 'portal.sqlite');
    const db = await SqliteDatabase.open(file, messagesMigration);
    await db.write((tx) => tx.run("INSERT INTO messages (id, body) VALUES (1, CAST('in the backup' AS BLOB))"));
    const backup = path.join(dir, 'backup.sqlite');
    await backupDatabase(file, backup);
    await db.write((tx) => tx.run("INSERT INTO messages (id, body) VALUES (2, CAST('after the backup' AS BLOB))"));
    return { dir, file, db, backup };
  }

  it('refuses a damaged file, a file that is no database, and one that is not Omapolku', async () => {
    const { dir, db, backup } = await portalWithBackup();
    await db.close();
    const damaged = path.join(dir, 'damaged.sqlite');
    const bytes = fs.readFileSync(backup);
    bytes.fill(0x55, 4096, 8192); // a page of garbage in the middle
    fs.writeFileSync(damaged, bytes);
    await expect(checkBackup(damaged)).rejects.toThrow(/integrity|not an SQLite|malformed/i);
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'not a database at all, just words '.repeat(200));
    await expect(checkBackup(text)).rejects.toThrow();
    const foreign = path.join(dir, 'foreign.sqlite');
    const f = await SqliteDatabase.open(foreign, []);
    await f.write((tx) => tx.exec('DROP TABLE schema_migrations'));
    await f.close();
    await expect(checkBackup(foreign)).rejects.toThrow(/not an Omapolku database/);
  });

  it('refuses a backup newer than the code', async () => {
    const { dir, db, backup } = await portalWithBackup();
    await db.close();
    await expect(restoreDatabase(backup, path.join(dir, 'new.sqlite'), 0)).rejects.toThrow(/newer than this code/);
  });

  it('refuses while another process has the database open, then restores and keeps the replaced one', async () => {
    const { file, db, backup } = await portalWithBackup();
    await db.close();
    // A stand-in for the running portal: another process with the database open.
    const holder = spawn(process.execPath, ['-e', `const s=require('sqlite3');const d=new s.Database(${JSON.stringify(file)});d.get('SELECT 1',()=>console.log('open'));setInterval(()=>{},1000)`], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
      expect(processesHolding(file)).toContain(holder.pid);
      await expect(restoreDatabase(backup, file, 1)).rejects.toThrow(/stop the portal first/);
      expect(await rowIds(file)).toEqual(new Set([1, 2]));
    } finally {
      holder.kill();
      await new Promise((r) => holder.once('exit', r));
    }
    const { keptAs, restored } = await restoreDatabase(backup, file, 1, new Date('2026-11-30T01:02:03Z'));
    expect(restored.migrationLevel).toBe(1);
    expect(await rowIds(file)).toEqual(new Set([1]));
    expect(keptAs).toMatch(/before-restore-2026-11-30T01-02-03-000Z$/);
    expect(await rowIds(keptAs!)).toEqual(new Set([1, 2]));
  });
});
