import type { Database } from '../db';
import { createSession, generateSessionToken, sessionIdFromToken, type SessionKind, type SessionRow } from './session';
import { findCardOwner } from './login-card';
import { hashPassword, verifyPassword } from './password';
import { hashPin, parsePicks, PIN_LENGTH, verifyPin, type PinPicture } from './picture-pin';
import { isChoiceRecord, NEW_CHOICE_RECORD, parseChoice, serializeChoice, stepChoice, type ChoiceAction, type PinChoice } from './pin-choice';
import { LOCKOUT, lockAfterFailure, lockState, signInLimiter, type LockState } from './rate-limit';

/**
 * The sign-in steps for every role. Each returns either a new session (token for the cookie)
 * or a reason the page turns into easy words. Reasons never tell whether an email exists.
 */
export type SignInFailure =
  | { ok: false; reason: 'too_many_from_here'; minutes: number }
  | { ok: false; reason: 'locked'; lock: Extract<LockState, { locked: true }> }
  | { ok: false; reason: 'wrong'; attemptsBeforeLock: number | null }
  | { ok: false; reason: 'unknown_card' }
  | { ok: false; reason: 'pending_expired' }
  /** Choosing a new PIN: the second round of pictures was not the same as the first. */
  | { ok: false; reason: 'pin_mismatch' };

export type SignedIn = { ok: true; token: string; session: SessionRow; role: string };

const PENDING_MINUTES = 10;

// Verified against when the email is unknown, so a wrong email takes as long as a wrong password.
const dummyHash = hashPassword('not a real password, only for timing');

function ipLimited(ip: string): SignInFailure | null {
  if (signInLimiter.take(ip)) return null;
  return { ok: false, reason: 'too_many_from_here', minutes: Math.ceil(signInLimiter.retryAfter(ip) / 60_000) };
}

/** Counts a failure on the account and locks it when the policy says so. */
async function recordFailure(db: Database, personId: number, now: number): Promise<SignInFailure> {
  const failures = await db.write(async (tx) => {
    await tx.run('UPDATE people SET failed_sign_ins = failed_sign_ins + 1 WHERE id = ?', [personId]);
    const row = await tx.get<{ failed_sign_ins: number }>('SELECT failed_sign_ins FROM people WHERE id = ?', [personId]);
    const n = row?.failed_sign_ins ?? 0;
    const lock = lockAfterFailure(n, now);
    if (lock !== null) await tx.run('UPDATE people SET locked_until = ? WHERE id = ?', [lock, personId]);
    return n;
  });
  const lock = lockAfterFailure(failures, now);
  if (lock !== null) {
    const state = lockState(lock, now);
    if (state.locked) return { ok: false, reason: 'locked', lock: state };
  }
  const untilNextLock = LOCKOUT.shortLockAfter - (failures % LOCKOUT.shortLockAfter);
  return { ok: false, reason: 'wrong', attemptsBeforeLock: untilNextLock <= 2 ? untilNextLock : null };
}

async function succeed(db: Database, personId: number, kind: SessionKind, role: string, now: number): Promise<SignedIn> {
  await db.write((tx) => tx.run('UPDATE people SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?', [personId]));
  const { token, session } = await createSession(db, personId, kind, now);
  return { ok: true, token, session, role };
}

export async function signInWithPassword(db: Database, email: string, password: string, ip: string, now = Date.now()): Promise<SignedIn | SignInFailure> {
  const limited = ipLimited(ip);
  if (limited) return limited;
  const person = await db.get<{ id: number; role: string; password_hash: string | null; locked_until: number | null }>(
    `SELECT id, role, password_hash, locked_until FROM people
      WHERE email = ? AND active = 1 AND role IN ('family', 'worker', 'admin')`,
    [email.trim()],
  );
  if (!person?.password_hash) {
    await verifyPassword(await dummyHash, password);
    return { ok: false, reason: 'wrong', attemptsBeforeLock: null };
  }
  const lock = lockState(person.locked_until, now);
  if (lock.locked) return { ok: false, reason: 'locked', lock };
  if (!(await verifyPassword(person.password_hash, password))) return recordFailure(db, person.id, now);
  return succeed(db, person.id, 'staff', person.role, now);
}

export interface PendingSignIn {
  id: string;
  client_id: number;
  card_id: number;
  /** Signing in with the PIN: the pictures tapped so far. */
  picks: PinPicture[];
  /** The client has no PIN yet and is choosing one: both rounds so far (see pin-choice.ts). */
  choosing: PinChoice | null;
  remember: boolean;
  preferred_name: string;
  avatar: string;
}

/** Step 1 for a client: a card (QR secret or short code) starts a pending sign-in. */
export async function startCardSignIn(
  db: Database,
  by: 'secret' | 'short_code',
  value: string,
  ip: string,
  now = Date.now(),
): Promise<{ ok: true; pendingToken: string } | SignInFailure> {
  const limited = ipLimited(ip);
  if (limited) return limited;
  const owner = value.trim() ? await findCardOwner(db, by, value) : undefined;
  if (!owner) return { ok: false, reason: 'unknown_card' };
  const lock = lockState(owner.locked_until, now);
  if (lock.locked) return { ok: false, reason: 'locked', lock };
  // A client without a PIN (new, or reset by an admin) goes on to choose one on the same page.
  const pendingToken = generateSessionToken();
  await db.write(async (tx) => {
    await tx.run('DELETE FROM pending_sign_ins WHERE expires_at < ?', [now]);
    await tx.run('INSERT INTO pending_sign_ins (id, client_id, card_id, picks, expires_at) VALUES (?, ?, ?, ?, ?)', [
      sessionIdFromToken(pendingToken),
      owner.client_id,
      owner.card_id,
      owner.pin_hash ? '' : NEW_CHOICE_RECORD,
      now + PENDING_MINUTES * 60_000,
    ]);
  });
  return { ok: true, pendingToken };
}

export async function getPendingSignIn(db: Database, pendingToken: string, now = Date.now()): Promise<PendingSignIn | null> {
  const row = await db.get<{ id: string; client_id: number; card_id: number; picks: string; remember: number; preferred_name: string; avatar: string; has_pin: number }>(
    `SELECT s.id, s.client_id, s.card_id, s.picks, s.remember, p.preferred_name, p.avatar, p.pin_hash IS NOT NULL AS has_pin
       FROM pending_sign_ins s
       JOIN people p ON p.id = s.client_id
       JOIN login_cards c ON c.id = s.card_id AND c.revoked_at IS NULL
      WHERE s.id = ? AND s.expires_at > ? AND p.active = 1`,
    [sessionIdFromToken(pendingToken), now],
  );
  if (!row) return null;
  const { has_pin, ...rest } = row;
  const remember = row.remember === 1;
  if (!has_pin) return { ...rest, picks: [], choosing: parseChoice(row.picks), remember };
  // This sign-in began choosing a PIN, and one was saved meanwhile (on another tablet): its taps
  // were no guesses at that PIN, so it ends here and the client starts again with the card.
  if (isChoiceRecord(row.picks)) return null;
  return { ...rest, picks: parsePicks(row.picks), choosing: null, remember };
}

export type PickResult = { ok: true; done: false } | SignedIn | SignInFailure;

/**
 * Step 2: one tap on a picture (or "remove last"). On the fourth picture the PIN is checked;
 * a wrong PIN clears the picks so the client starts again from the first picture.
 */
export async function pickPicture(
  db: Database,
  pendingToken: string,
  action: ChoiceAction,
  remember: boolean,
  ip: string,
  now = Date.now(),
): Promise<PickResult> {
  const pending = await getPendingSignIn(db, pendingToken, now);
  if (!pending) return { ok: false, reason: 'pending_expired' };
  if (pending.choosing) return choosePicture(db, pending, pending.choosing, action, remember, now);
  if ('restart' in action) {
    await db.write((tx) => tx.run("UPDATE pending_sign_ins SET picks = '', remember = ? WHERE id = ?", [remember ? 1 : 0, pending.id]));
    return { ok: true, done: false };
  }
  const picks = 'undo' in action ? pending.picks.slice(0, -1) : [...pending.picks, action.pick].slice(0, PIN_LENGTH);
  if (picks.length < PIN_LENGTH) {
    await db.write((tx) =>
      tx.run('UPDATE pending_sign_ins SET picks = ?, remember = ? WHERE id = ?', [picks.join(','), remember ? 1 : 0, pending.id]),
    );
    return { ok: true, done: false };
  }
  const limited = ipLimited(ip);
  if (limited) return limited;
  const person = await db.get<{ pin_hash: string | null; locked_until: number | null }>(
    'SELECT pin_hash, locked_until FROM people WHERE id = ?',
    [pending.client_id],
  );
  const lock = lockState(person?.locked_until ?? null, now);
  if (lock.locked) return { ok: false, reason: 'locked', lock };
  if (!person?.pin_hash || !(await verifyPin(person.pin_hash, picks))) {
    await db.write((tx) => tx.run("UPDATE pending_sign_ins SET picks = '', remember = ? WHERE id = ?", [remember ? 1 : 0, pending.id]));
    return recordFailure(db, pending.client_id, now);
  }
  await db.write((tx) => tx.run('DELETE FROM pending_sign_ins WHERE id = ?', [pending.id]));
  return succeed(db, pending.client_id, remember ? 'remembered' : 'shared', 'client', now);
}

/**
 * Step 2 for a client without a PIN: one tap while choosing the new PIN. Nothing here is a
 * guess at a secret, so a mismatch is not a failed sign-in (no lockout); the card alone opened
 * this step, as it opens the PIN step for everyone else. When both rounds agree, the PIN is
 * saved and the client is signed in like after a right PIN.
 */
async function choosePicture(db: Database, pending: PendingSignIn, choice: PinChoice, action: ChoiceAction, remember: boolean, now: number): Promise<PickResult> {
  const step = stepChoice(choice, action);
  if (step.kind !== 'chosen') {
    await db.write((tx) =>
      tx.run('UPDATE pending_sign_ins SET picks = ?, remember = ? WHERE id = ?', [serializeChoice(step.choice), remember ? 1 : 0, pending.id]),
    );
    return step.kind === 'mismatch' ? { ok: false, reason: 'pin_mismatch' } : { ok: true, done: false };
  }
  // Hashed before the write: scrypt takes a while, and the write queue must not wait for it.
  const pinHash = await hashPin(step.pin);
  const saved = await db.write(async (tx) => {
    // Only if the client still has no PIN: a PIN chosen on another tablet meanwhile wins, and
    // this sign-in starts again with the card instead of overwriting it.
    const { changes } = await tx.run('UPDATE people SET pin_hash = ? WHERE id = ? AND pin_hash IS NULL', [pinHash, pending.client_id]);
    await tx.run('DELETE FROM pending_sign_ins WHERE id = ?', [pending.id]);
    return changes === 1;
  });
  if (!saved) return { ok: false, reason: 'pending_expired' };
  return succeed(db, pending.client_id, remember ? 'remembered' : 'shared', 'client', now);
}
