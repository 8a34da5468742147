import { describe, expect, it } from 'vitest';
import { isFeeling, reviewState } from './plan';

describe('plan review date', () => {
  it('is ok, due within 30 days, or overdue after its date', () => {
    expect(reviewState('2027-01-15', '2026-11-22')).toBe('ok');
    expect(reviewState('2026-12-22', '2026-11-22')).toBe('due');
    expect(reviewState('2026-11-22', '2026-11-22')).toBe('due');
    expect(reviewState('2026-11-21', '2026-11-22')).toBe('overdue');
  });
});

describe('feelings', () => {
  it('are the three pictures and nothing else', () => {
    expect(['good', 'some', 'hard'].every(isFeeling)).toBe(true);
    expect(isFeeling('great')).toBe(false);
    expect(isFeeling(undefined)).toBe(false);
  });
});
