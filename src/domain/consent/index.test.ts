import { describe, expect, test } from 'vitest';
import { consentState, endDateOf, endDateProblem, historyEvents, parseDayInput } from '.';

describe('consent rules', () => {
  test('half a year and a year end the day before the same date', () => {
    expect(endDateOf('half_year', '2026-11-22')).toBe('2027-05-21');
    expect(endDateOf('year', '2026-11-22')).toBe('2027-11-21');
    // 31 August + 6 months: there is no 31 February, so the last valid day is 27 February.
    expect(endDateOf('half_year', '2026-08-31')).toBe('2027-02-27');
    expect(endDateOf('year', '2028-02-29')).toBe('2029-02-27');
  });

  test('end dates: missing, not a date, past, too far, fine', () => {
    expect(endDateProblem('', '2026-11-22')).toBe('missing');
    expect(endDateProblem('2026-02-30', '2026-11-22')).toBe('invalid');
    expect(endDateProblem('2026-11-21', '2026-11-22')).toBe('past');
    expect(endDateProblem('2026-11-22', '2026-11-22')).toBeNull();
    expect(endDateProblem('2030-01-01', '2026-11-22')).toBe('tooFar');
  });

  test('typed dates in Finnish or ISO form', () => {
    expect(parseDayInput('31.12.2026')).toBe('2026-12-31');
    expect(parseDayInput(' 1.2.2027 ')).toBe('2027-02-01');
    expect(parseDayInput('2027-02-01')).toBe('2027-02-01');
    expect(parseDayInput('31.2.2027')).toBe('');
    expect(parseDayInput('huomenna')).toBe('');
  });

  test('state: in force through the end day, a reminder in the last 30 days, then expired', () => {
    const open = { ending_reason: null };
    expect(consentState({ ...open, ends_on: '2026-12-23' }, '2026-11-22')).toBe('current');
    expect(consentState({ ...open, ends_on: '2026-12-22' }, '2026-11-22')).toBe('ending_soon');
    expect(consentState({ ...open, ends_on: '2026-11-22' }, '2026-11-22')).toBe('ending_soon');
    expect(consentState({ ...open, ends_on: '2026-11-21' }, '2026-11-22')).toBe('expired');
    expect(consentState({ ends_on: '2027-01-01', ending_reason: 'withdrawn' }, '2026-11-22')).toBe('withdrawn');
  });

  test('history events of a consent', () => {
    const c = { created_at: 1, replaces_id: null, ended_at: null, ending_reason: null, ends_on: '2026-11-01' };
    expect(historyEvents(c, '2026-11-22')).toEqual([{ kind: 'given', at: 1 }, { kind: 'expired', at: '2026-11-02' }]);
    expect(historyEvents({ ...c, replaces_id: 3, ending_reason: 'withdrawn', ended_at: 5 }, '2026-11-22')).toEqual([{ kind: 'changed', at: 1 }, { kind: 'withdrawn', at: 5 }]);
    // A replaced consent's end shows as the newer consent's "changed".
    expect(historyEvents({ ...c, ending_reason: 'replaced', ended_at: 5 }, '2026-11-22')).toEqual([{ kind: 'given', at: 1 }]);
  });
});
