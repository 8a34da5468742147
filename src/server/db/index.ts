import { config } from '../config';
import { Database } from './database';
import { bundledMigrations } from './migrations';

let opening: Promise<Database> | null = null;

/** The process's one connection, opened (pragmas verified, migrations applied) on first use. */
export function getDb(): Promise<Database> {
  // A failed open is not kept: the next request tries again (the disk may be back).
  opening ??= Database.open(config.databasePath, bundledMigrations()).catch((err: unknown) => {
    opening = null;
    throw err;
  });
  return opening;
}

export { Database } from './database';
export type { Tx } from './database';
