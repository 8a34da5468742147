/**
 * The rules of two-step sign-in for staff (issue 16, point 7), without I/O: which second step a
 * sign-in needs, which time steps a code may come from, and how a typed code is read. The codes
 * themselves (HMAC) and the random recovery codes are made in src/server/auth/two-step.ts.
 */

/** TOTP as every authenticator app makes it by default (RFC 6238): 30-second steps, 6 digits, SHA-1. */
export const TOTP = {
  periodSeconds: 30,
  digits: 6,
  /** A phone's clock may be this many steps behind or ahead. */
  driftSteps: 1,
} as const;

export const RECOVERY_CODE_COUNT = 10;
/** 10 characters of 32: 50 random bits each, read in two groups of five ("k4m7q-x2b9d"). */
export const RECOVERY_CODE_LENGTH = 10;
/**
 * Crockford's base 32: digits and lower-case letters without i, l, o and u, so nothing is
 * mistaken for something else when copied from paper (an i, l or o typed is read as 1, 1, 0).
 */
export const RECOVERY_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** How long the second step of a sign-in may take after the right password. */
export const PENDING_SECOND_STEP_MINUTES = 10;
/** How long a QR code shown for enrolment stays the same (a reload shows the same one). */
export const ENROLMENT_MINUTES = 60;

/** The time step of a moment (milliseconds since 1970). */
export function timeStepAt(nowMs: number): number {
  return Math.floor(nowMs / (TOTP.periodSeconds * 1000));
}

/**
 * The time steps a code typed now may come from, the current one first: the current step and
 * one either side for a clock that drifts, but only steps after the last accepted one, so a
 * code accepted once is refused for the rest of its window (and so is any older code).
 */
export function stepsToTry(nowMs: number, lastUsedStep: number): number[] {
  const now = timeStepAt(nowMs);
  const steps = [now];
  for (let d = 1; d <= TOTP.driftSteps; d++) steps.push(now - d, now + d);
  return steps.filter((s) => s > lastUsedStep);
}

export type TypedCode = { kind: 'totp'; code: string } | { kind: 'recovery'; code: string };

/**
 * What the person typed: a 6-digit code (spaces allowed, as apps show "123 456") or a recovery
 * code (dash and spaces allowed, any case; i, l and o read as 1, 1 and 0). Anything else: null.
 */
export function readTypedCode(input: string): TypedCode | null {
  const compact = input.replace(/[\s\u00a0-]/g, '');
  if (compact.length === TOTP.digits && /^\d+$/.test(compact)) return { kind: 'totp', code: compact };
  const recovery = normalizeRecoveryCode(compact);
  return recovery ? { kind: 'recovery', code: recovery } : null;
}

/** A recovery code in its one stored form (lower case, no dash), or null when it cannot be one. */
export function normalizeRecoveryCode(input: string): string | null {
  const code = input
    .replace(/[\s\u00a0-]/g, '')
    .toLowerCase()
    .replace(/[il]/g, '1')
    .replace(/o/g, '0');
  if (code.length !== RECOVERY_CODE_LENGTH) return null;
  for (const ch of code) if (!RECOVERY_ALPHABET.includes(ch)) return null;
  return code;
}

/** Random bytes (one per character) to a recovery code: each byte's low 5 bits pick a character, evenly. */
export function recoveryCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== RECOVERY_CODE_LENGTH) throw new RangeError(`A recovery code takes ${RECOVERY_CODE_LENGTH} random bytes`);
  return Array.from(bytes, (b) => RECOVERY_ALPHABET[b & 31]).join('');
}

/** As it is shown and printed: two groups of five. */
export function formatRecoveryCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** A TOTP key in base 32 as people type it into an app by hand: groups of four. */
export function groupKey(base32: string): string {
  return base32.match(/.{1,4}/g)?.join(' ') ?? '';
}

export type SecondStep = 'none' | 'code' | 'enrol';

/**
 * The second step a sign-in with the right password needs. Family members have none (email
 * and password only). A worker or admin who has enrolled types a code; one who has not, in a
 * unit that requires two-step sign-in, enrols before the session exists.
 */
export function secondStepFor(p: { role: string; enrolled: boolean; unitRequires: boolean }): SecondStep {
  if (p.role !== 'worker' && p.role !== 'admin') return 'none';
  if (p.enrolled) return 'code';
  return p.unitRequires ? 'enrol' : 'none';
}

export function isStaffRole(role: string): role is 'worker' | 'admin' {
  return role === 'worker' || role === 'admin';
}
