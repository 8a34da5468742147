import pg from 'pg';
import { applyMigrations, type Migration } from './migrations';
import type { Database, Params, Tx } from './database';
import { toPostgres, type TranslatedSql } from './postgres-sql';

/** PostgreSQL's codes for "another transaction got in the way: run it again". */
const RETRYABLE = new Set(['40001' /* serialization_failure */, '40P01' /* deadlock_detected */]);
const MAX_ATTEMPTS = 12;
/**
 * A write that lost this many races runs its next try alone (see `write`). Under steady load a
 * retried writer competes with newcomers every time and may lose a dozen races in a row: bench
 * --two-servers answered 500 to 6 of 830 sends into one conversation with retries alone.
 */
const ALONE_AFTER = 3;
/** The advisory lock every write holds shared, and a write that runs alone holds exclusive. */
const WRITERS_LOCK = 73150002;

/**
 * Numbers come back as numbers, as they do from SQLite. The schema keeps every integer as
 * BIGINT (times are milliseconds), which pg returns as a string by default; ours stay far below
 * 2^53. SUM and AVG give NUMERIC, which is a number here too.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/** What SQLite would store for a JavaScript value: booleans as 0/1, undefined as NULL. */
function valuesOf(params: Params): unknown[] {
  if (!Array.isArray(params)) throw new Error('The PostgreSQL engine takes positional parameters only.');
  return params.map((v) => (v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v));
}

/**
 * The county engine (OMAPOLKU_DATABASE_URL=postgres://…): a pool of connections shared by this
 * app server's requests, and other app servers on the same database beside it.
 *
 * Every write transaction runs on its own connection at SERIALIZABLE isolation: PostgreSQL then
 * guarantees the outcome of some one-at-a-time order, which is what the stores were written for
 * (the SQLite engine runs writes one at a time). A transaction that loses a race is rolled back
 * with a serialization failure and run again from the start, up to MAX_ATTEMPTS times; a check
 * such as "has this form key been used?" then sees the other server's row the second time. Reads
 * outside a transaction go to any pooled connection and see committed data only.
 *
 * So that no writer loses forever, every write transaction first takes one advisory lock shared
 * (in the same round trip as BEGIN), and a write that lost ALONE_AFTER races takes it exclusive
 * before it begins: PostgreSQL queues newcomers behind a waiting exclusive request, the writes
 * in flight finish, and the lone write's snapshot is taken after them, with no other writer
 * beside it, on any app server. That is SQLite's one-writer-at-a-time, only for the unlucky try.
 */
export class PostgresDatabase implements Database {
  readonly engine = 'postgres' as const;
  readonly file = null;
  private readonly translated = new Map<string, TranslatedSql>();
  private tablesWithId = new Set<string>();

  private constructor(private readonly pool: pg.Pool) {}

  static async open(connectionString: string, migrations: Migration[], options: { max?: number } = {}): Promise<PostgresDatabase> {
    const pool = new pg.Pool({ connectionString, max: options.max ?? 10, types });
    // An idle connection that breaks (the server restarted, a standby took over) must not take
    // the process down; the pool makes a new one for the next query.
    pool.on('error', (err) => console.error('Omapolku database: an idle PostgreSQL connection failed:', err.message));
    const db = new PostgresDatabase(pool);
    try {
      await applyMigrations(db, migrations);
      await db.learnTables();
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
    return db;
  }

  /** Which tables have an `id` column: their INSERTs return it as lastID. */
  private async learnTables(): Promise<void> {
    const rows = await this.all<{ table_name: string }>(
      "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'id'",
    );
    this.tablesWithId = new Set(rows.map((r) => r.table_name));
    this.translated.clear();
  }

  private sql(sql: string): TranslatedSql {
    let done = this.translated.get(sql);
    if (!done) {
      done = toPostgres(sql, (table) => this.tablesWithId.has(table));
      this.translated.set(sql, done);
    }
    return done;
  }

  private async query<T>(client: pg.Pool | pg.PoolClient, sql: string, params: Params = []): Promise<{ rows: T[]; rowCount: number; returnsId: boolean }> {
    const { text, returnsId } = this.sql(sql);
    const result = await client.query({ text, values: valuesOf(params) }).catch((err: Error) => {
      // OMAPOLKU_SQL_DEBUG=1: the statement as PostgreSQL got it, beside the error (for the engine's developers).
      if (process.env.OMAPOLKU_SQL_DEBUG) console.error(`SQL FAILED: ${err.message}\n${text}`);
      throw err;
    });
    return { rows: result.rows as T[], rowCount: result.rowCount ?? 0, returnsId };
  }

  async get<T>(sql: string, params: Params = []): Promise<T | undefined> {
    return (await this.query<T>(this.pool, sql, params)).rows[0];
  }

  async all<T>(sql: string, params: Params = []): Promise<T[]> {
    return (await this.query<T>(this.pool, sql, params)).rows;
  }

  async write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken = false;
      const alone = attempt > ALONE_AFTER;
      try {
        if (alone) {
          await client.query(`SELECT pg_advisory_lock(${WRITERS_LOCK})`);
          await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
        } else {
          // One round trip (the simple protocol takes both statements at once).
          await client.query(`BEGIN ISOLATION LEVEL SERIALIZABLE; SELECT pg_advisory_xact_lock_shared(${WRITERS_LOCK})`);
        }
        // A transaction is one connection, which answers one statement at a time. Readers shared
        // by pages and writes (Promise.all over a `Tx`) may ask several at once: they wait here
        // in turn, in the order asked, instead of leaning on pg's own queue (which warns, and
        // which pg 9 drops).
        let previous: Promise<unknown> = Promise.resolve();
        const inTurn = <R>(work: () => Promise<R>): Promise<R> => {
          const mine = previous.then(work, work);
          previous = mine.catch(() => undefined);
          return mine;
        };
        const tx: Tx = {
          engine: 'postgres',
          run: (sql, params) =>
            inTurn(async () => {
              const { rows, rowCount, returnsId } = await this.query<{ id: number }>(client, sql, params);
              return { lastID: returnsId && rows.length > 0 ? Number(rows[rows.length - 1].id) : 0, changes: rowCount };
            }),
          get: (sql, params) => inTurn(async () => (await this.query<never>(client, sql, params)).rows[0]),
          all: (sql, params) => inTurn(async () => (await this.query<never>(client, sql, params)).rows),
          exec: (sql) =>
            inTurn(async () => {
              await client.query(sql);
            }),
        };
        const value = await work(tx);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        const code = (error as { code?: string }).code;
        if (code && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) {
          // A growing, jittered pause so writers that collided do not collide again: "full
          // jitter", a random wait below 2^attempt ms, at most 250 ms. Linear 5 ms steps gave up
          // after 12 attempts with twenty writers on one conversation over two servers (bench
          // --two-servers: 8 of 505 sends a 500); this spreads them over about a second and a half.
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(250, 2 ** attempt)));
          continue;
        }
        throw error;
      } finally {
        if (alone) {
          // A session lock outlives the transaction: let the others go. (A connection that cannot
          // say so is closed, which ends the lock too.)
          await client.query(`SELECT pg_advisory_unlock(${WRITERS_LOCK})`).catch(() => {
            broken = true;
          });
        }
        client.release(broken);
      }
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
