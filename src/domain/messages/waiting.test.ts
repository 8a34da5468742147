import { describe, expect, it } from 'vitest';
import { isReplyDays, isWorkingDay, replyDueOn, waitingOf, workingDaysBetween } from './waiting';

/** A moment on the Helsinki clock (winter time, UTC+2, or summer time, UTC+3). */
const at = (day: string, time: string, offset = '+02:00') => Date.parse(`${day}T${time}:00${offset}`);

describe('working days', () => {
  it('are Monday to Friday without public holidays, Midsummer Eve and Christmas Eve', () => {
    expect(isWorkingDay('2026-11-30')).toBe(true); // Monday
    expect(isWorkingDay('2026-12-04')).toBe(true); // Friday
    expect(isWorkingDay('2026-12-05')).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-06')).toBe(false); // Sunday, Independence Day
    expect(isWorkingDay('2027-12-06')).toBe(false); // Monday, Independence Day
    expect(isWorkingDay('2026-12-24')).toBe(false); // Thursday, Christmas Eve
    expect(isWorkingDay('2026-06-19')).toBe(false); // Friday, Midsummer Eve
    expect(isWorkingDay('2026-04-03')).toBe(false); // Good Friday
  });

  it('are counted after the first day up to the second', () => {
    expect(workingDaysBetween('2026-11-30', '2026-11-30')).toBe(0);
    expect(workingDaysBetween('2026-11-30', '2026-12-01')).toBe(1);
    expect(workingDaysBetween('2026-12-04', '2026-12-06')).toBe(0); // Friday to Sunday
    expect(workingDaysBetween('2026-12-04', '2026-12-07')).toBe(1); // Friday to Monday
    expect(workingDaysBetween('2026-12-23', '2026-12-28')).toBe(1); // over Christmas: only Monday 28th
    expect(workingDaysBetween('2026-12-07', '2026-12-01')).toBe(0);
  });
});

describe('the promised day of an answer', () => {
  it('is the given working day after the day of sending', () => {
    expect(replyDueOn('2026-11-30', 2)).toBe('2026-12-02'); // Monday → Wednesday
    expect(replyDueOn('2026-12-04', 2)).toBe('2026-12-08'); // Friday → Tuesday
    expect(replyDueOn('2026-12-05', 2)).toBe('2026-12-08'); // Saturday → Tuesday
    expect(replyDueOn('2026-12-03', 1)).toBe('2026-12-04');
    expect(replyDueOn('2026-12-22', 2)).toBe('2026-12-28'); // Christmas Eve, Day and St Stephen's are off
    expect(replyDueOn('2026-06-18', 1)).toBe('2026-06-22'); // Midsummer Eve is off
    expect(replyDueOn('2026-11-30', 5)).toBe('2026-12-07'); // 6 December is a Sunday
  });

  it('takes only whole promises from 1 to 10 working days', () => {
    expect([0, 1, 2, 10, 11, 1.5, Number.NaN].map(isReplyDays)).toEqual([false, true, true, true, false, false, false]);
  });
});

describe('how long a message has waited', () => {
  it('says hours on the day of sending and over a weekend, then working days', () => {
    const sent = at('2026-12-04', '16:00'); // Friday
    expect(waitingOf(sent, at('2026-12-04', '16:40'), 2)).toEqual({ hours: 0, workingDays: 0, unit: 'hours', dueOn: '2026-12-08', overdue: false });
    expect(waitingOf(sent, at('2026-12-05', '10:00'), 2)).toMatchObject({ hours: 18, workingDays: 0, unit: 'hours', overdue: false });
    expect(waitingOf(sent, at('2026-12-07', '09:00'), 2)).toMatchObject({ hours: 65, workingDays: 1, unit: 'workingDays', overdue: false });
    expect(waitingOf(sent, at('2026-12-08', '23:59'), 2)).toMatchObject({ workingDays: 2, overdue: false });
    expect(waitingOf(sent, at('2026-12-09', '00:01'), 2)).toMatchObject({ workingDays: 3, overdue: true });
  });

  it('reads days by the Helsinki calendar, not UTC', () => {
    // 23.30 on Monday in Helsinki is still Monday there (21.30 UTC); 00.30 is Tuesday (22.30 UTC on Monday).
    const sent = at('2026-11-30', '23:30');
    expect(waitingOf(sent, at('2026-12-01', '00:30'), 1)).toMatchObject({ hours: 1, workingDays: 1, dueOn: '2026-12-01', overdue: false });
    expect(waitingOf(sent, at('2026-12-02', '00:30'), 1)).toMatchObject({ workingDays: 2, overdue: true });
    // Summer time.
    expect(waitingOf(at('2026-06-17', '23:30', '+03:00'), at('2026-06-18', '08:00', '+03:00'), 2)).toMatchObject({ workingDays: 1, dueOn: '2026-06-22' });
  });

  it('a longer promise makes the same wait not overdue', () => {
    const sent = at('2026-11-30', '09:00');
    const now = at('2026-12-03', '09:00');
    expect(waitingOf(sent, now, 2).overdue).toBe(true);
    expect(waitingOf(sent, now, 3).overdue).toBe(false);
  });
});
