import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteDatabase } from './sqlite';
import { applyMigrations, bundledMigrations, parseMigrationFiles } from './migrations';

const tmpDirs: string[] = [];
function tmpFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omapolku-db-'));
  tmpDirs.push(dir);
  return path.join(dir, 'test.sqlite');
}
afterEach(() => {
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const counterMigration = [{ version: 1, name: 'counter', sql: 'CREATE TABLE items (id INTEGER PRIMARY KEY, n INTEGER NOT NULL) STRICT;' }];

describe('Database', () => {
  it('sets and verifies WAL, synchronous=FULL, foreign keys and busy timeout', async () => {
    const db = await SqliteDatabase.open(tmpFile(), []);
    expect(await db.get('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
    expect(await db.get('PRAGMA synchronous')).toEqual({ synchronous: 2 });
    expect(await db.get('PRAGMA foreign_keys')).toEqual({ foreign_keys: 1 });
    expect(await db.get('PRAGMA busy_timeout')).toEqual({ timeout: 5000 });
    await db.close();
  });

  it('commits writes that queue up together, each still all or nothing on its own', async () => {
    const db = await SqliteDatabase.open(tmpFile(), counterMigration);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        db.write(async (tx) => {
          await tx.run('INSERT INTO items (id, n) VALUES (?, ?)', [i + 1, i]);
          // Every fifth write fails after its insert: only that insert is undone.
          if (i % 5 === 4) throw new Error(`job ${i} fails`);
          return i;
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.message)).toEqual(['job 4 fails', 'job 9 fails', 'job 14 fails', 'job 19 fails']);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(16);
    const ids = (await db.all<{ id: number }>('SELECT id FROM items ORDER BY id')).map((r) => r.id);
    expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => i + 1).filter((id) => id % 5 !== 0));
    // A write after a failed one works as usual, and a read sees every committed write.
    await db.write((tx) => tx.run('INSERT INTO items (id, n) VALUES (100, 0)'));
    expect(await db.get('SELECT COUNT(*) AS n FROM items')).toEqual({ n: 17 });
    await db.close();
  });

  it('runs concurrent write transactions one after another, never interleaved', async () => {
    const db = await SqliteDatabase.open(tmpFile(), counterMigration);
    await db.write((tx) => tx.run('INSERT INTO items (id, n) VALUES (1, 0)'));
    // Each transaction reads, yields to the event loop, then writes: interleaving would lose updates.
    await Promise.all(
      Array.from({ length: 50 }, () =>
        db.write(async (tx) => {
          const row = await tx.get<{ n: number }>('SELECT n FROM items WHERE id = 1');
          await new Promise((r) => setTimeout(r, 1));
          await tx.run('UPDATE items SET n = ? WHERE id = 1', [row!.n + 1]);
        }),
      ),
    );
    expect(await db.get('SELECT n FROM items WHERE id = 1')).toEqual({ n: 50 });
    await db.close();
  });

  it('rolls back everything a failed transaction did and keeps the queue going', async () => {
    const db = await SqliteDatabase.open(tmpFile(), counterMigration);
    await expect(
      db.write(async (tx) => {
        await tx.run('INSERT INTO items (n) VALUES (1)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await db.write((tx) => tx.run('INSERT INTO items (n) VALUES (2)'));
    expect(await db.all('SELECT n FROM items')).toEqual([{ n: 2 }]);
    await db.close();
  });

  it('does not let a read see rows of a transaction that is still open', async () => {
    const db = await SqliteDatabase.open(tmpFile(), counterMigration);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const writing = db.write(async (tx) => {
      await tx.run('INSERT INTO items (n) VALUES (7)');
      await gate;
      throw new Error('changed my mind');
    });
    await new Promise((r) => setTimeout(r, 20));
    const reading = db.all('SELECT n FROM items');
    release();
    await expect(writing).rejects.toThrow();
    expect(await reading).toEqual([]);
    await db.close();
  });

  it('closes the file again when it cannot open it as a database (every readiness probe tries again)', async () => {
    const file = tmpFile();
    fs.writeFileSync(file, 'this is not a database, just some text that is long enough to be read as a header');
    const openFds = () =>
      fs.readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
        } catch {
          return false;
        }
      }).length;
    for (let i = 0; i < 3; i++) await expect(SqliteDatabase.open(file, counterMigration)).rejects.toThrow(/not a database/);
    expect(openFds()).toBe(0);
  });

  it('keeps an acknowledged write after the connection is closed and reopened', async () => {
    const file = tmpFile();
    const db = await SqliteDatabase.open(file, counterMigration);
    await db.write((tx) => tx.run('INSERT INTO items (n) VALUES (42)'));
    await db.close();
    const again = await SqliteDatabase.open(file, counterMigration);
    expect(await again.all('SELECT n FROM items')).toEqual([{ n: 42 }]);
    await again.close();
  });
});

describe('migrations', () => {
  it('applies numbered migrations in order, records them, and applies each only once', async () => {
    const file = tmpFile();
    const migrations = parseMigrationFiles({
      './migrations/0002_second.sql': 'ALTER TABLE a ADD COLUMN b TEXT;',
      './migrations/0001_first.sql': 'CREATE TABLE a (id INTEGER PRIMARY KEY) STRICT;',
    });
    expect(migrations.map((m) => m.version)).toEqual([1, 2]);
    const db = await SqliteDatabase.open(file, migrations);
    expect((await db.all<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version')).map((r) => r.name)).toEqual(['first', 'second']);
    expect(await applyMigrations(db, migrations)).toEqual([]);
    await db.close();
  });

  it('refuses gaps and badly named files', () => {
    expect(() => parseMigrationFiles({ './0001_a.sql': '', './0003_c.sql': '' })).toThrow(/without gaps/);
    expect(() => parseMigrationFiles({ './first.sql': '' })).toThrow(/NNNN_name/);
  });

  it('leaves no trace of a migration that fails half-way', async () => {
    const db = await SqliteDatabase.open(tmpFile(), []);
    const broken = [{ version: 1, name: 'broken', sql: 'CREATE TABLE x (id INTEGER) STRICT; CREATE TABLE x (id INTEGER) STRICT;' }];
    await expect(applyMigrations(db, broken)).rejects.toThrow();
    expect(await db.all("SELECT name FROM sqlite_master WHERE name = 'x'")).toEqual([]);
    expect(await db.all('SELECT * FROM schema_migrations')).toEqual([]);
    await db.close();
  });

  it('rewrites goal and place pictures stored as concept names into the OpenMoji names they showed (0003)', async () => {
    const all = bundledMigrations();
    const db = await SqliteDatabase.open(tmpFile(), all.filter((m) => m.version <= 2));
    await db.write(async (tx) => {
      await tx.run("INSERT INTO people (id, role, full_name, preferred_name, created_at) VALUES (1, 'client', 'A', 'A', 0)");
      await tx.run("INSERT INTO goals (client_id, picture, title, position, created_at) VALUES (1, 'coffee', 'a', 0, 0), (1, 'goals', 'b', 1, 0), (1, 'bus', 'c', 2, 0)");
      await tx.run("INSERT INTO plan_versions (client_id, version, service_type, place_name, place_picture, starts_on, review_on, created_at) VALUES (1, 1, 'tyotoiminta', 'P', 'work', '2026-01-01', '2026-12-01', 0)");
    });
    expect(await applyMigrations(db, all)).toContain(3);
    expect((await db.all<{ picture: string }>('SELECT picture FROM goals ORDER BY position')).map((g) => g.picture)).toEqual(['hot-beverage', 'bullseye', 'bus']);
    expect(await db.all('SELECT place_picture, place_photo_id FROM plan_versions')).toEqual([{ place_picture: 'hammer-and-wrench', place_photo_id: null }]);
    expect(await db.all("SELECT name FROM sqlite_temp_master WHERE name = 'concept_icon'")).toEqual([]);
    await db.close();
  });

  it('builds the real schema with STRICT tables and an append-only access log', async () => {
    const db = await SqliteDatabase.open(tmpFile(), bundledMigrations());
    const tables = await db.all<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    for (const t of ['units', 'people', 'client_workers', 'family_links', 'sessions', 'login_cards', 'access_log']) {
      expect(tables.map((x) => x.name)).toContain(t);
    }
    for (const t of tables) expect(t.sql, t.name).toMatch(/STRICT/);
    await db.write(async (tx) => {
      await tx.run("INSERT INTO people (id, role, full_name, preferred_name, created_at) VALUES (1, 'client', 'A', 'A', 0)");
      await tx.run("INSERT INTO people (id, role, full_name, preferred_name, email, created_at) VALUES (2, 'worker', 'B', 'B', 'b@x.fi', 0)");
      await tx.run("INSERT INTO access_log (at, actor_id, client_id, action, basis) VALUES (0, 2, 1, 'view', 'named_worker')");
    });
    await expect(db.write((tx) => tx.run("UPDATE access_log SET action = 'nothing'"))).rejects.toThrow(/append-only/);
    await expect(db.write((tx) => tx.run('DELETE FROM access_log'))).rejects.toThrow(/append-only/);
    await expect(db.write((tx) => tx.run("INSERT INTO people (role, full_name, preferred_name, created_at) VALUES ('boss', 'C', 'C', 0)"))).rejects.toThrow(/CHECK/);
    await db.close();
  });
});
