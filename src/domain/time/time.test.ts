import { describe, expect, it } from 'vitest';
import { helsinkiMidnight, helsinkiMoment } from './helsinki';
import { todayFor } from './today';
import { clockTime, dayWithWeekday, dayWithYear, weekdayNameOf } from './format';

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
    expect(dayWithWeekday('2026-11-23', 'fi')).toBe('maanantai 23.11.');
    expect(dayWithWeekday('2026-11-23', 'sv')).toBe('måndag 23.11.');
    expect(dayWithWeekday('2026-11-23', 'en')).toBe('Monday 23 November');
    expect(clockTime('08:30', 'fi')).toBe('8.30');
    expect([1, 5, 7].map((d) => weekdayNameOf(d, 'fi'))).toEqual(['maanantai', 'perjantai', 'sunnuntai']);
    expect(weekdayNameOf(3, 'sv')).toBe('onsdag');
    expect(clockTime('14:05', 'en')).toBe('14:05');
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
