/**
 * Fills a fresh database with the demo data plus generated clients, so the benchmark measures
 * the client pages against a realistically large data set:
 * - 10 000 clients (by default) with weekly schedules;
 * - 8 years of attendance for 1 000 of them (over 2 million rows), 500 of them in a unit of
 *   their own with rates and plans, whose month statement is then computed and timed;
 * - the query plans of the attendance pages' queries, to show each uses an index;
 * - a conversation of 5 000 messages for Matti (the client the benchmark signs in as).
 * The database is the one the configuration names: the SQLite file OMAPOLKU_DB, or PostgreSQL
 * when OMAPOLKU_DATABASE_URL is set (with OMAPOLKU_TWO_STEP_KEY). The bulk statements differ
 * between the engines; each such statement is written both ways, side by side (`sqlFor`).
 * Run with vite-node (the seed modules use import.meta.glob); bench/run.mjs does that and reads
 * the lines starting with "BENCH " from the output.
 * Usage: OMAPOLKU_DB=/tmp/x.sqlite vite-node bench/seed-large.ts [total clients, default 10000]
 */
import { getDb, sqlFor } from '../src/server/db';
import { config } from '../src/server/config';
import { isEmpty, seedDemo, seedGeneratedClients } from '../src/server/demo/seed';
import { demoClient, demoStaff } from '../src/server/demo/people';
import { computeStatements, unitClients } from '../src/server/attendance/store';
import { addMonths, monthOf } from '../src/domain/attendance';
import { todayInHelsinki } from '../src/domain/time/helsinki';

// getDb() falls back to the developer's data/omapolku.sqlite; never fill that by accident.
if (!process.env.OMAPOLKU_DB && !process.env.OMAPOLKU_DATABASE_URL) throw new Error('Set OMAPOLKU_DB to a fresh temporary database file (or OMAPOLKU_DATABASE_URL to a fresh PostgreSQL database)');

const total = Number(process.argv[2] ?? 10_000);
const ATTENDANCE_CLIENTS = 1_000;
const STATEMENT_UNIT_CLIENTS = 500;
const YEARS = 8;
const db = await getDb();
const where = config.databaseUrl ? `the PostgreSQL database ${new URL(config.databaseUrl).pathname.slice(1)}` : config.databasePath;
if (!(await isEmpty(db))) throw new Error(`There are people in ${where} already; give a fresh one`);
const { clients } = await seedDemo(db);
// The demo has its own clients; top up to the requested total.
await seedGeneratedClients(db, total - clients.length, demoClient('matti').pin);

const today = todayInHelsinki();
const from = `${Number(today.slice(0, 4)) - YEARS}-${today.slice(5)}`;
const started = Date.now();
await db.write(async (tx) => {
  const now = Date.now();
  const { lastID: unitId } = await tx.run("INSERT INTO units (name, municipality, created_at) VALUES ('Penkkitestin yksikkö', 'Pori', ?)", [now]);
  await tx.run(
    `CREATE TEMP TABLE bench_clients AS
       SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n FROM people WHERE role = 'client' AND full_name LIKE 'Asiakas %' ORDER BY id LIMIT ?`,
    [ATTENDANCE_CLIENTS],
  );
  await tx.run('UPDATE people SET unit_id = ? WHERE id IN (SELECT id FROM bench_clients WHERE n <= ?)', [unitId, STATEMENT_UNIT_CLIENTS]);
  await tx.run(
    `INSERT INTO plan_versions (client_id, version, service_type, place_name, starts_on, review_on, created_at)
     SELECT id, 1, CASE n % 4 WHEN 0 THEN 'avotyotoiminta' ELSE 'tyotoiminta' END, 'Paja', ?, ?, 0 FROM bench_clients`,
    [from, today],
  );
  for (const [service, validFrom, daily, meal] of [['tyotoiminta', from, 537, 537], ['tyotoiminta', `${today.slice(0, 4)}-01-01`, 560, 560], ['avotyotoiminta', from, 1200, 0]] as const) {
    await tx.run('INSERT INTO rates (unit_id, service_type, valid_from, daily_cents, meal_cents, created_at) VALUES (?, ?, ?, ?, ?, ?)', [unitId, service, validFrom, daily, meal, now]);
  }
  // Every weekday of 8 years for each of the 1 000 clients, in one statement (fast, ordered by
  // key): the days from `from` to yesterday, the status from the day of the year.
  await tx.run(
    sqlFor(db, {
      sqlite: `WITH RECURSIVE days(d) AS (SELECT date(?) UNION ALL SELECT date(d, '+1 day') FROM days WHERE d < date(?, '-1 day'))
               INSERT INTO attendance (client_id, day, status, recorded_at)
               SELECT c.id, days.d,
                      CASE WHEN (c.n + CAST(strftime('%j', days.d) AS INTEGER)) % 17 = 0 THEN 'sick'
                           WHEN (c.n + CAST(strftime('%j', days.d) AS INTEGER)) % 29 = 0 THEN 'absent' ELSE 'present' END, 0
                 FROM bench_clients c CROSS JOIN days
                WHERE strftime('%w', days.d) NOT IN ('0', '6')
                ORDER BY c.id, days.d`,
      postgres: `INSERT INTO attendance (client_id, day, status, recorded_at)
                 SELECT c.id, to_char(days.d, 'YYYY-MM-DD'),
                        CASE WHEN (c.n + extract(doy FROM days.d)::integer) % 17 = 0 THEN 'sick'
                             WHEN (c.n + extract(doy FROM days.d)::integer) % 29 = 0 THEN 'absent' ELSE 'present' END, 0
                   FROM bench_clients c CROSS JOIN generate_series(?::date, ?::date - 1, interval '1 day') AS days(d)
                  WHERE extract(isodow FROM days.d) < 6
                  ORDER BY c.id, days.d`,
    }),
    [from, today],
  );
  await tx.run('DROP TABLE bench_clients');
});
const rows = (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM attendance'))!.n;
console.log(`BENCH attendance_rows=${rows} seconds=${((Date.now() - started) / 1000).toFixed(1)}`);
// PostgreSQL plans from its statistics, which autovacuum would gather within a minute of such a
// load anyway; gathered now, the plans and the figures do not depend on when it happens to run.
if (db.engine === 'postgres') await db.write((tx) => tx.exec('ANALYZE'));

// The month statement of the 500-client unit: best of three runs, after a warm-up.
const unit = (await db.get<{ id: number }>("SELECT id FROM units WHERE name = 'Penkkitestin yksikkö'"))!.id;
const month = addMonths(monthOf(today), -1);
let best = Infinity;
let net = 0;
for (let run = 0; run < 4; run++) {
  const t0 = performance.now();
  const members = await unitClients(db, unit);
  const statements = await computeStatements(db, unit, members, month);
  const ms = performance.now() - t0;
  if (run > 0) best = Math.min(best, ms);
  net = [...statements.values()].reduce((sum, s) => sum + s.netCents, 0);
  if (members.length !== STATEMENT_UNIT_CLIENTS) throw new Error(`The statement unit has ${members.length} clients`);
}
console.log(`BENCH statement_ms=${best.toFixed(1)} clients=${STATEMENT_UNIT_CLIENTS} month=${month} net_cents=${net}`);

// The query plans of the attendance and money pages' queries.
const plans: [string, string, unknown[]][] = [
  ['calendar month', 'SELECT day, status FROM attendance WHERE client_id = ? AND day BETWEEN ? AND ?', [7, `${month}-01`, `${month}-31`]],
  ['unit month', 'SELECT client_id, day, status FROM attendance WHERE client_id IN (7, 8, 9) AND day BETWEEN ? AND ?', [`${month}-01`, `${month}-31`]],
  ['register day', 'SELECT status FROM attendance WHERE client_id = ? AND day = ?', [7, today]],
  ['adjustments', 'SELECT client_id, for_day, cents FROM adjustments WHERE client_id IN (7) AND paid_in_month = ?', [month]],
  ['reports', 'SELECT d.day FROM absence_reports r JOIN absence_report_days d ON d.report_id = r.id WHERE r.client_id = ? AND d.day BETWEEN ? AND ?', [7, `${month}-01`, `${month}-31`]],
];
/** A query's plan, one step a line, as each engine explains it. */
async function planOf(sql: string, params: unknown[]): Promise<string[]> {
  if (db.engine === 'sqlite') return (await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((p) => p.detail);
  return (await db.all<{ 'QUERY PLAN': string }>(`EXPLAIN (FORMAT TEXT, COSTS OFF) ${sql}`, params)).map((p) => p['QUERY PLAN'].trim());
}
for (const [label, sql, params] of plans) {
  console.log(`BENCH plan ${label}: ${(await planOf(sql, params)).join(' | ')}`);
}
// The messages page at both ends (issue 19): Matti's conversation grows to 5 000 messages, both
// ways, over the last 100 days; Aino's has 20.
const CONVERSATIONS = [
  { key: 'matti', messages: 5_000 },
  { key: 'aino', messages: 20 },
];
for (const { key, messages } of CONVERSATIONS) {
  await db.write(async (tx) => {
    const client = (await tx.get<{ id: number }>("SELECT id FROM people WHERE full_name = ? AND role = 'client'", [demoClient(key).name]))!.id;
    const liisa = (await tx.get<{ id: number }>('SELECT id FROM people WHERE email = ?', [demoStaff('liisa').email]))!.id;
    let conversation = (await tx.get<{ id: number }>('SELECT id FROM conversations WHERE client_id = ?', [client]))?.id;
    conversation ??= (await tx.run('INSERT INTO conversations (client_id, created_at) VALUES (?, ?)', [client, Date.now()])).lastID;
    const existing = (await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM messages WHERE conversation_id = ?', [conversation]))!.n;
    // One statement for both engines: the casts and the 64-bit constant (100 days in ms) are for
    // PostgreSQL, which takes a bare parameter here for text and an integer literal for 32 bits.
    await tx.run(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO messages (conversation_id, sender_id, kind, body, from_client_side, read_at, idempotency_key, created_at)
       SELECT CAST(? AS BIGINT), CASE i % 2 WHEN 0 THEN CAST(? AS BIGINT) ELSE CAST(? AS BIGINT) END, 'text', 'Viesti numero ' || i || '. Nähdään pajalla huomenna.', 1 - i % 2,
              CAST(? AS BIGINT), 'bench-message-' || CAST(? AS TEXT) || '-' || i, CAST(? AS BIGINT) - (? - i) * (8640000000 / ?) FROM n`,
      [messages - existing, conversation, client, liisa, Date.now(), key, Date.now(), messages, messages],
    );
  });
  const count = (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN people p ON p.id = c.client_id WHERE p.full_name = ?', [demoClient(key).name]))!.n;
  console.log(`BENCH conversation_messages_${key}=${count}`);
}
const messagePlan = await planOf('SELECT id FROM messages WHERE conversation_id = ? AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT 31', [1, null, null]);
console.log(`BENCH plan messages page: ${messagePlan.join(' | ')}`);
await db.close();
console.log(`Seeded ${total} clients into ${where}`);
