import { audit, auditClientChange } from '../admin/audit';
import type { Database, Tx } from '../db';
import { isoWeekday, monthOf, type AbsenceReason, type DayDetails } from '@domain/attendance';
import { isMonthApproved } from './store';

/**
 * The SQL of the daily register's tools besides one tap (issue 15, points 6–8): "Kaikki
 * paikalla", a client added to one day, the day's details of a present client, the unit's kind
 * of travel compensation on a day, and the reported absences ahead for the worker's home.
 */

/** The day's details as the attendance row holds them. */
export interface DayDetailsColumns {
  part_minutes: number | null;
  from_time: string | null;
  until_time: string | null;
  late: number | null;
  transport: number | null;
  ticket_cents: number | null;
}

/** An attendance row's detail columns as DayDetails (a day without a row: a full, ordinary day). */
export function detailsOf(row: DayDetailsColumns): DayDetails {
  return {
    partMinutes: row.part_minutes,
    fromTime: row.from_time,
    untilTime: row.until_time,
    late: row.late === 1,
    transport: row.transport === 1,
    ticketCents: row.ticket_cents,
  };
}

export type TransportKind = 'none' | 'per_day' | 'per_ticket';

/** The unit's travel compensation in force on a day (migration 0012's history): 'none' before the first rule. */
export async function transportKindOn(db: Database | Tx, unitId: number, day: string): Promise<TransportKind> {
  const row = await db.get<{ kind: TransportKind }>('SELECT kind FROM transport_rates WHERE unit_id = ? AND valid_from <= ? ORDER BY valid_from DESC LIMIT 1', [unitId, day]);
  return row?.kind ?? 'none';
}

/** What a "Kaikki paikalla" post did: how many it marked (a replay: what the first post marked), or why nothing. */
export type AllPresentResult = { marked: number; replay: boolean } | 'approved' | 'formUsed';

/**
 * "Kaikki paikalla": marks present, in one transaction, each of `clientIds` (the clients the
 * person may see) who is on the day's list (scheduled that weekday or added to the day), has no
 * status yet and no reported absence that day. A status already recorded and a reported absence
 * are never touched. The post's key is stored with it: the same key again changes nothing and
 * answers with what the first post marked (another person's key: 'formUsed'). A day of an
 * approved month is refused whole: a correction there needs a reason, one day at a time.
 */
export async function markAllPresent(
  db: Database,
  post: { unitId: number; day: string; clientIds: readonly number[]; key: string; by: number },
  now = Date.now(),
): Promise<AllPresentResult> {
  return db.write(async (tx) => {
    const first = await tx.get<{ actor_id: number; marked: number }>('SELECT actor_id, marked FROM register_all_present WHERE idempotency_key = ?', [post.key]);
    if (first) return first.actor_id === post.by ? { marked: first.marked, replay: true } : 'formUsed';
    if (await isMonthApproved(tx, post.unitId, monthOf(post.day))) return 'approved';
    const ids = [...new Set(post.clientIds)];
    const marked = ids.length === 0 ? [] : await tx.all<{ id: number }>(
      `SELECT p.id FROM people p
        WHERE p.id IN (${ids.map(() => '?').join(',')}) AND p.unit_id = ? AND p.role = 'client' AND p.active = 1
          AND (EXISTS (SELECT 1 FROM weekly_schedule s WHERE s.client_id = p.id AND s.weekday = ?)
               OR EXISTS (SELECT 1 FROM register_additions ra WHERE ra.client_id = p.id AND ra.day = ?))
          AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.client_id = p.id AND a.day = ?)
          AND NOT EXISTS (SELECT 1 FROM absence_reports r JOIN absence_report_days d ON d.report_id = r.id
                           WHERE r.client_id = p.id AND r.cancelled_at IS NULL AND d.day = ?)
        ORDER BY p.id`,
      [...ids, post.unitId, isoWeekday(post.day), post.day, post.day, post.day],
    );
    for (const { id } of marked) {
      await tx.run("INSERT INTO attendance (client_id, day, status, recorded_by, recorded_at) VALUES (?, ?, 'present', ?, ?)", [id, post.day, post.by, now]);
    }
    await tx.run('INSERT INTO register_all_present (unit_id, day, idempotency_key, actor_id, marked, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      post.unitId, post.day, post.key, post.by, marked.length, now,
    ]);
    await audit(tx, { actorId: post.by, unitId: post.unitId, action: 'mark all present', targetType: 'unit', targetId: post.unitId, new: { day: post.day, client_ids: marked.map((m) => m.id) } }, now);
    return { marked: marked.length, replay: false };
  });
}

/**
 * Adds a client who is not on the weekday's schedule to one day's register. 'already' when the
 * client is on that day's list already (scheduled or added before): nothing changes.
 */
export async function addToRegisterDay(db: Database, add: { clientId: number; day: string; by: number }, now = Date.now()): Promise<'added' | 'already'> {
  return db.write(async (tx) => {
    const scheduled = await tx.get('SELECT 1 FROM weekly_schedule WHERE client_id = ? AND weekday = ?', [add.clientId, isoWeekday(add.day)]);
    if (scheduled) return 'already';
    const { changes } = await tx.run('INSERT INTO register_additions (client_id, day, added_by, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', [add.clientId, add.day, add.by, now]);
    if (changes !== 1) return 'already';
    await auditClientChange(tx, { actorId: add.by, clientId: add.clientId, action: 'add to register day', new: { day: add.day } }, now);
    return 'added';
  });
}

/** 'notPresent': the day has no status 'present' (details belong to a present day); 'approved': the month is approved. */
export type DetailsResult = 'saved' | 'unchanged' | 'notPresent' | 'approved';

const COLUMNS: Record<keyof DayDetails, keyof DayDetailsColumns> = {
  partMinutes: 'part_minutes',
  fromTime: 'from_time',
  untilTime: 'until_time',
  late: 'late',
  transport: 'transport',
  ticketCents: 'ticket_cents',
};

/**
 * Saves the details of a present day (checked by checkDayDetails). The change goes to the audit
 * log with the fields that changed, old and new. Travel compensation of an approved month is
 * paid already: its days' details are not changed here.
 */
export async function saveDayDetails(
  db: Database,
  save: { clientId: number; unitId: number; day: string; details: DayDetails; by: number },
  now = Date.now(),
): Promise<DetailsResult> {
  return db.write(async (tx) => {
    const row = await tx.get<DayDetailsColumns & { status: string }>(
      'SELECT status, part_minutes, from_time, until_time, late, transport, ticket_cents FROM attendance WHERE client_id = ? AND day = ?',
      [save.clientId, save.day],
    );
    if (row?.status !== 'present') return 'notPresent';
    const before = detailsOf(row);
    const changed = (Object.keys(COLUMNS) as (keyof DayDetails)[]).filter((k) => before[k] !== save.details[k]);
    if (changed.length === 0) return 'unchanged';
    if (await isMonthApproved(tx, save.unitId, monthOf(save.day))) return 'approved';
    const d = save.details;
    await tx.run(
      `UPDATE attendance SET part_minutes = ?, from_time = ?, until_time = ?, late = ?, transport = ?, ticket_cents = ?
        WHERE client_id = ? AND day = ?`,
      [d.partMinutes, d.fromTime, d.untilTime, d.late ? 1 : 0, d.transport ? 1 : 0, d.ticketCents, save.clientId, save.day],
    );
    const pick = (details: DayDetails) => Object.fromEntries(changed.map((k) => [COLUMNS[k], details[k]]));
    await auditClientChange(tx, { actorId: save.by, clientId: save.clientId, action: 'day details', old: { day: save.day, ...pick(before) }, new: { day: save.day, ...pick(d) } }, now);
    return 'saved';
  });
}

export interface ReportedAhead {
  report_id: number;
  client_id: number;
  full_name: string;
  reason: AbsenceReason;
  words: string;
  /** The report's days between the two days asked, in order. */
  days: string[];
  /** Those of the days not yet confirmed. */
  open: string[];
}

/** Reports not cancelled of these clients with a day between `from` and `to` (inclusive), the earliest first. */
export async function reportedAbsencesAhead(db: Database, clientIds: readonly number[], from: string, to: string): Promise<ReportedAhead[]> {
  if (clientIds.length === 0) return [];
  const rows = await db.all<{ report_id: number; client_id: number; full_name: string; reason: AbsenceReason; words: string; day: string; confirmed: number }>(
    `SELECT r.id AS report_id, r.client_id, p.full_name, r.reason, r.words, d.day, CASE WHEN d.confirmed_at IS NOT NULL THEN 1 ELSE 0 END AS confirmed
       FROM absence_reports r JOIN absence_report_days d ON d.report_id = r.id JOIN people p ON p.id = r.client_id
      WHERE r.client_id IN (${clientIds.map(() => '?').join(',')}) AND r.cancelled_at IS NULL AND d.day BETWEEN ? AND ?
      ORDER BY d.day, p.full_name, r.id`,
    [...clientIds, from, to],
  );
  const byReport = new Map<number, ReportedAhead>();
  for (const r of rows) {
    const report = byReport.get(r.report_id) ?? { report_id: r.report_id, client_id: r.client_id, full_name: r.full_name, reason: r.reason, words: r.words, days: [], open: [] };
    report.days.push(r.day);
    if (!r.confirmed) report.open.push(r.day);
    byReport.set(r.report_id, report);
  }
  return [...byReport.values()];
}
