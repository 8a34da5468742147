import type { Database, Tx } from '@server/db';
import { hashPassword, PASSWORD_MIN_LENGTH } from '@server/auth/password';
import { audit } from './audit';
import { insertAccount } from './people';

/**
 * The first run on an empty database: one unit and its first admin, so that a real unit can
 * start without a developer. Everything else (workers, clients, cards) the admin then does in
 * the portal. The demo data is a separate command and a separate database file (`npm run demo`),
 * so it is never mixed into a real database by accident.
 */
export interface FirstAdmin {
  unitName: string;
  municipality: string;
  name: string;
  email: string;
  /** Null: the admin is invited and makes their own password (not checked here). */
  password: string | null;
}

export type FirstAdminProblem = 'unitName' | 'municipality' | 'name' | 'email' | 'password';

export function firstAdminProblems(a: FirstAdmin): FirstAdminProblem[] {
  const problems: FirstAdminProblem[] = [];
  if (!a.unitName.trim() || a.unitName.length > 120) problems.push('unitName');
  if (!a.municipality.trim() || a.municipality.length > 80) problems.push('municipality');
  if (!a.name.trim() || a.name.length > 120) problems.push('name');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.email.trim())) problems.push('email');
  if (a.password !== null && a.password.length < PASSWORD_MIN_LENGTH) problems.push('password');
  return problems;
}

/** The people in the database: none means the first run has not happened. */
export async function peopleCount(db: Database): Promise<number> {
  return (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM people'))?.n ?? 0;
}

/**
 * Creates the unit and its admin in one transaction, only if the database has nobody yet
 * (checked inside the transaction, so two starts at once cannot make two first admins).
 */
export async function createFirstAdmin(db: Database, a: FirstAdmin & { password: string }, now = Date.now()): Promise<{ created: boolean; unitId?: number; adminId?: number }> {
  const passwordHash = await hashPassword(a.password);
  return db.write(async (tx) => {
    const existing = await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM people');
    if ((existing?.n ?? 0) > 0) return { created: false };
    const made = await createUnitWithAdmin(tx, { unitName: a.unitName, municipality: a.municipality, adminName: a.name, adminEmail: a.email, passwordHash }, null, now);
    return { created: true, ...made };
  });
}

export interface NewUnitWithAdmin {
  unitName: string;
  municipality: string;
  adminName: string;
  adminEmail: string;
  /** Null when the admin is invited (a unit started by another unit's admin). */
  passwordHash: string | null;
}

/**
 * A unit and its first admin, with their audit rows, inside the caller's write transaction: the
 * first run (no one made it: `by` is null) and a unit admin starting a new unit (`by`: the admin
 * and their own unit, whose log shows who started which unit). The email must be free (checked
 * by the caller; UNIQUE in the table).
 */
export async function createUnitWithAdmin(
  tx: Tx,
  u: NewUnitWithAdmin,
  by: { actorId: number; unitId: number } | null,
  now = Date.now(),
): Promise<{ unitId: number; adminId: number }> {
  const unitName = u.unitName.trim();
  const municipality = u.municipality.trim();
  const unitId = (await tx.run('INSERT INTO units (name, municipality, address, created_at) VALUES (?, ?, ?, ?)', [unitName, municipality, '', now])).lastID;
  await audit(tx, { actorId: by?.actorId ?? null, unitId, action: 'create unit', targetType: 'unit', targetId: unitId, new: { name: unitName, municipality } }, now);
  if (by) await audit(tx, { actorId: by.actorId, unitId: by.unitId, action: 'create unit', targetType: 'unit', targetId: unitId, new: { name: unitName } }, now);
  const name = u.adminName.trim();
  const adminId = await insertAccount(tx, { unitId, role: 'admin', fullName: name, preferredName: name.split(/\s+/)[0], email: u.adminEmail.trim().toLowerCase(), passwordHash: u.passwordHash }, by?.actorId ?? null, now);
  return { unitId, adminId };
}
