import type { Database } from '../db';
import { auditClientChange } from '../admin/audit';
import { NO_REQUEST, writeWithEvents, type EventPerson, type RequestInfo } from '../security/events';
import type { Lang } from '../i18n';
import type { TextSize } from '../preferences';
import { todayInHelsinki } from '@domain/time/helsinki';
import { jsonArrayOfObjects } from '@server/db/dialect';

/** All SQL about people, their workers and links. */

export interface WorkerContact {
  /** The worker's own photo, if the admin has added one (served by /photos/<id>). */
  photo_id: number | null;
  id: number;
  full_name: string;
  phone: string;
  avatar: string;
  kind: 'named' | 'substitute';
}

/** The facts about a client that every page about them needs (src/server/client-scope.ts). */
export async function clientInScopeFacts(db: Database, clientId: number): Promise<{ id: number; fullName: string; preferredName: string; unitId: number; readingNeeds: string; language: Lang } | undefined> {
  const row = await db.get<{ id: number; full_name: string; preferred_name: string; unit_id: number; reading_needs: string | null; language: Lang }>(
    `SELECT id, full_name, preferred_name, unit_id, reading_needs, language FROM people WHERE id = ? AND role = 'client'`,
    [clientId],
  );
  return row && { id: row.id, fullName: row.full_name, preferredName: row.preferred_name, unitId: row.unit_id, readingNeeds: row.reading_needs ?? '', language: row.language };
}

/** A person's full name, or null when there is no such person (a named worker on a plan page). */
export async function fullNameOf(db: Database, personId: number): Promise<string | null> {
  return (await db.get<{ full_name: string }>('SELECT full_name FROM people WHERE id = ?', [personId]))?.full_name ?? null;
}

/** The worker who answers now: an active substitute first, else the named worker. */
export async function currentWorkerOf(db: Database, clientId: number, today = todayInHelsinki()): Promise<WorkerContact | undefined> {
  return db.get<WorkerContact>(
    `SELECT p.id, p.full_name, p.phone, p.avatar, p.photo_id, cw.kind
       FROM client_workers cw JOIN people p ON p.id = cw.worker_id
      WHERE cw.client_id = ? AND cw.starts_on <= ? AND (cw.ends_on IS NULL OR cw.ends_on >= ?) AND p.active = 1
      ORDER BY cw.kind = 'substitute' DESC, cw.starts_on DESC LIMIT 1`,
    [clientId, today, today],
  );
}

export interface ScheduleDay {
  weekday: number;
  starts_at: string;
  ends_at: string;
  place: string;
}

/**
 * What the client's home page needs, in one query (the home page is the busiest page): the weekly
 * schedule for the today line, how many consents in force end within `reminderUntil`, and the
 * new named worker if the client has not yet read the message telling so in Viestit.
 */
export async function clientHomeFacts(db: Database, clientId: number, today: string, reminderUntil: string): Promise<{ schedule: ScheduleDay[]; consentsEnding: number; newWorker: string | null }> {
  const row = await db.get<{ schedule: string; consents_ending: number; new_worker: string | null }>(
    `SELECT (SELECT ${jsonArrayOfObjects(db, { weekday: 'weekday', starts_at: 'starts_at', ends_at: 'ends_at', place: 'place' }, 'weekday')}
               FROM (SELECT * FROM weekly_schedule WHERE client_id = ?1 ORDER BY weekday) AS days) AS schedule,
            (SELECT COUNT(*) FROM consents c WHERE c.client_id = ?1 AND c.ends_on BETWEEN ?2 AND ?3
                AND NOT EXISTS (SELECT 1 FROM consent_endings e WHERE e.consent_id = c.id)) AS consents_ending,
            (SELECT w.full_name FROM conversations v JOIN messages m ON m.conversation_id = v.id JOIN people w ON w.id = m.sender_id
              WHERE v.client_id = ?1 AND m.from_client_side = 0 AND m.read_at IS NULL AND m.kind = 'system' AND m.body = 'new-worker'
              ORDER BY m.id DESC LIMIT 1) AS new_worker`,
    [clientId, today, reminderUntil],
  );
  return { schedule: JSON.parse(row?.schedule ?? '[]') as ScheduleDay[], consentsEnding: row?.consents_ending ?? 0, newWorker: row?.new_worker ?? null };
}

export async function setLanguage(db: Database, personId: number, lang: Lang): Promise<void> {
  await db.write((tx) => tx.run('UPDATE people SET language = ? WHERE id = ?', [lang, personId]));
}

export async function setTextSize(db: Database, personId: number, size: TextSize): Promise<void> {
  await db.write((tx) => tx.run('UPDATE people SET text_size = ? WHERE id = ?', [size, personId]));
}

export interface LinkedClient {
  id: number;
  preferred_name: string;
  full_name: string;
  avatar: string;
  level: 'full' | 'messages' | 'read_only';
}

export async function linkedClientsOf(db: Database, familyId: number, today = todayInHelsinki()): Promise<LinkedClient[]> {
  return db.all<LinkedClient>(
    `SELECT p.id, p.preferred_name, p.full_name, p.avatar, l.level
       FROM family_links l JOIN people p ON p.id = l.client_id
      WHERE l.family_id = ? AND l.ended_at IS NULL AND (l.ends_on IS NULL OR l.ends_on >= ?) AND p.active = 1
      ORDER BY p.preferred_name`,
    [familyId, today],
  );
}

export interface ClientListRow {
  id: number;
  full_name: string;
  preferred_name: string;
  reading_needs: string;
  kind: 'named' | 'substitute';
  locked_until: number | null;
  /** 1 when the client has a sign-in card not revoked: without one they cannot sign in at all. */
  has_card: number;
  /** 1 when a PIN is set (the card's second step). */
  has_pin: number;
}

/** The clients a worker works with today (as named worker or as substitute). */
export async function clientsOfWorker(db: Database, workerId: number, today = todayInHelsinki()): Promise<ClientListRow[]> {
  return db.all<ClientListRow>(
    `SELECT p.id, p.full_name, p.preferred_name, p.reading_needs, cw.kind, p.locked_until,
            CASE WHEN EXISTS (SELECT 1 FROM login_cards lc WHERE lc.client_id = p.id AND lc.revoked_at IS NULL) THEN 1 ELSE 0 END AS has_card,
            CASE WHEN p.pin_hash IS NOT NULL THEN 1 ELSE 0 END AS has_pin
       FROM client_workers cw JOIN people p ON p.id = cw.client_id
      WHERE cw.worker_id = ? AND cw.starts_on <= ? AND (cw.ends_on IS NULL OR cw.ends_on >= ?) AND p.active = 1
      ORDER BY p.full_name`,
    [workerId, today, today],
  );
}

export interface UnitClientRow {
  id: number;
  full_name: string;
  reading_needs: string;
  named_worker: string | null;
  /** 1 when the client has a card not revoked. */
  has_card: number;
  /** 1 when the client has chosen their picture PIN. */
  has_pin: number;
  locked_until: number | null;
}

/** Every active client of a unit with today's named worker (the admin's list). */
export async function clientsOfUnit(db: Database, unitId: number, today = todayInHelsinki()): Promise<UnitClientRow[]> {
  return db.all<UnitClientRow>(
    `SELECT p.id, p.full_name, p.reading_needs,
            (SELECT w.full_name FROM client_workers cw JOIN people w ON w.id = cw.worker_id
              WHERE cw.client_id = p.id AND cw.kind = 'named' AND cw.starts_on <= ?
                AND (cw.ends_on IS NULL OR cw.ends_on >= ?) LIMIT 1) AS named_worker,
            CASE WHEN EXISTS (SELECT 1 FROM login_cards lc WHERE lc.client_id = p.id AND lc.revoked_at IS NULL) THEN 1 ELSE 0 END AS has_card,
            CASE WHEN p.pin_hash IS NOT NULL THEN 1 ELSE 0 END AS has_pin, p.locked_until
       FROM people p
      WHERE p.unit_id = ? AND p.role = 'client' AND p.active = 1
      ORDER BY p.full_name`,
    [today, today, unitId],
  );
}

export interface UnitSummary {
  name: string;
  municipality: string;
  clients: number;
  workers: number;
  family: number;
  locked: number;
}

export async function unitSummary(db: Database, unitId: number, now = Date.now(), today = todayInHelsinki()): Promise<UnitSummary | undefined> {
  return db.get<UnitSummary>(
    `SELECT u.name, u.municipality,
            (SELECT COUNT(*) FROM people WHERE unit_id = u.id AND role = 'client' AND active = 1) AS clients,
            (SELECT COUNT(*) FROM people WHERE unit_id = u.id AND role = 'worker' AND active = 1) AS workers,
            -- A family account has no unit of its own: count the active accounts with a link in force
            -- to an active client of this unit (one account linked to two clients counts once).
            (SELECT COUNT(DISTINCT f.id) FROM family_links l
               JOIN people f ON f.id = l.family_id AND f.active = 1
               JOIN people c ON c.id = l.client_id AND c.unit_id = u.id AND c.active = 1
              WHERE l.ended_at IS NULL AND (l.ends_on IS NULL OR l.ends_on >= ?)) AS family,
            (SELECT COUNT(*) FROM people WHERE unit_id = u.id AND locked_until > ?) AS locked
       FROM units u WHERE u.id = ?`,
    [today, now, unitId],
  );
}

/** Clears a lock after repeated failed sign-ins (a worker's or admin's action). */
/** A worker opens a client's lock; the unlock is a security event, in the same transaction. */
export async function unlockAccount(db: Database, personId: number, by: number, request: RequestInfo = NO_REQUEST): Promise<void> {
  await writeWithEvents(db, async (tx, log) => {
    const before = await tx.get<EventPerson & { failed_sign_ins: number; locked_until: number | null }>(
      'SELECT id, role, unit_id, failed_sign_ins, locked_until FROM people WHERE id = ?',
      [personId],
    );
    if (!before || (before.failed_sign_ins === 0 && before.locked_until === null)) return;
    await tx.run('UPDATE people SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?', [personId]);
    // A change by staff, so in the unit's audit log too, like an admin's unlock.
    await auditClientChange(tx, {
      actorId: by,
      clientId: personId,
      action: 'unlock sign-in',
      old: { failed_sign_ins: before.failed_sign_ins, locked_until: before.locked_until },
      new: { failed_sign_ins: 0, locked_until: null },
    });
    await log({ kind: 'unlocked', reason: 'by_worker', person: { id: before.id, role: before.role, unit_id: before.unit_id }, by, request });
  });
}
