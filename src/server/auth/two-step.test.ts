import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import type { Database } from '../db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { normalizeRecoveryCode, RECOVERY_CODE_COUNT, timeStepAt } from '@domain/sign-in/two-step';
import { hashPassword } from './password';
import { EMAIL_DELAY } from './rate-limit';
import { validateSessionToken } from './session';
import { signInWithPassword, type SecondStepNeeded } from './sign-in';
import { config } from '../config';
import { pendingSecondStep, secondStepNeeded } from './second-step';
import { keyFileOf, openSecret, sealSecret, twoStepKeyOf } from './two-step-secret';
import {
  beginEnrolment,
  confirmEnrolment,
  hashRecoveryCode,
  makeRecoveryCodes,
  matchingStep,
  newRecoveryCodes,
  resetTwoStep,
  signInWithCode,
  turnOffTwoStep,
  twoStepStatus,
} from './two-step';
import { NO_REQUEST, type EventPerson } from '../security/events';

const PASSWORD = 'kolme vihreää omenaa kellarissa';
const STEP = 30_000;
const codeAt = (secret: Uint8Array, at: number) => generateHOTP(secret, BigInt(timeStepAt(at)), 6);
/** A 6-digit code that is none of the codes accepted around `at`. */
function wrongCode(secret: Uint8Array, at: number): string {
  const near = [-1, 0, 1].map((d) => codeAt(secret, at + d * STEP));
  return ['000000', '111111', '222222', '333333'].find((c) => !near.includes(c))!;
}

let db: Database;
let unitId: number;
let adminId: number;
const person = (id: number, role = 'worker'): EventPerson => ({ id, role, unit_id: unitId });

async function addWorker(email: string, role: 'worker' | 'admin' | 'family' = 'worker'): Promise<number> {
  const hash = await hashPassword(PASSWORD);
  return db.write(async (tx) => (await tx.run("INSERT INTO people (unit_id, role, full_name, preferred_name, email, password_hash, created_at) VALUES (?, ?, 'Testi Henkilö', 'Testi', ?, ?, 0)", [role === 'family' ? null : unitId, role, email, hash])).lastID);
}

/** Enrols the person from the settings page at `at`; returns the key (as the app has it) and the recovery codes. */
async function enrol(personId: number, email: string, at: number): Promise<{ secret: Uint8Array; codes: string[] }> {
  const enrolment = (await beginEnrolment(db, { id: personId, email }, at))!;
  const secret = decodeBase32IgnorePadding(enrolment.secret);
  const result = await confirmEnrolment(db, { person: person(personId), pendingId: null }, codeAt(secret, at), NO_REQUEST, at);
  if (!result.ok) throw new Error(`enrolling failed: ${result.reason}`);
  return { secret, codes: result.recoveryCodes };
}

async function passwordStep(email: string, at: number, ip: string): Promise<SecondStepNeeded> {
  const result = await signInWithPassword(db, email, PASSWORD, ip, at);
  if (!result.ok || !('secondStep' in result)) throw new Error(`expected a second step, got ${JSON.stringify(result)}`);
  return result;
}

const failures = async (id: number) => (await db.get<{ failed_sign_ins: number }>('SELECT failed_sign_ins FROM people WHERE id = ?', [id]))!.failed_sign_ins;
const eventsOf = async (id: number) => db.all<{ kind: string; reason: string }>('SELECT kind, reason FROM security_events WHERE person_id = ? ORDER BY id', [id]);

beforeAll(async () => {
  db = await openTestDb();
  await db.write(async (tx) => {
    unitId = (await tx.run("INSERT INTO units (name, municipality, created_at) VALUES ('Paja', 'Pori', 0)")).lastID;
  });
  adminId = await addWorker('admin@testi.fi', 'admin');
  // The events are printed on stdout as JSON lines: not into the test's output.
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await closeTestDb(db);
});

describe('the stored key', () => {
  it('is encrypted with a key kept beside the database (made once, mode 600), or on PostgreSQL the configured one, and opens only for its person', () => {
    const key = twoStepKeyOf(db);
    if (db.file === null) {
      // PostgreSQL: no file beside the database; every app server has the same key from its environment.
      expect(key.toString('hex')).toBe(config.twoStepKey);
    } else {
      expect(config.twoStepKey, 'this test is about the key file: run it without OMAPOLKU_TWO_STEP_KEY').toBeNull();
      const file = keyFileOf(db.file);
      expect(fs.existsSync(file)).toBe(true);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(path.dirname(file)).toBe(path.dirname(path.resolve(db.file)));
      expect(twoStepKeyOf(db)).toBe(key);
    }
    const secret = new Uint8Array(randomBytes(20));
    const sealed = sealSecret(key, 7, secret);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(Buffer.from(secret).toString('base64url'));
    expect(openSecret(key, 7, sealed)).toEqual(secret);
    // Copied onto another person, opened with another key, or altered: nothing.
    expect(openSecret(key, 8, sealed)).toBeNull();
    expect(openSecret(randomBytes(32), 7, sealed)).toBeNull();
    expect(openSecret(key, 7, `${sealed.slice(0, -2)}AA`)).toBeNull();
    expect(openSecret(key, 7, 'garbage')).toBeNull();
  });
});

describe('the key from the environment', () => {
  it('is OMAPOLKU_TWO_STEP_KEY when set (no file is made), and one that cannot be a key stops the server at start', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omapolku-two-step-key-'));
    try {
      vi.stubEnv('OMAPOLKU_TWO_STEP_KEY', 'ab'.repeat(32));
      vi.resetModules();
      const fromEnv = await import('./two-step-secret');
      const file = path.join(dir, 'omapolku.sqlite');
      expect(fromEnv.twoStepKeyOf({ file }).toString('hex')).toBe('ab'.repeat(32));
      expect(fs.existsSync(keyFileOf(file))).toBe(false);
      vi.stubEnv('OMAPOLKU_TWO_STEP_KEY', 'not a key');
      vi.resetModules();
      await expect(import('../config')).rejects.toThrow(/OMAPOLKU_TWO_STEP_KEY must be 64 hexadecimal digits/);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('codes', () => {
  // RFC 6238 appendix B, SHA-1: at 59 s the 8-digit code is 94287082, so the 6-digit one is 287082.
  const rfcKey = new TextEncoder().encode('12345678901234567890');

  it('match the RFC 6238 test vector, in its own step and one step either side', () => {
    expect(matchingStep(rfcKey, '287082', 59_000, 0)).toBe(1);
    expect(matchingStep(rfcKey, '287082', 59_000 + STEP, 0)).toBe(1);
    expect(matchingStep(rfcKey, '287082', 59_000 + 2 * STEP, 0)).toBeNull();
    expect(matchingStep(rfcKey, '287083', 59_000, 0)).toBeNull();
  });

  it('are refused once their step (or a later one) has been used', () => {
    expect(matchingStep(rfcKey, '287082', 59_000, 1)).toBeNull();
    expect(matchingStep(rfcKey, '287082', 59_000, 2)).toBeNull();
  });

  it('recovery codes: 10 different ones that read back as themselves, kept as SHA-256 only', () => {
    const codes = makeRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(normalizeRecoveryCode(code)).toBe(code);
    expect(hashRecoveryCode('k4m7qx2b9d')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode('k4m7qx2b9d')).not.toBe(hashRecoveryCode('k4m7qx2b9e'));
  });
});

describe('two-step sign-in', () => {
  it('a worker without it signs in with the password alone, as before', async () => {
    await addWorker('ilman@testi.fi');
    const result = await signInWithPassword(db, 'ilman@testi.fi', PASSWORD, '10.9.1.1');
    expect(result.ok && 'token' in result).toBe(true);
  });

  it('enrols with the QR key and one code; the same key is shown again until then; recovery codes only as hashes', async () => {
    const id = await addWorker('liisa@testi.fi');
    const now = Date.now();
    const first = (await beginEnrolment(db, { id, email: 'liisa@testi.fi' }, now))!;
    expect(first.uri).toMatch(/^otpauth:\/\/totp\/Omapolku:liisa%40testi\.fi\?/);
    expect(first.uri).toContain(`secret=${first.secret}`);
    expect((await beginEnrolment(db, { id, email: 'liisa@testi.fi' }, now + 60_000))!.secret).toBe(first.secret);
    const secret = decodeBase32IgnorePadding(first.secret);
    expect(secret).toHaveLength(20);
    // Not in force before the first code.
    expect((await twoStepStatus(db, id)).enrolled).toBe(false);
    expect(await confirmEnrolment(db, { person: person(id), pendingId: null }, wrongCode(secret, now), NO_REQUEST, now)).toEqual({ ok: false, reason: 'wrong' });
    const done = await confirmEnrolment(db, { person: person(id), pendingId: null }, codeAt(secret, now), NO_REQUEST, now);
    expect(done.ok).toBe(true);
    const codes = done.ok ? done.recoveryCodes : [];
    expect(codes).toHaveLength(10);
    expect(await twoStepStatus(db, id)).toMatchObject({ enrolled: true, recoveryLeft: 10, unitRequires: false });
    const stored = JSON.stringify(await db.all('SELECT * FROM recovery_codes WHERE person_id = ?', [id])) + JSON.stringify(await db.all('SELECT * FROM two_step WHERE person_id = ?', [id]));
    for (const code of codes) expect(stored).not.toContain(code);
    expect(stored).not.toContain(first.secret);
    expect(await beginEnrolment(db, { id, email: 'liisa@testi.fi' }, now)).toBeNull();
    expect(await eventsOf(id)).toEqual([{ kind: 'two_step_enrolled', reason: 'in_settings' }]);
  });

  it('asks the code after the right password: no session before it, a wrong one counted like a password, a used one refused', async () => {
    const id = await addWorker('pekka@testi.fi');
    const t0 = Date.now();
    const { secret } = await enrol(id, 'pekka@testi.fi', t0);
    const sessions = async () => (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM sessions WHERE person_id = ?', [id]))!.n;

    const pending = await passwordStep('pekka@testi.fi', t0, '10.9.10.1');
    expect(pending.secondStep).toBe('code');
    expect(await sessions()).toBe(0);
    // The password's try stays counted until the code is right.
    expect(await failures(id)).toBe(1);

    expect(await signInWithCode(db, pending.pendingToken, '', '10.9.10.1', NO_REQUEST, t0)).toEqual({ ok: false, reason: 'missing' });
    const wrong = wrongCode(secret, t0);
    expect(await signInWithCode(db, pending.pendingToken, wrong, '10.9.10.1', NO_REQUEST, t0)).toEqual({ ok: false, reason: 'wrong' });
    expect(await failures(id)).toBe(2);
    // The code of the enrolment's step was used already: refused (and counted).
    expect(await signInWithCode(db, pending.pendingToken, codeAt(secret, t0), '10.9.10.1', NO_REQUEST, t0)).toEqual({ ok: false, reason: 'wrong' });

    // The phone one step ahead: accepted, and all failures before it taken back.
    const right = await signInWithCode(db, pending.pendingToken, codeAt(secret, t0 + STEP), '10.9.10.1', NO_REQUEST, t0);
    expect(right).toMatchObject({ ok: true, role: 'worker', usedRecoveryCode: false });
    if (right.ok) expect((await validateSessionToken(db, right.token, t0))?.person.id).toBe(id);
    expect(await failures(id)).toBe(0);
    // The step is over: the cookie opens nothing more.
    expect(await signInWithCode(db, pending.pendingToken, codeAt(secret, t0 + STEP), '10.9.10.1', NO_REQUEST, t0)).toEqual({ ok: false, reason: 'pending_expired' });

    // Another sign-in within the same window: that code is used, even on another device.
    const again = await passwordStep('pekka@testi.fi', t0, '10.9.10.1');
    expect(await signInWithCode(db, again.pendingToken, codeAt(secret, t0 + STEP), '10.9.10.1', NO_REQUEST, t0)).toEqual({ ok: false, reason: 'wrong' });
    expect((await eventsOf(id)).filter((e) => e.kind !== 'two_step_enrolled')).toEqual([
      { kind: 'sign_in_failed', reason: 'wrong_code' },
      { kind: 'sign_in_failed', reason: 'wrong_code' },
      { kind: 'sign_in', reason: 'two_step' },
      { kind: 'sign_in_failed', reason: 'wrong_code' },
    ]);
    // A pending step lasts 10 minutes.
    expect(await signInWithCode(db, again.pendingToken, codeAt(secret, t0 + 11 * 60_000), '10.9.10.1', NO_REQUEST, t0 + 11 * 60_000)).toEqual({ ok: false, reason: 'pending_expired' });
  });

  it('takes a recovery code once, and logs its use', async () => {
    const id = await addWorker('reko@testi.fi');
    const t0 = Date.now();
    const { codes } = await enrol(id, 'reko@testi.fi', t0);
    const first = await passwordStep('reko@testi.fi', t0, '10.9.11.1');
    const used = await signInWithCode(db, first.pendingToken, codes[3].toUpperCase().replace(/^(.{5})/, '$1-'), '10.9.11.1', NO_REQUEST, t0);
    expect(used).toMatchObject({ ok: true, usedRecoveryCode: true });
    expect((await twoStepStatus(db, id)).recoveryLeft).toBe(9);
    const second = await passwordStep('reko@testi.fi', t0, '10.9.11.1');
    expect(await signInWithCode(db, second.pendingToken, codes[3], '10.9.11.1', NO_REQUEST, t0)).toEqual({ ok: false, reason: 'wrong' });
    expect((await eventsOf(id)).slice(1, 3)).toEqual([
      { kind: 'recovery_code_used', reason: 'at_sign_in' },
      { kind: 'sign_in', reason: 'recovery_code' },
    ]);
    // New codes: the old ones stop working.
    const fresh = (await newRecoveryCodes(db, person(id), NO_REQUEST, t0))!;
    expect(fresh).toHaveLength(10);
    expect(await signInWithCode(db, second.pendingToken, codes[4], '10.9.11.1', NO_REQUEST, t0)).toEqual({ ok: false, reason: 'wrong' });
    expect(await signInWithCode(db, second.pendingToken, fresh[0], '10.9.11.1', NO_REQUEST, t0)).toMatchObject({ ok: true });
  });

  it('delays the account after repeated wrong codes, and a right code waits too', async () => {
    const id = await addWorker('lukko@testi.fi');
    const t0 = Date.now();
    const { secret } = await enrol(id, 'lukko@testi.fi', t0);
    const pending = await passwordStep('lukko@testi.fi', t0, '10.9.12.1');
    const wrong = wrongCode(secret, t0);
    // The password's try is the first failure: the 4th wrong code is the 5th, which starts the delay.
    for (let i = 0; i < EMAIL_DELAY.after - 2; i++) expect(await signInWithCode(db, pending.pendingToken, wrong, '10.9.12.1', NO_REQUEST, t0)).toEqual({ ok: false, reason: 'wrong' });
    const last = await signInWithCode(db, pending.pendingToken, wrong, '10.9.12.1', NO_REQUEST, t0);
    expect(last).toMatchObject({ ok: false, reason: 'locked', lock: { locked: true, minutesLeft: 1 } });
    expect(await signInWithCode(db, pending.pendingToken, codeAt(secret, t0 + STEP), '10.9.12.1', NO_REQUEST, t0)).toMatchObject({ ok: false, reason: 'locked' });
    const events = await eventsOf(id);
    expect(events.filter((e) => e.kind === 'locked')).toEqual([{ kind: 'locked', reason: 'for_a_while' }]);
    expect(events.at(-1)).toEqual({ kind: 'sign_in_failed', reason: 'locked' });
    // After the delay the right code still works (the pending step lasts 10 minutes).
    expect(await signInWithCode(db, pending.pendingToken, codeAt(secret, t0 + 2 * 60_000), '10.9.12.1', NO_REQUEST, t0 + 2 * 60_000)).toMatchObject({ ok: true });
  });

  it('counts code tries on the address limit of the sign-in forms', async () => {
    const id = await addWorker('osoite@testi.fi');
    const t0 = Date.now();
    await enrol(id, 'osoite@testi.fi', t0);
    const pending = await passwordStep('osoite@testi.fi', t0, '10.9.2.1');
    const ip = '10.9.3.1';
    for (let i = 0; i < config.ipSignInLimit; i++) await signInWithCode(db, pending.pendingToken, '000000', ip, NO_REQUEST, t0);
    expect(await signInWithCode(db, pending.pendingToken, '000000', ip, NO_REQUEST, t0)).toMatchObject({ ok: false, reason: 'too_many_from_here' });
    expect((await eventsOf(id)).at(-1)).toEqual({ kind: 'sign_in_failed', reason: 'too_many_from_here' });
  });

  it('where the unit requires it, a worker who has not enrolled enrols after the password, before any session; family members never', async () => {
    const id = await addWorker('uusi@testi.fi');
    const familyId = await addWorker('laheinen@testi.fi', 'family');
    await db.write((tx) => tx.run('UPDATE units SET staff_two_step = 1 WHERE id = ?', [unitId]));
    try {
      expect(await secondStepNeeded(db, familyId)).toBe('none');
      const family = await signInWithPassword(db, 'laheinen@testi.fi', PASSWORD, '10.9.4.1');
      expect(family.ok && 'token' in family).toBe(true);

      const t0 = Date.now();
      const pending = await passwordStep('uusi@testi.fi', t0, '10.9.13.1');
      expect(pending.secondStep).toBe('enrol');
      // Enrolling is no guess at a secret: the password's try is taken back at once.
      expect(await failures(id)).toBe(0);
      const step = (await pendingSecondStep(db, pending.pendingToken, t0))!;
      expect(step.purpose).toBe('enrol');
      const enrolment = (await beginEnrolment(db, { id, email: 'uusi@testi.fi' }, t0))!;
      const secret = decodeBase32IgnorePadding(enrolment.secret);
      const done = await confirmEnrolment(db, { person: person(id), pendingId: step.id }, codeAt(secret, t0), NO_REQUEST, t0);
      expect(done.ok && done.signedIn !== null && done.recoveryCodes.length === 10).toBe(true);
      if (done.ok && done.signedIn) expect((await validateSessionToken(db, done.signedIn.token, t0))?.person.id).toBe(id);
      expect(await pendingSecondStep(db, pending.pendingToken, t0)).toBeNull();
      expect((await eventsOf(id)).slice(-2)).toEqual([
        { kind: 'two_step_enrolled', reason: 'at_sign_in' },
        { kind: 'sign_in', reason: 'two_step' },
      ]);
      // Required: it cannot be turned off.
      expect(await turnOffTwoStep(db, person(id), codeAt(secret, t0 + STEP), NO_REQUEST, t0)).toEqual({ ok: false, reason: 'required' });
    } finally {
      await db.write((tx) => tx.run('UPDATE units SET staff_two_step = 0 WHERE id = ?', [unitId]));
    }
  });

  it('turns off with a right code only', async () => {
    const id = await addWorker('pois@testi.fi');
    const t0 = Date.now();
    const { secret } = await enrol(id, 'pois@testi.fi', t0);
    expect(await turnOffTwoStep(db, person(id), '', NO_REQUEST, t0)).toEqual({ ok: false, reason: 'missing' });
    expect(await turnOffTwoStep(db, person(id), wrongCode(secret, t0), NO_REQUEST, t0)).toEqual({ ok: false, reason: 'wrong' });
    expect(await failures(id)).toBe(1);
    expect(await turnOffTwoStep(db, person(id), codeAt(secret, t0 + STEP), NO_REQUEST, t0)).toEqual({ ok: true });
    expect(await failures(id)).toBe(0);
    expect(await twoStepStatus(db, id)).toMatchObject({ enrolled: false, recoveryLeft: 0 });
    expect(await db.get('SELECT 1 FROM recovery_codes WHERE person_id = ?', [id])).toBeUndefined();
    expect((await eventsOf(id)).at(-1)).toEqual({ kind: 'two_step_turned_off', reason: 'by_person' });
    const result = await signInWithPassword(db, 'pois@testi.fi', PASSWORD, '10.9.5.1', t0);
    expect(result.ok && 'token' in result).toBe(true);
  });

  it('the admin resets it: audited, logged, and every session of the person ends', async () => {
    const id = await addWorker('nollaus@testi.fi');
    const t0 = Date.now();
    const { secret } = await enrol(id, 'nollaus@testi.fi', t0);
    const pending = await passwordStep('nollaus@testi.fi', t0, '10.9.14.1');
    const signedIn = await signInWithCode(db, pending.pendingToken, codeAt(secret, t0 + STEP), '10.9.14.1', NO_REQUEST, t0);
    expect(signedIn.ok).toBe(true);
    const halfDone = await passwordStep('nollaus@testi.fi', t0, '10.9.14.1');

    const reset = await resetTwoStep(db, person(id), { id: adminId, unitId }, NO_REQUEST, t0);
    expect(reset).toEqual({ changed: true, sessionsEnded: 1 });
    expect(await db.get('SELECT 1 FROM sessions WHERE person_id = ?', [id])).toBeUndefined();
    expect(await twoStepStatus(db, id)).toMatchObject({ enrolled: false });
    // A half-done sign-in from before the reset starts again from the password.
    expect(await signInWithCode(db, halfDone.pendingToken, codeAt(secret, t0 + STEP), '10.9.14.1', NO_REQUEST, t0)).toEqual({ ok: false, reason: 'pending_expired' });
    const [row] = await db.all<{ actor_id: number; action: string; target_id: number; old_value: string; new_value: string }>(
      "SELECT actor_id, action, target_id, old_value, new_value FROM admin_audit WHERE action = 'reset two-step'",
    );
    expect(row).toEqual({ actor_id: adminId, action: 'reset two-step', target_id: id, old_value: '{"two_step":1,"sessions":1}', new_value: '{"two_step":0,"sessions":0}' });
    const events = await db.all<{ kind: string; reason: string; by_id: number }>('SELECT kind, reason, by_id FROM security_events WHERE person_id = ? ORDER BY id DESC LIMIT 2', [id]);
    expect(events).toEqual([
      { kind: 'sessions_ended', reason: 'two_step_reset', by_id: adminId },
      { kind: 'two_step_reset', reason: 'by_admin', by_id: adminId },
    ]);
    // Nothing to reset a second time.
    expect(await resetTwoStep(db, person(id), { id: adminId, unitId }, NO_REQUEST, t0)).toEqual({ changed: false, sessionsEnded: 0 });
    const after = await signInWithPassword(db, 'nollaus@testi.fi', PASSWORD, '10.9.6.1', t0);
    expect(after.ok && 'token' in after).toBe(true);
  });
});
