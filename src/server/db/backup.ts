/**
 * Backups of the SQLite database while the portal runs, and a checked restore.
 *
 * `VACUUM INTO` runs as one read transaction on its own connection: with WAL the portal keeps
 * writing meanwhile, and the copy is the database exactly as it was when the backup began, so
 * every write acknowledged before then is in it (an acknowledged write has passed COMMIT). The
 * copy is compact and self-contained (no -wal file beside it).
 *
 * A restore checks the file first (`integrity_check`, and a migration level this code knows),
 * refuses while any process still has the target open (the portal would go on writing into the
 * replaced file, and those writes would be lost), keeps the replaced database beside it, and puts
 * the copy in place with a rename, so a crash leaves either the old or the new file, never half.
 */
import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';

function open(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, mode, (err) => (err ? reject(err) : resolve(db)));
  });
}
const all = <T>(db: sqlite3.Database, sql: string, params: unknown[] = []) =>
  new Promise<T[]>((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
const run = (db: sqlite3.Database, sql: string, params: unknown[] = []) =>
  new Promise<void>((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));
const close = (db: sqlite3.Database) => new Promise<void>((resolve) => db.close(() => resolve()));

export interface BackupFacts {
  file: string;
  bytes: number;
  /** The highest migration recorded in the copy (0 for a database without migrations). */
  migrationLevel: number;
}

/** A consistent copy of `source` at `target` (which must not exist yet). */
export async function backupDatabase(source: string, target: string): Promise<BackupFacts> {
  if (!fs.existsSync(source)) throw new Error(`There is no database at ${source}.`);
  if (fs.existsSync(target)) throw new Error(`${target} exists already; a backup never overwrites a file.`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const db = await open(source, sqlite3.OPEN_READWRITE);
  try {
    // The portal's write transactions are short; wait for one rather than fail.
    await run(db, 'PRAGMA busy_timeout = 10000');
    await run(db, 'VACUUM INTO ?', [target]);
  } finally {
    await close(db);
  }
  return checkBackup(target);
}

/** Refuses a file that is not a whole, healthy Omapolku database; returns what it holds. */
export async function checkBackup(file: string): Promise<BackupFacts> {
  if (!fs.existsSync(file)) throw new Error(`There is no file at ${file}.`);
  let db: sqlite3.Database;
  try {
    db = await open(file, sqlite3.OPEN_READONLY);
  } catch (err) {
    throw new Error(`${file} is not an SQLite database (${(err as Error).message}).`);
  }
  try {
    const check = await all<{ integrity_check: string }>(db, 'PRAGMA integrity_check').catch((err: Error) => [{ integrity_check: err.message }]);
    const problems = check.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length > 0) throw new Error(`${file} fails the integrity check: ${problems.slice(0, 5).join('; ')}`);
    const hasMigrations = await all(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
    if (hasMigrations.length === 0) throw new Error(`${file} is not an Omapolku database (it has no schema_migrations table).`);
    const [{ level }] = await all<{ level: number | null }>(db, 'SELECT MAX(version) AS level FROM schema_migrations');
    return { file, bytes: fs.statSync(file).size, migrationLevel: level ?? 0 };
  } finally {
    await close(db);
  }
}

/**
 * Processes (other than this one) that have `file` or its -wal/-shm open, from /proc/<pid>/fd.
 * Null where /proc cannot tell (not Linux): the caller then says so instead of guessing.
 */
export function processesHolding(file: string): number[] | null {
  if (!fs.existsSync('/proc/self/fd')) return null;
  const wanted = new Set([file, `${file}-wal`, `${file}-shm`].map((f) => (fs.existsSync(f) ? fs.realpathSync(f) : path.resolve(f))));
  const holders = new Set<number>();
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const fd of fds) {
      try {
        if (wanted.has(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))) holders.add(pid);
      } catch {
        // closed meanwhile
      }
    }
  }
  return [...holders];
}

export interface RestoreResult {
  restored: BackupFacts;
  /** Where the database that was replaced now is (null when there was none). */
  keptAs: string | null;
}

/**
 * Puts `backup` in place at `target` after checking it. `latestMigration` is the newest
 * migration this code ships: a newer backup belongs to newer code and is refused; an older one
 * is fine (the portal migrates it on start).
 */
export async function restoreDatabase(backup: string, target: string, latestMigration: number, now = new Date()): Promise<RestoreResult> {
  const facts = await checkBackup(backup);
  if (facts.migrationLevel > latestMigration) {
    throw new Error(`${backup} is at migration ${facts.migrationLevel}, newer than this code (${latestMigration}); restore it with the version that made it.`);
  }
  const holders = processesHolding(target);
  if (holders && holders.length > 0) {
    throw new Error(`${target} is open in process ${holders.join(', ')}: stop the portal first, then restore.`);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const incoming = `${target}.restoring`;
  fs.copyFileSync(backup, incoming);
  const fd = fs.openSync(incoming, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  let keptAs: string | null = null;
  if (fs.existsSync(target)) {
    keptAs = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    // The -wal file holds committed writes not yet in the main file: it moves with it.
    for (const suffix of ['', '-wal', '-shm']) {
      if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, keptAs + suffix);
    }
  }
  fs.renameSync(incoming, target);
  return { restored: { ...facts, file: target }, keptAs };
}
