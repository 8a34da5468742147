import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { FULL_DAY } from '@domain/attendance';
import { approveMonth, createAbsenceReport, dailyRegister, recordStatus } from './store';
import { addToRegisterDay, markAllPresent, reportedAbsencesAhead, saveDayDetails, transportKindOn } from './register-store';

let db: Database;
const UNIT = 1;
const WORKER = 9;
// Three clients on Mondays and Wednesdays (1 and 3); Eeva only on Tuesdays; Olli in another unit.
const [ANNA, BEN, CAIJA, EEVA, OLLI] = [1, 2, 3, 4, 5];
const MONDAY = '2026-11-30';
const TUESDAY = '2026-12-01';

beforeEach(async () => {
  db = await openTestDb(async (tx) => {
    await tx.run("INSERT INTO units (id, name, municipality, created_at) VALUES (1, 'Paja', 'Pori', 0), (2, 'Muu', 'Rauma', 0)");
    for (const [id, unit, name] of [[ANNA, 1, 'Anna A'], [BEN, 1, 'Ben B'], [CAIJA, 1, 'Caija C'], [EEVA, 1, 'Eeva E'], [OLLI, 2, 'Olli O']] as const) {
      await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, created_at) VALUES (?, ?, 'client', ?, ?, 0)", [id, unit, name, name]);
    }
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, created_at) VALUES (9, 1, 'worker', 'Työ Ntekijä', 'Työ', 'w@x.fi', 0)");
    for (const id of [ANNA, BEN, CAIJA, OLLI]) {
      for (const weekday of [1, 3]) await tx.run("INSERT INTO weekly_schedule (client_id, weekday, starts_at, ends_at, place) VALUES (?, ?, '09:00', '14:00', 'Paja')", [id, weekday]);
    }
    await tx.run("INSERT INTO weekly_schedule (client_id, weekday, starts_at, ends_at, place) VALUES (?, 2, '09:00', '14:00', 'Paja')", [EEVA]);
  });
});
afterEach(() => closeTestDb(db));

const statuses = async (day: string) =>
  Object.fromEntries((await db.all<{ client_id: number; status: string }>('SELECT client_id, status FROM attendance WHERE day = ? ORDER BY client_id', [day])).map((r) => [r.client_id, r.status]));

describe('Kaikki paikalla', () => {
  it('marks only the day’s clients without a status or a reported absence, and a replay changes nothing', async () => {
    await recordStatus(db, { clientId: BEN, day: MONDAY, status: 'holiday', by: WORKER });
    await createAbsenceReport(db, { clientId: CAIJA, reason: 'sick', words: '', days: [MONDAY], key: 'r1', by: CAIJA });
    const all = [ANNA, BEN, CAIJA, EEVA, OLLI];
    const first = await markAllPresent(db, { unitId: UNIT, day: MONDAY, clientIds: all, key: 'k1', by: WORKER });
    // Anna only: Ben has his holiday, Caija her report, Eeva is not on Monday's list, Olli is of another unit.
    expect(first).toEqual({ marked: 1, replay: false });
    expect(await statuses(MONDAY)).toEqual({ [ANNA]: 'present', [BEN]: 'holiday' });
    // The worker corrects Anna; the same post again changes nothing and answers as the first did.
    await recordStatus(db, { clientId: ANNA, day: MONDAY, status: 'sick', by: WORKER });
    expect(await markAllPresent(db, { unitId: UNIT, day: MONDAY, clientIds: all, key: 'k1', by: WORKER })).toEqual({ marked: 1, replay: true });
    expect(await statuses(MONDAY)).toEqual({ [ANNA]: 'sick', [BEN]: 'holiday' });
    // Another person's key is not theirs to replay.
    expect(await markAllPresent(db, { unitId: UNIT, day: MONDAY, clientIds: all, key: 'k1', by: ANNA })).toBe('formUsed');
    // One audit row, naming the clients marked.
    const audit = await db.all<{ action: string; new_value: string }>("SELECT action, new_value FROM admin_audit WHERE action = 'mark all present'");
    expect(audit.map((a) => JSON.parse(a.new_value))).toEqual([{ day: MONDAY, client_ids: [ANNA] }]);
  });

  it('marks only the clients given (the ones the person may see), and a client added to the day', async () => {
    expect(await addToRegisterDay(db, { clientId: EEVA, day: MONDAY, by: WORKER })).toBe('added');
    expect(await markAllPresent(db, { unitId: UNIT, day: MONDAY, clientIds: [BEN, EEVA], key: 'k2', by: WORKER })).toEqual({ marked: 2, replay: false });
    expect(await statuses(MONDAY)).toEqual({ [BEN]: 'present', [EEVA]: 'present' });
  });

  it('refuses a day of an approved month whole', async () => {
    await approveMonth(db, UNIT, '2026-11', WORKER);
    expect(await markAllPresent(db, { unitId: UNIT, day: MONDAY, clientIds: [ANNA], key: 'k3', by: WORKER })).toBe('approved');
    expect(await statuses(MONDAY)).toEqual({});
    expect(await db.all('SELECT * FROM register_all_present')).toEqual([]);
  });
});

describe('a client added to the day', () => {
  it('appears in the day’s register once, marked as added; a scheduled client is not added', async () => {
    expect((await dailyRegister(db, UNIT, MONDAY, 1)).map((r) => r.id)).toEqual([ANNA, BEN, CAIJA]);
    expect(await addToRegisterDay(db, { clientId: EEVA, day: MONDAY, by: WORKER })).toBe('added');
    expect(await addToRegisterDay(db, { clientId: EEVA, day: MONDAY, by: WORKER })).toBe('already');
    expect(await addToRegisterDay(db, { clientId: ANNA, day: MONDAY, by: WORKER })).toBe('already');
    const rows = await dailyRegister(db, UNIT, MONDAY, 1);
    expect(rows.map((r) => [r.id, r.scheduled, r.added])).toEqual([[ANNA, 1, 0], [BEN, 1, 0], [CAIJA, 1, 0], [EEVA, 0, 1]]);
    // Only that day.
    expect((await dailyRegister(db, UNIT, '2026-12-07', 1)).map((r) => r.id)).toEqual([ANNA, BEN, CAIJA]);
    expect(await db.all("SELECT target_id, new_value FROM admin_audit WHERE action = 'add to register day'")).toEqual([{ target_id: EEVA, new_value: JSON.stringify({ day: MONDAY }) }]);
  });
});

describe('day details', () => {
  const partDay = { partMinutes: 210, fromTime: '09:00', untilTime: '12:30', late: true, transport: true, ticketCents: null };

  it('are saved on a present day, shown in the register, and audited with what changed', async () => {
    expect(await saveDayDetails(db, { clientId: ANNA, unitId: UNIT, day: MONDAY, details: partDay, by: WORKER })).toBe('notPresent');
    await recordStatus(db, { clientId: ANNA, day: MONDAY, status: 'present', by: WORKER });
    expect(await saveDayDetails(db, { clientId: ANNA, unitId: UNIT, day: MONDAY, details: partDay, by: WORKER })).toBe('saved');
    expect(await saveDayDetails(db, { clientId: ANNA, unitId: UNIT, day: MONDAY, details: partDay, by: WORKER })).toBe('unchanged');
    const [row] = (await dailyRegister(db, UNIT, MONDAY, 1)).filter((r) => r.id === ANNA);
    expect(row).toMatchObject({ status: 'present', part_minutes: 210, from_time: '09:00', until_time: '12:30', late: 1, transport: 1, ticket_cents: null });
    expect(await saveDayDetails(db, { clientId: ANNA, unitId: UNIT, day: MONDAY, details: { ...partDay, late: false }, by: WORKER })).toBe('saved');
    const audit = await db.all<{ old_value: string; new_value: string }>("SELECT old_value, new_value FROM admin_audit WHERE action = 'day details' ORDER BY id");
    expect(audit.map((a) => [JSON.parse(a.old_value), JSON.parse(a.new_value)])).toEqual([
      [{ day: MONDAY, part_minutes: null, from_time: null, until_time: null, late: false, transport: false }, { day: MONDAY, part_minutes: 210, from_time: '09:00', until_time: '12:30', late: true, transport: true }],
      [{ day: MONDAY, late: true }, { day: MONDAY, late: false }],
    ]);
  });

  it('go with the present status: another status clears them', async () => {
    await recordStatus(db, { clientId: ANNA, day: MONDAY, status: 'present', by: WORKER });
    await saveDayDetails(db, { clientId: ANNA, unitId: UNIT, day: MONDAY, details: { ...partDay, ticketCents: 320 }, by: WORKER });
    await recordStatus(db, { clientId: ANNA, day: MONDAY, status: 'sick', by: WORKER });
    expect(await db.get('SELECT part_minutes, from_time, until_time, late, transport, ticket_cents FROM attendance WHERE client_id = ? AND day = ?', [ANNA, MONDAY])).toEqual({
      part_minutes: null, from_time: null, until_time: null, late: 0, transport: 0, ticket_cents: null,
    });
  });

  it('of an approved month are not changed', async () => {
    await recordStatus(db, { clientId: ANNA, day: MONDAY, status: 'present', by: WORKER });
    await approveMonth(db, UNIT, '2026-11', WORKER);
    expect(await saveDayDetails(db, { clientId: ANNA, unitId: UNIT, day: MONDAY, details: partDay, by: WORKER })).toBe('approved');
    expect(await saveDayDetails(db, { clientId: ANNA, unitId: UNIT, day: MONDAY, details: FULL_DAY, by: WORKER })).toBe('unchanged');
  });

  it('ask a ticket price when the unit pays per ticket on that day', async () => {
    expect(await transportKindOn(db, UNIT, MONDAY)).toBe('none');
    await db.write((tx) => tx.run("INSERT INTO transport_rates (unit_id, valid_from, kind, day_cents, created_at) VALUES (1, '2026-12-01', 'per_ticket', 0, 0), (1, '2027-01-01', 'per_day', 500, 0)"));
    expect(await transportKindOn(db, UNIT, MONDAY)).toBe('none');
    expect(await transportKindOn(db, UNIT, TUESDAY)).toBe('per_ticket');
    expect(await transportKindOn(db, UNIT, '2027-01-04')).toBe('per_day');
    expect(await transportKindOn(db, 2, TUESDAY)).toBe('none');
  });
});

describe('reported absences ahead', () => {
  it('lists the reports of these clients with a day in the window, with the days not yet confirmed', async () => {
    const r1 = await createAbsenceReport(db, { clientId: ANNA, reason: 'sick', words: 'Flunssa', days: ['2026-11-27', MONDAY, TUESDAY], key: 'a', by: ANNA });
    const r2 = await createAbsenceReport(db, { clientId: BEN, reason: 'doctor', words: '', days: ['2026-12-02'], key: 'b', by: BEN });
    await createAbsenceReport(db, { clientId: CAIJA, reason: 'other', words: '', days: ['2026-12-20'], key: 'c', by: CAIJA });
    const cancelled = await createAbsenceReport(db, { clientId: BEN, reason: 'other', words: '', days: [MONDAY], key: 'd', by: BEN });
    await db.write((tx) => tx.run('UPDATE absence_reports SET cancelled_at = 1 WHERE id = ?', [cancelled]));
    await db.write((tx) => tx.run('UPDATE absence_report_days SET confirmed_at = 1, confirmed_by = ? WHERE report_id = ? AND day = ?', [WORKER, r1, MONDAY]));
    expect(await reportedAbsencesAhead(db, [ANNA, BEN, CAIJA], MONDAY, '2026-12-07')).toEqual([
      { report_id: r1, client_id: ANNA, full_name: 'Anna A', reason: 'sick', words: 'Flunssa', days: [MONDAY, TUESDAY], open: [TUESDAY] },
      { report_id: r2, client_id: BEN, full_name: 'Ben B', reason: 'doctor', words: '', days: ['2026-12-02'], open: ['2026-12-02'] },
    ]);
    expect(await reportedAbsencesAhead(db, [CAIJA], MONDAY, '2026-12-07')).toEqual([]);
    expect(await reportedAbsencesAhead(db, [], MONDAY, '2026-12-07')).toEqual([]);
  });
});
