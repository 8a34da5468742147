import type { Database, Tx } from '../db';
import { PENDING_SECOND_STEP_MINUTES, secondStepFor, type SecondStep } from '@domain/sign-in/two-step';
import { generateSessionToken, sessionIdFromToken } from './session';

/**
 * The half-done sign-in of a worker or admin between the right password and the second step
 * (issue 16, point 7): the password step (sign-in.ts) starts one instead of a session when the
 * person has two-step sign-in on, or must enrol first; /login/code and /login/enrol finish it
 * (two-step.ts). The cookie holds a random token, only its SHA-256 is stored, and it lasts
 * PENDING_SECOND_STEP_MINUTES. A single sign-on sign-in never comes here: the organisation's own
 * identity provider asks its second step.
 */
export type SecondStepPurpose = Exclude<SecondStep, 'none'>;

/** The second step a right password of this person leads to. */
export async function secondStepNeeded(db: Database | Tx, personId: number): Promise<SecondStep> {
  const row = await db.get<{ role: string; enrolled: number; required: number }>(
    `SELECT p.role, CASE WHEN t.enrolled_at IS NOT NULL THEN 1 ELSE 0 END AS enrolled, COALESCE(u.staff_two_step, 0) AS required
       FROM people p LEFT JOIN two_step t ON t.person_id = p.id LEFT JOIN units u ON u.id = p.unit_id
      WHERE p.id = ?`,
    [personId],
  );
  if (!row) return 'none';
  return secondStepFor({ role: row.role, enrolled: row.enrolled === 1, unitRequires: row.required === 1 });
}

/** Starts the second step inside the caller's transaction; returns the token for the cookie. */
export async function startSecondStep(tx: Tx, personId: number, purpose: SecondStepPurpose, now: number): Promise<string> {
  const token = generateSessionToken();
  await tx.run('DELETE FROM pending_second_steps WHERE expires_at < ?', [now]);
  await tx.run('INSERT INTO pending_second_steps (id, person_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
    sessionIdFromToken(token),
    personId,
    purpose,
    now,
    now + PENDING_SECOND_STEP_MINUTES * 60_000,
  ]);
  return token;
}

export interface PendingSecondStep {
  id: string;
  purpose: SecondStepPurpose;
  person: { id: number; role: 'worker' | 'admin'; unit_id: number | null; email: string; preferred_name: string };
}

/** The second step of a cookie's token, while it is in force and its person still active. */
export async function pendingSecondStep(db: Database | Tx, token: string | undefined, now = Date.now()): Promise<PendingSecondStep | null> {
  if (!token) return null;
  const row = await db.get<{ id: string; purpose: SecondStepPurpose; person_id: number; role: 'worker' | 'admin'; unit_id: number | null; email: string; preferred_name: string }>(
    `SELECT s.id, s.purpose, s.person_id, p.role, p.unit_id, p.email, p.preferred_name
       FROM pending_second_steps s JOIN people p ON p.id = s.person_id
      WHERE s.id = ? AND s.expires_at > ? AND p.active = 1 AND p.role IN ('worker', 'admin')`,
    [sessionIdFromToken(token), now],
  );
  if (!row) return null;
  return { id: row.id, purpose: row.purpose, person: { id: row.person_id, role: row.role, unit_id: row.unit_id, email: row.email, preferred_name: row.preferred_name } };
}
