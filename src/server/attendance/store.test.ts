import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqlFor, type Database } from '../db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import {
  addRate,
  adjustmentsPaidIn,
  approveMonth,
  changesOfMonth,
  clientStatement,
  computeStatements,
  createAbsenceReport,
  cancelAbsenceReport,
  confirmReportedDay,
  recordStatus,
  unitClients,
  unconfirmedReportsOf,
  insertTransportRate,
  type ApprovedRow,
} from './store';
import { eurosForPayroll, paymentCsv } from './csv';
import { changeMealFee } from './client-month';

let db: Database;
const WORKER = 2;
const CLIENT = 1;
const UNIT = 1;

beforeEach(async () => {
  db = await openTestDb(async (tx) => {
    await tx.run("INSERT INTO units (id, name, municipality, created_at) VALUES (1, 'Paja', 'Pori', 0)");
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, created_at) VALUES (1, 1, 'client', 'Testi Asiakas', 'Testi', 0)");
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, created_at) VALUES (2, 1, 'worker', 'Työ Ntekijä', 'Työ', 'w@x.fi', 0)");
    await tx.run("INSERT INTO plan_versions (client_id, version, service_type, place_name, starts_on, review_on, created_at) VALUES (1, 1, 'tyotoiminta', 'Paja', '2026-01-01', '2027-01-01', 0)");
  });
  await addRate(db, UNIT, { serviceType: 'tyotoiminta', validFrom: '2026-01-01', dailyCents: 537, mealCents: 537 }, WORKER);
  await addRate(db, UNIT, { serviceType: 'tyotoiminta', validFrom: '2026-10-15', dailyCents: 560, mealCents: 500 }, WORKER);
});
afterEach(() => closeTestDb(db));

const mark = (day: string, status: 'present' | 'sick' | 'holiday' | 'absent' | 'no_service', reason?: string) => recordStatus(db, { clientId: CLIENT, day, status, by: WORKER, reason });

describe('attendance store', () => {
  it('writes each new rate and each approved month to the admin audit log', async () => {
    expect(await addRate(db, UNIT, { serviceType: 'tyotoiminta', validFrom: '2026-10-15', dailyCents: 999, mealCents: 0 }, WORKER)).toBe(false);
    await approveMonth(db, UNIT, '2026-09', WORKER);
    const rows = await db.all<{ action: string; new_value: string }>('SELECT action, new_value FROM admin_audit ORDER BY id');
    expect(rows.map((r) => r.action)).toEqual(['add rate', 'add rate', 'approve month']);
    expect(JSON.parse(rows[1].new_value)).toMatchObject({ valid_from: '2026-10-15', daily_cents: 560 });
  });

  it('applies the rate in force on each day, and logs a change of a recorded day', async () => {
    await mark('2026-10-14', 'present');
    await mark('2026-10-15', 'present');
    await mark('2026-10-16', 'sick');
    expect(await mark('2026-10-16', 'sick')).toBe('unchanged');
    expect(await mark('2026-10-16', 'present')).toBe('saved');
    const result = await clientStatement(db, CLIENT, '2026-10');
    expect(result!.statement.workLines.map((l) => [l.days, l.dailyCents])).toEqual([[1, 537], [2, 560]]);
    expect(result!.statement).toMatchObject({ grossCents: 537 + 2 * 560, mealFeeCents: 537 + 2 * 500, netCents: 120 });
    expect(await db.all('SELECT day, old_status, new_status, changed_by FROM attendance_changes')).toEqual([
      { day: '2026-10-16', old_status: 'sick', new_status: 'present', changed_by: WORKER },
    ]);
  });

  it('keeps an approved month as approved: a correction becomes an adjustment in the next open month', async () => {
    await mark('2026-09-10', 'present');
    await mark('2026-09-11', 'present');
    await db.write((tx) => tx.run('UPDATE people SET meal_fee = 0 WHERE id = ?', [CLIENT]));
    expect(await approveMonth(db, UNIT, '2026-09', WORKER)).toBe(true);
    expect(await approveMonth(db, UNIT, '2026-09', WORKER)).toBe(false);
    expect(await db.all('SELECT net_cents FROM month_statements')).toEqual([{ net_cents: 1074 }]);

    expect(await mark('2026-09-11', 'sick', 'Oli kipeä')).toBe('adjusted');
    expect(await mark('2026-09-14', 'present', 'Unohtui merkitä')).toBe('adjusted');
    const adjustments = await db.all<{ paid_in_month: string; cents: number }>('SELECT paid_in_month, cents FROM adjustments ORDER BY id');
    expect(adjustments).toEqual([
      { paid_in_month: '2026-10', cents: -537 },
      { paid_in_month: '2026-10', cents: 537 },
    ]);
    // October carries the adjustments; September's approved numbers never change.
    const october = await clientStatement(db, CLIENT, '2026-10');
    expect(october!.statement.adjustmentsCents).toBe(0);
    expect((await clientStatement(db, CLIENT, '2026-09'))!.approved!.net_cents).toBe(1074);
    await expect(db.write((tx) => tx.run('UPDATE month_statements SET net_cents = 0'))).rejects.toThrow(/final/);
    await expect(db.write((tx) => tx.run('DELETE FROM month_approvals'))).rejects.toThrow(/final/);
    await expect(db.write((tx) => tx.run('DELETE FROM adjustments'))).rejects.toThrow(/append-only/);
    await expect(db.write((tx) => tx.run('UPDATE attendance_changes SET new_status = ?', ['absent']))).rejects.toThrow(/append-only/);

    // With October approved too, a September correction is paid in November.
    await approveMonth(db, UNIT, '2026-10', WORKER);
    await mark('2026-09-15', 'present', 'Unohtui merkitä');
    expect((await db.get<{ paid_in_month: string }>('SELECT paid_in_month FROM adjustments ORDER BY id DESC LIMIT 1'))!.paid_in_month).toBe('2026-11');
  });

  it('pays travel by the rule in force on each day, keeps the rules as history with their audit rows, and stores the travel money at approval', async () => {
    await db.write(async (tx) => {
      expect(await insertTransportRate(tx, UNIT, { validFrom: '2026-09-01', kind: 'per_day', dayCents: 450 }, WORKER)).not.toBeNull();
      expect(await insertTransportRate(tx, UNIT, { validFrom: '2026-09-15', kind: 'per_ticket', dayCents: 999 }, WORKER)).not.toBeNull();
      expect(await insertTransportRate(tx, UNIT, { validFrom: '2026-09-15', kind: 'none', dayCents: 0 }, WORKER)).toBeNull();
    });
    for (const day of ['2026-09-10', '2026-09-11', '2026-09-16', '2026-09-17']) await mark(day, 'present');
    await mark('2026-09-18', 'sick');
    await db.write(async (tx) => {
      await tx.run("UPDATE attendance SET transport = 1 WHERE day IN ('2026-09-10', '2026-09-16', '2026-09-17', '2026-09-18')");
      await tx.run("UPDATE attendance SET ticket_cents = 320 WHERE day IN ('2026-09-16', '2026-09-18')");
    });
    const september = (await clientStatement(db, CLIENT, '2026-09'))!.statement;
    // 10th: a day by the per-day rule; 16th: a ticket; 17th: no ticket recorded; 18th: not present.
    expect(september.transport.lines).toEqual([
      { kind: 'per_day', days: 1, dayCents: 450, totalCents: 450 },
      { kind: 'per_ticket', days: 1, dayCents: 0, totalCents: 320 },
    ]);
    expect(september.transportCents).toBe(770);
    expect(september.netCents).toBe(0); // the meal fee equals the daily rate; travel is not part of the net
    await approveMonth(db, UNIT, '2026-09', WORKER);
    expect(await db.all('SELECT net_cents, transport_cents FROM month_statements')).toEqual([{ net_cents: 0, transport_cents: 770 }]);
    const audit = await db.all<{ action: string; new_value: string }>("SELECT action, new_value FROM admin_audit WHERE action = 'add transport rate' ORDER BY id");
    expect(audit.map((a) => JSON.parse(a.new_value))).toEqual([
      { valid_from: '2026-09-01', kind: 'per_day', day_cents: 450 },
      { valid_from: '2026-09-15', kind: 'per_ticket', day_cents: 0 },
    ]);
    await expect(db.write((tx) => tx.run('UPDATE transport_rates SET day_cents = 1'))).rejects.toThrow(/history/);
  });

  it('asks for a reason to correct a day of an approved month, and keeps it with the change, the adjustment and the audit row', async () => {
    await mark('2026-09-10', 'present');
    await approveMonth(db, UNIT, '2026-09', WORKER);
    const before = await db.all('SELECT * FROM admin_audit');
    // Without a reason (or only spaces) nothing is saved: not the day, not a change, not an audit row.
    expect(await mark('2026-09-10', 'sick')).toBe('reasonRequired');
    expect(await mark('2026-09-10', 'sick', '   ')).toBe('reasonRequired');
    expect(await db.all("SELECT status FROM attendance WHERE day = '2026-09-10'")).toEqual([{ status: 'present' }]);
    expect(await db.all('SELECT * FROM attendance_changes')).toEqual([]);
    expect(await db.all('SELECT * FROM adjustments')).toEqual([]);
    expect(await db.all('SELECT * FROM admin_audit')).toEqual(before);

    expect(await mark('2026-09-10', 'sick', ' Oli kipeä, soitti aamulla. ')).toBe('adjusted');
    expect(await db.all('SELECT day, old_status, new_status, reason FROM attendance_changes')).toEqual([
      { day: '2026-09-10', old_status: 'present', new_status: 'sick', reason: 'Oli kipeä, soitti aamulla.' },
    ]);
    expect(await db.all('SELECT for_day, reason FROM adjustments')).toEqual([{ for_day: '2026-09-10', reason: 'Oli kipeä, soitti aamulla.' }]);
    const audit = await db.get<{ new_value: string }>("SELECT new_value FROM admin_audit WHERE action = 'correct attendance'");
    expect(JSON.parse(audit!.new_value)).toEqual({ day: '2026-09-10', status: 'sick', reason: 'Oli kipeä, soitti aamulla.' });
    expect((await changesOfMonth(db, CLIENT, '2026-09'))[0]).toMatchObject({ reason: 'Oli kipeä, soitti aamulla.', who: 'Työ Ntekijä' });
    expect((await adjustmentsPaidIn(db, CLIENT, '2026-10'))[0]).toMatchObject({ reason: 'Oli kipeä, soitti aamulla.' });
    // A day of the approved month not marked before is a correction from 'none', in the history too.
    expect(await mark('2026-09-14', 'present')).toBe('reasonRequired');
    expect(await mark('2026-09-14', 'present', 'Unohtui merkitä')).toBe('adjusted');
    expect((await changesOfMonth(db, CLIENT, '2026-09'))[0]).toMatchObject({ day: '2026-09-14', old_status: 'none', new_status: 'present', reason: 'Unohtui merkitä' });
    // An open month needs no reason; the database refuses a reason over 200 characters.
    expect(await mark('2026-10-01', 'present')).toBe('saved');
    await expect(db.write((tx) => tx.run("INSERT INTO attendance_changes (client_id, day, old_status, new_status, changed_by, changed_at, reason) VALUES (1, '2026-10-01', 'sick', 'present', 2, 0, ?)", ['x'.repeat(201)]))).rejects.toThrow(/CHECK constraint|violates check constraint/);
  });

  it('refuses a rate of 10 000 € or below zero in the database too, and keeps rates as history', async () => {
    await expect(db.write((tx) => tx.run("INSERT INTO rates (unit_id, service_type, valid_from, daily_cents, meal_cents, created_at) VALUES (1, 'tyotoiminta', '2027-01-01', 1000000, 0, 0)"))).rejects.toThrow(/CHECK constraint|violates check constraint/);
    await expect(db.write((tx) => tx.run("INSERT INTO rates (unit_id, service_type, valid_from, daily_cents, meal_cents, created_at) VALUES (1, 'tyotoiminta', '2027-01-01', -1, 0, 0)"))).rejects.toThrow(/CHECK constraint|violates check constraint/);
    expect(await addRate(db, UNIT, { serviceType: 'tyotoiminta', validFrom: '2026-01-01', dailyCents: 999, mealCents: 0 }, WORKER)).toBe(false);
    await expect(db.write((tx) => tx.run('UPDATE rates SET daily_cents = 1'))).rejects.toThrow(/history/);
  });

  it('records one report per idempotency key, cancels only unconfirmed reports, and confirms into the day status', async () => {
    const report = { clientId: CLIENT, reason: 'sick' as const, words: '', days: ['2026-11-24', '2026-11-25'], key: 'k1', by: CLIENT };
    const [a, b] = await Promise.all([createAbsenceReport(db, report), createAbsenceReport(db, report)]);
    expect(a).toBe(b);
    expect(await db.all('SELECT COUNT(*) AS n FROM absence_reports')).toEqual([{ n: 1 }]);
    // Someone else's key is not theirs to reuse.
    expect(await createAbsenceReport(db, { ...report, clientId: 99 })).toBeNull();
    expect(await confirmReportedDay(db, CLIENT, a!, '2026-11-24', WORKER)).toBe(true);
    expect(await db.all('SELECT day, status FROM attendance')).toEqual([{ day: '2026-11-24', status: 'sick' }]);
    expect(await cancelAbsenceReport(db, CLIENT, a!)).toBe(false);
    const other = await createAbsenceReport(db, { ...report, key: 'k2', reason: 'doctor' });
    expect(await cancelAbsenceReport(db, 99, other!)).toBe(false);
    expect(await cancelAbsenceReport(db, CLIENT, other!)).toBe(true);
    expect(await confirmReportedDay(db, CLIENT, other!, '2026-11-24', WORKER)).toBe(false);
  });

  it('lists the reports with a day still to confirm, with the client\'s name and the first such day', async () => {
    const first = await createAbsenceReport(db, { clientId: CLIENT, reason: 'sick', words: '', days: ['2026-11-24', '2026-11-25'], key: 'k1', by: CLIENT });
    await createAbsenceReport(db, { clientId: CLIENT, reason: 'doctor', words: '', days: ['2026-11-20'], key: 'k2', by: CLIENT });
    await createAbsenceReport(db, { clientId: CLIENT, reason: 'other', words: '', days: ['2026-11-10'], key: 'k3', by: CLIENT });
    expect(await confirmReportedDay(db, CLIENT, first!, '2026-11-24', WORKER)).toBe(true);
    expect(await unconfirmedReportsOf(db, [CLIENT], '2026-11-15')).toEqual([
      { client_id: CLIENT, full_name: 'Testi Asiakas', day: '2026-11-20', reason: 'doctor' },
      { client_id: CLIENT, full_name: 'Testi Asiakas', day: '2026-11-25', reason: 'sick' },
    ]);
  });

  it("lists the reports not yet confirmed, each from its first open day, with the client's name", async () => {
    const report = { clientId: CLIENT, reason: 'sick' as const, words: '', days: ['2026-11-24', '2026-11-25', '2026-11-26'], key: 'k1', by: CLIENT };
    const first = await createAbsenceReport(db, report);
    await createAbsenceReport(db, { ...report, key: 'k2', reason: 'doctor', days: ['2026-11-23'] });
    expect(await confirmReportedDay(db, CLIENT, first!, '2026-11-24', WORKER)).toBe(true);
    // (PostgreSQL wants every selected column grouped or aggregated: the name comes with the person.)
    expect(await unconfirmedReportsOf(db, [CLIENT], '2026-11-20')).toEqual([
      { client_id: CLIENT, full_name: 'Testi Asiakas', day: '2026-11-23', reason: 'doctor' },
      { client_id: CLIENT, full_name: 'Testi Asiakas', day: '2026-11-25', reason: 'sick' },
    ]);
    expect(await unconfirmedReportsOf(db, [CLIENT], '2026-11-26')).toEqual([{ client_id: CLIENT, full_name: 'Testi Asiakas', day: '2026-11-26', reason: 'sick' }]);
    expect(await unconfirmedReportsOf(db, [], '2026-11-20')).toEqual([]);
  });

  it('writes a staff audit row, in the same transaction, for a correction, a confirmed absence and the meal fee; not for a first mark', async () => {
    const rows = () => db.all<{ action: string; target_id: number; old_value: string | null; new_value: string }>("SELECT action, target_id, old_value, new_value FROM admin_audit WHERE action <> 'add rate' ORDER BY id");
    await mark('2026-11-02', 'present');
    expect(await rows()).toEqual([]);
    await mark('2026-11-02', 'sick');
    const [report] = [await createAbsenceReport(db, { clientId: CLIENT, reason: 'doctor', words: '', days: ['2026-11-03'], key: 'k-audit', by: CLIENT })];
    expect(await confirmReportedDay(db, CLIENT, report!, '2026-11-03', WORKER)).toBe(true);
    expect(await confirmReportedDay(db, CLIENT, report!, '2026-11-03', WORKER)).toBe(true); // a double tap: one confirmation
    expect(await changeMealFee(db, { id: CLIENT, unitId: UNIT }, false, WORKER)).toBe(true);
    expect(await changeMealFee(db, { id: CLIENT, unitId: UNIT }, false, WORKER)).toBe(false);
    expect((await rows()).map((r) => [r.action, r.target_id, r.old_value && JSON.parse(r.old_value), JSON.parse(r.new_value)])).toEqual([
      ['correct attendance', CLIENT, { day: '2026-11-02', status: 'present' }, { day: '2026-11-02', status: 'sick' }],
      ['confirm absence', CLIENT, null, { report_id: report, day: '2026-11-03', reason: 'doctor' }],
      ['change meal fee', CLIENT, { meal_fee: 1 }, { meal_fee: 0 }],
    ]);
    // The audit row is part of the change: when it cannot be written, the change is not made either.
    await db.write((tx) =>
      tx.exec(
        sqlFor(db, {
          sqlite: "CREATE TEMP TRIGGER no_audit BEFORE INSERT ON admin_audit BEGIN SELECT RAISE(ABORT, 'no audit'); END",
          // A schema of this test's own, so a plain trigger is as temporary; omapolku_refuse raises its argument.
          postgres: "CREATE TRIGGER no_audit BEFORE INSERT ON admin_audit FOR EACH ROW EXECUTE FUNCTION omapolku_refuse('no audit')",
        }),
      ),
    );
    await expect(mark('2026-11-02', 'present')).rejects.toThrow(/no audit/);
    expect(await db.all("SELECT status FROM attendance WHERE day = '2026-11-02'")).toEqual([{ status: 'sick' }]);
  });

  it('computes a month of no attendance as zero', async () => {
    const statements = await computeStatements(db, UNIT, await unitClients(db, UNIT), '2026-08');
    expect(statements.get(CLIENT)).toMatchObject({ grossCents: 0, mealFeeCents: 0, netCents: 0, workLines: [] });
  });

  it('answers the frequent questions from indexes, never by scanning a whole table', async () => {
    const questions: [string, unknown[]][] = [
      ['SELECT day, status FROM attendance WHERE client_id = ? AND day BETWEEN ? AND ?', [1, '2026-10-01', '2026-10-31']],
      ["SELECT client_id, day, status FROM attendance WHERE client_id IN (1, 2) AND day BETWEEN ? AND ?", ['2026-10-01', '2026-10-31']],
      ['SELECT status FROM attendance WHERE client_id = ? AND day = ?', [1, '2026-10-01']],
      ['SELECT client_id, for_day, cents FROM adjustments WHERE client_id IN (1) AND paid_in_month = ?', ['2026-10']],
      ['SELECT d.day FROM absence_reports r JOIN absence_report_days d ON d.report_id = r.id WHERE r.client_id = ? AND d.day BETWEEN ? AND ?', [1, '2026-10-01', '2026-10-31']],
      ['SELECT 1 FROM month_approvals WHERE unit_id = ? AND month = ?', [1, '2026-10']],
    ];
    if (db.engine === 'sqlite') {
      const plans = await Promise.all(
        questions.map(([sql, params]) => db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params).then((rows) => ({ sql, plan: rows.map((r) => r.detail).join(' | ') }))),
      );
      for (const { sql, plan } of plans) {
        expect(plan, `${sql}\n${plan}`).not.toMatch(/SCAN (attendance|adjustments|absence_report_days|month_approvals)\b(?! USING)/);
      }
      expect(plans[0].plan).toMatch(/SEARCH attendance USING PRIMARY KEY/);
      return;
    }
    // PostgreSQL: on tables this small a sequential scan is cheapest whatever the indexes, so it is
    // discouraged for the check; a question no index can answer is still planned as one.
    type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] };
    const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];
    const plans = await db.write(async (tx) => {
      await tx.exec('SET LOCAL enable_seqscan = off');
      const found = [];
      for (const [sql, params] of questions) {
        const [row] = await tx.all<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
        found.push({ sql, nodes: nodesOf(row['QUERY PLAN'][0].Plan) });
      }
      return found;
    });
    for (const { sql, nodes } of plans) {
      const scans = nodes.filter((n) => n['Node Type'] === 'Seq Scan' && /^(attendance|adjustments|absence_report_days|month_approvals)$/.test(n['Relation Name'] ?? ''));
      expect(scans, `${sql}\n${JSON.stringify(nodes)}`).toEqual([]);
    }
    expect(plans[0].nodes).toContainEqual(expect.objectContaining({ 'Node Type': expect.stringMatching(/^(Index Scan|Index Only Scan|Bitmap Index Scan)$/), 'Index Name': 'attendance_pkey' }));
  });
});

describe('payroll CSV', () => {
  const row = (over: Partial<ApprovedRow>): ApprovedRow => ({
    client_id: 1, full_name: 'X', asiakasnumero: null, present_days: 0, paid_holiday_days: 0, gross_cents: 0, meal_fee_cents: 0, adjustments_cents: 0, net_cents: 0, transport_cents: 0, ...over,
  });
  it('has the Finnish columns in order, euros with a decimal comma, the payment day, a BOM, CRLF, and defuses spreadsheet formulas', () => {
    const csv = paymentCsv(
      [
        row({ client_id: 7, full_name: 'Åke Öhman', asiakasnumero: 'A-100', present_days: 12, paid_holiday_days: 1, gross_cents: 7644, meal_fee_cents: 6444, adjustments_cents: -537, net_cents: 663, transport_cents: 1200 }),
        row({ client_id: 8, full_name: '=HYPERLINK("x")', adjustments_cents: -300, net_cents: -300 }),
        row({ client_id: 9, full_name: 'Nothing To Pay', present_days: 2, gross_cents: 800, meal_fee_cents: 800 }),
        row({ client_id: 10, full_name: 'Big Money', present_days: 20, gross_cents: 123456, net_cents: 123456 }),
      ],
      '2026-10',
      { cost_centre: '4410', payment_day: 15 },
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Asiakasnumero;Nimi;Kustannuspaikka;Kuukausi;Maksupäivä;Läsnäolopäivät;Lomapäivät;Työosuusraha;Ateriamaksu;Oikaisut;Matkakorvaus;Maksetaan');
    // 15.11.2026 is a Sunday: paid on Friday 13.11.
    expect(lines[1]).toBe("A-100;Åke Öhman;4410;2026-10;13.11.2026;12;1;76,44;64,44;-5,37;12,00;18,63");
    expect(lines[2]).toBe(`;"'=HYPERLINK(""x"")";4410;2026-10;13.11.2026;0;0;0,00;0,00;-3,00;0,00;0,00`);
    // Nothing to pay and no correction: left out.
    expect(lines[3]).toBe(';Big Money;4410;2026-10;13.11.2026;20;0;1234,56;0,00;0,00;0,00;1234,56');
    expect(lines[4]).toBe('');
  });

  it('gives integer cents when asked', () => {
    const csv = paymentCsv([row({ full_name: 'A', present_days: 1, gross_cents: 537, net_cents: 537, transport_cents: 450 })], '2026-12', { cost_centre: '', payment_day: 15 }, 'cents');
    expect(csv.slice(1).split('\r\n')[1]).toBe(';A;;2026-12;15.1.2027;1;0;537;0;0;450;987');
  });

  it('writes euros for payroll without grouping or rounding', () => {
    expect(eurosForPayroll(0)).toBe('0,00');
    expect(eurosForPayroll(5)).toBe('0,05');
    expect(eurosForPayroll(-1250)).toBe('-12,50');
    expect(eurosForPayroll(123456789)).toBe('1234567,89');
    expect(() => eurosForPayroll(1.5)).toThrow(RangeError);
  });
});
