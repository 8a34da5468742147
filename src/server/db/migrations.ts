import type { Database } from './database';

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

/** The migrations shipped with the app (Vite bundles the SQL files into the server build). */
export function bundledMigrations(): Migration[] {
  return parseMigrationFiles(
    import.meta.glob('./migrations/*.sql', { query: '?raw', import: 'default', eager: true }) as Record<string, string>,
  );
}

/**
 * Applies, in order, each migration not yet recorded in `schema_migrations`, each in its own
 * write transaction together with its record, so a crash leaves either all of it or none.
 */
export async function applyMigrations(db: Database, migrations: Migration[]): Promise<number[]> {
  await db.write((tx) =>
    tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`),
  );
  const done = new Set((await db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    await db.write(async (tx) => {
      await tx.exec(m.sql);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, Date.now()]);
    });
    applied.push(m.version);
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
