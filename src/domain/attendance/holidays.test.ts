import { describe, expect, it } from 'vitest';
import { easterSunday, finnishHolidays, HOLIDAY_NAMES, holidayOn } from './holidays';
import { isoWeekday } from './month';

describe('easterSunday', () => {
  it('matches known Easter dates', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2030)).toBe('2030-04-21');
    // The extremes of the range: earliest possible 22 March, latest 25 April.
    expect(easterSunday(2285)).toBe('2285-03-22');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    for (let year = 2000; year <= 2100; year += 1) {
      const easter = easterSunday(year);
      expect(isoWeekday(easter)).toBe(7);
      expect(easter.slice(5) >= '03-22' && easter.slice(5) <= '04-25').toBe(true);
    }
  });
});

describe('finnishHolidays', () => {
  it('lists the 2026 days off in date order', () => {
    expect([...finnishHolidays(2026)]).toEqual([
      ['2026-01-01', 'newYear'],
      ['2026-01-06', 'epiphany'],
      ['2026-04-03', 'goodFriday'],
      ['2026-04-05', 'easterSunday'],
      ['2026-04-06', 'easterMonday'],
      ['2026-05-01', 'mayDay'],
      ['2026-05-14', 'ascension'],
      ['2026-05-24', 'pentecost'],
      ['2026-06-19', 'midsummerEve'],
      ['2026-06-20', 'midsummerDay'],
      ['2026-10-31', 'allSaints'],
      ['2026-12-06', 'independence'],
      ['2026-12-24', 'christmasEve'],
      ['2026-12-25', 'christmasDay'],
      ['2026-12-26', 'stStephen'],
    ]);
  });

  it('has every holiday name once a year, with the moving Saturdays and Friday in their windows', () => {
    for (let year = 2020; year <= 2040; year += 1) {
      const holidays = finnishHolidays(year);
      expect([...holidays.values()].sort()).toEqual([...HOLIDAY_NAMES].sort());
      const dayOf = (name: string): string => [...holidays].find(([, n]) => n === name)![0];
      expect(isoWeekday(dayOf('midsummerEve'))).toBe(5);
      expect(dayOf('midsummerEve') >= `${year}-06-19` && dayOf('midsummerEve') <= `${year}-06-25`).toBe(true);
      expect(isoWeekday(dayOf('midsummerDay'))).toBe(6);
      expect(dayOf('midsummerDay') >= `${year}-06-20` && dayOf('midsummerDay') <= `${year}-06-26`).toBe(true);
      expect(isoWeekday(dayOf('allSaints'))).toBe(6);
      expect(dayOf('allSaints') >= `${year}-10-31` && dayOf('allSaints') <= `${year}-11-06`).toBe(true);
      expect(isoWeekday(dayOf('ascension'))).toBe(4);
      expect(isoWeekday(dayOf('pentecost'))).toBe(7);
    }
  });

  it('gives window edge cases right', () => {
    // 2027: 19.6. is a Saturday, so midsummer eve is Friday 25.6.; 31.10.2027 is a Sunday, so All Saints is 6.11.
    const holidays2027 = finnishHolidays(2027);
    expect(holidays2027.get('2027-06-25')).toBe('midsummerEve');
    expect(holidays2027.get('2027-06-26')).toBe('midsummerDay');
    expect(holidays2027.get('2027-11-06')).toBe('allSaints');
  });

  it('hands out a copy, so changing it does not change later answers', () => {
    const holidays = finnishHolidays(2026);
    holidays.delete('2026-12-24');
    holidays.set('2026-11-23', 'newYear');
    expect(finnishHolidays(2026).get('2026-12-24')).toBe('christmasEve');
    expect(holidayOn('2026-11-23')).toBeNull();
    expect(holidayOn('2026-12-24')).toBe('christmasEve');
  });
});

describe('holidayOn', () => {
  it('names known 2026 days off', () => {
    expect(holidayOn('2026-06-19')).toBe('midsummerEve');
    expect(holidayOn('2026-10-31')).toBe('allSaints');
    expect(holidayOn('2026-05-14')).toBe('ascension');
    expect(holidayOn('2026-04-03')).toBe('goodFriday');
    expect(holidayOn('2026-04-06')).toBe('easterMonday');
    expect(holidayOn('2026-12-06')).toBe('independence');
    expect(holidayOn('2027-03-26')).toBe('goodFriday');
  });

  it('is null on an ordinary day and on a string that is not a date', () => {
    expect(holidayOn('2026-11-23')).toBeNull();
    expect(holidayOn('2026-06-18')).toBeNull();
    expect(holidayOn('2026-02-30')).toBeNull();
    expect(holidayOn('')).toBeNull();
  });
});
