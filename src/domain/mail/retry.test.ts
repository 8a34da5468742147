import { describe, expect, it } from 'vitest';
import { isPermanentFailure, MAX_MAIL_ATTEMPTS, retryDelay } from './retry';

describe('retryDelay', () => {
  it('grows after each failed attempt', () => {
    const delays = Array.from({ length: MAX_MAIL_ATTEMPTS - 1 }, (_, i) => retryDelay(i + 1, 30_000) as number);
    expect(delays[0]).toBe(30_000);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1]);
    expect(delays.at(-1)).toBe(12 * 60 * 60_000);
  });
  it('gives up after the last attempt', () => {
    expect(retryDelay(MAX_MAIL_ATTEMPTS, 30_000)).toBeNull();
    expect(retryDelay(MAX_MAIL_ATTEMPTS + 3, 30_000)).toBeNull();
  });
  it('scales with the base (the tests use a short one)', () => {
    expect(retryDelay(2, 100)).toBe(400);
  });
});

describe('isPermanentFailure', () => {
  it('is a 5xx answer only', () => {
    expect(isPermanentFailure(550)).toBe(true);
    expect(isPermanentFailure(421)).toBe(false);
    expect(isPermanentFailure(undefined)).toBe(false);
  });
});
