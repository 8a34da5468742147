import { audit, auditClientChange } from '../admin/audit';
import type { Database, Tx } from '../db';
import type { ServiceType } from '@domain/plan/plan';
import {
  addMonths,
  computeStatement,
  daysOfMonth,
  monthOf,
  type AbsenceReason,
  type AttendanceStatus,
  type Rate,
  type Statement,
  type TransportKind,
  type TransportRate,
} from '@domain/attendance';
import { todayInHelsinki } from '@domain/time/helsinki';
import { afterAbsenceReport } from '../notifications/events';
import { commaList } from '@server/db/dialect';

/**
 * All SQL about attendance, absence reports, rates and monthly statements. The money rules
 * themselves are pure (domain/attendance/money.ts); this module gathers their inputs.
 */

const firstDay = (month: string) => `${month}-01`;
const lastDay = (month: string) => daysOfMonth(month).at(-1)!;

/** The recorded days of one client in one month (a primary-key range: fast at any table size). */
export async function attendanceOfMonth(db: Database | Tx, clientId: number, month: string): Promise<Map<string, AttendanceStatus>> {
  const rows = await db.all<{ day: string; status: AttendanceStatus }>(
    'SELECT day, status FROM attendance WHERE client_id = ? AND day BETWEEN ? AND ?',
    [clientId, firstDay(month), lastDay(month)],
  );
  return new Map(rows.map((r) => [r.day, r.status]));
}

export interface ReportedDay {
  day: string;
  reportId: number;
  reason: AbsenceReason;
  words: string;
  confirmed: boolean;
}

/** Days of reports not cancelled, between two days (inclusive). */
export async function reportedDays(db: Database | Tx, clientId: number, from: string, to: string): Promise<ReportedDay[]> {
  const rows = await db.all<{ day: string; report_id: number; reason: AbsenceReason; words: string; confirmed_at: number | null }>(
    `SELECT d.day, d.report_id, r.reason, r.words, d.confirmed_at
       FROM absence_reports r JOIN absence_report_days d ON d.report_id = r.id
      WHERE r.client_id = ? AND r.cancelled_at IS NULL AND d.day BETWEEN ? AND ?
      ORDER BY d.day`,
    [clientId, from, to],
  );
  return rows.map((r) => ({ day: r.day, reportId: r.report_id, reason: r.reason, words: r.words, confirmed: r.confirmed_at !== null }));
}

/** A client's reports that can still be cancelled (no day confirmed yet), newest first. */
export async function openReports(db: Database, clientId: number): Promise<{ id: number; reason: AbsenceReason; days: string[] }[]> {
  const rows = await db.all<{ id: number; reason: AbsenceReason; days: string }>(
    `SELECT r.id, r.reason, ${commaList(db, 'd.day')} AS days
       FROM absence_reports r JOIN absence_report_days d ON d.report_id = r.id
      WHERE r.client_id = ? AND r.cancelled_at IS NULL
      GROUP BY r.id
     HAVING MAX(d.confirmed_at) IS NULL AND MAX(d.day) >= ?
      ORDER BY r.id DESC`,
    [clientId, todayInHelsinki()],
  );
  return rows.map((r) => ({ id: r.id, reason: r.reason, days: r.days.split(',').sort() }));
}

/** Reports not cancelled with a day from `from` on that no one has confirmed yet, of these clients (the inbox's list). */
export async function unconfirmedReportsOf(db: Database, clientIds: readonly number[], from: string): Promise<{ client_id: number; full_name: string; day: string; reason: AbsenceReason }[]> {
  if (clientIds.length === 0) return [];
  return db.all(
    `SELECT r.client_id, p.full_name, MIN(d.day) AS day, r.reason FROM absence_reports r
       JOIN absence_report_days d ON d.report_id = r.id JOIN people p ON p.id = r.client_id
      WHERE r.client_id IN (${clientIds.map(() => '?').join(',')}) AND r.cancelled_at IS NULL AND d.confirmed_at IS NULL AND d.day >= ?
      GROUP BY r.id, p.id ORDER BY day`,
    [...clientIds, from],
  );
}

export interface WeeklyHours {
  weekday: number;
  starts_at: string;
  ends_at: string;
}

/** The client's weekly schedule (ISO weekdays and hours), by weekday. */
export async function weeklySchedule(db: Database, clientId: number): Promise<WeeklyHours[]> {
  return db.all<WeeklyHours>('SELECT weekday, starts_at, ends_at FROM weekly_schedule WHERE client_id = ? ORDER BY weekday', [clientId]);
}

/**
 * Records an absence report. The same idempotency key again (a double tap, a resent form)
 * records nothing new. Returns the report's id, or null when the key belongs to someone else.
 */
export async function createAbsenceReport(
  db: Database,
  report: { clientId: number; reason: AbsenceReason; words: string; days: string[]; key: string; by: number },
  now = Date.now(),
): Promise<number | null> {
  return db.write(async (tx) => {
    const existing = await tx.get<{ id: number; client_id: number }>('SELECT id, client_id FROM absence_reports WHERE idempotency_key = ?', [report.key]);
    if (existing) return existing.client_id === report.clientId ? existing.id : null;
    const { lastID } = await tx.run(
      'INSERT INTO absence_reports (client_id, reason, words, idempotency_key, reported_by, reported_at) VALUES (?, ?, ?, ?, ?, ?)',
      [report.clientId, report.reason, report.words, report.key, report.by, now],
    );
    for (const day of new Set(report.days)) await tx.run('INSERT INTO absence_report_days (report_id, day) VALUES (?, ?)', [lastID, day]);
    // Its notifications (workers told at once, family with the client's consent) in this transaction.
    await afterAbsenceReport(tx, { id: lastID, clientId: report.clientId, days: [...new Set(report.days)], reportedBy: report.by }, now);
    return lastID;
  });
}

/** Cancels a report of this client if no day of it is confirmed yet. Returns whether it did. */
export async function cancelAbsenceReport(db: Database, clientId: number, reportId: number, now = Date.now()): Promise<boolean> {
  const { changes } = await db.write((tx) =>
    tx.run(
      `UPDATE absence_reports SET cancelled_at = ?
        WHERE id = ? AND client_id = ? AND cancelled_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM absence_report_days WHERE report_id = absence_reports.id AND confirmed_at IS NOT NULL)`,
      [now, reportId, clientId],
    ),
  );
  return changes === 1;
}

/** What a confirmed report makes of the day: sick is sick, a doctor's visit or other reason is absent. */
export const STATUS_OF_REASON: Record<AbsenceReason, AttendanceStatus> = { sick: 'sick', doctor: 'absent', other: 'absent' };

export interface UnitSettings {
  id: number;
  name: string;
  paid_summer_holiday: number;
  payment_day: number;
  /** The unit's cost centre in the bookkeeping ('' when not set), written on the payroll export. */
  cost_centre: string;
}

export async function unitSettings(db: Database | Tx, unitId: number): Promise<UnitSettings | undefined> {
  return db.get<UnitSettings>('SELECT id, name, paid_summer_holiday, payment_day, cost_centre FROM units WHERE id = ?', [unitId]);
}

/** The unit's travel compensation rules, newest first (history: a new rule is a new row). */
export async function unitTransportRates(db: Database | Tx, unitId: number): Promise<(TransportRate & { id: number })[]> {
  const rows = await db.all<{ id: number; valid_from: string; kind: TransportKind; day_cents: number }>(
    'SELECT id, valid_from, kind, day_cents FROM transport_rates WHERE unit_id = ? ORDER BY valid_from DESC, id DESC',
    [unitId],
  );
  return rows.map((r) => ({ id: r.id, validFrom: r.valid_from, kind: r.kind, dayCents: r.day_cents }));
}

/** Adds a travel compensation rule from a day on, with its audit row: the new id, or null when the unit has a rule from that day. */
export async function insertTransportRate(tx: Tx, unitId: number, rate: TransportRate, by: number, now = Date.now()): Promise<number | null> {
  const dayCents = rate.kind === 'per_day' ? rate.dayCents : 0;
  const { changes, lastID } = await tx.run(
    `INSERT INTO transport_rates (unit_id, valid_from, kind, day_cents, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id, valid_from) DO NOTHING`,
    [unitId, rate.validFrom, rate.kind, dayCents, by, now],
  );
  if (changes !== 1) return null;
  await audit(tx, { actorId: by, unitId, action: 'add transport rate', targetType: 'unit', targetId: unitId, new: { valid_from: rate.validFrom, kind: rate.kind, day_cents: dayCents } }, now);
  return lastID;
}

export async function unitRates(db: Database | Tx, unitId: number): Promise<(Rate & { id: number })[]> {
  const rows = await db.all<{ id: number; service_type: ServiceType; valid_from: string; daily_cents: number; meal_cents: number }>(
    'SELECT id, service_type, valid_from, daily_cents, meal_cents FROM rates WHERE unit_id = ? ORDER BY service_type, valid_from DESC',
    [unitId],
  );
  return rows.map((r) => ({ id: r.id, serviceType: r.service_type, validFrom: r.valid_from, dailyCents: r.daily_cents, mealCents: r.meal_cents }));
}

/** Adds a rate (a new row: rates are history). False when a rate of that day exists already. */
export async function addRate(db: Database, unitId: number, rate: Rate, by: number, now = Date.now()): Promise<boolean> {
  return db.write(async (tx) => (await insertRate(tx, unitId, rate, by, now)) !== null);
}

/** addRate inside a write transaction (the rates form also records its key there): the new id, or null. */
export async function insertRate(tx: Tx, unitId: number, rate: Rate, by: number, now = Date.now()): Promise<number | null> {
  const { changes, lastID } = await tx.run(
    `INSERT INTO rates (unit_id, service_type, valid_from, daily_cents, meal_cents, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id, service_type, valid_from) DO NOTHING`,
    [unitId, rate.serviceType, rate.validFrom, rate.dailyCents, rate.mealCents, by, now],
  );
  if (changes !== 1) return null;
  await audit(tx, { actorId: by, unitId, action: 'add rate', targetType: 'unit', targetId: unitId, new: { service_type: rate.serviceType, valid_from: rate.validFrom, daily_cents: rate.dailyCents, meal_cents: rate.mealCents } }, now);
  return lastID;
}

export async function isMonthApproved(db: Database | Tx, unitId: number, month: string): Promise<boolean> {
  return !!(await db.get('SELECT 1 FROM month_approvals WHERE unit_id = ? AND month = ?', [unitId, month]));
}

/** The service type of each day, from the plan versions: the newest version saved by that day. */
async function serviceTypeResolver(db: Database | Tx, clientIds: number[]): Promise<(clientId: number, day: string) => ServiceType | null> {
  if (clientIds.length === 0) return () => null;
  const rows = await db.all<{ client_id: number; service_type: ServiceType; created_at: number }>(
    `SELECT client_id, service_type, created_at FROM plan_versions WHERE client_id IN (${clientIds.map(() => '?').join(',')}) ORDER BY client_id, version`,
    clientIds,
  );
  const byClient = new Map<number, { from: string; type: ServiceType }[]>();
  for (const r of rows) {
    const list = byClient.get(r.client_id) ?? [];
    list.push({ from: todayInHelsinki(r.created_at), type: r.service_type });
    byClient.set(r.client_id, list);
  }
  return (clientId, day) => {
    const versions = byClient.get(clientId);
    if (!versions?.length) return null;
    let type = versions[0].type; // before the first version was saved, the first plan applies
    for (const v of versions) if (v.from <= day) type = v.type;
    return type;
  };
}

interface ClientMoneyFacts {
  id: number;
  unit_id: number;
  meal_fee: number;
}

/**
 * Statements of several clients of one unit for one month, computed from attendance, rates and
 * adjustments with a fixed number of queries (a 500-client unit is one pass, not 500).
 */
export async function computeStatements(db: Database | Tx, unitId: number, clients: ClientMoneyFacts[], month: string): Promise<Map<number, Statement>> {
  const result = new Map<number, Statement>();
  if (clients.length === 0) return result;
  const unit = await unitSettings(db, unitId);
  const ids = clients.map((c) => c.id);
  const marks = ids.map(() => '?').join(',');
  const yearStart = `${month.slice(0, 4)}-01-01`;
  const [rates, transportRates, serviceTypeOf, days, earlierHolidays, adjustments] = await Promise.all([
    unitRates(db, unitId),
    unitTransportRates(db, unitId),
    serviceTypeResolver(db, ids),
    db.all<{ client_id: number; day: string; status: AttendanceStatus; transport: number; ticket_cents: number | null }>(
      `SELECT client_id, day, status, transport, ticket_cents FROM attendance WHERE client_id IN (${marks}) AND day BETWEEN ? AND ? ORDER BY client_id, day`,
      [...ids, firstDay(month), lastDay(month)],
    ),
    unit?.paid_summer_holiday
      ? db.all<{ client_id: number; day: string }>(
          `SELECT client_id, day FROM attendance WHERE client_id IN (${marks}) AND status = 'holiday' AND day >= ? AND day < ?`,
          [...ids, yearStart, firstDay(month)],
        )
      : Promise.resolve([]),
    db.all<{ client_id: number; for_day: string; cents: number }>(
      `SELECT client_id, for_day, cents FROM adjustments WHERE client_id IN (${marks}) AND paid_in_month = ? ORDER BY id`,
      [...ids, month],
    ),
  ]);
  const daysOf = groupBy(days, (d) => d.client_id);
  const holidaysOf = groupBy(earlierHolidays, (d) => d.client_id);
  const adjustmentsOf = groupBy(adjustments, (a) => a.client_id);
  for (const client of clients) {
    const serviceTypeOn = (day: string) => serviceTypeOf(client.id, day);
    // Paid holiday days used earlier this year: avotyö holiday days, at most 20 in all.
    const paidBefore = (holidaysOf.get(client.id) ?? []).filter((d) => serviceTypeOn(d.day) === 'avotyotoiminta').length;
    result.set(
      client.id,
      computeStatement({
        month,
        days: (daysOf.get(client.id) ?? []).map(({ day, status, transport, ticket_cents }) => ({ day, status, transport: transport === 1, ticketCents: ticket_cents })),
        serviceTypeOn,
        rates,
        mealFeeApplies: client.meal_fee === 1,
        paidSummerHoliday: unit?.paid_summer_holiday === 1,
        paidHolidayDaysBefore: Math.min(paidBefore, 20),
        adjustments: (adjustmentsOf.get(client.id) ?? []).map((a) => ({ forDay: a.for_day, cents: a.cents })),
        transportRates,
      }),
    );
  }
  return result;
}

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

export async function clientMoneyFacts(db: Database | Tx, clientId: number): Promise<ClientMoneyFacts | undefined> {
  return db.get<ClientMoneyFacts>("SELECT id, unit_id, meal_fee FROM people WHERE id = ? AND role = 'client'", [clientId]);
}

/** One client's statement of a month; for an approved month also what was approved and paid. */
export async function clientStatement(
  db: Database,
  clientId: number,
  month: string,
): Promise<{ statement: Statement; approved: ApprovedStatement | null; paymentDay: number } | null> {
  const client = await clientMoneyFacts(db, clientId);
  if (!client?.unit_id) return null;
  const [statements, approved, unit] = await Promise.all([
    computeStatements(db, client.unit_id, [client], month),
    db.get<ApprovedStatement>(
      `SELECT present_days, paid_holiday_days, gross_cents, meal_fee_cents, adjustments_cents, net_cents, transport_cents
         FROM month_statements WHERE client_id = ? AND month = ?`,
      [clientId, month],
    ),
    unitSettings(db, client.unit_id),
  ]);
  return { statement: statements.get(clientId)!, approved: approved ?? null, paymentDay: unit?.payment_day ?? 15 };
}

export interface ApprovedStatement {
  present_days: number;
  paid_holiday_days: number;
  gross_cents: number;
  meal_fee_cents: number;
  adjustments_cents: number;
  net_cents: number;
  /** The travel compensation paid beside net_cents (0 for months approved before it existed). */
  transport_cents: number;
}

/** Adjustments paid in a month, for the client's easy explanation ("15.10.: sairas → paikalla"). */
export async function adjustmentsPaidIn(db: Database, clientId: number, month: string) {
  return db.all<{ for_day: string; old_status: AttendanceStatus; new_status: AttendanceStatus; cents: number; reason: string | null }>(
    'SELECT for_day, old_status, new_status, cents, reason FROM adjustments WHERE client_id = ? AND paid_in_month = ? ORDER BY for_day, id',
    [clientId, month],
  );
}

export interface MonthMoney {
  /** The month's statement, or null for a client without a unit. */
  statement: Awaited<ReturnType<typeof clientStatement>>;
  adjustments: Awaited<ReturnType<typeof adjustmentsPaidIn>>;
}

/** What the easy-read money page shows of one month: the statement and the corrections paid in it. */
export async function moneyOfMonth(db: Database, clientId: number, month: string): Promise<MonthMoney> {
  const [statement, adjustments] = await Promise.all([clientStatement(db, clientId, month), adjustmentsPaidIn(db, clientId, month)]);
  return { statement, adjustments };
}

/** The first month after `month` that the unit has not approved: where a correction is paid. */
async function nextOpenMonth(tx: Tx, unitId: number, month: string): Promise<string> {
  let candidate = addMonths(month, 1);
  while (await isMonthApproved(tx, unitId, candidate)) candidate = addMonths(candidate, 1);
  return candidate;
}

/** 'reasonRequired': a day of an approved month, sent without a reason; nothing was saved. */
export type RecordResult = 'saved' | 'unchanged' | 'adjusted' | 'reasonRequired';

/** The longest reason for a correction (also a CHECK in the database). */
export const REASON_MAX = 200;

/**
 * Records a day's status (by a worker or admin). Changing a day already recorded, or any day of an
 * approved month, is logged (who, when, old → new), and a correction has its staff audit row. In
 * a month the unit has approved, the statement stays as approved: the difference in money becomes
 * an adjustment paid in the next open month, and the correction needs a reason (kept with the change, the adjustment and
 * the audit row; the client sees it): without one nothing is saved.
 */
export async function recordStatus(
  db: Database,
  change: { clientId: number; day: string; status: AttendanceStatus; by: number; reason?: string },
  now = Date.now(),
): Promise<RecordResult> {
  return db.write((tx) => recordStatusInTx(tx, change, now, true));
}

async function recordStatusInTx(
  tx: Tx,
  change: { clientId: number; day: string; status: AttendanceStatus; by: number; reason?: string },
  now: number,
  /** False when the change has its reason elsewhere (a confirmed absence report: the client's own report). */
  reasonRequired: boolean,
): Promise<RecordResult> {
  {
    const client = await clientMoneyFacts(tx, change.clientId);
    if (!client) throw new Error('not a client');
    const old = await tx.get<{ status: AttendanceStatus }>('SELECT status FROM attendance WHERE client_id = ? AND day = ?', [change.clientId, change.day]);
    if (old?.status === change.status) return 'unchanged';
    const month = monthOf(change.day);
    const approved = await isMonthApproved(tx, client.unit_id, month);
    const reason = change.reason?.trim().slice(0, REASON_MAX) || null;
    if (approved && reasonRequired && !reason) return 'reasonRequired';
    let before: Statement | undefined;
    if (approved) before = (await computeStatements(tx, client.unit_id, [client], month)).get(client.id);
    // The day's details (a part day, late arrival, transport) belong to a present day: a day that
    // is no longer present loses them.
    await tx.run(
      `INSERT INTO attendance (client_id, day, status, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (client_id, day) DO UPDATE SET status = excluded.status, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at,
         part_minutes = CASE WHEN excluded.status = 'present' THEN attendance.part_minutes END,
         from_time = CASE WHEN excluded.status = 'present' THEN attendance.from_time END,
         until_time = CASE WHEN excluded.status = 'present' THEN attendance.until_time END,
         late = CASE WHEN excluded.status = 'present' THEN attendance.late ELSE 0 END,
         transport = CASE WHEN excluded.status = 'present' THEN attendance.transport ELSE 0 END,
         ticket_cents = CASE WHEN excluded.status = 'present' THEN attendance.ticket_cents END`,
      [change.clientId, change.day, change.status, change.by, now],
    );
    // A day of an approved month marked for the first time is a correction too: it goes to the
    // history with its reason, from 'none'.
    if (old || approved) {
      await tx.run(
        'INSERT INTO attendance_changes (client_id, day, old_status, new_status, changed_by, changed_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [change.clientId, change.day, old?.status ?? 'none', change.status, change.by, now, reason],
      );
    }
    // A correction (a day already recorded, or any day of an approved month) is a change to the
    // client's records and goes to the audit log; the first mark of a day in the daily register
    // is the register itself (who and when are on the attendance row).
    if (old || approved) {
      await auditClientChange(tx, { actorId: change.by, clientId: change.clientId, action: 'correct attendance', old: { day: change.day, status: old?.status ?? null }, new: { day: change.day, status: change.status, ...(reason && { reason }) } }, now);
    }
    if (!approved || !before) return 'saved';
    const after = (await computeStatements(tx, client.unit_id, [client], month)).get(client.id)!;
    // Adjustments paid *in* the approved month are part of both sides and cancel out.
    const difference = after.netCents - before.netCents;
    await tx.run(
      `INSERT INTO adjustments (client_id, paid_in_month, for_day, old_status, new_status, cents, created_by, created_at, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [change.clientId, await nextOpenMonth(tx, client.unit_id, month), change.day, old?.status ?? 'none', change.status, difference, change.by, now, reason],
    );
    return 'adjusted';
  }
}

/**
 * Confirms one reported day: the report's reason becomes the day's status, the day is marked
 * confirmed, and the audit row is written, all in one transaction.
 */
export async function confirmReportedDay(db: Database, clientId: number, reportId: number, day: string, by: number, now = Date.now()): Promise<boolean> {
  return db.write(async (tx) => {
    const report = await tx.get<{ reason: AbsenceReason; confirmed_at: number | null }>(
      `SELECT r.reason, d.confirmed_at FROM absence_reports r JOIN absence_report_days d ON d.report_id = r.id
        WHERE r.id = ? AND r.client_id = ? AND r.cancelled_at IS NULL AND d.day = ?`,
      [reportId, clientId, day],
    );
    if (!report) return false;
    await recordStatusInTx(tx, { clientId, day, status: STATUS_OF_REASON[report.reason], by }, now, false);
    if (report.confirmed_at === null) {
      await tx.run('UPDATE absence_report_days SET confirmed_by = ?, confirmed_at = ? WHERE report_id = ? AND day = ?', [by, now, reportId, day]);
      await auditClientChange(tx, { actorId: by, clientId, action: 'confirm absence', old: null, new: { report_id: reportId, day, reason: report.reason } }, now);
    }
    return true;
  });
}

/** The weekdays (1 = Monday) the client is expected, from their current plan's weekly schedule. */
export async function scheduledWeekdays(db: Database, clientId: number): Promise<Set<number>> {
  return new Set((await weeklySchedule(db, clientId)).map((hours) => hours.weekday));
}

export interface RegisterRow {
  id: number;
  full_name: string;
  avatar: string;
  status: AttendanceStatus | null;
  report_id: number | null;
  reason: AbsenceReason | null;
  words: string | null;
  confirmed: number | null;
  scheduled: number;
  /** 1 when a worker added the client to this day's register (not on the weekday's schedule). */
  added: number;
  /** The day's details (issue 15, point 8): see domain/attendance/day-details.ts. */
  part_minutes: number | null;
  from_time: string | null;
  until_time: string | null;
  late: number | null;
  transport: number | null;
  ticket_cents: number | null;
}

/**
 * The daily register: a unit's active clients who are scheduled that weekday, were added to that
 * day, or have a status or a report that day, with the day's status, its details and any report.
 */
export async function dailyRegister(db: Database, unitId: number, day: string, weekday: number): Promise<RegisterRow[]> {
  // One row per client: a day covered by two reports shows the newer one.
  return db.all<RegisterRow>(
    `SELECT c.id, c.full_name, c.avatar, a.status, c.report_id, r.reason, r.words,
            (SELECT CASE WHEN confirmed_at IS NOT NULL THEN 1 ELSE 0 END FROM absence_report_days WHERE report_id = c.report_id AND day = ?) AS confirmed,
            c.scheduled, c.added, a.part_minutes, a.from_time, a.until_time, a.late, a.transport, a.ticket_cents
       FROM (SELECT p.id, p.full_name, p.avatar,
                    (SELECT rd.report_id FROM absence_report_days rd JOIN absence_reports x ON x.id = rd.report_id
                      WHERE x.client_id = p.id AND x.cancelled_at IS NULL AND rd.day = ? ORDER BY rd.report_id DESC LIMIT 1) AS report_id,
                    CASE WHEN EXISTS (SELECT 1 FROM weekly_schedule s WHERE s.client_id = p.id AND s.weekday = ?) THEN 1 ELSE 0 END AS scheduled,
                    CASE WHEN EXISTS (SELECT 1 FROM register_additions ra WHERE ra.client_id = p.id AND ra.day = ?) THEN 1 ELSE 0 END AS added
               FROM people p WHERE p.unit_id = ? AND p.role = 'client' AND p.active = 1) c
       LEFT JOIN attendance a ON a.client_id = c.id AND a.day = ?
       LEFT JOIN absence_reports r ON r.id = c.report_id
      WHERE c.scheduled = 1 OR c.added = 1 OR a.status IS NOT NULL OR c.report_id IS NOT NULL
      ORDER BY c.full_name`,
    [day, day, weekday, day, unitId, day],
  );
}

/** Every active client of the unit with their money facts (for the unit's month view). */
export async function unitClients(db: Database | Tx, unitId: number): Promise<(ClientMoneyFacts & { full_name: string; asiakasnumero: string | null })[]> {
  return db.all("SELECT id, unit_id, meal_fee, full_name, asiakasnumero FROM people WHERE unit_id = ? AND role = 'client' AND active = 1 ORDER BY full_name", [unitId]);
}

/**
 * Approves a month of a unit: the statements computed now are stored and final. Only a month
 * that has ended, once. Returns false when it was approved already.
 */
export async function approveMonth(db: Database, unitId: number, month: string, by: number, now = Date.now()): Promise<boolean> {
  return db.write(async (tx) => {
    if (await isMonthApproved(tx, unitId, month)) return false;
    const clients = await unitClients(tx, unitId);
    const statements = await computeStatements(tx, unitId, clients, month);
    await tx.run('INSERT INTO month_approvals (unit_id, month, approved_by, approved_at) VALUES (?, ?, ?, ?)', [unitId, month, by, now]);
    await audit(tx, { actorId: by, unitId, action: 'approve month', targetType: 'unit', targetId: unitId, new: { month, clients: clients.length } }, now);
    for (const client of clients) {
      const s = statements.get(client.id)!;
      await tx.run(
        `INSERT INTO month_statements (unit_id, month, client_id, present_days, paid_holiday_days, gross_cents, meal_fee_cents, adjustments_cents, net_cents, transport_cents)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [unitId, month, client.id, s.presentDays, s.paidHolidayDays, s.grossCents, s.mealFeeCents, s.adjustmentsCents, s.netCents, s.transportCents],
      );
    }
    return true;
  });
}

export interface ApprovedRow extends ApprovedStatement {
  client_id: number;
  full_name: string;
  /** The client's number in the payroll system's register, or null when not known. */
  asiakasnumero: string | null;
}

export async function approvedMonth(db: Database, unitId: number, month: string): Promise<ApprovedRow[]> {
  return db.all<ApprovedRow>(
    `SELECT s.client_id, p.full_name, p.asiakasnumero, s.present_days, s.paid_holiday_days, s.gross_cents, s.meal_fee_cents, s.adjustments_cents, s.net_cents, s.transport_cents
       FROM month_statements s JOIN people p ON p.id = s.client_id
      WHERE s.unit_id = ? AND s.month = ? ORDER BY p.full_name, s.client_id`,
    [unitId, month],
  );
}

/** One client's approved statement of a month in the unit, for the accountant's statement. */
export async function approvedStatementOf(db: Database, unitId: number, month: string, clientId: number): Promise<ApprovedRow | undefined> {
  return db.get<ApprovedRow>(
    `SELECT s.client_id, p.full_name, p.asiakasnumero, s.present_days, s.paid_holiday_days, s.gross_cents, s.meal_fee_cents, s.adjustments_cents, s.net_cents, s.transport_cents
       FROM month_statements s JOIN people p ON p.id = s.client_id
      WHERE s.unit_id = ? AND s.month = ? AND s.client_id = ?`,
    [unitId, month, clientId],
  );
}

/** Recorded changes of a client's days in a month (who, when, old → new, why), newest first. */
export async function changesOfMonth(db: Database, clientId: number, month: string) {
  return db.all<{ day: string; old_status: AttendanceStatus | 'none'; new_status: AttendanceStatus; changed_at: number; who: string; reason: string | null }>(
    `SELECT c.day, c.old_status, c.new_status, c.changed_at, p.full_name AS who, c.reason
       FROM attendance_changes c JOIN people p ON p.id = c.changed_by
      WHERE c.client_id = ? AND c.day BETWEEN ? AND ? ORDER BY c.id DESC`,
    [clientId, firstDay(month), lastDay(month)],
  );
}
