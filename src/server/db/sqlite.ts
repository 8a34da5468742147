import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { applyMigrations, type Migration } from './migrations';
import type { Database, Params, Tx } from './database';

const REQUIRED_PRAGMAS = {
  journal_mode: 'wal',
  synchronous: 2, // FULL: a commit is on disk before we answer, so an acknowledged write survives a crash
  foreign_keys: 1,
  busy_timeout: 5000,
} as const;

/**
 * The embedded engine: one sqlite3 connection for the whole process.
 *
 * node-sqlite3 runs statements of different callers on the same connection in any order,
 * so two requests' transactions would mix (TryGhost/node-sqlite3 #1761). Therefore every
 * write transaction goes through one queue and runs alone with BEGIN IMMEDIATE, and reads
 * wait while a transaction is open so they never see uncommitted rows.
 */
export class SqliteDatabase implements Database {
  readonly engine = 'sqlite' as const;
  private openTransaction: Promise<unknown> | null = null;
  private readonly statements = new Map<string, sqlite3.Statement>();

  private constructor(
    private readonly raw: sqlite3.Database,
    /** The database file (or ':memory:'): what lives beside it, such as the two-step key, is found from it. */
    readonly file: string,
  ) {}

  static async open(file: string, migrations: Migration[]): Promise<SqliteDatabase> {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
      const d = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(d)));
    });
    const db = new SqliteDatabase(raw, file);
    try {
      await db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
        PRAGMA busy_timeout = ${REQUIRED_PRAGMAS.busy_timeout};`);
      await db.verifyPragmas(file === ':memory:');
      await applyMigrations(db, migrations);
    } catch (err) {
      // A file that is no database (or a failed migration) is tried again by the next request and
      // by every readiness check (src/server/db/readiness.ts): each try must not keep a file open.
      await db.closeConnection().catch(() => undefined);
      throw err;
    }
    return db;
  }

  /** Refuse to start on a connection that would not keep our promises about durability. */
  private async verifyPragmas(inMemory: boolean): Promise<void> {
    for (const [name, expected] of Object.entries(REQUIRED_PRAGMAS)) {
      if (name === 'journal_mode' && inMemory) continue; // an in-memory database cannot use WAL
      const row = await this.rawGet<Record<string, unknown>>(`PRAGMA ${name}`);
      const actual = row ? Object.values(row)[0] : undefined;
      if (String(actual).toLowerCase() !== String(expected)) {
        throw new Error(`SQLite pragma ${name} is ${String(actual)}, expected ${expected}`);
      }
    }
  }

  /** A read outside any transaction: waits for an open write transaction to finish first. */
  async get<T>(sql: string, params: Params = []): Promise<T | undefined> {
    while (this.openTransaction) await this.openTransaction.catch(() => undefined);
    return this.rawGet<T>(sql, params);
  }

  async all<T>(sql: string, params: Params = []): Promise<T[]> {
    while (this.openTransaction) await this.openTransaction.catch(() => undefined);
    return this.rawAll<T>(sql, params);
  }

  /**
   * Run `work` as one write transaction, after all earlier ones. Resolves only after COMMIT
   * returned, i.e. the data is on disk; if `work` throws, everything it did is rolled back.
   *
   * Group commit: writes that queue up while a transaction is on its way to disk are run
   * together in the next transaction, each inside its own SAVEPOINT (so each is still all or
   * nothing on its own), and share one COMMIT. With synchronous=FULL the fsync of the COMMIT is
   * the slow part; ten people pressing "Lähetä" at once then wait for one fsync, not ten in a row.
   * Every write is still answered only after the COMMIT that holds it.
   */
  write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work: work as (tx: Tx) => Promise<unknown>, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  private readonly pending: { work: (tx: Tx) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  private draining = false;
  private static readonly GROUP_MAX = 64;

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.pending.length > 0) {
      const group = this.pending.splice(0, SqliteDatabase.GROUP_MAX);
      let finished!: () => void;
      this.openTransaction = new Promise<void>((r) => (finished = r));
      const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
      const tx: Tx = {
        engine: 'sqlite',
        run: (sql, params = []) => this.rawRun(sql, params),
        get: (sql, params = []) => this.rawGet(sql, params),
        all: (sql, params = []) => this.rawAll(sql, params),
        exec: (sql) => this.exec(sql),
      };
      try {
        if (group.length === 1) {
          // One write alone: the transaction is its all-or-nothing, with no SAVEPOINT around it.
          await this.exec('BEGIN IMMEDIATE');
          try {
            outcomes.push({ ok: true, value: await group[0].work(tx) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
          // (A failed write may have ended the transaction already: then ROLLBACK has nothing to do.)
          if (outcomes[0].ok) await this.exec('COMMIT');
          else await this.exec('ROLLBACK').catch(() => undefined);
        } else {
          // Each write in its own SAVEPOINT. The statements between two writes go to SQLite in
          // one exec: every call is a trip to SQLite's thread and back, about 50 µs of CPU
          // (issue 19), and a send is a dozen of them.
          await this.exec('BEGIN IMMEDIATE; SAVEPOINT job');
          for (const [i, job] of group.entries()) {
            const next = i < group.length - 1 ? ' SAVEPOINT job;' : '';
            let outcome: (typeof outcomes)[number];
            try {
              outcome = { ok: true, value: await job.work(tx) };
            } catch (error) {
              outcome = { ok: false, error };
            }
            outcomes.push(outcome);
            // A failed RELEASE or ROLLBACK TO leaves the transaction in doubt: it throws, and the
            // whole group is rolled back and refused below.
            if (!outcome.ok) await this.exec(`ROLLBACK TO job; RELEASE job;${next}`);
            else if (next) await this.exec(`RELEASE job;${next}`);
          }
          // The last write's SAVEPOINT is still open if it succeeded: COMMIT ends it with the rest.
          await this.exec('COMMIT');
        }
        group.forEach((job, i) => {
          const outcome = outcomes[i];
          if (outcome.ok) job.resolve(outcome.value);
          else job.reject(outcome.error);
        });
      } catch (error) {
        // BEGIN or COMMIT failed: nothing of the group is on disk.
        await this.exec('ROLLBACK').catch(() => undefined);
        for (const job of group) job.reject(error);
      } finally {
        this.openTransaction = null;
        finished();
      }
    }
    this.draining = false;
    this.idle?.();
  }

  private idle: (() => void) | null = null;

  /** Resolves when no write is queued or running (for close()). */
  private whenIdle(): Promise<void> {
    if (!this.draining && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const previous = this.idle;
      this.idle = () => {
        this.idle = previous;
        previous?.();
        resolve();
      };
    });
  }

  /** Raw statements outside the queue: pragmas and BEGIN/COMMIT only. */
  private exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.raw.exec(sql, (err) => (err ? reject(err) : resolve())));
  }

  async close(): Promise<void> {
    await this.whenIdle();
    await this.closeConnection();
  }

  /** Finalizes the prepared statements (SQLite will not close with any left) and closes. */
  private async closeConnection(): Promise<void> {
    await Promise.all([...this.statements.values()].map((stmt) => new Promise<void>((resolve) => stmt.finalize(() => resolve()))));
    this.statements.clear();
    await new Promise<void>((resolve, reject) => this.raw.close((err) => (err ? reject(err) : resolve())));
  }

  private rawRun(sql: string, params: Params = []): Promise<{ lastID: number; changes: number }> {
    return new Promise((resolve, reject) =>
      this.raw.run(sql, params, function (err) {
        if (err) reject(err);
        else resolve({ lastID: this.lastID, changes: this.changes });
      }),
    );
  }

  /**
   * Reads reuse prepared statements: the same few queries run on every page view, and parsing
   * and planning them again each time was a measurable share of a request.
   */
  private statement(sql: string): sqlite3.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.raw.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /**
   * A reused statement must run to its end, or it keeps a read open and COMMIT fails with
   * "SQL statements in progress"; so a single-row read is `all` and the first row.
   */
  private async rawGet<T>(sql: string, params: Params = []): Promise<T | undefined> {
    return (await this.rawAll<T>(sql, params))[0];
  }

  private rawAll<T>(sql: string, params: Params = []): Promise<T[]> {
    return new Promise((resolve, reject) =>
      this.statement(sql).all(params, (err: Error | null, rows: unknown[]) => (err ? reject(err) : resolve(rows as T[]))),
    );
  }
}
