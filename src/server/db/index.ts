import { config } from '../config';
import { Database } from './database';
import { bundledMigrations } from './migrations';

let opening: Promise<Database> | null = null;
let closed = false;

/** The process's one connection, opened (pragmas verified, migrations applied) on first use. */
export function getDb(): Promise<Database> {
  // After closeDb() nothing opens it again: the server is stopping.
  if (closed) return Promise.reject(new Error('The database is closed: the server is stopping.'));
  // A failed open is not kept: the next request tries again (the disk may be back).
  opening ??= Database.open(config.databasePath, bundledMigrations()).catch((err: unknown) => {
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

export { Database } from './database';
export type { Tx } from './database';
