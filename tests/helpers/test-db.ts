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
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database, Tx } from '@server/db/database';
import { bundledMigrations } from '@server/db/migrations';
import { PostgresDatabase } from '@server/db/postgres';
import { SqliteDatabase } from '@server/db/sqlite';
import { testEngine, withSearchPath } from './test-engine';

let template: Promise<string> | undefined;
const folders = new WeakMap<Database, string>();

function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'omapolku-test-template-')), 'template.sqlite');
    // Closing checkpoints the write-ahead log into the file, so the file alone is the database.
    await (await SqliteDatabase.open(file, bundledMigrations())).close();
    process.once('exit', () => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
    return file;
  })();
  return template;
}

/**
 * On PostgreSQL (the `unit-postgres` project, tests/helpers/test-engine.ts) each database is a
 * schema of its own in the test database, migrated by the engine itself and dropped on close.
 */
const schemas = new WeakMap<Database, string>();

async function openPostgresTestDb(url: string): Promise<Database> {
  const schema = `omapolku_unit_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const db = await PostgresDatabase.open(withSearchPath(url, schema), bundledMigrations('postgres'), { max: 3 });
  schemas.set(db, schema);
  return db;
}

/**
 * Seeds give explicit ids (`INSERT INTO units (id, …) VALUES (1, …)`), which SQLite's rowid
 * simply counts on from, but which do not move a PostgreSQL identity: the app's next INSERT
 * without an id would take 1 again and collide. So after a seed each identity starts past the
 * largest id in its table.
 */
const MOVE_IDENTITIES_PAST_SEEDED_IDS = `
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT table_name FROM information_schema.columns
           WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES' LOOP
    EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''), m) FROM (SELECT max(id) AS m FROM %I) AS s WHERE m IS NOT NULL', t.table_name, t.table_name);
  END LOOP;
END $$;`;

/** A new migrated database; `seed`, if given, writes its rows in one transaction first. */
export async function openTestDb(seed?: (tx: Tx) => Promise<unknown>): Promise<Database> {
  const engine = testEngine();
  if (engine.engine === 'postgres') {
    const db = await openPostgresTestDb(engine.url);
    if (seed) {
      await db.write(seed);
      await db.write((tx) => tx.exec(MOVE_IDENTITIES_PAST_SEEDED_IDS));
    }
    return db;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omapolku-test-'));
  const file = path.join(dir, 'test.sqlite');
  fs.copyFileSync(await migratedTemplate(), file);
  // Opening applies any migration the template lacks (none) and checks the pragmas as the server does.
  const db = await SqliteDatabase.open(file, bundledMigrations());
  folders.set(db, dir);
  if (seed) await db.write(seed);
  return db;
}

/** Closes a database from openTestDb and removes its folder. */
export async function closeTestDb(db: Database | undefined): Promise<void> {
  if (!db) return;
  await db.close();
  const schema = schemas.get(db);
  const engine = testEngine();
  if (schema && engine.engine === 'postgres') {
    const admin = new pg.Client({ connectionString: engine.url });
    await admin.connect();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`).finally(() => admin.end());
  }
  const dir = folders.get(db);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
