import { describe, expect, it } from 'vitest';
import {
  formatRecoveryCode,
  groupKey,
  normalizeRecoveryCode,
  readTypedCode,
  RECOVERY_ALPHABET,
  RECOVERY_CODE_LENGTH,
  recoveryCodeFromBytes,
  secondStepFor,
  stepsToTry,
  timeStepAt,
  TOTP,
} from './two-step';

const STEP_MS = TOTP.periodSeconds * 1000;

describe('the time window of a code', () => {
  it('counts 30-second steps from 1970, as RFC 6238 does', () => {
    expect(timeStepAt(0)).toBe(0);
    expect(timeStepAt(29_999)).toBe(0);
    expect(timeStepAt(30_000)).toBe(1);
    // RFC 6238 appendix B: T = 0x23523EC at 1111111109 seconds, 0x23523ED at 1111111111.
    expect(timeStepAt(1_111_111_109_000)).toBe(0x23523ec);
    expect(timeStepAt(1_111_111_111_000)).toBe(0x23523ed);
  });

  it('accepts the current step and one either side for a drifting clock, the current first', () => {
    const now = 1000 * STEP_MS + 12_000;
    expect(stepsToTry(now, 0)).toEqual([1000, 999, 1001]);
  });

  it('never a step at or before the last accepted one: a used code stays used for its whole window', () => {
    const now = 1000 * STEP_MS;
    expect(stepsToTry(now, 999)).toEqual([1000, 1001]);
    expect(stepsToTry(now, 1000)).toEqual([1001]);
    // A code from the phone one step ahead was accepted: nothing is left until the clock gets there.
    expect(stepsToTry(now, 1001)).toEqual([]);
    expect(stepsToTry(now + STEP_MS, 1001)).toEqual([1002]);
  });
});

describe('reading what was typed', () => {
  it('reads 6 digits as a code, with the spaces apps show', () => {
    expect(readTypedCode('123456')).toEqual({ kind: 'totp', code: '123456' });
    expect(readTypedCode(' 123 456 ')).toEqual({ kind: 'totp', code: '123456' });
    expect(readTypedCode('12345')).toBeNull();
    expect(readTypedCode('1234567')).toBeNull();
    expect(readTypedCode('')).toBeNull();
    expect(readTypedCode('12345x')).toBeNull();
  });

  it('reads a recovery code in any case, with or without its dash; i, l and o as 1, 1 and 0', () => {
    expect(readTypedCode('k4m7q-x2b9d')).toEqual({ kind: 'recovery', code: 'k4m7qx2b9d' });
    expect(readTypedCode('K4M7Q X2B9D')).toEqual({ kind: 'recovery', code: 'k4m7qx2b9d' });
    expect(normalizeRecoveryCode('abcdO-ILxyz')).toBe('abcd011xyz');
    // A recovery code may happen to be all digits: ten of them are not a 6-digit code.
    expect(readTypedCode('0123456789')).toEqual({ kind: 'recovery', code: '0123456789' });
    // u is not in the alphabet, and the length must be right.
    expect(normalizeRecoveryCode('uuuuu-uuuuu')).toBeNull();
    expect(normalizeRecoveryCode('abcde-fghj')).toBeNull();
    expect(readTypedCode('abcde-fghjkm')).toBeNull();
  });
});

describe('recovery codes', () => {
  it('have 32 unambiguous characters: no i, l, o or u', () => {
    expect(RECOVERY_ALPHABET).toHaveLength(32);
    expect(new Set(RECOVERY_ALPHABET).size).toBe(32);
    expect(RECOVERY_ALPHABET).not.toMatch(/[ilou]/);
  });

  it('take one random byte per character, evenly (the low 5 bits)', () => {
    expect(recoveryCodeFromBytes(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]))).toBe('0123456789');
    expect(recoveryCodeFromBytes(new Uint8Array([31, 32, 63, 255, 10, 42, 0, 0, 0, 0]))).toBe('z0zzaa0000');
    expect(() => recoveryCodeFromBytes(new Uint8Array(9))).toThrow(RangeError);
    const code = recoveryCodeFromBytes(new Uint8Array(RECOVERY_CODE_LENGTH).fill(200));
    expect(normalizeRecoveryCode(code)).toBe(code);
  });

  it('are shown in two groups of five, and read back the same', () => {
    expect(formatRecoveryCode('k4m7qx2b9d')).toBe('k4m7q-x2b9d');
    expect(readTypedCode(formatRecoveryCode('k4m7qx2b9d'))).toEqual({ kind: 'recovery', code: 'k4m7qx2b9d' });
  });
});

describe('which second step a sign-in needs', () => {
  it('none for family members, whatever else is true', () => {
    expect(secondStepFor({ role: 'family', enrolled: true, unitRequires: true })).toBe('none');
    expect(secondStepFor({ role: 'client', enrolled: false, unitRequires: true })).toBe('none');
  });

  it('the code for staff who have enrolled; enrolling first where the unit requires it', () => {
    expect(secondStepFor({ role: 'worker', enrolled: true, unitRequires: false })).toBe('code');
    expect(secondStepFor({ role: 'admin', enrolled: true, unitRequires: true })).toBe('code');
    expect(secondStepFor({ role: 'worker', enrolled: false, unitRequires: true })).toBe('enrol');
    expect(secondStepFor({ role: 'admin', enrolled: false, unitRequires: false })).toBe('none');
  });
});

it('groups a key in fours for typing by hand', () => {
  expect(groupKey('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')).toBe('ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567');
  expect(groupKey('ABCDE')).toBe('ABCD E');
});
