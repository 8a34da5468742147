import type { Database } from '../db';
import { findCardOwner } from '../auth/login-card';
import { isChoiceRecord } from '../auth/pin-choice';
import { sessionIdFromToken } from '../auth/session';
import type { PasswordFailure, SecondStepNeeded, SignedIn, SignInFailure } from '../auth/sign-in';
import { eventPerson, logSecurityEvent, writeWithEvents, type EventPerson, type ReasonOf, type RequestInfo, type SecurityEvent } from './events';

/**
 * Security events of the sign-in steps, written by the pages from what the steps answered
 * (`ok`, `reason`), so the steps themselves (src/server/auth/sign-in.ts) stay about signing in.
 * A page reads the subject (who is signing in, and whether they were locked already) before the
 * step, and hands it back with the result: a lock that the step itself set is a new lockout,
 * a lock found in place is only a refused try.
 */
export interface SignInSubject {
  person: EventPerson;
  lockedBefore: boolean;
  /** Choosing a new PIN (no PIN yet) rather than entering one. */
  choosing: boolean;
}

/** The staff account behind an email, as the password step finds it (or null: no event person). */
export async function passwordSubject(db: Database, email: string, now = Date.now()): Promise<SignInSubject | null> {
  const row = await db.get<EventPerson & { locked_until: number | null }>(
    `SELECT id, role, unit_id, locked_until FROM people WHERE email = ? AND active = 1 AND role IN ('family', 'worker', 'admin')`,
    [email.trim()],
  );
  return row ? { person: { id: row.id, role: row.role, unit_id: row.unit_id }, lockedBefore: (row.locked_until ?? 0) > now, choosing: false } : null;
}

/** The client of a half-done card sign-in (the cookie's token), before a tap is handled. */
export async function pinSubject(db: Database, pendingToken: string, now = Date.now()): Promise<SignInSubject | null> {
  if (!pendingToken) return null;
  const row = await db.get<EventPerson & { locked_until: number | null; picks: string; has_pin: number }>(
    `SELECT p.id, p.role, p.unit_id, p.locked_until, s.picks, CASE WHEN p.pin_hash IS NOT NULL THEN 1 ELSE 0 END AS has_pin
       FROM pending_sign_ins s JOIN people p ON p.id = s.client_id WHERE s.id = ?`,
    [sessionIdFromToken(pendingToken)],
  );
  if (!row) return null;
  return {
    person: { id: row.id, role: row.role, unit_id: row.unit_id },
    lockedBefore: (row.locked_until ?? 0) > now,
    choosing: !row.has_pin || isChoiceRecord(row.picks),
  };
}

type Result = SignedIn | SecondStepNeeded | SignInFailure | PasswordFailure | { ok: true; done: false } | { ok: true; pendingToken: string };

/** The events of one answer of a sign-in step (none for a tap that only added a picture). */
function eventsOf(method: 'password' | 'pin' | 'card', subject: SignInSubject | null, result: Result, request: RequestInfo): SecurityEvent[] {
  const person = subject?.person ?? null;
  if (result.ok) {
    // (A right password before a second step is no sign-in yet: two-step.ts logs how that ends.)
    if (!('token' in result)) return [];
    const signedIn: SecurityEvent = { kind: 'sign_in', reason: method === 'password' ? 'password' : subject?.choosing ? 'new_pin' : 'pin', person, request };
    return subject?.choosing ? [{ kind: 'pin_chosen', reason: 'by_client', person, request }, signedIn] : [signedIn];
  }
  const wrong = method === 'password' ? (person ? 'wrong_password' : 'unknown_email') : 'wrong_pin';
  switch (result.reason) {
    case 'password_rejected': {
      // The password step answers all three alike on the page; the log tells them apart.
      const reason = ({ unknown_account: 'unknown_email', wrong_password: 'wrong_password', locked: 'locked', password_off: 'password_off' } as const)[result.detail];
      return [{ kind: 'sign_in_failed', reason, person, request }];
    }
    case 'wrong':
      return [{ kind: 'sign_in_failed', reason: wrong, person, request }];
    case 'locked':
      // Locked by this very try: a wrong password or PIN, and the lockout it caused.
      if (person && !subject?.lockedBefore && method !== 'card') {
        return [
          { kind: 'sign_in_failed', reason: wrong, person, request },
          { kind: 'locked', reason: result.lock.untilUnlocked ? 'until_unlocked' : 'for_a_while', person, request },
        ];
      }
      return [{ kind: 'sign_in_failed', reason: 'locked', person, request }];
    case 'too_many_from_here':
      return [{ kind: 'sign_in_failed', reason: 'too_many_from_here', person, request }];
    case 'unknown_card':
      return [{ kind: 'sign_in_failed', reason: 'unknown_card', person: null, request }];
    default:
      // An expired half-done sign-in, or two rounds of a new PIN that differ: no try at a secret.
      return [];
  }
}

async function write(db: Database, events: SecurityEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (events.length === 1) return logSecurityEvent(db, events[0]);
  try {
    await writeWithEvents(db, async (_tx, log) => {
      for (const e of events) await log(e);
    });
  } catch (error) {
    console.error('Could not write security events', error);
  }
}

/** After the email and password step (login.astro). */
export async function logPasswordSignIn(db: Database, subject: SignInSubject | null, result: SignedIn | SecondStepNeeded | PasswordFailure, request: RequestInfo, now = Date.now()): Promise<void> {
  // A success always has its person, even if the account was made after the subject was read.
  const personId = result.ok ? ('session' in result ? result.session.person_id : result.personId) : null;
  const known = subject ?? (personId !== null ? { person: (await eventPerson(db, personId))!, lockedBefore: false, choosing: false } : null);
  const events = eventsOf('password', known, result, request);
  // A wrong password that started a delay (the account was open before this try): a lockout too.
  if (known && !known.lockedBefore && !result.ok && result.reason === 'password_rejected' && result.detail === 'wrong_password') {
    const row = await db.get<{ locked_until: number | null }>('SELECT locked_until FROM people WHERE id = ?', [known.person.id]);
    if ((row?.locked_until ?? 0) > now) events.push({ kind: 'locked', reason: 'for_a_while', person: known.person, request });
  }
  await write(db, events);
}

/** After a picture tap (card/pin.astro): a signed-in client, a wrong PIN, a lock. */
export async function logPinStep(db: Database, subject: SignInSubject | null, result: Result, request: RequestInfo): Promise<void> {
  await write(db, eventsOf('pin', subject, result, request));
}

/** After the card step (card/index.astro, k/[secret].astro): only refusals are events. */
export async function logCardStep(db: Database, by: 'secret' | 'short_code', value: string, result: Result, request: RequestInfo): Promise<void> {
  if (result.ok) return;
  const owner = result.reason === 'unknown_card' || !value.trim() ? undefined : await findCardOwner(db, by, value);
  const person = owner ? await eventPerson(db, owner.client_id) : null;
  await write(db, eventsOf('card', person ? { person, lockedBefore: true, choosing: false } : null, result, request));
}

/**
 * After the organisation's sign-in (src/server/auth/sso-page.ts): the worker or admin signed in,
 * or why not. A refusal of the flow itself (an old or forged answer, the provider down) has no
 * person; a refused person (unknown, deactivated…) has one when the account or its email is a
 * staff member's. An email that matched nobody is not kept, as for the password form.
 */
export type SsoStep =
  | { ok: true; person: EventPerson }
  | { ok: false; reason: Extract<ReasonOf<'sign_in_failed'>, `sso_${string}`> | 'too_many_from_here'; person: EventPerson | null };

export async function logSsoStep(db: Database, step: SsoStep, request: RequestInfo): Promise<void> {
  await write(db, [step.ok ? { kind: 'sign_in', reason: 'sso', person: step.person, request } : { kind: 'sign_in_failed', reason: step.reason, person: step.person, request }]);
}
