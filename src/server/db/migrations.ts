import type { Database, Engine, Tx } from './database';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Turns files named `NNNN_name.sql` into migrations, refusing gaps and duplicates. */
export function parseMigrationFiles(files: Record<string, string>): Migration[] {
  const migrations = Object.entries(files).map(([file, sql]) => {
    const match = /(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!match) throw new Error(`Migration file name must be NNNN_name.sql: ${file}`);
    return { version: Number(match[1]), name: match[2], sql };
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 0001, 0002… without gaps; found ${m.version} at place ${i + 1}`);
  });
  return migrations;
}

/**
 * The migrations shipped with the app for an engine (Vite bundles the SQL files into the server
 * build): migrations/ for SQLite, migrations-postgres/ for PostgreSQL, the same numbered steps
 * (src/server/db/schema.engines.test.ts compares the schemas they make).
 */
export function bundledMigrations(engine: Engine = 'sqlite'): Migration[] {
  return parseMigrationFiles(
    engine === 'sqlite'
      ? (import.meta.glob('./migrations/*.sql', { query: '?raw', import: 'default', eager: true }) as Record<string, string>)
      : (import.meta.glob('./migrations-postgres/*.sql', { query: '?raw', import: 'default', eager: true }) as Record<string, string>),
  );
}

/** The table of applied migrations, in each engine's own words. */
const SCHEMA_MIGRATIONS: Record<Engine, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`,
  postgres: `CREATE TABLE IF NOT EXISTS schema_migrations (
      version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`,
};

/**
 * On PostgreSQL several app servers may start at once: each migration step holds this advisory
 * lock (released with its transaction), and looks again whether another server did it meanwhile.
 */
const MIGRATION_LOCK = 'SELECT pg_advisory_xact_lock(73150001)';

/**
 * Applies, in order, each migration not yet recorded in `schema_migrations`, each in its own
 * write transaction together with its record, so a crash leaves either all of it or none.
 */
export async function applyMigrations(db: Database, migrations: Migration[]): Promise<number[]> {
  const lock = async (tx: Tx) => {
    if (db.engine === 'postgres') await tx.get(MIGRATION_LOCK);
  };
  await db.write(async (tx) => {
    await lock(tx);
    await tx.exec(SCHEMA_MIGRATIONS[db.engine]);
  });
  const done = new Set((await db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    const ran = await db.write(async (tx) => {
      await lock(tx);
      if (await tx.get('SELECT 1 FROM schema_migrations WHERE version = ?', [m.version])) return false;
      await tx.exec(m.sql);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, Date.now()]);
      return true;
    });
    if (ran) applied.push(m.version);
  }
  return applied;
}

/**
 * The newest migration recorded in the database (0 before any). The same SQL on every engine:
 * the readiness check (readiness.ts) and the backups (backup.ts) ask it.
 */
export async function migrationLevel(db: Pick<Database, 'get'>): Promise<number> {
  const row = await db.get<{ level: number | null }>('SELECT MAX(version) AS level FROM schema_migrations');
  return row?.level ?? 0;
}
