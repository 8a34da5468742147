/**
 * The store interface: what every store (src/server/<area>/store.ts) sees of the database,
 * whichever engine runs behind it.
 *
 * - SQLite (sqlite.ts), the embedded default: one connection, every write transaction through
 *   one in-process queue with group commit.
 * - PostgreSQL (postgres.ts), when OMAPOLKU_DATABASE_URL names one: a pool, each write
 *   transaction on its own connection at SERIALIZABLE isolation, run again on a serialization
 *   failure, so several app servers on one database behave as the single SQLite queue does.
 *
 * A store writes its SQL once, in the common dialect (SQLite's `?` or `?NNN` parameters,
 * `INSERT OR IGNORE`, `IS ?`, and `lastID` after an INSERT: the PostgreSQL engine turns these
 * into its own form, see postgres-sql.ts). Where the engines truly differ (JSON, string
 * aggregation, case-insensitive comparison), the store keeps both side by side with `sqlFor`.
 */
export type Params = Record<string, unknown> | unknown[];

export type Engine = 'sqlite' | 'postgres';

/** The statements a write transaction may run. Only `Database.write` hands these out. */
export interface Tx {
  /** The engine it runs on (for the few fragments written both ways, dialect.ts). */
  readonly engine: Engine;
  run(sql: string, params?: Params): Promise<{ lastID: number; changes: number }>;
  get<T>(sql: string, params?: Params): Promise<T | undefined>;
  all<T>(sql: string, params?: Params): Promise<T[]>;
  /** Several statements without parameters, in the engine's own dialect (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database {
  readonly engine: Engine;
  /**
   * The SQLite file (or ':memory:'), for what lives beside it, such as the two-step key; null on
   * PostgreSQL, where such keys come from the environment.
   */
  readonly file: string | null;
  /** A read outside any transaction; it never sees another transaction's uncommitted rows. */
  get<T>(sql: string, params?: Params): Promise<T | undefined>;
  all<T>(sql: string, params?: Params): Promise<T[]>;
  /**
   * Runs `work` as one write transaction and resolves only after its COMMIT is durable; if `work`
   * throws, nothing of it stays. On PostgreSQL `work` may run more than once (after a
   * serialization failure), so it must do nothing but database work before it returns.
   */
  write<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The one place a store says "this query differs between the engines": both, side by side. */
export function sqlFor(db: Pick<Database, 'engine'>, variants: { sqlite: string; postgres: string }): string {
  return variants[db.engine];
}
