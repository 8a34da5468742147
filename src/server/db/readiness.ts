/**
 * Is the database ready to serve (the load balancer's /readyz, src/server/ops/probes.ts)? It
 * answers a query, and its migrations are the ones this code was built with.
 *
 * Asked through the store interface (getDb, migrationLevel), so the same check holds for any
 * engine behind src/server/db/. Not cached: each probe asks again, and the one query is a read
 * of the primary key's last entry.
 */
import type { Database } from './database';
import { getDb } from './index';
import { bundledMigrations, migrationLevel } from './migrations';

const latestMigration = bundledMigrations().at(-1)?.version ?? 0;

export type DatabaseReadiness =
  | { ready: true; level: number }
  /** The database could not be opened or asked (a bad file, a full disk, a server down). */
  | { ready: false; problem: 'unreachable' }
  /** No answer in time: opening is still migrating, or a write holds it. */
  | { ready: false; problem: 'slow' }
  /**
   * Behind: older than this code (a restored copy under a running server, a migration that
   * failed). Ahead: a newer version of the portal migrated it, and this older code must no
   * longer serve (during a rolling update the load balancer then sends everyone to the new servers).
   */
  | { ready: false; problem: 'behind' | 'ahead'; level: number; expected: number };

export interface ReadinessOptions {
  /** The connection to ask (the process's own by default). */
  open?: () => Promise<Pick<Database, 'get'>>;
  /** The migration level this code needs (the newest it ships by default). */
  expected?: number;
  timeoutMs?: number;
}

export async function databaseReadiness({ open = getDb, expected = latestMigration, timeoutMs = 2_000 }: ReadinessOptions = {}): Promise<DatabaseReadiness> {
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<DatabaseReadiness>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false, problem: 'slow' }), timeoutMs);
  });
  const asked = (async (): Promise<DatabaseReadiness> => {
    let level: number;
    try {
      level = await migrationLevel(await open());
    } catch {
      return { ready: false, problem: 'unreachable' };
    }
    if (level === expected) return { ready: true, level };
    return { ready: false, problem: level < expected ? 'behind' : 'ahead', level, expected };
  })();
  try {
    return await Promise.race([asked, slow]);
  } finally {
    clearTimeout(timer);
  }
}
