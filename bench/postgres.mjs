/**
 * The benchmark's PostgreSQL database: a fresh one per run, made on the server that
 * OMAPOLKU_BENCH_DATABASE_URL names (else OMAPOLKU_TEST_DATABASE_URL, else the local
 * postgres://postgres@127.0.0.1:5432/postgres), and dropped when the run ends however it ends.
 * The bench's own connection here only creates, drops and looks at the database; the seed and the
 * app servers reach it by its URL (OMAPOLKU_DATABASE_URL) as a county's servers would.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The PostgreSQL server the bench may create a database on (and drop it again). */
export function benchServerUrl() {
  return process.env.OMAPOLKU_BENCH_DATABASE_URL || process.env.OMAPOLKU_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** `serverUrl` with another database name in it. */
function withDatabase(serverUrl, name) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Creates an empty database omapolku_bench_<random> and returns its name, URL and the server's
 * version, with a `backends()` that lists the server processes serving it and `close()` for the bench's own
 * connection. The server's commits wait for the disk (synchronous_commit stays on), as SQLite's
 * synchronous=FULL does: the send figures of the two engines are then of the same promise.
 */
export async function createBenchDatabase(serverUrl) {
  const name = `omapolku_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`Cannot reach PostgreSQL at ${serverUrl} (set OMAPOLKU_BENCH_DATABASE_URL to a server where the bench may create a database): ${err.message}`);
  }
  await admin.query(`CREATE DATABASE ${name}`);
  const { rows: [{ server_version: version }] } = await admin.query('SHOW server_version');
  return {
    name,
    url: withDatabase(serverUrl, name),
    /** The server's version, e.g. "15.20 (Debian 15.20-0+deb12u1)": the number, for the tables. */
    version: version.split(' ')[0],
    /**
     * The process ids of the backends connected to the database now. On PostgreSQL the work of a
     * query happens in these processes, not in the app server: the CPU meter counts them too.
     */
    async backends() {
      const { rows } = await admin.query("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'", [name]);
      return rows.map((r) => r.pid);
    },
    close: () => admin.end(),
  };
}

/**
 * Drops the database, ending any connection still open to it. Synchronous (in a child process),
 * so it also runs from the bench's 'exit' handler: after a failure, process.exit() or Ctrl+C.
 */
export function dropBenchDatabaseSync(serverUrl, name) {
  const script = `
    const pg = require('pg');
    const client = new pg.Client({ connectionString: process.env.SERVER_URL });
    client.connect()
      .then(() => client.query('DROP DATABASE IF EXISTS ' + process.env.NAME + ' WITH (FORCE)'))
      .then(() => client.end())
      .catch((err) => { console.error('Could not drop the bench database ' + process.env.NAME + ': ' + err.message); process.exit(1); });`;
  spawnSync(process.execPath, ['-e', script], {
    cwd: ROOT,
    env: { ...process.env, SERVER_URL: serverUrl, NAME: name },
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 30_000,
  });
}
