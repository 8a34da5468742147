import { describe, expect, it } from 'vitest';
import { isWorkingDay, workingDaysAfter } from './working-days';

describe('working days', () => {
  it('skips weekends and public holidays', () => {
    expect(isWorkingDay('2026-11-30')).toBe(true); // a Monday
    expect(isWorkingDay('2026-12-05')).toBe(false); // a Saturday
    expect(isWorkingDay('2026-12-24')).toBe(false); // Christmas Eve
    expect(workingDaysAfter('2026-12-03', 3)).toEqual(['2026-12-04', '2026-12-07', '2026-12-08']); // Independence Day is a Sunday
    expect(workingDaysAfter('2026-12-22', 4)).toEqual(['2026-12-23', '2026-12-28', '2026-12-29', '2026-12-30']);
  });
});
