import { afterEach, describe, expect, it } from 'vitest';
import { addDays, addMonths, daysOfMonth, FIRST_MONTH, isCalendarMonth, isIsoDate, isMonth, isoWeekday, LAST_MONTH, monthGrid, monthOf, requestedMonth } from './month';

describe('isIsoDate', () => {
  it('accepts only dates that exist on the calendar', () => {
    expect(isIsoDate('2026-11-24')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-12-31')).toBe(true);
    const refused = ['2026-13-01', '2026-00-10', '2026-01-00', '2026-1-05', '2026-01-5', '26-01-05', '2026-01-05T12:00', ' 2026-01-05', ''];
    for (const bad of refused) expect(isIsoDate(bad)).toBe(false);
  });
});

describe('isMonth', () => {
  it('accepts YYYY-MM with a real month only', () => {
    expect(isMonth('2026-11')).toBe(true);
    expect(isMonth('2026-01')).toBe(true);
    expect(isMonth('2026-12')).toBe(true);
    for (const bad of ['2026-13', '2026-00', '2026-1', '2026-11-01', '202-11', '', '2026/11']) expect(isMonth(bad)).toBe(false);
  });

  it('accepts only the years 2000–2100, where every page can still step a year either way', () => {
    expect([FIRST_MONTH, LAST_MONTH]).toEqual(['2000-01', '2100-12']);
    for (const good of ['2000-01', '2100-12', '2050-06']) expect(isMonth(good)).toBe(true);
    for (const bad of ['9999-12', '0000-01', '0000-12', '1999-12', '2101-01', ' 2026-11', '٢٠٢٦-١١']) expect(isMonth(bad), bad).toBe(false);
    // Arithmetic from the edges of the range stays on the calendar.
    expect(addMonths('2000-01', -12)).toBe('1999-01');
    expect(daysOfMonth(addMonths('2100-12', 1))).toHaveLength(31);
    expect(isCalendarMonth('1999-12')).toBe(true);
  });
});

describe('requestedMonth', () => {
  it('gives the fallback without a parameter, the month when it is one, else null (not found)', () => {
    expect(requestedMonth(null, '2026-11')).toBe('2026-11');
    expect(requestedMonth('', '2026-11')).toBe('2026-11');
    expect(requestedMonth('2024-02', '2026-11')).toBe('2024-02');
    for (const bad of ['9999-12', '0000-01', '2026-13', 'kissa', '2026-1']) expect(requestedMonth(bad, '2026-11'), bad).toBeNull();
  });
});

describe('monthOf', () => {
  it('gives the month of a day and refuses a non-date', () => {
    expect(monthOf('2026-11-24')).toBe('2026-11');
    expect(() => monthOf('2026-02-30')).toThrow(RangeError);
  });
});

describe('daysOfMonth', () => {
  it('lists every date of the month, leap years included', () => {
    const november = daysOfMonth('2026-11');
    expect(november).toHaveLength(30);
    expect(november[0]).toBe('2026-11-01');
    expect(november[29]).toBe('2026-11-30');
    expect(daysOfMonth('2026-02')).toHaveLength(28);
    expect(daysOfMonth('2028-02').at(-1)).toBe('2028-02-29');
  });

  it('has 31 days in the months of the daylight saving changes', () => {
    const march = daysOfMonth('2026-03');
    const october = daysOfMonth('2026-10');
    expect(march).toHaveLength(31);
    expect(october).toHaveLength(31);
    expect(march).toContain('2026-03-29');
    expect(october).toContain('2026-10-25');
    expect(new Set(march).size).toBe(31);
    expect(new Set(october).size).toBe(31);
  });

  it('refuses a non-month', () => {
    expect(() => daysOfMonth('2026-13')).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it('moves forward and back across years', () => {
    expect(addMonths('2026-11', 1)).toBe('2026-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-03', -15)).toBe('2024-12');
    expect(addMonths('2026-03', 24)).toBe('2028-03');
    expect(addMonths('2026-03', 0)).toBe('2026-03');
  });
});

describe('addDays', () => {
  it('moves by calendar days across months, years and leap days', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-02-29', 1)).toBe('2028-03-01');
    expect(addDays('2026-11-24', 0)).toBe('2026-11-24');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
  });

  it('neither skips nor repeats a day across the Helsinki daylight saving changes', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-03-30', -1)).toBe('2026-03-29');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 1)).toBe('2026-10-25');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-10-26', -2)).toBe('2026-10-24');
    let day = '2026-01-01';
    for (let i = 0; i < 365; i += 1) day = addDays(day, 1);
    expect(day).toBe('2027-01-01');
  });
});

describe('isoWeekday', () => {
  it('counts Monday as 1 and Sunday as 7', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-24')).toBe(2);
    expect(isoWeekday('2026-11-28')).toBe(6);
    expect(isoWeekday('2026-11-29')).toBe(7);
  });

  it('knows the daylight saving change days are Sundays', () => {
    expect(isoWeekday('2026-03-29')).toBe(7);
    expect(isoWeekday('2026-10-25')).toBe(7);
  });
});

describe('monthGrid', () => {
  it('lays November 2026 out in Monday-first weeks with null padding', () => {
    // 1.11.2026 is a Sunday, 30.11.2026 a Monday.
    const weeks = monthGrid('2026-11');
    expect(weeks).toHaveLength(6);
    expect(weeks[0]).toEqual([null, null, null, null, null, null, '2026-11-01']);
    expect(weeks[1]).toEqual(['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-08']);
    expect(weeks[5]).toEqual(['2026-11-30', null, null, null, null, null, null]);
    for (const week of weeks) expect(week).toHaveLength(7);
    expect(weeks.flat().filter((cell) => cell !== null)).toEqual(daysOfMonth('2026-11'));
  });

  it('needs no padding when the month starts on Monday and ends on Sunday', () => {
    // February 2027: 1.2. is a Monday, 28 days.
    const weeks = monthGrid('2027-02');
    expect(weeks).toHaveLength(4);
    expect(weeks.flat()).not.toContain(null);
    expect(weeks[0][0]).toBe('2027-02-01');
    expect(weeks[3][6]).toBe('2027-02-28');
  });

  it('keeps every column on its weekday', () => {
    for (const month of ['2026-03', '2026-10', '2028-02']) {
      for (const week of monthGrid(month)) {
        week.forEach((cell, column) => {
          if (cell !== null) expect(isoWeekday(cell)).toBe(column + 1);
        });
      }
    }
  });
});

describe('independence from the process time zone', () => {
  const originalTimeZone = process.env.TZ;
  afterEach(() => {
    if (originalTimeZone === undefined) delete process.env.TZ;
    else process.env.TZ = originalTimeZone;
  });

  // Local-time getters would read another date at UTC+14 or UTC−12; these functions must not notice.
  for (const timeZone of ['Pacific/Kiritimati', 'Etc/GMT+12', 'Europe/Helsinki', 'America/Los_Angeles']) {
    it(`gives the same answers with TZ=${timeZone}`, () => {
      process.env.TZ = timeZone;
      // Proves the zone really took effect, so this test would catch local getters.
      if (timeZone === 'Pacific/Kiritimati') expect(new Date(Date.UTC(2026, 2, 29, 12)).getDate()).toBe(30);
      expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
      expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
      expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
      expect(addDays('2026-10-26', -1)).toBe('2026-10-25');
      expect(isoWeekday('2026-03-29')).toBe(7);
      expect(isoWeekday('2026-10-25')).toBe(7);
      expect(daysOfMonth('2026-03')).toHaveLength(31);
      expect(daysOfMonth('2026-10')).toHaveLength(31);
      expect(monthGrid('2026-11')[0][6]).toBe('2026-11-01');
    });
  }
});
