import type { Tx } from '../db';
import { audit } from './audit';
import { todayInHelsinki } from '@domain/time/helsinki';

/**
 * Creating people, for the admin pages, the CSV import and the first-run set-up. Each insert
 * writes its audit row in the same transaction; callers run these inside `db.write`, so a batch
 * (an import) is all or nothing.
 */
export interface NewClient {
  unitId: number;
  fullName: string;
  preferredName: string;
  language: 'fi' | 'sv' | 'en';
  readingNeeds?: string;
  mealFee?: boolean;
  /** The client's named worker from today (must be a worker of the unit; checked by the caller). */
  namedWorkerId?: number | null;
  /** The client's number in the payroll system (unique in the unit; checked by the caller). */
  asiakasnumero?: string | null;
}

export async function insertClient(tx: Tx, c: NewClient, actorId: number | null, now = Date.now()): Promise<number> {
  // No PIN yet: the client chooses their pictures the first time they sign in with their card.
  const id = (
    await tx.run(
      "INSERT INTO people (unit_id, role, full_name, preferred_name, language, reading_needs, meal_fee, asiakasnumero, created_at) VALUES (?, 'client', ?, ?, ?, ?, ?, ?, ?)",
      [c.unitId, c.fullName, c.preferredName, c.language, c.readingNeeds ?? '', c.mealFee === false ? 0 : 1, c.asiakasnumero || null, now],
    )
  ).lastID;
  if (c.namedWorkerId) {
    await tx.run("INSERT INTO client_workers (client_id, worker_id, kind, starts_on, created_at) VALUES (?, ?, 'named', ?, ?)", [id, c.namedWorkerId, todayInHelsinki(now), now]);
  }
  await audit(tx, {
    actorId,
    unitId: c.unitId,
    action: 'create client',
    targetType: 'person',
    targetId: id,
    new: { full_name: c.fullName, preferred_name: c.preferredName, language: c.language, named_worker_id: c.namedWorkerId ?? null, ...(c.asiakasnumero && { asiakasnumero: c.asiakasnumero }) },
  }, now);
  return id;
}

export interface NewAccount {
  unitId: number | null;
  role: 'worker' | 'admin' | 'family';
  fullName: string;
  preferredName: string;
  email: string;
  phone?: string;
  language?: 'fi' | 'sv' | 'en';
  /** Null for an invited account: the person makes their own password through the invitation. */
  passwordHash: string | null;
  /**
   * The unit whose log the creation goes to when the account has no unit (a family account made
   * by a unit admin: until its first link, that unit's admin manages it).
   */
  auditUnitId?: number | null;
}

/** A worker, admin or family account (email and password). The email must be free (checked by the caller; UNIQUE in the table). */
export async function insertAccount(tx: Tx, a: NewAccount, actorId: number | null, now = Date.now()): Promise<number> {
  const id = (
    await tx.run(
      'INSERT INTO people (unit_id, role, full_name, preferred_name, email, phone, language, password_hash, avatar, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [a.unitId, a.role, a.fullName, a.preferredName, a.email, a.phone ?? '', a.language ?? 'fi', a.passwordHash, a.role === 'family' ? 'family' : 'worker', now],
    )
  ).lastID;
  await audit(tx, { actorId, unitId: a.unitId ?? a.auditUnitId ?? null, action: `create ${a.role}`, targetType: 'person', targetId: id, new: { full_name: a.fullName, email: a.email, role: a.role } }, now);
  return id;
}
