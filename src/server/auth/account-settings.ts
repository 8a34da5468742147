/**
 * A signed-in person's own account (issue 16, points 4 and 6): changing the password, and the
 * list of their sessions ("Kirjautumiset") with ending one or all others; and the admin's
 * "Päätä kaikki kirjautumiset" for a person of their unit. Family, workers and admins only:
 * a client has no password (their card and picture PIN are managed on the card pages).
 */
import type { Database } from '../db';
import type { FieldErrors } from '@domain/forms/field-errors';
import { writeWithEvents, type EventPerson, type RequestInfo } from '../security/events';
import { hashPassword, verifyPassword } from './password';
import { passwordProblem } from './password-quality';
import { lockState } from './rate-limit';
import { openAttempt, settleSuccess } from './sign-in';
import { sessionPolicy, type SessionKind } from './session';

export type AccountRole = 'family' | 'worker' | 'admin';
export const ACCOUNT_ROLES: readonly string[] = ['family', 'worker', 'admin'];

export function hasPasswordAccount(role: string): role is AccountRole {
  return ACCOUNT_ROLES.includes(role);
}

export interface PasswordChange {
  current: string;
  next: string;
  again: string;
}

/** The i18next keys of the form's errors, by field. */
export const CHANGE_PASSWORD_ERRORS = {
  currentMissing: 'auth:changePassword.problems.currentMissing',
  currentWrong: 'auth:changePassword.problems.currentWrong',
  locked: 'auth:changePassword.problems.locked',
} as const;

/**
 * Changes the person's password. The current password is asked first, and a wrong one counts
 * on the account like a failed sign-in (the same per-account delay: whoever found a signed-in
 * laptop cannot try passwords here without limit). The new one is checked like a new account's
 * (reasons in words). On success: the new hash, every OTHER session of the person ends (the one
 * in use stays), and a `password_changed` event, all in one transaction.
 */
export async function changePassword(
  db: Database,
  me: { personId: number; sessionId: string },
  input: PasswordChange,
  request: RequestInfo,
  now = Date.now(),
): Promise<{ ok: true; otherSessionsEnded: number } | { ok: false; errors: FieldErrors }> {
  const errors: FieldErrors = {};
  if (!input.current) {
    errors.current_password = CHANGE_PASSWORD_ERRORS.currentMissing;
    return { ok: false, errors };
  }
  const opened = await db.write(async (tx) => {
    const person = await tx.get<{ id: number; role: string; unit_id: number | null; full_name: string; email: string | null; password_hash: string | null }>(
      `SELECT id, role, unit_id, full_name, email, password_hash FROM people WHERE id = ? AND active = 1 AND role IN ('family', 'worker', 'admin')`,
      [me.personId],
    );
    if (!person?.password_hash) return null;
    return { person, attempt: await openAttempt(tx, person.id, 'email', now) };
  });
  if (!opened) {
    errors.current_password = CHANGE_PASSWORD_ERRORS.currentWrong;
    return { ok: false, errors };
  }
  const { person, attempt } = opened;
  if (!attempt.opened) {
    errors.current_password = CHANGE_PASSWORD_ERRORS.locked;
    return { ok: false, errors };
  }
  if (!(await verifyPassword(person.password_hash!, input.current))) {
    // Counted already when the try began (openAttempt); a delay it set shows at the next try.
    const state = lockState(attempt.lockedUntil, now, 'email');
    errors.current_password = state.locked ? CHANGE_PASSWORD_ERRORS.locked : CHANGE_PASSWORD_ERRORS.currentWrong;
    return { ok: false, errors };
  }
  // The right current password takes its try back, whatever the new one is like.
  await db.write((tx) => settleSuccess(tx, person.id, attempt.attempt, 'email'));
  const problem = await passwordProblem(input.next, [person.full_name, person.email ?? '']);
  if (!input.next) errors.new_password = 'auth:setPassword.problems.missing';
  else if (problem) errors.new_password = `auth:setPassword.problems.${problem}`;
  else if (input.next !== input.again) errors.new_password_again = 'auth:setPassword.problems.different';
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const hash = await hashPassword(input.next);
  const eventPerson: EventPerson = { id: person.id, role: person.role, unit_id: person.unit_id };
  const ended = await writeWithEvents(db, async (tx, log) => {
    await tx.run('UPDATE people SET password_hash = ? WHERE id = ?', [hash, person.id]);
    // A reset link asked earlier would open the account with the old knowledge: no longer.
    await tx.run(`UPDATE account_tokens SET cancelled_at = ? WHERE person_id = ? AND purpose = 'reset' AND used_at IS NULL AND cancelled_at IS NULL`, [now, person.id]);
    const { changes } = await tx.run('DELETE FROM sessions WHERE person_id = ? AND id <> ?', [person.id, me.sessionId]);
    await log({ kind: 'password_changed', reason: 'by_person', person: eventPerson, request });
    if (changes > 0) await log({ kind: 'sessions_ended', reason: 'password_changed', person: eventPerson, request });
    return changes;
  }, now);
  return { ok: true, otherSessionsEnded: ended };
}

export interface SessionListRow {
  /** A short handle for the forms (the start of the stored id, itself a hash: no cookie can be made of it). */
  handle: string;
  kind: SessionKind;
  device: string;
  createdAt: number;
  lastUsedAt: number;
  current: boolean;
}

const HANDLE_LENGTH = 16;
export const sessionHandle = (sessionId: string): string => sessionId.slice(0, HANDLE_LENGTH);

/** The person's sessions in force, the current one first, then by last use (newest first). */
export async function sessionsOf(db: Database, personId: number, currentSessionId: string, now = Date.now()): Promise<SessionListRow[]> {
  const rows = await db.all<{ id: string; kind: SessionKind; user_agent: string; created_at: number; expires_at: number; last_used_at: number | null }>(
    `SELECT id, kind, user_agent, created_at, expires_at, last_used_at FROM sessions
      WHERE person_id = ? AND expires_at > ? AND absolute_expires_at > ?`,
    [personId, now, now],
  );
  return rows
    .map((r) => ({
      handle: sessionHandle(r.id),
      kind: r.kind,
      device: r.user_agent,
      createdAt: r.created_at,
      // Sessions made before "last used" was kept: the last slide tells it within its step.
      lastUsedAt: r.last_used_at ?? Math.max(r.created_at, r.expires_at - sessionPolicy(r.kind).idleMs),
      current: r.id === currentSessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt - a.lastUsedAt);
}

/** Ends one of the person's own sessions, not the current one (that is "Kirjaudu ulos"). */
export async function endOwnSession(db: Database, me: { person: EventPerson; sessionId: string }, handle: string, request: RequestInfo, now = Date.now()): Promise<boolean> {
  if (!/^[0-9a-f]{16}$/.test(handle) || sessionHandle(me.sessionId) === handle) return false;
  return writeWithEvents(db, async (tx, log) => {
    const { changes } = await tx.run('DELETE FROM sessions WHERE person_id = ? AND substr(id, 1, 16) = ? AND id <> ?', [me.person.id, handle, me.sessionId]);
    if (changes > 0) await log({ kind: 'session_ended', reason: 'by_person', person: me.person, request });
    return changes > 0;
  }, now);
}

/** "Kirjaudu ulos muualta": ends every session of the person but the current one. */
export async function endOtherSessions(db: Database, me: { person: EventPerson; sessionId: string }, request: RequestInfo, now = Date.now()): Promise<number> {
  return writeWithEvents(db, async (tx, log) => {
    const { changes } = await tx.run('DELETE FROM sessions WHERE person_id = ? AND id <> ?', [me.person.id, me.sessionId]);
    if (changes > 0) await log({ kind: 'sessions_ended', reason: 'by_person', person: me.person, request });
    return changes;
  }, now);
}

/**
 * The admin's "Päätä kaikki kirjautumiset" for an account of their unit (the caller has checked
 * that the person is theirs to manage). Logged with the admin as `by`, shown to the unit's admins.
 */
export async function endAllSessionsOf(db: Database, person: EventPerson, by: { id: number; unitId: number }, request: RequestInfo, now = Date.now()): Promise<number> {
  return writeWithEvents(db, async (tx, log) => {
    const { changes } = await tx.run('DELETE FROM sessions WHERE person_id = ?', [person.id]);
    await log({ kind: 'sessions_ended', reason: 'by_admin', person, by: by.id, unitId: by.unitId, request });
    return changes;
  }, now);
}

/** How many sessions of the person are in force (for the admin's person page). */
export async function sessionCount(db: Database, personId: number, now = Date.now()): Promise<number> {
  const row = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM sessions WHERE person_id = ? AND expires_at > ? AND absolute_expires_at > ?', [personId, now, now]);
  return row?.n ?? 0;
}
