/**
 * Two-step sign-in for staff (issue 16, point 7): TOTP (RFC 6238, @oslojs/otp) from an
 * authenticator app, with 10 single-use recovery codes.
 *
 * - Enrolling: the person sees a QR code (and the key as text) of a new key, which stays the
 *   same for ENROLMENT_MINUTES (a reload shows the same one), and types one code from the app;
 *   only then is it in force, and the recovery codes are made and shown once (only hashes kept).
 * - Signing in: after the right password (sign-in.ts, second-step.ts) the code or a recovery
 *   code. A try counts on the same per-account counter and delay as a password, and on the
 *   per-address limit; a code is accepted from the current 30-second step or one either side,
 *   and only from a step after the last accepted one (a code cannot be used twice).
 * - Turning it off needs a code too, and is refused while the unit requires two-step sign-in.
 * - The unit's admin resets a person's second step (audited; the person's sessions end).
 *
 * Every change and every failure goes to the security event log, never a key or a code.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { createTOTPKeyURI, verifyHOTP } from '@oslojs/otp';
import type { Database, Tx } from '../db';
import {
  ENROLMENT_MINUTES,
  RECOVERY_CODE_COUNT,
  RECOVERY_CODE_LENGTH,
  readTypedCode,
  recoveryCodeFromBytes,
  stepsToTry,
  TOTP,
  type TypedCode,
} from '@domain/sign-in/two-step';
import { audit } from '../admin/audit';
import { writeWithEvents, type EventPerson, type RequestInfo, type SecurityEvent } from '../security/events';
import { lockState, type LockState } from './rate-limit';
import { insertSession, type SessionRow } from './session';
import { pendingSecondStep } from './second-step';
import { openAttempt, settleSuccess } from './sign-in';
import { addressLimited } from './address-limit';
import { openSecret, sealSecret, twoStepKeyOf } from './two-step-secret';

/** The name the authenticator app shows beside the person's email. */
export const TOTP_ISSUER = 'Omapolku';
/** 160 bits, as RFC 4226 recommends for the HMAC-SHA-1 key. */
const KEY_BYTES = 20;

// ---------------------------------------------------------------------------------------------
// Codes
// ---------------------------------------------------------------------------------------------

/** The time step whose code this is (now, one step either side, after `lastStep`), or null. */
export function matchingStep(key: Uint8Array, code: string, now: number, lastStep: number): number | null {
  for (const step of stepsToTry(now, lastStep)) if (verifyHOTP(key, BigInt(step), TOTP.digits, code)) return step;
  return null;
}

/** A recovery code as stored: its SHA-256 (each code has 50 random bits; no salt is needed). */
export function hashRecoveryCode(code: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(code)));
}

/** RECOVERY_CODE_COUNT new random recovery codes (different from one another). */
export function makeRecoveryCodes(): string[] {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(recoveryCodeFromBytes(crypto.getRandomValues(new Uint8Array(RECOVERY_CODE_LENGTH))));
  return [...codes];
}

/** Replaces the person's recovery codes with new ones; returns them (the only time they exist in clear). */
async function replaceRecoveryCodes(tx: Tx, personId: number, now: number): Promise<string[]> {
  const codes = makeRecoveryCodes();
  await tx.run('DELETE FROM recovery_codes WHERE person_id = ?', [personId]);
  for (const code of codes) await tx.run('INSERT INTO recovery_codes (person_id, code_hash, created_at) VALUES (?, ?, ?)', [personId, hashRecoveryCode(code), now]);
  return codes;
}

interface EnrolledRow {
  secret: string;
  last_step: number;
}

/**
 * Checks a typed code against the person's enrolled key (a TOTP code) or unused recovery codes,
 * inside the caller's write transaction, and uses it up: the TOTP step is recorded (no replay),
 * a recovery code is marked used. Null: not a right code.
 */
async function useCode(tx: Tx, key: Buffer, personId: number, row: EnrolledRow, typed: TypedCode | null, now: number): Promise<'totp' | 'recovery' | null> {
  if (!typed) return null;
  if (typed.kind === 'recovery') {
    const { changes } = await tx.run('UPDATE recovery_codes SET used_at = ? WHERE person_id = ? AND code_hash = ? AND used_at IS NULL', [now, personId, hashRecoveryCode(typed.code)]);
    return changes === 1 ? 'recovery' : null;
  }
  const secret = openSecret(key, personId, row.secret);
  if (!secret) {
    console.error(`Omapolku: the two-step key of person ${personId} does not open: is two-step.key (or OMAPOLKU_TWO_STEP_KEY) the one it was made with? An admin can reset the person's second step.`);
    return null;
  }
  const step = matchingStep(secret, typed.code, now, row.last_step);
  if (step === null) return null;
  await tx.run('UPDATE two_step SET last_step = ? WHERE person_id = ?', [step, personId]);
  return 'totp';
}

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

export interface TwoStepStatus {
  enrolled: boolean;
  enrolledAt: number | null;
  /** Unused recovery codes. */
  recoveryLeft: number;
  /** The person's unit requires two-step sign-in of its staff. */
  unitRequires: boolean;
}

export async function twoStepStatus(db: Database | Tx, personId: number): Promise<TwoStepStatus> {
  const row = await db.get<{ enrolled_at: number | null; recovery_left: number; required: number }>(
    `SELECT t.enrolled_at, COALESCE(u.staff_two_step, 0) AS required,
            (SELECT COUNT(*) FROM recovery_codes r WHERE r.person_id = p.id AND r.used_at IS NULL) AS recovery_left
       FROM people p LEFT JOIN two_step t ON t.person_id = p.id LEFT JOIN units u ON u.id = p.unit_id
      WHERE p.id = ?`,
    [personId],
  );
  const enrolledAt = row?.enrolled_at ?? null;
  return { enrolled: enrolledAt !== null, enrolledAt, recoveryLeft: enrolledAt !== null ? (row?.recovery_left ?? 0) : 0, unitRequires: row?.required === 1 };
}

// ---------------------------------------------------------------------------------------------
// Enrolling
// ---------------------------------------------------------------------------------------------

export interface Enrolment {
  /** The key in base 32, for typing into an app by hand. */
  secret: string;
  /** The otpauth:// address the QR code holds. */
  uri: string;
}

/**
 * The key to show for enrolling: the one shown in the last ENROLMENT_MINUTES if there is one (a
 * reload, a second tab), else a new one. Null when the person has enrolled already.
 */
export async function beginEnrolment(db: Database, person: { id: number; email: string }, now = Date.now()): Promise<Enrolment | null> {
  const key = twoStepKeyOf(db);
  const secret = await db.write(async (tx) => {
    const row = await tx.get<{ secret: string; created_at: number; enrolled_at: number | null }>('SELECT secret, created_at, enrolled_at FROM two_step WHERE person_id = ?', [person.id]);
    if (row?.enrolled_at != null) return null;
    const shown = row && row.created_at > now - ENROLMENT_MINUTES * 60_000 ? openSecret(key, person.id, row.secret) : null;
    if (shown) return shown;
    const fresh = crypto.getRandomValues(new Uint8Array(KEY_BYTES));
    await tx.run(
      `INSERT INTO two_step (person_id, secret, created_at) VALUES (?, ?, ?)
         ON CONFLICT (person_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at, last_step = 0 WHERE two_step.enrolled_at IS NULL`,
      [person.id, sealSecret(key, person.id, fresh), now],
    );
    return fresh;
  });
  if (!secret) return null;
  const uri = createTOTPKeyURI(TOTP_ISSUER, person.email, secret, TOTP.periodSeconds, TOTP.digits);
  return { secret: new URL(uri).searchParams.get('secret') ?? '', uri };
}

export type EnrolResult =
  | { ok: true; recoveryCodes: string[]; signedIn: { token: string; session: SessionRow } | null }
  | { ok: false; reason: 'missing' | 'wrong' | 'already' | 'expired' };

/**
 * The first code from the app: two-step sign-in is on from now, with new recovery codes. In
 * the settings (`pendingId` null) the person is signed in already; at sign-in (the unit requires
 * it) the pending step ends and the session is made in the same transaction. A wrong code here
 * is no guess at a secret in force (the person was just shown the key), so it is not counted.
 */
export async function confirmEnrolment(
  db: Database,
  who: { person: EventPerson; pendingId: string | null },
  input: string,
  request: RequestInfo,
  now = Date.now(),
): Promise<EnrolResult> {
  if (!input.trim()) return { ok: false, reason: 'missing' };
  const typed = readTypedCode(input);
  if (typed?.kind !== 'totp') return { ok: false, reason: 'wrong' };
  const key = twoStepKeyOf(db);
  const { person, pendingId } = who;
  return writeWithEvents(db, async (tx, log): Promise<EnrolResult> => {
    if (pendingId && !(await tx.get("SELECT 1 FROM pending_second_steps WHERE id = ? AND person_id = ? AND purpose = 'enrol' AND expires_at > ?", [pendingId, person.id, now]))) {
      return { ok: false, reason: 'expired' };
    }
    const row = await tx.get<{ secret: string; enrolled_at: number | null; last_step: number }>('SELECT secret, enrolled_at, last_step FROM two_step WHERE person_id = ?', [person.id]);
    if (!row) return { ok: false, reason: 'expired' };
    if (row.enrolled_at !== null) return { ok: false, reason: 'already' };
    const secret = openSecret(key, person.id, row.secret);
    if (!secret) return { ok: false, reason: 'expired' };
    const step = matchingStep(secret, typed.code, now, row.last_step);
    if (step === null) return { ok: false, reason: 'wrong' };
    await tx.run('UPDATE two_step SET enrolled_at = ?, last_step = ? WHERE person_id = ? AND enrolled_at IS NULL', [now, step, person.id]);
    const recoveryCodes = await replaceRecoveryCodes(tx, person.id, now);
    await log({ kind: 'two_step_enrolled', reason: pendingId ? 'at_sign_in' : 'in_settings', person, request });
    if (!pendingId) return { ok: true, recoveryCodes, signedIn: null };
    await tx.run('DELETE FROM pending_second_steps WHERE id = ?', [pendingId]);
    const signedIn = await insertSession(tx, person.id, 'staff', now);
    await log({ kind: 'sign_in', reason: 'two_step', person, request });
    return { ok: true, recoveryCodes, signedIn };
  }, now);
}

// ---------------------------------------------------------------------------------------------
// Signing in with the second step
// ---------------------------------------------------------------------------------------------

export type CodeSignIn =
  | { ok: true; token: string; session: SessionRow; role: string; usedRecoveryCode: boolean }
  | { ok: false; reason: 'missing' | 'wrong' | 'pending_expired' }
  | { ok: false; reason: 'locked'; lock: Extract<LockState, { locked: true }> }
  | { ok: false; reason: 'too_many_from_here'; minutes: number };

/**
 * /login/code: the code (or a recovery code) after the right password. A wrong one counts on
 * the account like a wrong password (openAttempt, in the transaction that checks it) and on the
 * address's limit; a right one takes back the failures counted before it, the password's try
 * included, ends the pending step and makes the session, all in one transaction.
 */
export async function signInWithCode(db: Database, pendingToken: string | undefined, input: string, ip: string, request: RequestInfo, now = Date.now()): Promise<CodeSignIn> {
  const pending = await pendingSecondStep(db, pendingToken, now);
  if (!pending || pending.purpose !== 'code') return { ok: false, reason: 'pending_expired' };
  if (!input.trim()) return { ok: false, reason: 'missing' };
  const person: EventPerson = { id: pending.person.id, role: pending.person.role, unit_id: pending.person.unit_id };
  const key = twoStepKeyOf(db);
  return writeWithEvents(db, async (tx, log): Promise<CodeSignIn> => {
    const failed = (reason: 'wrong_code' | 'locked' | 'too_many_from_here'): SecurityEvent => ({ kind: 'sign_in_failed', reason, person, request });
    const limited = await addressLimited(tx, ip, now);
    if (limited) {
      await log(failed('too_many_from_here'));
      return limited;
    }
    const row = await tx.get<EnrolledRow>('SELECT secret, last_step FROM two_step WHERE person_id = ? AND enrolled_at IS NOT NULL', [person.id]);
    // Reset by an admin meanwhile: this sign-in starts again from the password.
    if (!row) return { ok: false, reason: 'pending_expired' };
    const opened = await openAttempt(tx, person.id, 'email', now);
    if (!opened.opened) {
      await log(failed('locked'));
      return { ok: false, reason: 'locked', lock: opened.lock };
    }
    const used = await useCode(tx, key, person.id, row, readTypedCode(input), now);
    if (!used) {
      await log(failed('wrong_code'));
      const lock = lockState(opened.lockedUntil, now, 'email');
      if (!lock.locked) return { ok: false, reason: 'wrong' };
      await log({ kind: 'locked', reason: 'for_a_while', person, request });
      return { ok: false, reason: 'locked', lock };
    }
    await settleSuccess(tx, person.id, opened.attempt, 'email');
    await tx.run('DELETE FROM pending_second_steps WHERE id = ?', [pending.id]);
    const { token, session } = await insertSession(tx, person.id, 'staff', now);
    if (used === 'recovery') await log({ kind: 'recovery_code_used', reason: 'at_sign_in', person, request });
    await log({ kind: 'sign_in', reason: used === 'recovery' ? 'recovery_code' : 'two_step', person, request });
    return { ok: true, token, session, role: pending.person.role, usedRecoveryCode: used === 'recovery' };
  }, now);
}

// ---------------------------------------------------------------------------------------------
// The person's own settings
// ---------------------------------------------------------------------------------------------

/** "Tee uudet varakoodit": the old ones stop working. Null when two-step sign-in is not on. */
export async function newRecoveryCodes(db: Database, person: EventPerson, request: RequestInfo, now = Date.now()): Promise<string[] | null> {
  return writeWithEvents(db, async (tx, log) => {
    if (!(await tx.get('SELECT 1 FROM two_step WHERE person_id = ? AND enrolled_at IS NOT NULL', [person.id]))) return null;
    const codes = await replaceRecoveryCodes(tx, person.id, now);
    await log({ kind: 'recovery_codes_made', reason: 'by_person', person, request });
    return codes;
  }, now);
}

export type TurnOffResult = { ok: true } | { ok: false; reason: 'required' | 'notOn' | 'missing' | 'wrong' | 'locked' };

/**
 * Turns two-step sign-in off, with a code (or a recovery code) from the person: a laptop left
 * signed in is no way to turn it off. A wrong code counts like a wrong password. Refused while
 * the unit requires two-step sign-in.
 */
export async function turnOffTwoStep(db: Database, person: EventPerson, input: string, request: RequestInfo, now = Date.now()): Promise<TurnOffResult> {
  const status = await twoStepStatus(db, person.id);
  if (!status.enrolled) return { ok: false, reason: 'notOn' };
  if (status.unitRequires) return { ok: false, reason: 'required' };
  if (!input.trim()) return { ok: false, reason: 'missing' };
  const key = twoStepKeyOf(db);
  return writeWithEvents(db, async (tx, log): Promise<TurnOffResult> => {
    const row = await tx.get<EnrolledRow>('SELECT secret, last_step FROM two_step WHERE person_id = ? AND enrolled_at IS NOT NULL', [person.id]);
    if (!row) return { ok: false, reason: 'notOn' };
    const opened = await openAttempt(tx, person.id, 'email', now);
    if (!opened.opened) return { ok: false, reason: 'locked' };
    const used = await useCode(tx, key, person.id, row, readTypedCode(input), now);
    if (!used) {
      await log({ kind: 'sign_in_failed', reason: 'wrong_code', person, request });
      return { ok: false, reason: lockState(opened.lockedUntil, now, 'email').locked ? 'locked' : 'wrong' };
    }
    await settleSuccess(tx, person.id, opened.attempt, 'email');
    await tx.run('DELETE FROM recovery_codes WHERE person_id = ?', [person.id]);
    await tx.run('DELETE FROM two_step WHERE person_id = ?', [person.id]);
    if (used === 'recovery') await log({ kind: 'recovery_code_used', reason: 'to_turn_off', person, request });
    await log({ kind: 'two_step_turned_off', reason: 'by_person', person, request });
    return { ok: true };
  }, now);
}

// ---------------------------------------------------------------------------------------------
// The unit's admin
// ---------------------------------------------------------------------------------------------

/**
 * "Nollaa kaksivaiheinen tunnistus" for a worker or admin of the admin's unit (the caller has
 * checked that): the key and the recovery codes go, every session and half-done sign-in of the
 * person ends, with its audit row and security events, in one transaction. The person signs in
 * with the password and enrols again (at once, if the unit requires it).
 */
export async function resetTwoStep(db: Database, person: EventPerson, admin: { id: number; unitId: number }, request: RequestInfo, now = Date.now()): Promise<{ changed: boolean; sessionsEnded: number }> {
  return writeWithEvents(db, async (tx, log) => {
    const row = await tx.get<{ enrolled_at: number | null }>('SELECT enrolled_at FROM two_step WHERE person_id = ?', [person.id]);
    if (row?.enrolled_at == null) return { changed: false, sessionsEnded: 0 };
    await tx.run('DELETE FROM recovery_codes WHERE person_id = ?', [person.id]);
    await tx.run('DELETE FROM two_step WHERE person_id = ?', [person.id]);
    await tx.run('DELETE FROM pending_second_steps WHERE person_id = ?', [person.id]);
    const sessionsEnded = (await tx.run('DELETE FROM sessions WHERE person_id = ?', [person.id])).changes;
    await audit(tx, {
      actorId: admin.id,
      unitId: admin.unitId,
      action: 'reset two-step',
      targetType: 'person',
      targetId: person.id,
      old: { two_step: 1, sessions: sessionsEnded },
      new: { two_step: 0, sessions: 0 },
    }, now);
    await log({ kind: 'two_step_reset', reason: 'by_admin', person, by: admin.id, unitId: admin.unitId, request });
    if (sessionsEnded > 0) await log({ kind: 'sessions_ended', reason: 'two_step_reset', person, by: admin.id, unitId: admin.unitId, request });
    return { changed: true, sessionsEnded };
  }, now);
}
