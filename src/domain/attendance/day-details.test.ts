import { describe, expect, it } from 'vitest';
import { checkDayDetails, FULL_DAY, hasDayDetails, hoursAndMinutes, minutesBetween, modeOf, parseClock, parseHours, type DayDetailsInput } from './day-details';

const form = (overrides: Partial<DayDetailsInput>): DayDetailsInput => ({ mode: 'full', hours: '', from: '', until: '', late: false, transport: false, ticket: '', ...overrides });

describe('day details', () => {
  it('reads times of day as people type them, and refuses what is not one', () => {
    expect(parseClock('9')).toBe('09:00');
    expect(parseClock('9.30')).toBe('09:30');
    expect(parseClock(' 13:05 ')).toBe('13:05');
    for (const bad of ['24:00', '9:60', '9,30', 'klo 9', '', '930']) expect(parseClock(bad), bad).toBeNull();
    expect(minutesBetween('09:00', '12:30')).toBe(210);
    expect(minutesBetween('12:30', '09:00')).toBe(-210);
  });

  it('reads hours with a decimal comma or point, or hours:minutes', () => {
    expect(parseHours('4')).toBe(240);
    expect(parseHours('4,5')).toBe(270);
    expect(parseHours('4.25')).toBe(255);
    expect(parseHours('3:30')).toBe(210);
    for (const bad of ['neljä', '-2', '4,5,5', '', '3:75']) expect(parseHours(bad), bad).toBeNull();
  });

  it('a full day records nothing but the boxes ticked', () => {
    expect(checkDayDetails(form({}), false)).toEqual({ details: FULL_DAY });
    expect(checkDayDetails(form({ late: true, transport: true, hours: '3', from: '9' }), false)).toEqual({ details: { ...FULL_DAY, late: true, transport: true } });
  });

  it('a part day by hours is 15 minutes to 12 hours', () => {
    expect(checkDayDetails(form({ mode: 'hours', hours: '4,5' }), false)).toEqual({ details: { ...FULL_DAY, partMinutes: 270 } });
    expect(checkDayDetails(form({ mode: 'hours', hours: '0,25' }), false)).toEqual({ details: { ...FULL_DAY, partMinutes: 15 } });
    expect(checkDayDetails(form({ mode: 'hours', hours: '12' }), false)).toEqual({ details: { ...FULL_DAY, partMinutes: 720 } });
    expect(checkDayDetails(form({ mode: 'hours', hours: '0,2' }), false)).toEqual({ errors: { hours: 'hoursRange' } });
    expect(checkDayDetails(form({ mode: 'hours', hours: '13' }), false)).toEqual({ errors: { hours: 'hoursRange' } });
    expect(checkDayDetails(form({ mode: 'hours', hours: 'puoli' }), false)).toEqual({ errors: { hours: 'hoursBad' } });
    expect(checkDayDetails(form({ mode: 'hours', hours: ' ' }), false)).toEqual({ errors: { hours: 'hoursMissing' } });
  });

  it('a part day by the clock derives its length from from–to, which must be in order and 15 minutes to 12 hours apart', () => {
    expect(checkDayDetails(form({ mode: 'clock', from: '9.00', until: '12:30', late: true, transport: true }), false)).toEqual({
      details: { partMinutes: 210, fromTime: '09:00', untilTime: '12:30', late: true, transport: true, ticketCents: null },
    });
    expect(checkDayDetails(form({ mode: 'clock', from: '12:00', until: '9:00' }), false)).toEqual({ errors: { until: 'untilBeforeFrom' } });
    expect(checkDayDetails(form({ mode: 'clock', from: '12:00', until: '12:00' }), false)).toEqual({ errors: { until: 'untilBeforeFrom' } });
    expect(checkDayDetails(form({ mode: 'clock', from: '12:00', until: '12:10' }), false)).toEqual({ errors: { until: 'clockRange' } });
    expect(checkDayDetails(form({ mode: 'clock', from: '06:00', until: '18:01' }), false)).toEqual({ errors: { until: 'clockRange' } });
    expect(checkDayDetails(form({ mode: 'clock', from: '06:00', until: '18:00' }), false)).toMatchObject({ details: { partMinutes: 720 } });
    expect(checkDayDetails(form({ mode: 'clock', from: '', until: 'kolme' }), false)).toEqual({ errors: { from: 'fromMissing', until: 'untilBad' } });
    expect(checkDayDetails(form({ mode: 'clock', from: '25', until: '' }), false)).toEqual({ errors: { from: 'fromBad', until: 'untilMissing' } });
    expect(checkDayDetails(form({ mode: 'sometimes' }), false)).toEqual({ errors: { mode: 'modeBad' } });
  });

  it('reads a ticket price only when the unit pays per ticket, and only with transport used', () => {
    expect(checkDayDetails(form({ transport: true, ticket: '3,20' }), true)).toEqual({ details: { ...FULL_DAY, transport: true, ticketCents: 320 } });
    expect(checkDayDetails(form({ transport: true, ticket: '3,20' }), false)).toEqual({ details: { ...FULL_DAY, transport: true } });
    expect(checkDayDetails(form({ transport: true, ticket: '' }), true)).toEqual({ details: { ...FULL_DAY, transport: true } });
    expect(checkDayDetails(form({ transport: false, ticket: '3,20' }), true)).toEqual({ errors: { ticket: 'ticketNeedsTransport' } });
    expect(checkDayDetails(form({ transport: true, ticket: '3,2,0' }), true)).toEqual({ errors: { ticket: 'ticketBad' } });
    expect(checkDayDetails(form({ transport: true, ticket: '100,01' }), true)).toEqual({ errors: { ticket: 'ticketBad' } });
    // Every error at once, each under its field.
    expect(checkDayDetails(form({ mode: 'hours', hours: 'x', ticket: '1' }), true)).toEqual({ errors: { hours: 'hoursBad', ticket: 'ticketNeedsTransport' } });
  });

  it('tells how saved details were entered and whether there are any', () => {
    expect(modeOf(FULL_DAY)).toBe('full');
    expect(modeOf({ partMinutes: 90, fromTime: null })).toBe('hours');
    expect(modeOf({ partMinutes: 90, fromTime: '09:00' })).toBe('clock');
    expect(hasDayDetails(FULL_DAY)).toBe(false);
    expect(hasDayDetails({ ...FULL_DAY, late: true })).toBe(true);
    expect(hoursAndMinutes(210)).toEqual({ hours: 3, minutes: 30 });
  });
});
