import type { Database, Tx } from '../db';

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
  action: string;
  targetType: 'unit' | 'person' | 'login_card' | 'assignment' | 'family_link' | 'import' | 'cover' | 'card_batch';
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
  e: { actorId: number; clientId: number; action: string; old?: Record<string, unknown> | null; new?: Record<string, unknown> | null },
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
  actor_name: string | null;
  action: string;
  target_type: string;
  target_id: number | null;
  target_name: string | null;
  old_value: string | null;
  new_value: string | null;
}

/** A unit's audit log, newest first. */
export async function auditOfUnit(db: Database, unitId: number, limit = 200): Promise<AuditRow[]> {
  return db.all<AuditRow>(
    `SELECT a.id, a.at, p.full_name AS actor_name, a.action, a.target_type, a.target_id,
            CASE WHEN a.target_type = 'person' THEN (SELECT full_name FROM people WHERE id = a.target_id)
                 WHEN a.target_type = 'unit' THEN (SELECT name FROM units WHERE id = a.target_id) END AS target_name,
            a.old_value, a.new_value
       FROM admin_audit a LEFT JOIN people p ON p.id = a.actor_id
      WHERE a.unit_id = ? ORDER BY a.at DESC, a.id DESC LIMIT ?`,
    [unitId, limit],
  );
}
