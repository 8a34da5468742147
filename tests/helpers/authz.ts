/**
 * Helpers of the authorization matrix (tests/e2e/authorization-matrix.test.ts): signing people
 * in by writing session rows directly (no browser, no password hashing: the matrix makes hundreds
 * of requests and must stay fast), and a digest of the database to prove a refused request
 * changed nothing.
 */
import { createHash } from 'node:crypto';
import sqlite3 from 'sqlite3';
import { SESSION_COOKIE, sessionIdFromToken } from '@server/auth/session';
import { querySql, runSql } from './server';

/** Everyone's id and role by full name (demo names are unique; clients have no email). */
export async function peopleByName(dbFile: string): Promise<Map<string, { id: number; role: string }>> {
  const rows = await querySql<{ id: number; role: string; full_name: string }>(dbFile, 'SELECT id, role, full_name FROM people');
  return new Map(rows.map((r) => [r.full_name, { id: r.id, role: r.role }]));
}

/**
 * Writes one session row per person (before the server starts, or while it runs) and returns the
 * cookie header of each. Clients get a 'remembered' session (an own tablet, no idle end), the
 * others 'staff', as the real sign-ins make them. Both last a day here: long enough for the test,
 * and the server has no reason to slide them forward during it.
 */
export async function insertSessions<K extends string>(dbFile: string, people: Record<K, { id: number; role: string }>): Promise<Record<K, string>> {
  const now = Date.now();
  const day = 24 * 3600_000;
  const cookies = {} as Record<K, string>;
  const statements: Array<[string, unknown[]]> = [];
  for (const [key, person] of Object.entries(people) as [K, { id: number; role: string }][]) {
    const token = `authz-matrix-${key}-${now}`;
    statements.push([
      'INSERT INTO sessions (id, person_id, kind, created_at, expires_at, absolute_expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      [sessionIdFromToken(token), person.id, person.role === 'client' ? 'remembered' : 'staff', now, now + day, now + day],
    ]);
    cookies[key] = `${SESSION_COOKIE}=${token}`;
  }
  await runSql(dbFile, statements);
  return cookies;
}

/**
 * A digest of every table's rows, by table name. Two digests differ exactly in the tables whose
 * rows were added, changed or removed in between. Read with a read-only connection: the server
 * keeps the file open in WAL mode, which allows readers beside it.
 */
export async function tableDigests(dbFile: string): Promise<Record<string, string>> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(dbFile, sqlite3.OPEN_READONLY, (err) => (err ? reject(err) : resolve(d)));
  });
  const all = <T>(sql: string) => new Promise<T[]>((resolve, reject) => db.all(sql, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
  try {
    // One read transaction, so every table is seen at the same moment.
    await new Promise<void>((resolve, reject) => db.exec('BEGIN', (err) => (err ? reject(err) : resolve())));
    const tables = await all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    const digests: Record<string, string> = {};
    for (const { name } of tables) {
      const hash = createHash('sha256');
      // (No ORDER BY: a scan returns unchanged rows in the same order, and any change shows anyway.)
      for (const row of await all<Record<string, unknown>>(`SELECT * FROM "${name}"`)) {
        for (const value of Object.values(row)) hash.update(Buffer.isBuffer(value) ? value : `${typeof value}:${String(value)}`).update('\u0000');
        hash.update('\n');
      }
      digests[name] = hash.digest('hex');
    }
    await new Promise<void>((resolve, reject) => db.exec('COMMIT', (err) => (err ? reject(err) : resolve())));
    return digests;
  } finally {
    await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
  }
}

/** The names of the tables whose digest differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]).sort();
}
