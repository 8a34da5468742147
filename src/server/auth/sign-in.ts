import type { Database, Tx } from '../db';
import { createSession, generateSessionToken, sessionIdFromToken, type SessionKind, type SessionRow } from './session';
import { findCardOwner } from './login-card';
import { hashPassword, verifyPassword } from './password';
import { hashPin, parsePicks, PIN_LENGTH, verifyPin, type PinPicture } from './picture-pin';
import { isChoiceRecord, NEW_CHOICE_RECORD, parseChoice, serializeChoice, stepChoice, type ChoiceAction, type PinChoice } from './pin-choice';
import { LOCKOUT, lockAfterFailure, lockStands, lockState, type AccountKind, type LockState } from './rate-limit';
import { addressLimited } from './address-limit';
import { config } from '../config';
import { secondStepNeeded, startSecondStep, type SecondStepPurpose } from './second-step';

/**
 * The sign-in steps for every role. Each returns either a new session (token for the cookie)
 * or a reason the page turns into easy words.
 */
export type SignInFailure =
  | { ok: false; reason: 'too_many_from_here'; minutes: number }
  | { ok: false; reason: 'locked'; lock: Extract<LockState, { locked: true }> }
  | { ok: false; reason: 'wrong'; attemptsBeforeLock: number | null }
  | { ok: false; reason: 'unknown_card' }
  | { ok: false; reason: 'pending_expired' }
  /** Choosing a new PIN: the second round of pictures was not the same as the first. */
  | { ok: false; reason: 'pin_mismatch' };

/**
 * An email sign-in that did not succeed. The page shows one and the same text for every
 * `detail`, after the same work (a scrypt hash), so nobody learns which emails exist or which
 * account is delayed; `detail` is for the server's own records only. A delayed (locked)
 * account is not told even after the right password: that answer would tell a guesser the
 * password is right, and the delay would stop nothing.
 */
export type PasswordFailure =
  | { ok: false; reason: 'too_many_from_here'; minutes: number }
  | { ok: false; reason: 'password_rejected'; detail: 'unknown_account' | 'wrong_password' | 'locked' | 'password_off' };

export type SignedIn = { ok: true; token: string; session: SessionRow; role: string };

/**
 * The password was right, and a worker or admin has a second step to do first (two-step.ts):
 * no session yet, only a pending step whose token goes into its own cookie.
 */
export type SecondStepNeeded = { ok: true; secondStep: SecondStepPurpose; pendingToken: string; personId: number };

const PENDING_MINUTES = 10;

/**
 * Stands in the pending sign-in's picks while its fourth picture is being checked, with the
 * time the check began. A mark older than CHECK_STALE_MS is left over from a check that never
 * finished (the server stopped): it reads as no picks, so the client is not stuck.
 */
const CHECKING = 'checking:';
const CHECK_STALE_MS = 30_000;

function checkInProgress(picks: string, now: number): boolean {
  return picks.startsWith(CHECKING) && now - Number(picks.slice(CHECKING.length)) < CHECK_STALE_MS;
}

// Verified against when the email is unknown or the account delayed, so those take as long as a wrong password.
const dummyHash = hashPassword('not a real password, only for timing');


type Opened = { opened: false; lock: Extract<LockState, { locked: true }> } | { opened: true; attempt: number; lockedUntil: number | null };

/**
 * Begins a try on an account inside the caller's write transaction: refuses it while the
 * account is locked, otherwise counts it as a failure now, before any hash is compared, and
 * sets the lock that count calls for. Parallel tries queue behind one another here, so the
 * lock is there before the next one is let through. A success takes its count back (settle).
 */
export async function openAttempt(tx: Tx, personId: number, kind: AccountKind, now: number): Promise<Opened> {
  const row = await tx.get<{ failed_sign_ins: number; locked_until: number | null }>('SELECT failed_sign_ins, locked_until FROM people WHERE id = ?', [personId]);
  const lock = lockState(row?.locked_until ?? null, now, kind);
  if (lock.locked) return { opened: false, lock };
  const attempt = (row?.failed_sign_ins ?? 0) + 1;
  const lockedUntil = lockAfterFailure(attempt, now, kind);
  await tx.run('UPDATE people SET failed_sign_ins = ?, locked_until = COALESCE(?, locked_until) WHERE id = ?', [attempt, lockedUntil, personId]);
  return { opened: true, attempt, lockedUntil };
}

/** What a client is told after a wrong PIN counted as failure number `attempt`. */
function wrongPin(attempt: number, lockedUntil: number | null, now: number): SignInFailure {
  const state = lockState(lockedUntil, now, 'card');
  if (state.locked) return { ok: false, reason: 'locked', lock: state };
  const untilNextLock = LOCKOUT.shortLockAfter - (attempt % LOCKOUT.shortLockAfter);
  return { ok: false, reason: 'wrong', attemptsBeforeLock: untilNextLock <= 2 ? untilNextLock : null };
}

/**
 * After a right password or PIN: takes back the failures counted up to and including this try
 * (`attempt`; 0 for none), but not those counted after it began, while it was being checked.
 * Their lock stays if they are enough for one.
 */
export async function settleSuccess(tx: Tx, personId: number, attempt: number, kind: AccountKind): Promise<void> {
  const row = await tx.get<{ failed_sign_ins: number }>('SELECT failed_sign_ins FROM people WHERE id = ?', [personId]);
  const remaining = Math.max(0, (row?.failed_sign_ins ?? 0) - attempt);
  await tx.run(`UPDATE people SET failed_sign_ins = ?, locked_until = ${lockStands(remaining, kind) ? 'locked_until' : 'NULL'} WHERE id = ?`, [remaining, personId]);
}

async function succeed(db: Database, personId: number, kind: SessionKind, role: string, now: number): Promise<SignedIn> {
  const { token, session } = await createSession(db, personId, kind, now);
  return { ok: true, token, session, role };
}

export async function signInWithPassword(db: Database, email: string, password: string, ip: string, now = Date.now()): Promise<SignedIn | SecondStepNeeded | PasswordFailure> {
  const limited = await addressLimited(db, ip, now);
  if (limited) return limited;
  // The same steps for every email, known or not: one write transaction, then one hash.
  const found = await db.write(async (tx) => {
    const person = await tx.get<{ id: number; role: string; password_hash: string | null; password_off: number }>(
      `SELECT p.id, p.role, p.password_hash, CASE WHEN p.role IN ('worker', 'admin') AND u.password_sign_in = 0 THEN 1 ELSE 0 END AS password_off
         FROM people p LEFT JOIN units u ON u.id = p.unit_id
        WHERE p.email = ? AND p.active = 1 AND p.role IN ('family', 'worker', 'admin')`,
      [email.trim()],
    );
    if (!person?.password_hash) return null;
    // The unit signs its staff in only with the organisation's account (while that is set up):
    // the password is not tried, nothing is counted toward a delay (a guess here opens nothing),
    // and the answer is the one of an unknown email, after the same work.
    if (person.password_off === 1 && config.sso) return 'password_off' as const;
    return { person, opened: await openAttempt(tx, person.id, 'email', now) };
  });
  const checked = typeof found === 'object' && found?.opened.opened ? found : null;
  const right = await verifyPassword(checked ? checked.person.password_hash! : await dummyHash, password);
  if (!checked || !right || !checked.opened.opened) {
    const detail = found === 'password_off' ? 'password_off' : !found ? 'unknown_account' : !found.opened.opened ? 'locked' : 'wrong_password';
    return { ok: false, reason: 'password_rejected', detail };
  }
  const { person, opened } = checked;
  const second = await db.write(async (tx) => {
    const step = await secondStepNeeded(tx, person.id);
    // Before a code, the right password does not take its try back: the code's success does.
    // Otherwise whoever has the password could clear the count between wrong codes.
    if (step !== 'code') await settleSuccess(tx, person.id, opened.attempt, 'email');
    return step === 'none' ? null : { step, pendingToken: await startSecondStep(tx, person.id, step, now) };
  });
  if (second) return { ok: true, secondStep: second.step, pendingToken: second.pendingToken, personId: person.id };
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
  const limited = await addressLimited(db, ip, now);
  if (limited) return limited;
  const owner = value.trim() ? await findCardOwner(db, by, value) : undefined;
  if (!owner) return { ok: false, reason: 'unknown_card' };
  const lock = lockState(owner.locked_until, now, 'card');
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
    `SELECT s.id, s.client_id, s.card_id, s.picks, s.remember, p.preferred_name, p.avatar, CASE WHEN p.pin_hash IS NOT NULL THEN 1 ELSE 0 END AS has_pin
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

type Tap =
  | { kind: 'progress' }
  | { kind: 'refused'; failure: SignInFailure }
  | { kind: 'check'; picks: PinPicture[]; mark: string; pinHash: string | null; attempt: number; lockedUntil: number | null };

/**
 * Step 2: one tap on a picture (or "remove last"). On the fourth picture the PIN is checked;
 * a wrong PIN clears the picks so the client starts again from the first picture.
 *
 * Each tap reads and writes the picks in one write transaction, so parallel taps cannot all
 * become the fourth picture: the fourth marks the pending sign-in as being checked (other taps
 * meanwhile change nothing) and counts the try on the account in the same transaction.
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
  const rememberFlag = remember ? 1 : 0;
  const tap = await db.write(async (tx): Promise<Tap> => {
    const row = await tx.get<{ picks: string }>('SELECT picks FROM pending_sign_ins WHERE id = ?', [pending.id]);
    if (!row || isChoiceRecord(row.picks)) return { kind: 'refused', failure: { ok: false, reason: 'pending_expired' } };
    if (checkInProgress(row.picks, now)) return { kind: 'progress' };
    const current = row.picks.startsWith(CHECKING) ? [] : parsePicks(row.picks);
    const picks = 'restart' in action ? [] : 'undo' in action ? current.slice(0, -1) : [...current, action.pick].slice(0, PIN_LENGTH);
    if (picks.length < PIN_LENGTH) {
      await tx.run('UPDATE pending_sign_ins SET picks = ?, remember = ? WHERE id = ?', [picks.join(','), rememberFlag, pending.id]);
      return { kind: 'progress' };
    }
    const limited = await addressLimited(tx, ip, now);
    if (limited) return { kind: 'refused', failure: limited };
    const opened = await openAttempt(tx, pending.client_id, 'card', now);
    if (!opened.opened) {
      await tx.run("UPDATE pending_sign_ins SET picks = '', remember = ? WHERE id = ?", [rememberFlag, pending.id]);
      return { kind: 'refused', failure: { ok: false, reason: 'locked', lock: opened.lock } };
    }
    const mark = `${CHECKING}${now}`;
    await tx.run('UPDATE pending_sign_ins SET picks = ?, remember = ? WHERE id = ?', [mark, rememberFlag, pending.id]);
    const person = await tx.get<{ pin_hash: string | null }>('SELECT pin_hash FROM people WHERE id = ?', [pending.client_id]);
    return { kind: 'check', picks, mark, pinHash: person?.pin_hash ?? null, attempt: opened.attempt, lockedUntil: opened.lockedUntil };
  });
  if (tap.kind === 'progress') return { ok: true, done: false };
  if (tap.kind === 'refused') return tap.failure;
  if (!tap.pinHash || !(await verifyPin(tap.pinHash, tap.picks))) {
    await db.write((tx) => tx.run("UPDATE pending_sign_ins SET picks = '' WHERE id = ? AND picks = ?", [pending.id, tap.mark]));
    return wrongPin(tap.attempt, tap.lockedUntil, now);
  }
  await db.write(async (tx) => {
    await tx.run('DELETE FROM pending_sign_ins WHERE id = ?', [pending.id]);
    await settleSuccess(tx, pending.client_id, tap.attempt, 'card');
  });
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
