import { describe, expect, it } from 'vitest';
import { dueAt, firstRoundFrom, helsinkiTime, HOUR_MS, isSoonAbsence, latestRound, nextWorkingDay, normalTimes, timeWords } from './schedule';

// Winter: Helsinki is UTC+2. 2026-12-01 is a Tuesday; 2026-12-04 a Friday; 2026-12-06 (Sunday)
// is Independence Day; 24–26 December 2026 are Thursday to Saturday, all days off.
const at = (day: string, time: string) => helsinkiTime(day, time);
const TIMES = ['08:00', '13:00'];

describe('Helsinki times', () => {
  it('reads a wall-clock time on a day in winter and in summer', () => {
    expect(at('2026-12-01', '08:00')).toBe(Date.UTC(2026, 11, 1, 6, 0));
    expect(at('2027-06-01', '08:00')).toBe(Date.UTC(2027, 5, 1, 5, 0));
    // The Monday after the clocks went forward (28 March 2027) is in summer time.
    expect(at('2027-03-26', '08:00')).toBe(Date.UTC(2027, 2, 26, 6, 0));
    expect(at('2027-03-29', '08:00')).toBe(Date.UTC(2027, 2, 29, 5, 0));
  });

  it('says summary times the Finnish way, in order and only the allowed ones', () => {
    expect(timeWords('08:00')).toBe('8.00');
    expect(timeWords('13:00')).toBe('13.00');
    expect(normalTimes(['13:00', '08:00', '13:00', '03:00', '8.00'])).toEqual(['08:00', '13:00']);
  });

  it('knows the next working day past weekends and holidays', () => {
    expect(nextWorkingDay('2026-12-01')).toBe('2026-12-02');
    expect(nextWorkingDay('2026-12-04')).toBe('2026-12-07');
    expect(nextWorkingDay('2026-12-23')).toBe('2026-12-28');
  });
});

describe('summary times (digest) on working days', () => {
  it('finds the first summary time at or after a moment, skipping days off', () => {
    expect(firstRoundFrom(at('2026-12-01', '07:30'), TIMES)).toEqual({ day: '2026-12-01', time: '08:00', at: at('2026-12-01', '08:00') });
    expect(firstRoundFrom(at('2026-12-01', '08:00'), TIMES)?.time).toBe('08:00');
    expect(firstRoundFrom(at('2026-12-01', '08:00') + 1, TIMES)).toMatchObject({ day: '2026-12-01', time: '13:00' });
    expect(firstRoundFrom(at('2026-12-01', '13:30'), TIMES)).toMatchObject({ day: '2026-12-02', time: '08:00' });
    // Friday afternoon: Monday morning.
    expect(firstRoundFrom(at('2026-12-04', '14:00'), TIMES)).toMatchObject({ day: '2026-12-07', time: '08:00' });
    // Before Christmas: past Christmas Eve, Christmas Day, Boxing Day and the Sunday.
    expect(firstRoundFrom(at('2026-12-23', '14:00'), TIMES)).toMatchObject({ day: '2026-12-28', time: '08:00' });
    expect(firstRoundFrom(at('2026-12-01', '07:00'), [])).toBeNull();
  });

  it("gives today's latest summary time that has come, never on a day off", () => {
    expect(latestRound(at('2026-12-01', '07:59'), TIMES)).toBeNull();
    expect(latestRound(at('2026-12-01', '08:00'), TIMES)).toMatchObject({ day: '2026-12-01', time: '08:00' });
    expect(latestRound(at('2026-12-01', '12:59'), TIMES)?.time).toBe('08:00');
    expect(latestRound(at('2026-12-01', '13:30'), TIMES)?.time).toBe('13:00');
    expect(latestRound(at('2026-12-01', '23:59'), TIMES)?.time).toBe('13:00');
    expect(latestRound(at('2026-12-05', '09:00'), TIMES)).toBeNull(); // Saturday
    expect(latestRound(at('2026-12-24', '09:00'), TIMES)).toBeNull(); // Christmas Eve
    expect(latestRound(at('2026-12-01', '09:00'), [])).toBeNull();
  });
});

describe('when a cause is due', () => {
  it('at once: at once on a working day, else at the first summary time of the next one', () => {
    expect(dueAt(at('2026-12-01', '10:17'), 'now', TIMES)).toBe(at('2026-12-01', '10:17'));
    expect(dueAt(at('2026-12-01', '22:00'), 'now', TIMES)).toBe(at('2026-12-01', '22:00'));
    expect(dueAt(at('2026-12-05', '10:00'), 'now', TIMES)).toBe(at('2026-12-07', '08:00'));
    expect(dueAt(at('2026-12-05', '10:00'), 'now', ['13:00'])).toBe(at('2026-12-07', '13:00'));
    // Without summary times, 8.00 of the next working day.
    expect(dueAt(at('2026-12-06', '10:00'), 'now', [])).toBe(at('2026-12-07', '08:00'));
  });

  it('after an hour: only once it has waited longer than an hour, moved off days off', () => {
    const sent = at('2026-12-01', '10:00');
    const due = dueAt(sent, 'hour', TIMES)!;
    expect(due).toBe(sent + HOUR_MS);
    expect(at('2026-12-01', '10:59') >= due).toBe(false);
    expect(at('2026-12-01', '11:00') >= due).toBe(true);
    // Friday 23.30: the hour ends on Saturday, so Monday's first summary time.
    expect(dueAt(at('2026-12-04', '23:30'), 'hour', TIMES)).toBe(at('2026-12-07', '08:00'));
  });

  it('in the summary: at the first summary time after it; never: never', () => {
    expect(dueAt(at('2026-12-01', '08:30'), 'digest', TIMES)).toBe(at('2026-12-01', '13:00'));
    expect(dueAt(at('2026-12-01', '13:30'), 'digest', TIMES)).toBe(at('2026-12-02', '08:00'));
    expect(dueAt(at('2026-12-04', '16:00'), 'digest', TIMES)).toBe(at('2026-12-07', '08:00'));
    expect(dueAt(at('2026-12-01', '08:30'), 'off', TIMES)).toBeNull();
  });
});

describe('an absence report a worker is told of', () => {
  it('has a day today or tomorrow, tomorrow being the next working day after a Friday', () => {
    expect(isSoonAbsence(['2026-12-01'], '2026-12-01')).toBe(true);
    expect(isSoonAbsence(['2026-12-02'], '2026-12-01')).toBe(true);
    expect(isSoonAbsence(['2026-12-03'], '2026-12-01')).toBe(false);
    expect(isSoonAbsence(['2026-12-03', '2026-12-02'], '2026-12-01')).toBe(true);
    expect(isSoonAbsence(['2026-12-07'], '2026-12-04')).toBe(true); // Friday for Monday
    expect(isSoonAbsence(['2026-12-08'], '2026-12-04')).toBe(false);
    expect(isSoonAbsence(['2026-12-28'], '2026-12-23')).toBe(true); // before Christmas, for the Monday after
    expect(isSoonAbsence(['2026-11-30'], '2026-12-01')).toBe(false); // a day gone
  });
});
