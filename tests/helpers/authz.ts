/**
 * Helpers of the route fixture's tests (tests/helpers/route-fixture.ts: the authorization matrix
 * and the accessibility sweep): the data its URLs point at, signing people in by writing session
 * rows directly (no browser, no password hashing: the matrix makes hundreds of requests and must
 * stay fast, and the sweep needs no sign-in pages to check every other page), and a digest of the
 * database to prove a refused request changed nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { SESSION_COOKIE, sessionIdFromToken } from '@server/auth/session';
import { demoClient } from '@server/demo/people';
import { PERSON, type SignedIn } from './route-fixture';
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
    // Random, so a second call in the same millisecond (a refresh) makes new sessions, not a clash.
    const token = `test-session-${key}-${randomBytes(12).toString('hex')}`;
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
 * rows were added, changed or removed in between. Every table is read at one moment: on SQLite in
 * one read transaction of a read-only connection (the server keeps the file open in WAL mode,
 * which allows readers beside it), on PostgreSQL (a postgres:// dbFile) in one REPEATABLE READ
 * transaction.
 */
export async function tableDigests(dbFile: string): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  await readEveryTable(dbFile, async (name, rows) => {
    const hash = createHash('sha256');
    // The rows' own digests in sorted order: a scan's order is no data (PostgreSQL moves a row
    // that an UPDATE wrote back unchanged), while any added, changed or removed row still shows.
    const rowDigests = rows.map((row) => {
      const one = createHash('sha256');
      for (const value of Object.values(row)) one.update(Buffer.isBuffer(value) ? value : `${typeof value}:${String(value)}`).update('\u0000');
      return one.digest('hex');
    });
    for (const row of rowDigests.sort()) hash.update(row).update('\n');
    digests[name] = hash.digest('hex');
  });
  return digests;
}

/** Hands `each` every table's name and rows, all read in one transaction (by table name). */
async function readEveryTable(dbFile: string, each: (name: string, rows: Record<string, unknown>[]) => Promise<void>): Promise<void> {
  if (/^postgres(ql)?:\/\//.test(dbFile)) {
    const client = new pg.Client({ connectionString: dbFile });
    await client.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const tables = await client.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
      );
      for (const { name } of tables.rows) await each(name, (await client.query(`SELECT * FROM "${name}"`)).rows);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    return;
  }
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(dbFile, sqlite3.OPEN_READONLY, (err) => (err ? reject(err) : resolve(d)));
  });
  const all = <T>(sql: string) => new Promise<T[]>((resolve, reject) => db.all(sql, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
  try {
    await new Promise<void>((resolve, reject) => db.exec('BEGIN', (err) => (err ? reject(err) : resolve())));
    const tables = await all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    for (const { name } of tables) await each(name, await all<Record<string, unknown>>(`SELECT * FROM "${name}"`));
    await new Promise<void>((resolve, reject) => db.exec('COMMIT', (err) => (err ? reject(err) : resolve())));
  } finally {
    await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
  }
}

/** The names of the tables whose digest differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]).sort();
}

/** A Helsinki calendar date, `days` from today. */
function helsinkiDay(days = 0): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date(Date.now() + days * 86_400_000));
}

/** The first Monday–Friday from `days` on (A comes on weekdays). */
function weekdayFrom(days: number): string {
  for (let d = days; ; d += Math.sign(days) || 1) {
    const day = helsinkiDay(d);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday >= 1 && weekday <= 5) return day;
  }
}

/** The cookie tokens of the prepared half-done sign-ins (a token is only ever a cookie's value). */
const SECOND_STEP_TOKENS = { code: 'authz-matrix-second-step-code', enrol: 'authz-matrix-second-step-enrol' } as const;

export interface RouteFixtureData {
  /** Ids and values the fixture's URLs and bodies use ({A}, {goal}, …). */
  context: Record<string, string | number>;
  personId: Record<SignedIn, number>;
  /** The Cookie header of a fresh session of each actor. */
  cookies: Record<SignedIn, string>;
}

/**
 * Prepares a server's database copy (before the server starts) for the route fixture: Pekka as
 * A's substitute, a photo and a voice clip of A's, an absence report and a spare family link
 * for A's allowed POSTs to act on, and a session for every actor. Returns the values the URLs
 * name and the cookies. Fills in `into`, if given, so that a test file can hand out the object
 * before the server is up.
 */
export async function prepareRouteFixture(dbFile: string, into: RouteFixtureData = { context: {}, personId: {} as Record<SignedIn, number>, cookies: {} as Record<SignedIn, string> }): Promise<RouteFixtureData> {
  const people = await peopleByName(dbFile);
  const accounts = {} as Record<SignedIn, { id: number; role: string }>;
  for (const actor of Object.keys(PERSON) as SignedIn[]) {
    const person = people.get(PERSON[actor]);
    if (!person) throw new Error(`${PERSON[actor]} (${actor}) is not in the demo data`);
    accounts[actor] = person;
    into.personId[actor] = person.id;
  }
  const { personId } = into;
  const A = personId.clientA;
  const now = Date.now();
  const [conversation] = await querySql<{ id: number }>(dbFile, 'SELECT id FROM conversations WHERE client_id = ?', [A]);
  await runSql(dbFile, [
    // Pekka stands in for Liisa with A from yesterday for two weeks: "A's substitute".
    ["INSERT INTO client_workers (client_id, worker_id, kind, starts_on, ends_on, created_at) VALUES (?, ?, 'substitute', ?, ?, ?)", [A, personId.substitute, helsinkiDay(-1), helsinkiDay(14), now]],
    // The files of A's that the file routes serve (their bytes are never decoded on the way out).
    ["INSERT INTO photos (mime, bytes, width, height, client_id, created_by, created_at) VALUES ('image/jpeg', ?, 1, 1, ?, ?, ?)", [Buffer.from('authz-matrix photo'), A, personId.namedWorker, now]],
    ["INSERT INTO voice_clips (conversation_id, mime, bytes, duration_ms, created_at) VALUES (?, 'audio/webm', ?, 1000, ?)", [conversation.id, Buffer.from('authz-matrix voice'), now]],
    // An absence report of A's for the cancel row, and a second full link for the end-link rows,
    // so that A's allowed POSTs change nothing other rows depend on.
    ["INSERT INTO absence_reports (client_id, reason, words, idempotency_key, reported_by, reported_at) VALUES (?, 'doctor', '', 'authz-matrix-report', ?, ?)", [A, A, now]],
    ["INSERT INTO absence_report_days (report_id, day) SELECT id, ? FROM absence_reports WHERE idempotency_key = 'authz-matrix-report'", [weekdayFrom(7)]],
    ["INSERT INTO family_links (family_id, client_id, basis, level, note, created_at, created_by) VALUES (?, ?, 'client_agreement', 'full', 'authz-matrix spare link', ?, ?)", [personId.familyFull, A, now, personId.namedWorker]],
    // Two-step sign-in: Pekka has it on (his key is never opened here: the pages that show the
    // state read only whether it is on), and two half-done sign-ins wait at their second step,
    // for a day: the other unit's worker at the code, the other unit's admin at enrolling.
    ['INSERT INTO two_step (person_id, secret, created_at, enrolled_at, last_step) VALUES (?, ?, ?, ?, 0)', [personId.substitute, 'v1.not.opened', now, now]],
    ["INSERT INTO recovery_codes (person_id, code_hash, created_at) VALUES (?, 'authz-matrix recovery code', ?)", [personId.substitute, now]],
    ["INSERT INTO pending_second_steps (id, person_id, purpose, created_at, expires_at) VALUES (?, ?, 'code', ?, ?)", [sessionIdFromToken(SECOND_STEP_TOKENS.code), personId.otherUnitWorker, now, now + 86_400_000]],
    ["INSERT INTO pending_second_steps (id, person_id, purpose, created_at, expires_at) VALUES (?, ?, 'enrol', ?, ?)", [sessionIdFromToken(SECOND_STEP_TOKENS.enrol), personId.otherUnitAdmin, now, now + 86_400_000]],
  ]);
  const one = async (sql: string, params: unknown[] = []) => {
    const rows = await querySql<{ v: number }>(dbFile, sql, params);
    if (rows.length !== 1) throw new Error(`Expected one row from ${sql}, got ${rows.length}`);
    return rows[0].v;
  };
  const lastMonth = new Date();
  lastMonth.setUTCDate(1);
  lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
  Object.assign(into.context, {
    A,
    cardSecret: demoClient('matti').secret,
    photo: await one('SELECT MAX(id) AS v FROM photos WHERE client_id = ?', [A]),
    voiceClip: await one('SELECT MAX(id) AS v FROM voice_clips WHERE conversation_id = ?', [conversation.id]),
    planVersion: await one('SELECT MAX(version) AS v FROM plan_versions WHERE client_id = ?', [A]),
    goal: await one("SELECT id AS v FROM goals WHERE client_id = ? AND status = 'active' ORDER BY position LIMIT 1", [A]),
    report: await one("SELECT id AS v FROM absence_reports WHERE idempotency_key = 'authz-matrix-report'"),
    spareLink: await one("SELECT id AS v FROM family_links WHERE note = 'authz-matrix spare link'"),
    // A consent in force that no other row needs (the TE office's): A withdraws it in the POST row.
    consent: await one("SELECT id AS v FROM consents WHERE client_id = ? AND recipient_type = 'te_services'", [A]),
    // (UTC's last month is always before Helsinki's current month, so it can be approved.)
    approvedMonth: lastMonth.toISOString().slice(0, 7),
    // A day A comes, for the daily register (a weekend day would list nobody).
    registerDay: weekdayFrom(-1),
    enrolledWorker: personId.substitute,
    secondStepCode: SECOND_STEP_TOKENS.code,
    secondStepEnrol: SECOND_STEP_TOKENS.enrol,
  });
  Object.assign(into.cookies, await insertSessions(dbFile, accounts));
  return into;
}

/** A fixture URL or body with its {name}s filled in (URL-encoded) from the context. */
export function fillIn(template: string, context: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in context)) throw new Error(`No value for {${name}} in ${template}`);
    return encodeURIComponent(String(context[name]));
  });
}
