import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine, withSearchPath } from '@tests/helpers/test-engine';
import { bundledMigrations } from './migrations';
import { PostgresDatabase } from './postgres';
import { SqliteDatabase } from './sqlite';
import { diffSchemas, printSqliteExpressionsWithPostgres, readPostgresSchema, readSqliteSchema, type SchemaShape } from './schema-snapshot';

/**
 * Issue 18, point 2: the SQLite and PostgreSQL migrations are the same numbered steps and give the
 * same schema, and the triggers and the checks written differently behave the same. This file is
 * in the `unit-postgres` project, which exists only when OMAPOLKU_TEST_DATABASE_URL names a
 * PostgreSQL database to work in (each run makes its own schema there and drops it).
 */
const target = testEngine();
if (target.engine !== 'postgres') throw new Error('run in the unit-postgres project (OMAPOLKU_TEST_DATABASE_URL)');
const databaseUrl = target.url;

/** One of the two engines, for the statements run on both. */
interface Engine {
  name: 'sqlite' | 'postgres';
  run(sql: string, params?: unknown[]): Promise<void>;
  get<T>(sql: string, params?: unknown[]): Promise<T | undefined>;
}

const schemaName = `omapolku_schema_${crypto.randomBytes(6).toString('hex')}`;
let directory: string;
let sqlite: SqliteDatabase;
let postgres: PostgresDatabase;
/** One connection of its own for reading the schema (printing SQLite's expressions needs a transaction). */
let client: pg.Client;
let engines: Engine[];

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

beforeAll(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'omapolku-engines-'));
  sqlite = await SqliteDatabase.open(path.join(directory, 'omapolku.db'), bundledMigrations('sqlite'));

  // Both engines migrate as the app does, each with its own runner.
  await withAdmin((admin) => admin.query(`CREATE SCHEMA ${schemaName}`));
  const url = withSearchPath(databaseUrl, schemaName);
  try {
    postgres = await PostgresDatabase.open(url, bundledMigrations('postgres'), { max: 2 });
  } catch (error) {
    const done = await withAdmin((admin) => admin.query<{ level: number | null }>(`SELECT MAX(version) AS level FROM ${schemaName}.schema_migrations`));
    throw new Error(`PostgreSQL migration ${(done.rows[0]?.level ?? 0) + 1} failed: ${(error as Error).message}`);
  }
  client = new pg.Client({ connectionString: url });
  await client.connect();

  engines = [sqlite, postgres].map((db) => ({
    name: db.engine,
    run: async (sql, params = []) => {
      await db.write((tx) => tx.run(sql, params));
    },
    get: (sql, params = []) => db.get(sql, params),
  }));
}, 60_000);

afterAll(async () => {
  await client?.end();
  await postgres?.close();
  await withAdmin((admin) => admin.query(`DROP SCHEMA IF EXISTS ${schemaName} CASCADE`));
  await sqlite?.close();
  if (directory) fs.rmSync(directory, { recursive: true, force: true });
});

/** The SQLite schema, its expressions printed by PostgreSQL. */
async function sqliteShape(): Promise<SchemaShape> {
  return printSqliteExpressionsWithPostgres(await readSqliteSchema(sqlite), client);
}

/** The message a refused statement gives, without the engine's own prefix ("SQLITE_CONSTRAINT: "). */
async function refusal(engine: Engine, sql: string, params: unknown[] = []): Promise<string> {
  try {
    await engine.run(sql, params);
  } catch (error) {
    return (error as Error).message.replace(/^SQLITE_[A-Z_]+: /, '');
  }
  throw new Error(`${engine.name} accepted: ${sql} ${JSON.stringify(params)}`);
}

async function idOf(engine: Engine, sql: string, params: unknown[]): Promise<number> {
  const row = await engine.get<{ id: number }>(sql, params);
  if (!row) throw new Error(`${engine.name}: no row for ${sql}`);
  return row.id;
}

/** A unit, a client and a worker on an engine, with the ids the engine gave them. */
async function people(engine: Engine, tag: string): Promise<{ unit: number; client: number; worker: number }> {
  await engine.run('INSERT INTO units (name, municipality, created_at) VALUES (?, ?, ?)', [`Yksikkö ${tag}`, 'Tampere', 1]);
  const unit = await idOf(engine, 'SELECT id FROM units WHERE name = ?', [`Yksikkö ${tag}`]);
  const person = async (role: string, email: string | null): Promise<number> => {
    await engine.run('INSERT INTO people (unit_id, role, full_name, preferred_name, email, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      unit,
      role,
      `${role} ${tag}`,
      role,
      email,
      1,
    ]);
    return idOf(engine, 'SELECT id FROM people WHERE full_name = ?', [`${role} ${tag}`]);
  };
  return { unit, client: await person('client', null), worker: await person('worker', `Ohjaaja.${tag}@Example.fi`) };
}

describe('migrations of both engines', () => {
  it('are the same numbered steps with the same names', () => {
    const steps = (migrations: { version: number; name: string }[]) => migrations.map((m) => `${String(m.version).padStart(4, '0')}_${m.name}.sql`);
    expect(steps(bundledMigrations('postgres'))).toEqual(steps(bundledMigrations('sqlite')));
  });

  it('give the same tables, columns, keys, checks, indexes and triggers', async () => {
    const fromSqlite = await sqliteShape();
    const fromPostgres = await readPostgresSchema(client);
    expect(diffSchemas(fromSqlite, fromPostgres)).toEqual([]);

    // The reading itself saw the schema (an empty read on both sides would also be "the same").
    const count = (shape: SchemaShape) => ({
      tables: Object.keys(shape.tables).length,
      indexes: Object.keys(shape.indexes).length,
      triggers: Object.keys(shape.triggers).length,
      checks: Object.values(shape.tables).reduce((n, t) => n + t.checks.length, 0),
    });
    expect(count(fromPostgres)).toEqual(count(fromSqlite));
    expect(count(fromSqlite).tables).toBeGreaterThanOrEqual(50);
    expect(count(fromSqlite).triggers).toBeGreaterThanOrEqual(30);
    expect(fromSqlite.tables.people.columns.find((c) => c.name === 'email')?.collation).toBe('nocase');
    expect(fromSqlite.triggers.family_links_end_once.when).toContain('IS DISTINCT FROM');
    expect(fromSqlite.tables.weekly_schedule.checks.join(' ')).toContain("'^[0-2][0-9]:[0-5][0-9]$'");
  });
});

describe('the comparison', () => {
  it('sees every kind of change on the PostgreSQL side', async () => {
    const fromSqlite = await sqliteShape();
    await client.query('BEGIN');
    try {
      await client.query(`
        ALTER TABLE people ALTER COLUMN full_name DROP NOT NULL;
        ALTER TABLE people ALTER COLUMN failed_sign_ins TYPE integer;
        ALTER TABLE people ALTER COLUMN phone SET DEFAULT 'none';
        ALTER TABLE people ALTER COLUMN email TYPE text COLLATE "C";
        ALTER TABLE units ADD COLUMN extra bigint;
        ALTER TABLE login_cards DROP CONSTRAINT login_cards_secret_hash_key;
        ALTER TABLE login_cards DROP CONSTRAINT login_cards_issued_by_fkey;
        ALTER TABLE goals DROP CONSTRAINT goals_status_check;
        ALTER TABLE goals ADD CHECK (status IN ('active', 'done'));
        DROP INDEX outbox_unit;
        DROP INDEX outbox_due;
        CREATE INDEX outbox_due ON outbox (next_attempt_at);
        DROP TRIGGER rates_no_update ON rates;
        ALTER TABLE access_log DISABLE TRIGGER access_log_no_delete;
        DROP TRIGGER family_links_end_once ON family_links;
        CREATE TRIGGER family_links_end_once BEFORE UPDATE ON family_links FOR EACH ROW EXECUTE FUNCTION omapolku_refuse('a family link only ends, once');`);
      expect(diffSchemas(fromSqlite, await readPostgresSchema(client))).toEqual([
        "table goals: check (status = ANY (ARRAY['active'::text, 'done'::text, 'archived'::text])): only in sqlite",
        "table goals: check (status = ANY (ARRAY['active'::text, 'done'::text])): only in postgres",
        'table login_cards: unique (secret_hash): only in sqlite',
        'table login_cards: foreign key (issued_by) → people(id) ON UPDATE NO ACTION ON DELETE NO ACTION: only in sqlite',
        'table people: column full_name: notNull: true (sqlite) ≠ false (postgres)',
        'table people: column email: collation: nocase (sqlite) ≠ binary (postgres)',
        "table people: column phone: default: ''::text (sqlite) ≠ 'none'::text (postgres)",
        'table people: column failed_sign_ins: type: integer (sqlite) ≠ postgres:integer (postgres)',
        'table units: column extra: only in postgres',
        "index outbox_due: where: (status = 'waiting'::text) (sqlite) ≠ (not partial) (postgres)",
        'index outbox_unit: only in sqlite',
        'trigger access_log_no_delete: action: raise: access_log is append-only (sqlite) ≠ disabled, raise: access_log is append-only (postgres)',
        expect.stringMatching(/^trigger family_links_end_once: when: \(\(old\.ended_at IS NOT NULL\) OR .* \(sqlite\) ≠ \(always\) \(postgres\)$/),
        'trigger rates_no_update: only in sqlite',
      ]);
    } finally {
      await client.query('ROLLBACK');
    }
  });

  it('sees a change on the SQLite side', async () => {
    const fromPostgres = await readPostgresSchema(client);
    const changed = await sqlite
      .write(async (tx) => {
        await tx.exec(`DROP INDEX messages_first_waiting;
          DROP TRIGGER consents_no_delete;
          CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents BEGIN SELECT RAISE(ABORT, 'consents are kept'); END;
          ALTER TABLE goals ADD COLUMN note TEXT NOT NULL DEFAULT '' CHECK (note GLOB '*[a-z]*');`);
        const shape = await readSqliteSchema(tx);
        throw Object.assign(new Error('roll back'), { shape });
      })
      .catch((error: { shape: SchemaShape }) => error.shape);
    expect(diffSchemas(await printSqliteExpressionsWithPostgres(changed, client), fromPostgres)).toEqual([
      "table goals: column note: only in sqlite",
      "table goals: check (note ~ '^.*[a-z].*$'::text): only in sqlite",
      'index messages_first_waiting: only in postgres',
      'trigger consents_no_delete: action: raise: consents are kept (sqlite) ≠ raise: consents are append-only (postgres)',
    ]);
    expect(diffSchemas(await sqliteShape(), fromPostgres)).toEqual([]);
  });
});

describe('what the two engines write differently behaves the same', () => {
  it('an append-only table refuses UPDATE and DELETE with the same message', async () => {
    for (const engine of engines) {
      const { client: clientId, worker } = await people(engine, `log-${engine.name}`);
      await engine.run("INSERT INTO access_log (at, actor_id, client_id, action, basis) VALUES (?, ?, ?, 'plan', 'named_worker')", [1, worker, clientId]);
      expect(await refusal(engine, 'UPDATE access_log SET path = ? WHERE client_id = ?', ['/x', clientId]), engine.name).toBe('access_log is append-only');
      expect(await refusal(engine, 'DELETE FROM access_log WHERE client_id = ?', [clientId]), engine.name).toBe('access_log is append-only');
      expect(await engine.get('SELECT COUNT(*) AS n FROM access_log WHERE client_id = ?', [clientId]), engine.name).toEqual({ n: 1 });
    }
  });

  it('a family link ends once (the trigger condition lets exactly that through)', async () => {
    for (const engine of engines) {
      const { client: clientId, worker } = await people(engine, `link-${engine.name}`);
      await engine.run("INSERT INTO family_links (family_id, client_id, basis, level, created_at) VALUES (?, ?, 'guardian', 'full', 1)", [worker, clientId]);
      const link = await idOf(engine, 'SELECT id FROM family_links WHERE client_id = ?', [clientId]);
      expect(await refusal(engine, "UPDATE family_links SET level = 'messages' WHERE id = ?", [link]), engine.name).toBe('a family link only ends, once');
      await engine.run('UPDATE family_links SET ended_at = ?, ended_by = ? WHERE id = ?', [5, worker, link]);
      expect(await refusal(engine, 'UPDATE family_links SET ended_at = ?, ended_by = ? WHERE id = ?', [6, worker, link]), engine.name).toBe(
        'a family link only ends, once',
      );
      expect(await refusal(engine, 'DELETE FROM family_links WHERE id = ?', [link]), engine.name).toBe('family links are kept');
    }
  });

  it('a GLOB check and its regular expression take and refuse the same text', async () => {
    const cases: [string, boolean][] = [
      ['09:00', true],
      ['23:59', true],
      ['9:00', false],
      ['09:60', false],
      ['09:00 ', false],
      ['09:00\n', false],
      ['x09:00', false],
      ['09.00', false],
    ];
    for (const engine of engines) {
      const { client: clientId } = await people(engine, `glob-${engine.name}`);
      for (const [i, [time, accepted]] of cases.entries()) {
        const insert = () =>
          engine.run("INSERT INTO weekly_schedule (client_id, weekday, starts_at, ends_at, place) VALUES (?, ?, ?, '16:00', 'Paja')", [clientId, i % 7 + 1, time]);
        if (accepted) await insert();
        else await expect(insert(), `${engine.name} ${JSON.stringify(time)}`).rejects.toThrow(/check/i);
        if (accepted) await engine.run('DELETE FROM weekly_schedule WHERE client_id = ?', [clientId]);
      }
      const digest = (times: string) =>
        engine.run("INSERT INTO notification_settings (person_id, messages, absences, consents, reviews, digest_times, updated_at) VALUES (?, 'now', 'now', 1, 1, ?, 1)", [
          clientId,
          times,
        ]);
      await expect(digest('8:00'), engine.name).rejects.toThrow(/check/i);
      await digest('08:00,14:00');
    }
  });

  it('an email is unique and found whatever its case (COLLATE NOCASE)', async () => {
    for (const engine of engines) {
      const { unit, worker } = await people(engine, `mail-${engine.name}`);
      const email = `Ohjaaja.mail-${engine.name}@Example.fi`;
      expect(await idOf(engine, 'SELECT id FROM people WHERE email = ?', [email.toUpperCase()]), engine.name).toBe(worker);
      expect(await idOf(engine, 'SELECT id FROM people WHERE email = ? COLLATE NOCASE', [email.toLowerCase()]), engine.name).toBe(worker);
      await expect(
        engine.run("INSERT INTO people (unit_id, role, full_name, preferred_name, email, created_at) VALUES (?, 'worker', 'Toinen', 'Toinen', ?, 1)", [unit, email.toLowerCase()]),
        engine.name,
      ).rejects.toThrow(/unique|duplicate/i);
    }
  });

  it("the outbox's JSON and dropped checks take and refuse the same rows", async () => {
    for (const engine of engines) {
      let n = 0;
      const mail = (status: string, recheck: string | null, reason: string | null) =>
        engine.run(
          "INSERT INTO outbox (mail_key, to_address, language, kind, subject, text_body, status, next_attempt_at, created_at, recheck, dropped_reason) VALUES (?, 'a@example.fi', 'fi', 'message', 'S', 'T', ?, 1, 1, ?, ?)",
          [`mail-key-${engine.name}-${n++}`, status, recheck, reason],
        );
      await mail('waiting', '{"kind":"message","id":1}', null);
      await mail('waiting', null, null);
      await mail('dropped', null, 'answered');
      await expect(mail('waiting', '{"kind":', null), engine.name).rejects.toThrow(/check/i);
      await expect(mail('waiting', 'not json', null), engine.name).rejects.toThrow(/check/i);
      await expect(mail('dropped', null, null), engine.name).rejects.toThrow(/check/i);
      await expect(mail('sent', null, 'answered'), engine.name).rejects.toThrow(/check/i);
      expect(await refusal(engine, "DELETE FROM outbox WHERE mail_key LIKE 'mail-key-%'"), engine.name).toBe(
        'the outbox is kept: a mail is marked sent or failed, never deleted',
      );
    }
  });
});
