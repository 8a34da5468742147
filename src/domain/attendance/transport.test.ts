import { describe, expect, it } from 'vitest';
import { computeTransport, isTransportKind, transportRateOn, type TransportDay, type TransportRate } from './transport';
import type { AttendanceStatus } from './status';

const day = (d: number, status: AttendanceStatus, transport: boolean, ticketCents: number | null = null): TransportDay => ({
  day: `2026-11-${String(d).padStart(2, '0')}`,
  status,
  transport,
  ticketCents,
});

describe('transportRateOn', () => {
  const rates: TransportRate[] = [
    { validFrom: '2026-11-16', kind: 'per_ticket', dayCents: 0 },
    { validFrom: '2026-01-01', kind: 'per_day', dayCents: 300 },
    { validFrom: '2026-12-01', kind: 'none', dayCents: 0 },
  ];
  it('is the latest rule started on or before the day', () => {
    expect(transportRateOn(rates, '2025-12-31')).toBeNull();
    expect(transportRateOn(rates, '2026-11-15')?.kind).toBe('per_day');
    expect(transportRateOn(rates, '2026-11-16')?.kind).toBe('per_ticket');
    expect(transportRateOn(rates, '2026-12-24')?.kind).toBe('none');
  });
  it('knows its kinds', () => {
    expect(isTransportKind('per_day')).toBe(true);
    expect(isTransportKind('per_km')).toBe(false);
  });
});

describe('computeTransport', () => {
  it('per_day pays the day amount for each present day with transport, and nothing for other days', () => {
    const rates: TransportRate[] = [{ validFrom: '2026-01-01', kind: 'per_day', dayCents: 450 }];
    const s = computeTransport('2026-11', [day(2, 'present', true), day(3, 'present', false), day(4, 'sick', true), day(5, 'present', true, 999)], rates);
    expect(s.totalCents).toBe(900);
    expect(s.transportDays).toBe(2);
    expect(s.lines).toEqual([{ kind: 'per_day', days: 2, dayCents: 450, totalCents: 900 }]);
  });

  it('per_ticket pays the recorded tickets of present days with transport', () => {
    const rates: TransportRate[] = [{ validFrom: '2026-01-01', kind: 'per_ticket', dayCents: 0 }];
    const s = computeTransport('2026-11', [day(2, 'present', true, 320), day(3, 'present', true, 280), day(4, 'absent', true, 500), day(5, 'present', false, 700), day(6, 'present', true)], rates);
    expect(s.totalCents).toBe(600);
    expect(s.lines).toEqual([{ kind: 'per_ticket', days: 2, dayCents: 0, totalCents: 600 }]);
  });

  it('applies the rule in force on each day, a change in the middle of the month giving two lines', () => {
    const rates: TransportRate[] = [
      { validFrom: '2026-01-01', kind: 'per_day', dayCents: 300 },
      { validFrom: '2026-11-10', kind: 'per_day', dayCents: 400 },
      { validFrom: '2026-11-20', kind: 'none', dayCents: 0 },
    ];
    const s = computeTransport('2026-11', [day(2, 'present', true), day(12, 'present', true), day(13, 'present', true), day(23, 'present', true)], rates);
    expect(s.lines).toEqual([
      { kind: 'per_day', days: 1, dayCents: 300, totalCents: 300 },
      { kind: 'per_day', days: 2, dayCents: 400, totalCents: 800 },
    ]);
    expect(s.totalCents).toBe(1100);
    expect(s.transportDays).toBe(4);
  });

  it('pays nothing without a rule, and ignores days of other months or given twice', () => {
    expect(computeTransport('2026-11', [day(2, 'present', true)], []).totalCents).toBe(0);
    const rates: TransportRate[] = [{ validFrom: '2020-01-01', kind: 'per_day', dayCents: 100 }];
    const s = computeTransport('2026-11', [day(2, 'present', true), day(2, 'present', true), { day: '2026-10-30', status: 'present', transport: true, ticketCents: null }, { day: 'x', status: 'present', transport: true, ticketCents: null }], rates);
    expect(s.totalCents).toBe(100);
  });

  it('refuses a day amount that is not whole cents', () => {
    expect(() => computeTransport('2026-11', [], [{ validFrom: '2026-01-01', kind: 'per_day', dayCents: 1.5 }])).toThrow(RangeError);
  });
});
