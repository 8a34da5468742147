import type { Database } from '@server/db';
import type { SessionActor } from '@server/auth/session';
import { audit } from '@server/admin/audit';
import { postedFormKey } from '@server/admin/form-keys';
import { field } from '@server/forms';
import { addDays } from '@domain/attendance/month';
import { parseDayInput } from '@domain/time/day-input';
import { todayInHelsinki } from '@domain/time/helsinki';

/**
 * A worker's holiday cover (issue 15, point 12): the worker names a colleague of their own unit
 * as substitute for all their named clients, for some days. The cover is one row in
 * substitute_covers; the access is one ordinary 'substitute' row in client_workers per client,
 * with the cover's days and its cover_id (migration 0017), all in one transaction with the
 * cover's audit row. access.ts therefore needs no second rule: a substitute row opens the client
 * only from its first to its last day, and every list of "my clients" shows the covered clients.
 *
 * Ending a cover (the worker themself, or an admin of the unit after a question) closes its rows
 * as an admin's "Päätä sijaisuus" does: yesterday for a cover going on, the day before its first
 * day for one not yet started. Rows and the cover stay, so the history is kept.
 */
export type Person = SessionActor['person'];

/** The longest cover, in days (a summer holiday and some). */
export const COVER_MAX_DAYS = 92;

export interface Colleague {
  id: number;
  full_name: string;
}

/** The active workers of the worker's unit other than the worker: those who may be named. */
export async function colleaguesOf(db: Database, worker: Person): Promise<Colleague[]> {
  if (worker.unit_id === null) return [];
  return db.all<Colleague>("SELECT id, full_name FROM people WHERE role = 'worker' AND active = 1 AND unit_id = ? AND id <> ? ORDER BY full_name", [worker.unit_id, worker.id]);
}

export interface CoverRow {
  id: number;
  worker_id: number;
  worker_name: string;
  substitute_id: number;
  substitute_name: string;
  starts_on: string;
  ends_on: string;
  /** The clients the cover's rows open. */
  clients: number;
}

const COVER_SELECT = `SELECT c.id, c.worker_id, w.full_name AS worker_name, c.substitute_id, s.full_name AS substitute_name,
         c.starts_on, c.ends_on, (SELECT COUNT(*) FROM client_workers cw WHERE cw.cover_id = c.id) AS clients
    FROM substitute_covers c JOIN people w ON w.id = c.worker_id JOIN people s ON s.id = c.substitute_id`;

/** The covers of a unit that are going on or coming (not ended, last day today or later). */
export async function coversOfUnit(db: Database, unitId: number, today = todayInHelsinki()): Promise<CoverRow[]> {
  return db.all<CoverRow>(`${COVER_SELECT} WHERE c.unit_id = ? AND c.ended_at IS NULL AND c.ends_on >= ? ORDER BY c.starts_on, c.id`, [unitId, today]);
}

/** A worker's own covers (`mine`) and those where they cover for a colleague (`forOthers`), going on or coming. */
export async function coversOfWorker(db: Database, workerId: number, today = todayInHelsinki()): Promise<{ mine: CoverRow[]; forOthers: CoverRow[] }> {
  const rows = await db.all<CoverRow>(
    `${COVER_SELECT} WHERE (c.worker_id = ?1 OR c.substitute_id = ?1) AND c.ended_at IS NULL AND c.ends_on >= ?2 ORDER BY c.starts_on, c.id`,
    [workerId, today],
  );
  return { mine: rows.filter((r) => r.worker_id === workerId), forOthers: rows.filter((r) => r.substitute_id === workerId) };
}

/** One cover that `actor` may end (their own as the worker away, or any of an admin's unit), or undefined. */
export async function coverToEnd(db: Database, actor: Person, coverId: number, today = todayInHelsinki()): Promise<CoverRow | undefined> {
  if (!Number.isSafeInteger(coverId) || coverId <= 0 || actor.unit_id === null) return undefined;
  const mine = actor.role === 'admin' ? 'c.unit_id = ?' : actor.role === 'worker' ? 'c.worker_id = ?' : null;
  if (!mine) return undefined;
  return db.get<CoverRow>(`${COVER_SELECT} WHERE c.id = ? AND ${mine} AND c.ended_at IS NULL AND c.ends_on >= ?`, [
    coverId,
    actor.role === 'admin' ? actor.unit_id : actor.id,
    today,
  ]);
}

export interface CoverValues {
  sub_worker: string;
  starts_on: string;
  ends_on: string;
}
export type CoverCode = 'chooseWorker' | 'badDay' | 'inPast' | 'endBeforeStart' | 'tooLong' | 'noClients' | 'overlaps' | 'formUsed';

export type CoverAnswer =
  | { kind: 'created' }
  /** The substitute named is not an active worker of the worker's unit (a forged form). */
  | { kind: 'forbidden' }
  | { kind: 'errors'; codes: Partial<Record<keyof CoverValues | 'form', CoverCode>>; values: CoverValues };

/**
 * The worker's "Nimeä sijainen" form: checks the colleague and the days, then in one write
 * transaction makes the cover, one substitute row per named client and the audit row. The form's
 * key makes a double tap or a resent form one cover (the replay is answered "created" as the
 * first post was).
 */
export async function createCover(db: Database, worker: Person, form: FormData, now = Date.now()): Promise<CoverAnswer> {
  const values: CoverValues = { sub_worker: field(form, 'sub_worker', 20), starts_on: field(form, 'starts_on', 40), ends_on: field(form, 'ends_on', 40) };
  const key = postedFormKey(form);
  const today = todayInHelsinki(now);
  if (worker.role !== 'worker' || worker.unit_id === null) return { kind: 'forbidden' };
  const unitId = worker.unit_id;
  const first = await db.get<{ created_by: number }>('SELECT created_by FROM substitute_covers WHERE form_key = ?', [key]);
  if (first) return first.created_by === worker.id ? { kind: 'created' } : { kind: 'errors', codes: { form: 'formUsed' }, values };

  const codes: Partial<Record<keyof CoverValues | 'form', CoverCode>> = {};
  const substituteId = /^[1-9][0-9]{0,15}$/.test(values.sub_worker) ? Number(values.sub_worker) : null;
  if (values.sub_worker === '') codes.sub_worker = 'chooseWorker';
  else if (substituteId === null || !(await colleaguesOf(db, worker)).some((c) => c.id === substituteId)) return { kind: 'forbidden' };
  const startsOn = parseDayInput(values.starts_on);
  const endsOn = parseDayInput(values.ends_on);
  if (!startsOn) codes.starts_on = 'badDay';
  else if (startsOn < today) codes.starts_on = 'inPast';
  if (!endsOn) codes.ends_on = 'badDay';
  else if (startsOn && endsOn < startsOn) codes.ends_on = 'endBeforeStart';
  else if (startsOn && addDays(startsOn, COVER_MAX_DAYS - 1) < endsOn) codes.ends_on = 'tooLong';
  if (Object.keys(codes).length > 0) return { kind: 'errors', codes, values };

  const outcome = await db.write(async (tx): Promise<CoverCode | 'created'> => {
    // Checked again inside the transaction: a second post of the same key waits for the first.
    const again = await tx.get<{ created_by: number }>('SELECT created_by FROM substitute_covers WHERE form_key = ?', [key]);
    if (again) return again.created_by === worker.id ? 'created' : 'formUsed';
    const colleague = await tx.get("SELECT 1 FROM people WHERE id = ? AND role = 'worker' AND active = 1 AND unit_id = ?", [substituteId, unitId]);
    if (!colleague) return 'chooseWorker';
    const overlapping = await tx.get(
      'SELECT 1 FROM substitute_covers WHERE worker_id = ? AND substitute_id = ? AND ended_at IS NULL AND starts_on <= ? AND ends_on >= ?',
      [worker.id, substituteId, endsOn, startsOn],
    );
    if (overlapping) return 'overlaps';
    const clients = await tx.all<{ client_id: number }>(
      `SELECT DISTINCT cw.client_id FROM client_workers cw JOIN people p ON p.id = cw.client_id AND p.active = 1 AND p.role = 'client'
        WHERE cw.worker_id = ? AND cw.kind = 'named' AND cw.starts_on <= ?2 AND (cw.ends_on IS NULL OR cw.ends_on >= ?2) ORDER BY cw.client_id`,
      [worker.id, today],
    );
    if (clients.length === 0) return 'noClients';
    const { lastID: coverId } = await tx.run(
      'INSERT INTO substitute_covers (unit_id, worker_id, substitute_id, starts_on, ends_on, form_key, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [unitId, worker.id, substituteId, startsOn, endsOn, key, worker.id, now],
    );
    for (const c of clients) {
      await tx.run("INSERT INTO client_workers (client_id, worker_id, kind, starts_on, ends_on, created_at, cover_id) VALUES (?, ?, 'substitute', ?, ?, ?, ?)", [
        c.client_id,
        substituteId,
        startsOn,
        endsOn,
        now,
        coverId,
      ]);
    }
    await audit(tx, {
      actorId: worker.id,
      unitId,
      action: 'add cover',
      targetType: 'cover',
      targetId: coverId,
      new: { worker_id: worker.id, substitute_id: substituteId, starts_on: startsOn, ends_on: endsOn, client_ids: clients.map((c) => c.client_id) },
    }, now);
    return 'created';
  });
  if (outcome === 'created') return { kind: 'created' };
  if (outcome === 'chooseWorker') return { kind: 'forbidden' };
  return { kind: 'errors', codes: outcome === 'overlaps' ? { sub_worker: 'overlaps' } : { form: outcome }, values };
}

/**
 * Ends a cover: its substitute rows end yesterday (or the day before its first day, when it has
 * not started), the cover gets ended_at, and the audit row says who ended it. True when ended now
 * or already; false when `actor` may not end it (not theirs, another unit) or it is unknown.
 */
export async function endCover(db: Database, actor: Person, coverId: number, now = Date.now()): Promise<boolean> {
  const today = todayInHelsinki(now);
  const yesterday = addDays(today, -1);
  if (!(await coverToEnd(db, actor, coverId, today))) return false;
  return db.write(async (tx) => {
    const cover = await tx.get<{ unit_id: number; worker_id: number; starts_on: string; ends_on: string; ended_at: number | null }>(
      'SELECT unit_id, worker_id, starts_on, ends_on, ended_at FROM substitute_covers WHERE id = ?',
      [coverId],
    );
    if (!cover) return false;
    if (actor.role === 'admin' ? cover.unit_id !== actor.unit_id : cover.worker_id !== actor.id) return false;
    if (cover.ended_at !== null) return true;
    const newEnd = cover.starts_on > yesterday ? addDays(cover.starts_on, -1) : yesterday;
    await tx.run('UPDATE client_workers SET ends_on = ? WHERE cover_id = ? AND (ends_on IS NULL OR ends_on > ?)', [newEnd, coverId, newEnd]);
    await tx.run('UPDATE substitute_covers SET ended_at = ?, ended_by = ? WHERE id = ?', [now, actor.id, coverId]);
    await audit(tx, { actorId: actor.id, unitId: cover.unit_id, action: 'end cover', targetType: 'cover', targetId: coverId, old: { ends_on: cover.ends_on }, new: { ends_on: newEnd } }, now);
    return true;
  });
}
