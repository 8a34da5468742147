import type { Database, Tx } from '../db';
import { AUDIT_ACTIONS, AUDIT_TARGETS, type AuditAction, type AuditTarget } from '@domain/logs/catalogue';
import { describeChange, personIdsIn, type DescribedChange, type Translate } from '@domain/logs/describe';
import type { Lang } from '@domain/language';
import { addDays } from '@domain/attendance/month';
import { helsinkiMidnight } from '@domain/time/helsinki';
import { dateTimeOf } from '@domain/time/format';
import { csvDocument } from '../csv';
import { readDaysAndPage } from '../access-log-filter';
import { jsonInteger } from '@server/db/dialect';

/**
 * The staff audit log: every change a unit admin or a worker makes (people, units, cards,
 * assignments, family links, imports; plans, goals and their steps and comments, attendance
 * corrections and confirmations, the meal fee, consents recorded on paper), written in the same
 * transaction as the change, so there is no change without its row and no row without its
 * change. Values are the changed fields only, as JSON. (The table keeps its first name,
 * admin_audit, from when only admins were logged: one table, no copy of old rows.)
 */
export interface AuditEntry {
  actorId: number | null;
  unitId: number | null;
  /** Only actions in the central list (src/domain/logs/catalogue.ts), which gives each its words. */
  action: AuditAction;
  targetType: AuditTarget;
  targetId: number | null;
  old?: Record<string, unknown> | null;
  new?: Record<string, unknown> | null;
}

/**
 * A change by staff to one client's records: the row names the client as its target and is
 * written in the client's unit, so the unit admin sees it whoever made it.
 */
export async function auditClientChange(
  tx: Tx,
  e: { actorId: number; clientId: number; action: AuditAction; old?: Record<string, unknown> | null; new?: Record<string, unknown> | null },
  now = Date.now(),
): Promise<void> {
  const client = await tx.get<{ unit_id: number | null }>('SELECT unit_id FROM people WHERE id = ?', [e.clientId]);
  await audit(tx, { actorId: e.actorId, unitId: client?.unit_id ?? null, action: e.action, targetType: 'person', targetId: e.clientId, old: e.old, new: e.new }, now);
}

export async function audit(tx: Tx, e: AuditEntry, now = Date.now()): Promise<void> {
  await tx.run(
    'INSERT INTO admin_audit (at, actor_id, unit_id, action, target_type, target_id, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [now, e.actorId, e.unitId, e.action, e.targetType, e.targetId, e.old ? JSON.stringify(e.old) : null, e.new ? JSON.stringify(e.new) : null],
  );
}

/** Only the fields whose value changed, before and after (for the old → new columns). */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): { old: Partial<T>; new: Partial<T> } | null {
  const old: Partial<T> = {};
  const next: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] !== undefined && after[key] !== before[key]) {
      old[key] = before[key];
      next[key] = after[key];
    }
  }
  return Object.keys(next).length > 0 ? { old, new: next } : null;
}

export interface AuditRow {
  id: number;
  at: number;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  target_type: string;
  target_id: number | null;
  target_name: string | null;
  old_value: string | null;
  new_value: string | null;
}

export interface AuditFilter {
  /** Who made the change. */
  actorId: number | null;
  /** Whom the change was about (a person as the target, or named in a substitution). */
  personId: number | null;
  action: AuditAction | null;
  /** Helsinki days, inclusive. */
  from: string | null;
  to: string | null;
}

export const NO_AUDIT_FILTER: AuditFilter = { actorId: null, personId: null, action: null, from: null, to: null };

function auditWhere(db: Pick<Database, 'engine'>, unitId: number, f: AuditFilter): { sql: string; params: unknown[] } {
  const parts = ['a.unit_id = ?'];
  const params: unknown[] = [unitId];
  if (f.actorId !== null) {
    parts.push('a.actor_id = ?');
    params.push(f.actorId);
  }
  if (f.personId !== null) {
    parts.push(`((a.target_type = 'person' AND a.target_id = ?) OR (a.target_type = 'assignment' AND ${jsonInteger(db, 'a.new_value', 'client_id')} = ?))`);
    params.push(f.personId, f.personId);
  }
  if (f.action) {
    parts.push('a.action = ?');
    params.push(f.action);
  }
  if (f.from) {
    parts.push('a.at >= ?');
    params.push(helsinkiMidnight(f.from));
  }
  if (f.to) {
    parts.push('a.at < ?');
    params.push(helsinkiMidnight(addDays(f.to, 1)));
  }
  return { sql: parts.join(' AND '), params };
}

/** A unit's audit log, newest first, filtered; `limit` rows from `offset` (null: all). */
export async function auditOfUnit(db: Database, unitId: number, limit: number | null = 200, f: AuditFilter = NO_AUDIT_FILTER, offset = 0): Promise<AuditRow[]> {
  const where = auditWhere(db, unitId, f);
  return db.all<AuditRow>(
    `SELECT a.id, a.at, a.actor_id, p.full_name AS actor_name, a.action, a.target_type, a.target_id,
            CASE WHEN a.target_type = 'person' THEN (SELECT full_name FROM people WHERE id = a.target_id)
                 WHEN a.target_type = 'unit' THEN (SELECT name FROM units WHERE id = a.target_id)
                 WHEN a.target_type = 'assignment' THEN (SELECT full_name FROM people WHERE id = ${jsonInteger(db, 'a.new_value', 'client_id')})
                 WHEN a.target_type = 'login_card' THEN (SELECT full_name FROM people WHERE id = ${jsonInteger(db, 'a.new_value', 'client_id')}) END AS target_name,
            a.old_value, a.new_value
       FROM admin_audit a LEFT JOIN people p ON p.id = a.actor_id
      WHERE ${where.sql} ORDER BY a.at DESC, a.id DESC${limit === null ? '' : ' LIMIT ? OFFSET ?'}`,
    [...where.params, ...(limit === null ? [] : [limit, offset])],
  );
}

export async function auditCount(db: Database, unitId: number, f: AuditFilter): Promise<number> {
  const where = auditWhere(db, unitId, f);
  return (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM admin_audit a WHERE ${where.sql}`, where.params))?.n ?? 0;
}

/** The people of the unit's audit log for the filters: who changed, and whom a change was about. */
export async function auditPeople(db: Database, unitId: number): Promise<{ actors: { id: number; full_name: string }[]; targets: { id: number; full_name: string }[] }> {
  const [actors, targets] = await Promise.all([
    db.all<{ id: number; full_name: string }>(
      'SELECT DISTINCT p.id, p.full_name FROM admin_audit a JOIN people p ON p.id = a.actor_id WHERE a.unit_id = ? ORDER BY p.full_name',
      [unitId],
    ),
    db.all<{ id: number; full_name: string }>(
      "SELECT DISTINCT p.id, p.full_name FROM admin_audit a JOIN people p ON p.id = a.target_id WHERE a.unit_id = ? AND a.target_type = 'person' ORDER BY p.full_name",
      [unitId],
    ),
  ]);
  return { actors, targets };
}

/**
 * The names of the people these ids stand for, only those the unit's admin may know about: the
 * unit's own people and the family members linked to its clients. Anyone else reads as "another
 * person" (see describeChange).
 */
export async function namesInUnit(db: Database, unitId: number, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.all<{ id: number; full_name: string }>(
    `SELECT p.id, p.full_name FROM people p
      WHERE p.id IN (${ids.map(() => '?').join(', ')})
        AND (p.unit_id = ? OR EXISTS (SELECT 1 FROM family_links fl JOIN people c ON c.id = fl.client_id WHERE fl.family_id = p.id AND c.unit_id = ?))`,
    [...ids, unitId, unitId],
  );
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

export interface ReadableAuditRow extends AuditRow {
  actionWords: string;
  /** The target in words: a person's or unit's name, or its kind ("Tuonti"). */
  targetWords: string;
  change: DescribedChange;
}

/** Rows with their words: the action, the target and the change, names resolved within the unit. */
export async function readableAudit(db: Database, unitId: number, rows: AuditRow[], tr: Translate, lang: Lang): Promise<ReadableAuditRow[]> {
  const names = await namesInUnit(db, unitId, personIdsIn(rows.flatMap((r) => [r.old_value, r.new_value])));
  const ctx = { tr, lang, names };
  return rows.map((r) => ({
    ...r,
    actionWords: auditActionWords(r.action, tr),
    targetWords: r.target_name ?? (isAuditTarget(r.target_type) ? tr(`staff:logs.targets.${r.target_type}`) : r.target_type),
    change: describeChange(r.old_value, r.new_value, ctx),
  }));
}

export const isAuditAction = (v: unknown): v is AuditAction => typeof v === 'string' && v in AUDIT_ACTIONS;
const isAuditTarget = (v: string): v is AuditTarget => (AUDIT_TARGETS as readonly string[]).includes(v);

/** An audit action in the reader's words (one not in the list, from an older version: as stored). */
export function auditActionWords(action: string, tr: Translate): string {
  return isAuditAction(action) ? tr(`staff:logs.actions.${AUDIT_ACTIONS[action]}`) : action;
}

/** The column keys (staff:audit.csv.…) of the audit log export: words, then codes. */
export const AUDIT_CSV_COLUMNS = ['time', 'timeUtc', 'who', 'action', 'actionCode', 'target', 'change', 'changeCodes'] as const;

/** The filtered audit log as CSV, oldest first: each row in words beside its codes. */
export async function auditCsv(db: Database, unitId: number, f: AuditFilter, tr: Translate, lang: Lang): Promise<{ csv: string; clientIds: number[] }> {
  const rows = await readableAudit(db, unitId, (await auditOfUnit(db, unitId, null, f)).reverse(), tr, lang);
  const csv = csvDocument(
    AUDIT_CSV_COLUMNS.map((c) => tr(`staff:audit.csv.${c}`)),
    rows.map((r) => [
      dateTimeOf(r.at, lang, { seconds: true }),
      new Date(r.at).toISOString(),
      r.actor_name ?? tr('staff:audit.setup'),
      r.actionWords,
      r.action,
      r.targetWords,
      r.change.words,
      r.change.codes,
    ]),
  );
  const targets = [...new Set(rows.filter((r) => r.target_type === 'person' && r.target_id !== null).map((r) => r.target_id as number))];
  const clients = targets.length === 0 ? [] : await db.all<{ id: number }>(`SELECT id FROM people WHERE role = 'client' AND unit_id = ? AND id IN (${targets.map(() => '?').join(', ')})`, [unitId, ...targets]);
  return { csv, clientIds: clients.map((c) => c.id) };
}

/** Reads the audit log's filter and page from a URL (the page's GET form and the CSV link share it). */
export function readAuditFilter(params: URLSearchParams): { filter: AuditFilter; typed: Record<string, string>; badDates: string[]; page: number } {
  const days = readDaysAndPage(params);
  const typed = { actor: params.get('actor') ?? '', person: params.get('person') ?? '', action: params.get('action') ?? '', from: days.typedFrom, to: days.typedTo };
  const id = (text: string) => (text && Number.isSafeInteger(Number(text)) ? Number(text) : null);
  return {
    filter: { actorId: id(typed.actor), personId: id(typed.person), action: isAuditAction(typed.action) ? typed.action : null, from: days.from, to: days.to },
    typed,
    badDates: days.badDates,
    page: days.page,
  };
}
