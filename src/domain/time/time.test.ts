import { describe, expect, it } from 'vitest';
import { helsinkiMidnight, helsinkiMoment } from './helsinki';
import { todayFor } from './today';
import { clockTime, dayWithWeekday, dayWithYear, onDay, untilDay, weekdayNameOf, withFullStop } from './format';

describe('Helsinki calendar days', () => {
  it('uses the Finnish date, not UTC, around midnight and across daylight saving changes', () => {
    // 23.30 UTC on Sunday 29 March 2026 is already Monday 30 March, 2.30 in Helsinki (summer time).
    expect(helsinkiMoment(Date.UTC(2026, 2, 29, 23, 30))).toEqual({ date: '2026-03-30', weekday: 1, time: '02:30' });
    // 21.59 UTC on 24 November (winter, UTC+2) is 23.59 on Tuesday 24.11.
    expect(helsinkiMoment(Date.UTC(2026, 10, 24, 21, 59))).toEqual({ date: '2026-11-24', weekday: 2, time: '23:59' });
    expect(helsinkiMoment(Date.UTC(2026, 10, 24, 22, 0)).date).toBe('2026-11-25');
  });
});

describe('today line', () => {
  const schedule = [
    { weekday: 1, starts_at: '08:30', ends_at: '14:00', place: 'Paja' },
    { weekday: 3, starts_at: '09:00', ends_at: '13:00', place: 'Kahvila' },
  ];
  it('says where and when on a work day', () => {
    expect(todayFor(schedule, Date.UTC(2026, 10, 23, 8))).toEqual({ kind: 'work', date: '2026-11-23', place: 'Paja', startsAt: '08:30', endsAt: '14:00' });
  });
  it('names the next work day on a free day, wrapping over the weekend', () => {
    expect(todayFor(schedule, Date.UTC(2026, 10, 24, 8))).toEqual({ kind: 'free', date: '2026-11-24', next: { date: '2026-11-25', weekday: 3 } });
    expect(todayFor(schedule, Date.UTC(2026, 10, 27, 8))).toMatchObject({ next: { date: '2026-11-30', weekday: 1 } });
    expect(todayFor([], Date.UTC(2026, 10, 27, 8))).toMatchObject({ kind: 'free', next: null });
  });
});

describe('easy date and time words', () => {
  it('writes the weekday with the date, as docs/easy-read.md asks', () => {
    expect(dayWithWeekday('2026-11-23', 'fi', '2026-11-30')).toBe('maanantai 23.11.');
    expect(dayWithWeekday('2026-11-23', 'sv', '2026-11-30')).toBe('måndag 23.11.');
    expect(dayWithWeekday('2026-11-23', 'en', '2026-11-30')).toBe('Monday 23 November');
    expect(clockTime('08:30', 'fi')).toBe('8.30');
    expect([1, 5, 7].map((d) => weekdayNameOf(d, 'fi'))).toEqual(['maanantai', 'perjantai', 'sunnuntai']);
    expect(weekdayNameOf(3, 'sv')).toBe('onsdag');
    expect(clockTime('14:05', 'en')).toBe('14:05');
  });
});

describe('dates in sentences (issue 14)', () => {
  const today = '2026-11-30';
  it('adds the year only when it is not this year', () => {
    expect(dayWithWeekday('2027-01-15', 'fi', today)).toBe('perjantai 15.1.2027');
    expect(dayWithWeekday('2027-01-15', 'sv', today)).toBe('fredag 15.1.2027');
    expect(dayWithWeekday('2027-01-15', 'en', today)).toBe('Friday 15 January 2027');
    expect(dayWithWeekday('2025-12-31', 'fi', today)).toBe('keskiviikko 31.12.2025');
    expect(dayWithWeekday('2026-01-02', 'fi', today)).toBe('perjantai 2.1.');
    // The same day asked for in another year gets its year (the cache keeps the two apart).
    expect(dayWithWeekday('2026-01-02', 'fi', '2027-01-01')).toBe('perjantai 2.1.2026');
  });

  it('Finnish: the weekday in the essive, every day of the week', () => {
    const week = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];
    expect(week.map((d) => onDay(d, 'fi', today))).toEqual([
      'maanantaina 30.11.', 'tiistaina 1.12.', 'keskiviikkona 2.12.', 'torstaina 3.12.', 'perjantaina 4.12.', 'lauantaina 5.12.', 'sunnuntaina 6.12.',
    ]);
    expect(onDay('2027-01-15', 'fi', today)).toBe('perjantaina 15.1.2027');
  });

  it('Swedish: "på fredag" of a day to come, "fredagen den" of a day gone', () => {
    expect(onDay('2026-12-04', 'sv', today)).toBe('på fredag 4.12.');
    expect(onDay(today, 'sv', today)).toBe('på måndag 30.11.');
    expect(onDay('2027-01-15', 'sv', today)).toBe('på fredag 15.1.2027');
    expect(onDay('2026-09-18', 'sv', today)).toBe('fredagen den 18.9.');
    expect(onDay('2025-09-19', 'sv', today)).toBe('fredagen den 19.9.2025');
  });

  it('English: "on Friday 15 January"', () => {
    expect(onDay('2027-01-15', 'en', today)).toBe('on Friday 15 January 2027');
    expect(onDay('2026-12-04', 'en', today)).toBe('on Friday 4 December');
  });

  it('"until": Finnish asti wants the illative, with the year', () => {
    expect(untilDay('2027-06-30', 'fi')).toBe('keskiviikkoon 30.6.2027');
    expect(['2027-06-28', '2027-06-29', '2027-07-01', '2027-07-02', '2027-07-03', '2027-07-04'].map((d) => untilDay(d, 'fi'))).toEqual([
      'maanantaihin 28.6.2027', 'tiistaihin 29.6.2027', 'torstaihin 1.7.2027', 'perjantaihin 2.7.2027', 'lauantaihin 3.7.2027', 'sunnuntaihin 4.7.2027',
    ]);
    expect(untilDay('2027-06-30', 'sv')).toBe('onsdag 30.6.2027');
    expect(untilDay('2027-06-30', 'en')).toBe('Wednesday 30 June 2027');
  });

  it('a sentence ending with a date gets one full stop', () => {
    expect(withFullStop('Puhumme seuraavan kerran perjantaina 15.1.')).toBe('Puhumme seuraavan kerran perjantaina 15.1.');
    expect(withFullStop('Puhumme seuraavan kerran perjantaina 15.1.2027')).toBe('Puhumme seuraavan kerran perjantaina 15.1.2027.');
    expect(withFullStop('The money comes on Friday 4 December')).toBe('The money comes on Friday 4 December.');
  });

  it('times: a plain point in Finnish and Swedish, a colon in English, no leading zero on the hour', () => {
    expect(['fi', 'sv', 'en'].map((lang) => `${clockTime('08:30', lang as 'fi')}–${clockTime('14:00', lang as 'fi')}`)).toEqual(['8.30–14.00', '8.30–14.00', '8:30–14:00']);
  });
});

describe('helsinkiMoment from the hourly offset', () => {
  it('agrees with Intl on every half hour across both daylight saving changes of 2026', () => {
    const check = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    for (const [from, to] of [['2026-03-28T20:00:00Z', '2026-03-29T06:00:00Z'], ['2026-10-24T20:00:00Z', '2026-10-25T06:00:00Z']]) {
      for (let ms = Date.parse(from); ms <= Date.parse(to); ms += 30 * 60_000 + 17_000) {
        const p = Object.fromEntries(check.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
        const m = helsinkiMoment(ms);
        expect(`${m.date} ${m.time}`, new Date(ms).toISOString()).toBe(`${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`);
      }
    }
  });
});

describe('dayWithYear', () => {
  it('a day with its year, with or without the weekday', () => {
    expect(dayWithYear('2027-11-12', 'fi')).toBe('perjantai 12.11.2027');
    expect(dayWithYear('2026-11-12', 'fi', false)).toBe('12.11.2026');
    expect(dayWithYear('2027-11-12', 'en')).toBe('Friday 12 November 2027');
    expect(dayWithYear('2027-11-12', 'en', false)).toBe('12 November 2027');
    expect(dayWithYear('2027-11-12', 'sv')).toBe('fredag 12.11.2027');
  });
});

describe('helsinkiMidnight', () => {
  it('is 00:00 in Helsinki, with the day’s own offset (summer +3, winter +2, and the change days)', () => {
    expect(new Date(helsinkiMidnight('2026-07-01')).toISOString()).toBe('2026-06-30T21:00:00.000Z');
    expect(new Date(helsinkiMidnight('2026-01-15')).toISOString()).toBe('2026-01-14T22:00:00.000Z');
    // Summer time starts at 03:00 on 29 March 2026: that midnight is still winter time.
    expect(new Date(helsinkiMidnight('2026-03-29')).toISOString()).toBe('2026-03-28T22:00:00.000Z');
    expect(new Date(helsinkiMidnight('2026-10-25')).toISOString()).toBe('2026-10-24T21:00:00.000Z');
  });
});
