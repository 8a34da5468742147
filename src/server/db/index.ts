import { config } from '../config';
import type { Database } from './database';
import { bundledMigrations } from './migrations';
import { PostgresDatabase } from './postgres';
import { SqliteDatabase } from './sqlite';

/** The engine the configuration names: PostgreSQL for OMAPOLKU_DATABASE_URL, else the SQLite file. */
function openConfigured(): Promise<Database> {
  return config.databaseUrl
    ? PostgresDatabase.open(config.databaseUrl, bundledMigrations('postgres'), { max: config.databasePoolSize })
    : SqliteDatabase.open(config.databasePath, bundledMigrations('sqlite'));
}

let opening: Promise<Database> | null = null;
let closed = false;

/** The process's database, opened (connection checked, migrations applied) on first use. */
export function getDb(): Promise<Database> {
  // After closeDb() nothing opens it again: the server is stopping.
  if (closed) return Promise.reject(new Error('The database is closed: the server is stopping.'));
  // A failed open is not kept: the next request tries again (the disk may be back).
  opening ??= openConfigured().catch((err: unknown) => {
    opening = null;
    throw err;
  });
  return opening;
}

/**
 * Closes the process's connection for good, after the writes queued on it (the graceful stop,
 * src/server/ops/front.ts, calls it once no request is left).
 */
export async function closeDb(): Promise<void> {
  closed = true;
  const open = opening;
  opening = null;
  const db = await open?.catch(() => null);
  await db?.close();
}

export type { Database, Tx } from './database';
export { sqlFor } from './database';
