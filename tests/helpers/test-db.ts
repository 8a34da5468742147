/**
 * A database of its own for a unit test of the server (the *.test.ts files in src/server): a fresh file
 * with every migration applied, in a temporary folder, and optionally rows written in one
 * transaction. `closeTestDb` closes it and removes the folder.
 *
 *   let db: Database;
 *   beforeEach(async () => {
 *     db = await openTestDb(async (tx) => {
 *       await tx.run("INSERT INTO units (id, name, municipality, created_at) VALUES (1, 'Paja', 'Pori', 0)");
 *     });
 *   });
 *   afterEach(() => closeTestDb(db));
 *
 * The migrations run once per test worker into a template file, which each database then copies:
 * a migration is its own transaction with a full fsync, and a test that opens a database for
 * every case would otherwise wait for ten of them each time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database, type Tx } from '@server/db/database';
import { bundledMigrations } from '@server/db/migrations';

let template: Promise<string> | undefined;
const folders = new WeakMap<Database, string>();

function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'omapolku-test-template-')), 'template.sqlite');
    // Closing checkpoints the write-ahead log into the file, so the file alone is the database.
    await (await Database.open(file, bundledMigrations())).close();
    process.once('exit', () => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
    return file;
  })();
  return template;
}

/** A new migrated database; `seed`, if given, writes its rows in one transaction first. */
export async function openTestDb(seed?: (tx: Tx) => Promise<unknown>): Promise<Database> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omapolku-test-'));
  const file = path.join(dir, 'test.sqlite');
  fs.copyFileSync(await migratedTemplate(), file);
  // Opening applies any migration the template lacks (none) and checks the pragmas as the server does.
  const db = await Database.open(file, bundledMigrations());
  folders.set(db, dir);
  if (seed) await db.write(seed);
  return db;
}

/** Closes a database from openTestDb and removes its folder. */
export async function closeTestDb(db: Database | undefined): Promise<void> {
  if (!db) return;
  await db.close();
  const dir = folders.get(db);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
