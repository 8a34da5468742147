/**
 * Starts the built Omapolku server (dist/server/entry.mjs, behind scripts/serve.mjs as `npm start`
 * runs it) for the browser tests.
 *
 * The demo data is seeded ONCE into a template database (global setup does it and passes the
 * path on with `provide`); every server gets its own copy of that file, so a test file that
 * needs special settings (short idle time, a low per-IP limit, accounts to lock) starts its own
 * server with `startServer({ env })` and never touches the shared server's data.
 *
 * On PostgreSQL (the e2e-postgres project, tests/helpers/test-engine.ts) the template is a
 * database of its own, and each server gets a copy made with CREATE DATABASE … TEMPLATE; its
 * `dbFile` is then that database's postgres:// URL, which runSql and querySql understand too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { toPostgres } from '../../src/server/db/postgres-sql';
import { HASH_COST, hashPassword, type HashCost } from '../../src/server/auth/password';
import { hashPin } from '../../src/server/auth/picture-pin';
import { DEMO_CLIENTS, DEMO_PASSWORD } from '../../src/server/demo/people';
import { testEngine } from './test-engine';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ENTRY = join(ROOT, 'dist', 'server', 'entry.mjs');
/** What `npm start` runs: the built app behind the front that knows each socket's address. */
export const SERVE = join(ROOT, 'scripts', 'serve.mjs');

export interface RunningServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  baseUrl: string;
  /** The server's own copy of the database. */
  dbFile: string;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  /** The server process, e.g. to send it a signal (tests/e2e/operations.test.ts). */
  pid: number;
  /** Resolves when the process has exited, with its exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
  /**
   * Ends the server's process, keeping its database for a restart: SIGKILL by default (no
   * shutdown of any kind, as a crash), or SIGTERM.
   */
  kill(signal?: 'SIGKILL' | 'SIGTERM'): Promise<void>;
}

export interface StartOptions {
  /** Extra environment, e.g. { OMAPOLKU_SHARED_IDLE_MINUTES: '1' }. */
  env?: Record<string, string>;
  /** A seeded database to copy; defaults to the template from global setup (or a fresh seed). */
  templateDb?: string;
  /** Runs against the server's database copy before the server starts (e.g. to set up a lock). */
  prepareDb?: (dbFile: string) => Promise<void>;
  /**
   * The path asked until the server answers below 500: `/about` (a page, so the database is up)
   * unless a test starts a server whose database is down on purpose (then `/healthz`).
   */
  waitPath?: string;
  /**
   * Start on this database file as it is (a restart: no copy, and stop() leaves it), instead of a
   * copy of the template.
   */
  dbFile?: string;
  /** Listen on this port (a restart keeps the address the browser pages use); a free one by default. */
  port?: number;
}

export function assertBuilt(): void {
  if (!existsSync(ENTRY)) {
    throw new Error(
      `The built server ${ENTRY} is missing. Run \`npx astro build\` before \`npx vitest run --project e2e\`.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: a database per server, copied from the seeded template.

/** The two-step key the servers on PostgreSQL share (it must be given there; a test value). */
const POSTGRES_TWO_STEP_KEY = 'b2'.repeat(32);

const isPostgresUrl = (db: string) => db.startsWith('postgres://') || db.startsWith('postgresql://');

function databaseUrl(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  u.searchParams.set('options', '-c synchronous_commit=off');
  return u.toString();
}

async function onTestServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const engine = testEngine();
  if (engine.engine !== 'postgres') throw new Error('not on PostgreSQL');
  const client = new pg.Client({ connectionString: engine.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new empty database (or a copy of `template`), by its URL. */
async function createDatabase(template?: string): Promise<string> {
  const engine = testEngine();
  if (engine.engine !== 'postgres') throw new Error('not on PostgreSQL');
  const name = `omapolku_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
  const from = template ? ` TEMPLATE ${new URL(template).pathname.slice(1)}` : '';
  await onTestServer((c) => c.query(`CREATE DATABASE ${name}${from}`));
  return databaseUrl(engine.url, name);
}

export async function dropDatabase(url: string): Promise<void> {
  await onTestServer((c) => c.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`));
}

/** A PostgreSQL database's URL as the server's environment names it. */
function databaseEnv(db: string): Record<string, string> {
  return isPostgresUrl(db) ? { OMAPOLKU_DATABASE_URL: db, OMAPOLKU_TWO_STEP_KEY: POSTGRES_TWO_STEP_KEY } : {};
}

/** Runs `work` on a pg client of the database, with the tests' SQLite-dialect SQL turned into PostgreSQL's. */
async function withPostgres<T>(url: string, work: (query: (sql: string, params?: unknown[]) => Promise<pg.QueryResult>) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: url,
    types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 || oid === 1700 ? Number : pg.types.getTypeParser(oid, format)) as never },
  });
  await client.connect();
  try {
    const withId = new Set((await client.query("SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'id'")).rows.map((r: { table_name: string }) => r.table_name));
    return await work((sql, params = []) =>
      client.query(toPostgres(sql, (t) => withId.has(t)).text, params.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v === undefined ? null : v))),
    );
  } finally {
    await client.end();
  }
}

/**
 * A new empty database for a script of scripts/ or a server of a test's own, on the tests' engine:
 * a file in `dir` on SQLite, a database of its own on PostgreSQL (its `dbFile` then its URL, for
 * querySql, runSql and startServer's templateDb). `env` names it as the scripts and the server
 * read it; `drop` removes the PostgreSQL one (the file goes with `dir`).
 */
export async function emptyDatabase(dir: string, name: string): Promise<{ dbFile: string; env: Record<string, string>; drop(): Promise<void> }> {
  const file = join(dir, `${name}.sqlite`);
  if (testEngine().engine !== 'postgres') return { dbFile: file, env: { OMAPOLKU_DB: file }, drop: async () => undefined };
  const url = await createDatabase();
  // (OMAPOLKU_DB stays a path in `dir`: the outbox folder is beside it.)
  return { dbFile: url, env: { OMAPOLKU_DB: file, ...databaseEnv(url) }, drop: () => dropDatabase(url) };
}

/** Seeds a new database file with the demo data (scripts/seed-demo.ts) and returns its path. */
export async function seedTemplateDb(dir = mkdtempSync(join(tmpdir(), 'omapolku-template-'))): Promise<string> {
  const onPostgres = testEngine().engine === 'postgres';
  const dbFile = onPostgres ? await createDatabase() : join(dir, 'template.sqlite');
  const bin = join(ROOT, 'node_modules', '.bin', 'vite-node');
  const command = existsSync(bin) ? bin : 'npx';
  const script = ['-c', 'scripts/vite-node.config.mjs', 'scripts/seed-demo.ts'];
  const args = existsSync(bin) ? script : ['vite-node', ...script];
  const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
    const env = onPostgres ? { OMAPOLKU_DB: join(dir, 'template.sqlite'), ...databaseEnv(dbFile) } : { OMAPOLKU_DB: dbFile };
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
  if (code !== 0 || (!onPostgres && !existsSync(dbFile)) || !out.includes('Demo data written')) {
    throw new Error(`Seeding the demo database failed (exit ${code}):\n${out}`);
  }
  await cheapenDemoHashes(dbFile);
  return dbFile;
}

/**
 * The scrypt cost of the browser tests' demo passwords and picture PINs. The server hashes at
 * HASH_COST (N = 2^15: about 0.3 s and 32 MiB a hash, which is the point), and every sign-in
 * verifies at the cost stored in the hash. The suites sign in some thousand times on two cores,
 * so the demo's hashes are rewritten at this cost: the same check of the same secret, a
 * hundredth of the work. Hashes the server makes during a test (a new password, a new PIN) keep
 * the full cost, and lockout.test.ts puts the full cost back (fullCostHashes): it times sign-ins
 * and taps pictures while a check is still running.
 */
export const TEST_HASH_COST: Readonly<HashCost> = { N: 2 ** 10, r: 8, p: 1 };

async function cheapenDemoHashes(dbFile: string): Promise<void> {
  await runSql(dbFile, await rehashDemo(TEST_HASH_COST, null));
}

/**
 * The demo password of these emails and the picture PINs of all demo clients hashed again at the
 * server's own cost, as `prepareDb` statements: for tests whose point is what happens while a
 * slow hash is being checked, or how long it takes.
 */
export function fullCostHashes(emails: readonly string[]): Promise<Array<[string, unknown[]]>> {
  return rehashDemo(HASH_COST, emails);
}

/** Statements hashing the demo password (of `emails`, or of everyone who has one) and every demo client's PIN at `cost`. */
async function rehashDemo(cost: Readonly<HashCost>, emails: readonly string[] | null): Promise<Array<[string, unknown[]]>> {
  const hash = await hashPassword(DEMO_PASSWORD, cost);
  const statements: Array<[string, unknown[]]> =
    emails === null
      ? [['UPDATE people SET password_hash = ? WHERE password_hash IS NOT NULL', [hash]]]
      : emails.map((email) => ['UPDATE people SET password_hash = ? WHERE email = ?', [hash, email]]);
  for (const c of DEMO_CLIENTS) {
    statements.push(["UPDATE people SET pin_hash = ? WHERE role = 'client' AND full_name = ?", [await hashPin(c.pin, cost), c.name]]);
  }
  return statements;
}

/** Runs SQL statements against a database file that no server has open yet. */
export async function runSql(dbFile: string, statements: Array<[sql: string, params?: unknown[]]>): Promise<void> {
  if (isPostgresUrl(dbFile)) {
    return withPostgres(dbFile, async (query) => {
      for (const [sql, params = []] of statements) {
        const { rowCount } = await query(sql, params);
        if (/^\s*(update|delete|insert)/i.test(sql) && !rowCount) throw new Error(`SQL changed no rows: ${sql} ${JSON.stringify(params)}`);
      }
    });
  }
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(dbFile, (err) => (err ? reject(err) : resolve(d)));
  });
  try {
    // The server may be writing beside us (WAL): wait for its lock rather than fail at once.
    db.configure('busyTimeout', 10_000);
    for (const [sql, params = []] of statements) {
      const changes = await new Promise<number>((resolve, reject) =>
        db.run(sql, params, function (this: sqlite3.RunResult, err: Error | null) {
          if (err) reject(err);
          else resolve(this.changes);
        }),
      );
      if (/^\s*(update|delete|insert)/i.test(sql) && changes === 0) throw new Error(`SQL changed no rows: ${sql} ${JSON.stringify(params)}`);
    }
  } finally {
    await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
  }
}

/** Reads rows from a database file (also while a server has it open: WAL allows readers). */
export async function querySql<T = Record<string, unknown>>(dbFile: string, sql: string, params: unknown[] = []): Promise<T[]> {
  if (isPostgresUrl(dbFile)) return withPostgres(dbFile, async (query) => (await query(sql, params)).rows as T[]);
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(dbFile, sqlite3.OPEN_READONLY, (err) => (err ? reject(err) : resolve(d)));
  });
  try {
    return await new Promise<T[]>((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
  } finally {
    await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function templateFromGlobalSetup(): Promise<string | undefined> {
  try {
    const { inject } = await import('vitest');
    return inject('omapolkuTemplateDb');
  } catch {
    return undefined; // not inside a test worker (e.g. in global setup itself)
  }
}

/** Waits until the server answers any HTTP request, or fails with what it printed. */
async function waitUntilAnswering(baseUrl: string, child: ChildProcess, output: () => string, path = '/about', timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  while (Date.now() - started < timeoutMs) {
    if (exited !== undefined) throw new Error(`The server exited (code ${exited}) before answering:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}${path}`, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The server did not answer ${baseUrl} within ${timeoutMs} ms:\n${output()}`);
}

function withoutNodeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_ENV: _ignored, ...rest } = env;
  return rest;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  assertBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'omapolku-e2e-'));
  let dbFile = join(dir, 'omapolku.sqlite');
  // The SQLite path stays the server's OMAPOLKU_DB on PostgreSQL too: its outbox folder is beside it.
  const beside = dbFile;
  if (options.dbFile) dbFile = options.dbFile;
  else if (testEngine().engine === 'postgres') {
    const template = options.templateDb ?? (await templateFromGlobalSetup()) ?? (await seedTemplateDb(dir));
    dbFile = await createDatabase(template);
  } else {
    const template = options.templateDb ?? (await templateFromGlobalSetup()) ?? (await seedTemplateDb(dir));
    copyFileSync(template, dbFile);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(template + suffix) && statSync(template + suffix).size > 0) copyFileSync(template + suffix, dbFile + suffix);
    }
  }
  if (options.prepareDb) await options.prepareDb(dbFile);

  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [SERVE], {
    cwd: ROOT,
    env: {
      // As `npm start` runs it: no NODE_ENV from the test runner (it would switch on Secure cookies or dev paths).
      ...withoutNodeEnv(process.env),
      HOST: '127.0.0.1',
      PORT: String(port),
      OMAPOLKU_DB: isPostgresUrl(dbFile) ? beside : dbFile,
      ...databaseEnv(dbFile),
      // Every sign-in of a test file comes from 127.0.0.1; the per-IP limit has its own test
      // (rate-limit.test.ts sets it low again).
      OMAPOLKU_IP_SIGNIN_LIMIT: '10000',
      // The tests speak plain http://127.0.0.1; security.test.ts checks the secure default.
      OMAPOLKU_PLAIN_HTTP: '1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const output = () => out;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
    // (A restart on a given database made an empty folder; the database's own stays with its first server.)
    rmSync(dir, { recursive: true, force: true });
    if (!options.dbFile && isPostgresUrl(dbFile)) await dropDatabase(dbFile);
  };
  const kill = async (signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill(signal);
      await exited;
    }
    running.delete(child);
  };

  try {
    await waitUntilAnswering(baseUrl, child, output, options.waitPath);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, dbFile, output, pid: child.pid!, exited, stop, kill };
}

/**
 * A server of a test file's own (its writes stay out of the other files' data) and the demo
 * clients' ids by lower-case first name (matti, aino, jukka, ville).
 */
export async function startServerWithClients(options: StartOptions = {}): Promise<{ server: RunningServer; ids: Record<string, number> }> {
  const server = await startServer(options);
  const rows = await querySql<{ id: number; preferred_name: string }>(server.dbFile, "SELECT id, preferred_name FROM people WHERE role = 'client'");
  return { server, ids: Object.fromEntries(rows.map((r) => [r.preferred_name.toLowerCase(), r.id])) };
}
