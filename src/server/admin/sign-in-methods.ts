import type { Database } from '@server/db';
import { audit } from './audit';

/**
 * How a unit's workers and admins sign in, for its admin (/admin/units, "Kirjautuminen"):
 * with a password and the organisation's account, or (once single sign-on works) with the
 * organisation's account only. Family members belong to no unit and always keep their password.
 * The setting counts only while single sign-on is set up (src/server/auth/sign-in.ts), so removing
 * the OMAPOLKU_OIDC_* settings is the way back in if the organisation's service is lost.
 */
export interface SignInMethods {
  passwordSignIn: boolean;
  /** The admin has signed in with the organisation's account at least once (it is tied to them). */
  adminUsesSso: boolean;
  /** The unit's active workers and admins, and how many of them have signed in that way. */
  staff: number;
  staffWithSso: number;
}

export async function signInMethodsOfUnit(db: Database, unitId: number, adminId: number): Promise<SignInMethods> {
  const row = await db.get<{ password_sign_in: number; admin_sso: number; staff: number; staff_sso: number }>(
    `SELECT u.password_sign_in,
            CASE WHEN EXISTS (SELECT 1 FROM sso_identities WHERE person_id = ?2) THEN 1 ELSE 0 END AS admin_sso,
            (SELECT COUNT(*) FROM people p WHERE p.unit_id = u.id AND p.active = 1 AND p.role IN ('worker', 'admin')) AS staff,
            (SELECT COUNT(DISTINCT p.id) FROM people p JOIN sso_identities i ON i.person_id = p.id
              WHERE p.unit_id = u.id AND p.active = 1 AND p.role IN ('worker', 'admin')) AS staff_sso
       FROM units u WHERE u.id = ?1`,
    [unitId, adminId],
  );
  return {
    passwordSignIn: row?.password_sign_in !== 0,
    adminUsesSso: row?.admin_sso === 1,
    staff: row?.staff ?? 0,
    staffWithSso: row?.staff_sso ?? 0,
  };
}

/**
 * Turns password sign-in on or off for the unit's staff, with its audit row in the same
 * transaction. Turning it off needs the admin's own account to be tied to the organisation's:
 * they have signed in that way, so it works for this unit, and they do not shut themselves out.
 * Turning it on is always allowed. The same value again changes nothing and writes no row.
 */
export async function setPasswordSignIn(
  db: Database,
  admin: { id: number; unitId: number },
  allowed: boolean,
  now = Date.now(),
): Promise<'saved' | 'unchanged' | 'adminWithoutSso'> {
  return db.write(async (tx) => {
    const unit = await tx.get<{ password_sign_in: number }>('SELECT password_sign_in FROM units WHERE id = ?', [admin.unitId]);
    const before = unit?.password_sign_in === 1;
    if (!unit || before === allowed) return 'unchanged';
    if (!allowed && !(await tx.get('SELECT 1 FROM sso_identities WHERE person_id = ?', [admin.id]))) return 'adminWithoutSso';
    await tx.run('UPDATE units SET password_sign_in = ? WHERE id = ?', [allowed ? 1 : 0, admin.unitId]);
    await audit(tx, {
      actorId: admin.id,
      unitId: admin.unitId,
      action: 'change password sign-in',
      targetType: 'unit',
      targetId: admin.unitId,
      old: { password_sign_in: before ? 1 : 0 },
      new: { password_sign_in: allowed ? 1 : 0 },
    }, now);
    return 'saved';
  });
}
