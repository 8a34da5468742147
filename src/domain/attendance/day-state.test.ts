import { describe, expect, it } from 'vitest';
import { dayState } from './day-state';

const base = { reported: false, holiday: false, scheduled: true, today: '2026-11-23' };

describe('dayState', () => {
  it('shows a recorded status first, then a report, then a holiday, then a coming day', () => {
    expect(dayState('2026-11-20', { ...base, status: 'sick', reported: true })).toBe('sick');
    expect(dayState('2026-11-24', { ...base, reported: true })).toBe('reported');
    expect(dayState('2026-12-24', { ...base, holiday: true })).toBe('no_service');
    expect(dayState('2026-11-24', base)).toBe('coming');
    expect(dayState('2026-11-23', base)).toBe('coming');
  });

  it('shows nothing for a past day without a record, or a day off the schedule', () => {
    expect(dayState('2026-11-20', base)).toBe('none');
    expect(dayState('2026-11-28', { ...base, scheduled: false })).toBe('none');
    expect(dayState('2026-12-06', { ...base, scheduled: false, holiday: true })).toBe('none');
  });
});
