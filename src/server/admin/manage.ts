import type { Database, Tx } from '@server/db';
import { insertRate, insertTransportRate } from '@server/attendance/store';
import { insertSubstitute } from '@server/assignments';
import { NO_REQUEST, printSecurityEvents, recordSecurityEvent, writeWithEvents, type RequestInfo, type SecurityEventRecord } from '@server/security/events';
import { issueToken, type TokenPerson } from '@server/auth/account-tokens';
import type { Rate } from '@domain/attendance/money';
import type { TransportRate } from '@domain/attendance/transport';
import { todayInHelsinki } from '@domain/time/helsinki';
import { audit, changedFields } from './audit';
import type { AuditAction } from '@domain/logs/catalogue';
import { createUnitWithAdmin, type NewUnitWithAdmin } from './first-run';
import { isUniqueViolation } from '@server/db/constraint-errors';
import { createOnce, type KeyedResult, type KeyOwner } from './form-keys';
import { insertAccount, insertClient, type NewAccount, type NewClient } from './people';
import { insertPhoto, type ProcessedPhoto } from '@server/photos';
export { SERVICE_TYPES } from '@domain/plan/plan';

/**
 * What a unit admin may manage, and the changes they make to people and units, each with its
 * audit row in the same transaction. An admin manages their own unit: its workers, admins and
 * clients. A family account is not any one unit's: an admin sees it while it has a link in force
 * to a client of their unit, and may edit or deactivate it only when every link it has in force
 * is to their unit's clients (or it has none and was created in their unit); otherwise they may
 * only end their own unit's links (on the client's family page). An ended link gives nothing.
 */
export interface ManagedPerson {
  id: number;
  unit_id: number | null;
  role: 'client' | 'family' | 'worker' | 'admin';
  full_name: string;
  preferred_name: string;
  email: string | null;
  phone: string;
  language: 'fi' | 'sv' | 'en';
  reading_needs: string;
  meal_fee: number;
  /** The client's number in the payroll system's register (null: not known). */
  asiakasnumero: string | null;
  active: number;
  photo_id: number | null;
  failed_sign_ins: number;
  locked_until: number | null;
  /** 1: the admin may change this person (always, for their unit's own people; see above for family accounts). */
  editable: number;
}

/** A family link in force today (?1: today), of the family account p. */
const LINK_IN_FORCE = 'l.family_id = p.id AND l.ended_at IS NULL AND (l.ends_on IS NULL OR l.ends_on >= ?1)';
/** …to a client of the unit ?2. */
const UNIT_LINK = `EXISTS (SELECT 1 FROM family_links l JOIN people c ON c.id = l.client_id WHERE ${LINK_IN_FORCE} AND c.unit_id = ?2)`;
/** …to a client of any other unit. */
const OTHER_UNIT_LINK = `EXISTS (SELECT 1 FROM family_links l JOIN people c ON c.id = l.client_id WHERE ${LINK_IN_FORCE} AND c.unit_id IS NOT ?2)`;
/** A family account with no link in force, created by an admin of the unit ?2 (a new account waiting for its first link). */
const NEW_IN_UNIT = `(NOT EXISTS (SELECT 1 FROM family_links l WHERE ${LINK_IN_FORCE})
  AND EXISTS (SELECT 1 FROM admin_audit a WHERE a.action = 'create family' AND a.target_type = 'person' AND a.target_id = p.id AND a.unit_id = ?2))`;
/** The people the admin of unit ?2 sees: their unit's own, and family accounts as above. */
const MANAGED = `((p.role <> 'family' AND p.unit_id = ?2) OR (p.role = 'family' AND (${UNIT_LINK} OR ${NEW_IN_UNIT})))`;
const EDITABLE = `CASE WHEN p.role <> 'family' THEN 1 WHEN ${OTHER_UNIT_LINK} THEN 0 ELSE 1 END`;

const PERSON_COLUMNS = 'id, unit_id, role, full_name, preferred_name, email, phone, language, reading_needs, meal_fee, asiakasnumero, active, photo_id, failed_sign_ins, locked_until';

/**
 * The person if this admin's unit sees them, with `editable`; undefined otherwise (the page
 * answers 403).
 */
export async function managedPerson(db: Database, unitId: number | null, personId: number, today = todayInHelsinki()): Promise<ManagedPerson | undefined> {
  if (unitId === null || !Number.isSafeInteger(personId)) return undefined;
  return db.get<ManagedPerson>(`SELECT ${PERSON_COLUMNS}, ${EDITABLE} AS editable FROM people p WHERE p.id = ?3 AND ${MANAGED}`, [today, unitId, personId]);
}

/** The links in force of a family account to the clients of a unit (what its admin may end). */
export async function unitLinksOfFamily(db: Database, unitId: number, familyId: number, today = todayInHelsinki()): Promise<{ id: number; client_id: number; client_name: string; level: string }[]> {
  return db.all(
    `SELECT l.id, l.client_id, c.full_name AS client_name, l.level FROM family_links l JOIN people c ON c.id = l.client_id
      WHERE l.family_id = ?3 AND l.ended_at IS NULL AND (l.ends_on IS NULL OR l.ends_on >= ?1) AND c.unit_id = ?2 ORDER BY c.full_name`,
    [today, unitId, familyId],
  );
}

export interface PersonListRow {
  id: number;
  role: ManagedPerson['role'];
  full_name: string;
  email: string | null;
  active: number;
  named_worker: string | null;
}

/** Everyone the unit admin manages, by role and name. */
export async function peopleOfUnit(db: Database, unitId: number, today: string): Promise<PersonListRow[]> {
  return db.all<PersonListRow>(
    `SELECT p.id, p.role, p.full_name, p.email, p.active,
            (SELECT w.full_name FROM client_workers cw JOIN people w ON w.id = cw.worker_id
              WHERE cw.client_id = p.id AND cw.kind = 'named' AND cw.starts_on <= ?1 AND (cw.ends_on IS NULL OR cw.ends_on >= ?1)
              ORDER BY cw.starts_on DESC LIMIT 1) AS named_worker
       FROM people p
      WHERE ${MANAGED}
      ORDER BY CASE p.role WHEN 'client' THEN 0 WHEN 'worker' THEN 1 WHEN 'admin' THEN 2 ELSE 3 END, p.active DESC, p.full_name`,
    [today, unitId],
  );
}

/** The unit's active workers (for choosing a named worker or a substitute). */
export async function workersOfUnit(db: Database, unitId: number): Promise<{ id: number; full_name: string; email: string }[]> {
  return db.all("SELECT id, full_name, email FROM people WHERE unit_id = ? AND role = 'worker' AND active = 1 ORDER BY full_name", [unitId]);
}

export async function emailTaken(db: Database | Tx, email: string, exceptId: number | null = null): Promise<boolean> {
  return !!(await db.get('SELECT 1 FROM people WHERE email = ? AND id IS NOT ?', [email.trim(), exceptId]));
}

export type PersonEdit = Partial<Pick<ManagedPerson, 'full_name' | 'preferred_name' | 'email' | 'phone' | 'language' | 'reading_needs' | 'meal_fee' | 'asiakasnumero'>>;

/** Whether another client of the unit has this asiakasnumero (it is unique within a unit). */
export async function asiakasnumeroTaken(db: Database | Tx, unitId: number, asiakasnumero: string, exceptId: number | null = null): Promise<boolean> {
  return !!(await db.get('SELECT 1 FROM people WHERE unit_id = ? AND asiakasnumero = ? AND id IS NOT ?', [unitId, asiakasnumero, exceptId]));
}

/**
 * Saves changed details with their audit row, written in `actor.unitId`; returns whether anything
 * changed. `person` holds at least the fields the edit may change (their values before). `action`
 * names the change in the audit log: an admin's edit of the person page, or one setting changed
 * on its own page (a worker's `change meal fee` on the client's attendance page).
 */
export async function updatePerson(db: Database, person: Pick<ManagedPerson, 'id'> & PersonEdit, edit: PersonEdit, actor: { id: number; unitId: number }, now = Date.now(), action: AuditAction = 'edit person'): Promise<boolean> {
  const diff = changedFields(person as unknown as Record<string, unknown>, edit as Record<string, unknown>);
  if (!diff) return false;
  await db.write(async (tx) => {
    const keys = Object.keys(diff.new);
    await tx.run(`UPDATE people SET ${keys.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`, [...keys.map((k) => (diff.new as Record<string, unknown>)[k]), person.id]);
    await audit(tx, { actorId: actor.id, unitId: actor.unitId, action, targetType: 'person', targetId: person.id, old: diff.old, new: diff.new }, now);
  });
  return true;
}

/**
 * Deactivates (or reactivates) a person. Deactivating ends every session of theirs in the same
 * transaction, so their next request is signed out at once.
 */
export async function setActive(db: Database, person: ManagedPerson, active: boolean, actor: { id: number; unitId: number }, now = Date.now()): Promise<void> {
  if ((person.active === 1) === active) return;
  await db.write(async (tx) => {
    await tx.run('UPDATE people SET active = ? WHERE id = ?', [active ? 1 : 0, person.id]);
    if (!active) await tx.run('DELETE FROM sessions WHERE person_id = ?', [person.id]);
    await audit(tx, { actorId: actor.id, unitId: actor.unitId, action: active ? 'reactivate person' : 'deactivate person', targetType: 'person', targetId: person.id, old: { active: person.active }, new: { active: active ? 1 : 0 } }, now);
  });
}

/** Sets a person's photo (already processed and stored). */
export async function setPersonPhoto(db: Database, person: ManagedPerson, photoId: number, actor: { id: number; unitId: number }, now = Date.now()): Promise<void> {
  await db.write((tx) => setPhotoIn(tx, person, photoId, actor, now));
}

async function setPhotoIn(tx: Tx, person: { id: number; photo_id: number | null }, photoId: number, actor: { id: number; unitId: number | null }, now: number): Promise<void> {
  await tx.run('UPDATE people SET photo_id = ? WHERE id = ?', [photoId, person.id]);
  await audit(tx, { actorId: actor.id, unitId: actor.unitId, action: 'set photo', targetType: 'person', targetId: person.id, old: { photo_id: person.photo_id }, new: { photo_id: photoId } }, now);
}

export interface UnitRow {
  id: number;
  name: string;
  municipality: string;
  address: string;
  service_types: string;
  /** The promise of an answer to a client's message, in working days (1–10). */
  reply_days: number;
}

export async function unitById(db: Database, id: number): Promise<UnitRow | undefined> {
  return db.get<UnitRow>('SELECT id, name, municipality, address, service_types, reply_days FROM units WHERE id = ?', [id]);
}

export async function updateUnit(db: Database, unit: UnitRow, edit: Omit<UnitRow, 'id'>, actorId: number, now = Date.now()): Promise<boolean> {
  const diff = changedFields(unit as unknown as Record<string, unknown>, edit as Record<string, unknown>);
  if (!diff) return false;
  await db.write(async (tx) => {
    const keys = Object.keys(diff.new);
    await tx.run(`UPDATE units SET ${keys.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`, [...keys.map((k) => (diff.new as Record<string, unknown>)[k]), unit.id]);
    await audit(tx, { actorId, unitId: unit.id, action: 'edit unit', targetType: 'unit', targetId: unit.id, old: diff.old, new: diff.new }, now);
  });
  return true;
}

/**
 * "Vaadi kaksivaiheinen tunnistus henkilökunnalta" on or off, with its audit row; returns whether
 * it changed. From then on a worker or admin of the unit who has not enrolled enrols right after
 * the password (src/server/auth/second-step.ts); sessions in force stay.
 */
export async function setStaffTwoStep(db: Database, unitId: number, required: boolean, actorId: number, now = Date.now()): Promise<boolean> {
  return db.write(async (tx) => {
    const before = await tx.get<{ staff_two_step: number }>('SELECT staff_two_step FROM units WHERE id = ?', [unitId]);
    const next = required ? 1 : 0;
    if (!before || before.staff_two_step === next) return false;
    await tx.run('UPDATE units SET staff_two_step = ? WHERE id = ?', [next, unitId]);
    await audit(tx, { actorId, unitId, action: 'set two-step requirement', targetType: 'unit', targetId: unitId, old: { staff_two_step: before.staff_two_step }, new: { staff_two_step: next } }, now);
    return true;
  });
}

/** Whether the unit requires two-step sign-in of its staff. */
export async function unitRequiresTwoStep(db: Database, unitId: number): Promise<boolean> {
  return (await db.get<{ staff_two_step: number }>('SELECT staff_two_step FROM units WHERE id = ?', [unitId]))?.staff_two_step === 1;
}

/**
 * Opens a lock or delay after failed sign-ins, for anyone the admin's unit manages (clients,
 * workers, admins, family), with its audit row. `person` comes from managedPerson, which is the
 * unit check. Nothing to open is no change and gets no row.
 */
export async function openSignInLock(db: Database, person: ManagedPerson, admin: { id: number; unitId: number }, request: RequestInfo = NO_REQUEST, now = Date.now()): Promise<{ changed: boolean }> {
  return writeWithEvents(db, async (tx, log) => {
    const before = await tx.get<{ failed_sign_ins: number; locked_until: number | null }>('SELECT failed_sign_ins, locked_until FROM people WHERE id = ?', [person.id]);
    if (!before || (before.failed_sign_ins === 0 && before.locked_until === null)) return { changed: false };
    await tx.run('UPDATE people SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?', [person.id]);
    await audit(tx, {
      actorId: admin.id,
      unitId: admin.unitId,
      action: 'unlock sign-in',
      targetType: 'person',
      targetId: person.id,
      old: { failed_sign_ins: before.failed_sign_ins, locked_until: before.locked_until },
      new: { failed_sign_ins: 0, locked_until: null },
    }, now);
    await log({ kind: 'unlocked', reason: 'by_admin', person: { id: person.id, role: person.role, unit_id: person.unit_id }, by: admin.id, request });
    return { changed: true };
  }, now);
}

/** How many clients the worker is the named worker of today. */
export async function namedClientCount(db: Database, workerId: number, today = todayInHelsinki()): Promise<number> {
  const row = await db.get<{ n: number }>(
    "SELECT COUNT(*) AS n FROM client_workers WHERE worker_id = ?1 AND kind = 'named' AND starts_on <= ?2 AND (ends_on IS NULL OR ends_on >= ?2)",
    [workerId, today],
  );
  return row?.n ?? 0;
}

/** The active clients of the unit whose named worker the worker is today, by name (to move them to another worker). */
export async function namedClientsOf(db: Database, unitId: number, workerId: number, today = todayInHelsinki()): Promise<{ id: number; full_name: string }[]> {
  return db.all(
    `SELECT p.id, p.full_name FROM client_workers cw JOIN people p ON p.id = cw.client_id
      WHERE cw.worker_id = ?1 AND cw.kind = 'named' AND cw.starts_on <= ?2 AND (cw.ends_on IS NULL OR cw.ends_on >= ?2) AND p.unit_id = ?3 AND p.active = 1
      ORDER BY p.full_name`,
    [workerId, today, unitId],
  );
}

export interface MoneySettings {
  paid_summer_holiday: 0 | 1;
  payment_day: number;
  /** The cost centre written on the payroll export ('' when none). */
  cost_centre: string;
}

/** The unit's money settings (paid avotyö summer holiday, payment day); the audit row names what changed. */
export async function updateMoneySettings(db: Database, unitId: number, settings: MoneySettings, actorId: number, now = Date.now()): Promise<void> {
  await db.write(async (tx) => {
    const before = await tx.get<{ paid_summer_holiday: number; payment_day: number; cost_centre: string }>('SELECT paid_summer_holiday, payment_day, cost_centre FROM units WHERE id = ?', [unitId]);
    await tx.run('UPDATE units SET paid_summer_holiday = ?, payment_day = ?, cost_centre = ? WHERE id = ?', [settings.paid_summer_holiday, settings.payment_day, settings.cost_centre, unitId]);
    const diff = before ? changedFields(before, { ...settings }) : null;
    if (diff) await audit(tx, { actorId, unitId, action: 'edit unit settings', targetType: 'unit', targetId: unitId, old: diff.old, new: diff.new }, now);
  });
}

// The create forms of the admin pages, each once per form key (see form-keys.ts): a double click,
// a resent form or ten posts at once create one record, and each replay is answered as the first
// post was.

/** A rate from a day on; 'duplicate' when the service has a rate from that day already. */
export async function addRateOnce(db: Database, key: KeyOwner, unitId: number, rate: Rate): Promise<KeyedResult<'duplicate'>> {
  return db.write((tx) => createOnce(tx, key, async () => (await insertRate(tx, unitId, rate, key.actorId)) ?? { error: 'duplicate' as const }));
}

/**
 * A travel compensation rule from a day on; 'duplicate' when the unit has a rule from that day. Its
 * form key is of kind 'rate' (the form_keys table's kinds are fixed in migration 0009; the keys are
 * random, so the rates form and this one never share one).
 */
export async function addTransportRateOnce(db: Database, key: KeyOwner, unitId: number, rate: TransportRate): Promise<KeyedResult<'duplicate'>> {
  return db.write((tx) => createOnce(tx, key, async () => (await insertTransportRate(tx, unitId, rate, key.actorId)) ?? { error: 'duplicate' as const }));
}

/** A substitute for a client for a period; 'substituteExists' for the same worker and period again. */
export async function addSubstituteOnce(
  db: Database,
  key: KeyOwner,
  s: { clientId: number; workerId: number; startsOn: string; endsOn: string; unitId: number },
): Promise<KeyedResult<'substituteExists'>> {
  return db.write((tx) => createOnce(tx, key, () => insertSubstitute(tx, { ...s, actorId: key.actorId })));
}

/**
 * A new unit with its first admin, started by the admin of `ownUnitId`; 'emailTaken' when the new
 * admin's email has an account.
 */
export async function startUnitOnce(db: Database, key: KeyOwner, u: NewUnitWithAdmin, ownUnitId: number, invite: AccountInvite | null = null): Promise<KeyedResult<'emailTaken'>> {
  const events: SecurityEventRecord[] = [];
  try {
    const result = await db.write((tx) =>
      createOnce(tx, key, async () => {
        // Again inside the transaction: a parallel post may have taken the email meanwhile.
        if (await emailTaken(tx, u.adminEmail)) return { error: 'emailTaken' as const };
        const made = await createUnitWithAdmin(tx, u, { actorId: key.actorId, unitId: ownUnitId });
        // The new unit's admin makes their own password through the invitation; the mail shows
        // in the new unit's outbox.
        if (invite) {
          const name = u.adminName.trim();
          const admin: TokenPerson = { id: made.adminId, email: u.adminEmail.trim().toLowerCase(), preferred_name: name.split(/\s+/)[0], language: 'fi', unit_id: made.unitId, role: 'admin' };
          events.push(await inviteIn(tx, admin, key.actorId, made.unitId, invite, 'new_account'));
        }
        return made.unitId;
      }),
    );
    printSecurityEvents(events);
    return result;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { error: 'emailTaken' };
  }
}

export type NewPerson = ({ role: 'client' } & NewClient) | NewAccount;

/**
 * A client, or an account (worker, admin, family) with email and password; 'emailTaken' when the
 * email has an account. A photo chosen in the same form is stored in the same transaction, so a
 * resent form adds one person with one photo, and a refused one adds neither.
 */
export async function addPersonOnce(
  db: Database,
  key: KeyOwner,
  p: NewPerson,
  photo: ProcessedPhoto | null = null,
  now = Date.now(),
  invite: AccountInvite | null = null,
): Promise<KeyedResult<'emailTaken'>> {
  const events: SecurityEventRecord[] = [];
  try {
    return await db.write((tx) =>
      createOnce(tx, key, async () => {
        let id: number;
        if (p.role === 'client') id = await insertClient(tx, p, key.actorId);
        else {
          // Checked again in the transaction: another post (another admin, another tab) may have
          // taken the email since the form was checked. Without this the insert hit the UNIQUE
          // constraint and the second of two parallel posts answered 500.
          if (await emailTaken(tx, p.email)) return { error: 'emailTaken' as const };
          id = await insertAccount(tx, p, key.actorId);
          // The invitation and its mail in the same transaction: a resent form makes one of each.
          if (invite) events.push(await inviteIn(tx, { id, email: p.email, preferred_name: p.preferredName, language: p.language ?? 'fi', unit_id: p.unitId, role: p.role }, key.actorId, p.unitId ?? p.auditUnitId ?? null, invite, 'new_account', now));
        }
        if (photo) {
          // A client's photo is part of the client's data; a staff or family portrait is nobody's.
          const photoId = await insertPhoto(tx, photo, p.role === 'client' ? id : null, key.actorId, now);
          await setPhotoIn(tx, { id, photo_id: null }, photoId, { id: key.actorId, unitId: p.unitId ?? (p.role === 'client' ? null : p.auditUnitId) ?? null }, now);
        }
        return id;
      }, now),
    ).then((result) => {
      printSecurityEvents(events);
      return result;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { error: 'emailTaken' };
  }
}

/** Where an invitation's link points, and the request that made it (for the security log). */
export interface AccountInvite {
  baseUrl: string;
  request: RequestInfo;
}

/** Issues an invitation (its token and its mail) and records it as a security event. */
export async function inviteIn(
  tx: Tx,
  person: TokenPerson,
  by: number | null,
  unitId: number | null,
  invite: AccountInvite,
  reason: 'new_account' | 'resent',
  now = Date.now(),
): Promise<SecurityEventRecord> {
  await issueToken(tx, person, 'invitation', { by, unitId, baseUrl: invite.baseUrl }, now);
  return recordSecurityEvent(tx, { kind: 'invitation_sent', reason, person: { id: person.id, role: person.role, unit_id: person.unit_id }, by, unitId, request: invite.request }, now);
}
