import { describe, expect, it } from 'vitest';
import type { ServiceType } from '../plan/plan';
import { computeStatement, formatEuros, parseEurosToCents, payableCents, paymentDayOf, rateOn, type Rate, type StatementInput } from './money';
import type { AttendanceStatus } from './status';

const NBSP = '\u00A0';
const MINUS = '\u2212';

function present(...days: string[]): { day: string; status: AttendanceStatus }[] {
  return days.map((day) => ({ day, status: 'present' as const }));
}

function novemberDays(...dates: number[]): string[] {
  return dates.map((d) => `2026-11-${String(d).padStart(2, '0')}`);
}

function input(overrides: Partial<StatementInput>): StatementInput {
  return {
    month: '2026-11',
    days: [],
    serviceTypeOn: () => 'tyotoiminta',
    rates: [{ serviceType: 'tyotoiminta', validFrom: '2026-01-01', dailyCents: 537, mealCents: 537 }],
    mealFeeApplies: true,
    paidSummerHoliday: false,
    paidHolidayDaysBefore: 0,
    adjustments: [],
    ...overrides,
  };
}

describe('computeStatement with travel', () => {
  it('pays travel beside the net, by the rule in force, and payableCents adds them (a net below nothing pays nothing of it)', () => {
    const statement = computeStatement(
      input({
        days: [
          { day: '2026-11-02', status: 'present', transport: true },
          { day: '2026-11-03', status: 'present', transport: false },
          { day: '2026-11-04', status: 'sick', transport: true },
        ],
        transportRates: [{ validFrom: '2026-01-01', kind: 'per_day', dayCents: 450 }],
      }),
    );
    expect(statement.netCents).toBe(0);
    expect(statement.transportCents).toBe(450);
    expect(statement.transport.lines).toEqual([{ kind: 'per_day', days: 1, dayCents: 450, totalCents: 450 }]);
    expect(payableCents(statement.netCents, statement.transportCents)).toBe(450);
    expect(payableCents(-300, 450)).toBe(450);
    expect(payableCents(1200, 0)).toBe(1200);
  });
});

describe('rateOn', () => {
  const rates: Rate[] = [
    { serviceType: 'tyotoiminta', validFrom: '2026-11-15', dailyCents: 560, mealCents: 560 },
    { serviceType: 'avotyotoiminta', validFrom: '2020-01-01', dailyCents: 1200, mealCents: 0 },
    { serviceType: 'tyotoiminta', validFrom: '2025-01-01', dailyCents: 500, mealCents: 500 },
    { serviceType: 'tyotoiminta', validFrom: '2026-01-01', dailyCents: 537, mealCents: 537 },
  ];

  it('picks the latest rate that started on or before the day, for that service only', () => {
    expect(rateOn(rates, 'tyotoiminta', '2026-11-14')?.dailyCents).toBe(537);
    expect(rateOn(rates, 'tyotoiminta', '2026-11-15')?.dailyCents).toBe(560);
    expect(rateOn(rates, 'tyotoiminta', '2025-06-01')?.dailyCents).toBe(500);
    expect(rateOn(rates, 'avotyotoiminta', '2026-11-15')?.dailyCents).toBe(1200);
  });

  it('is null before any rate and for a service with no rates', () => {
    expect(rateOn(rates, 'tyotoiminta', '2024-12-31')).toBeNull();
    expect(rateOn(rates, 'tyohonvalmennus', '2026-11-15')).toBeNull();
    expect(rateOn([], 'tyotoiminta', '2026-11-15')).toBeNull();
  });
});

describe('computeStatement', () => {
  it('pays 12 present days at 5,37 € and takes the same meal fee: net 0', () => {
    const statement = computeStatement(input({ days: present(...novemberDays(2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17)) }));
    expect(statement).toEqual({
      month: '2026-11',
      presentDays: 12,
      paidHolidayDays: 0,
      workLines: [{ kind: 'work', days: 12, dailyCents: 537, totalCents: 6444 }],
      mealLines: [{ days: 12, mealCents: 537, totalCents: 6444 }],
      grossCents: 6444,
      mealFeeCents: 6444,
      adjustmentsCents: 0,
      netCents: 0,
      unpricedDays: [],
      transport: { lines: [], transportDays: 0, totalCents: 0 },
      transportCents: 0,
    });
  });

  it('pays avotyötoiminta 12 € a day with no meal fee when the client brings own food', () => {
    const statement = computeStatement(
      input({
        days: present(...novemberDays(2, 3, 4, 5, 6, 9, 10, 11, 12, 13)),
        serviceTypeOn: () => 'avotyotoiminta',
        rates: [{ serviceType: 'avotyotoiminta', validFrom: '2026-01-01', dailyCents: 1200, mealCents: 537 }],
        mealFeeApplies: false,
      }),
    );
    expect(statement.grossCents).toBe(12000);
    expect(statement.mealFeeCents).toBe(0);
    expect(statement.mealLines).toEqual([]);
    expect(statement.netCents).toBe(12000);
    expect(statement.workLines).toEqual([{ kind: 'work', days: 10, dailyCents: 1200, totalCents: 12000 }]);
  });

  it('gives two lines when the rate changes on the 15th', () => {
    const statement = computeStatement(
      input({
        // Given out of order on purpose: lines follow date order of first use.
        days: present(...novemberDays(16, 17, 18, 19, 20, 9, 10, 11, 12, 13)),
        rates: [
          { serviceType: 'tyotoiminta', validFrom: '2026-11-15', dailyCents: 560, mealCents: 560 },
          { serviceType: 'tyotoiminta', validFrom: '2026-01-01', dailyCents: 537, mealCents: 537 },
        ],
      }),
    );
    expect(statement.workLines).toEqual([
      { kind: 'work', days: 5, dailyCents: 537, totalCents: 2685 },
      { kind: 'work', days: 5, dailyCents: 560, totalCents: 2800 },
    ]);
    expect(statement.mealLines).toEqual([
      { days: 5, mealCents: 537, totalCents: 2685 },
      { days: 5, mealCents: 560, totalCents: 2800 },
    ]);
    expect(statement.grossCents).toBe(5485);
    expect(statement.mealFeeCents).toBe(5485);
    expect(statement.netCents).toBe(0);
  });

  it('is all zeros with empty lines for a month with no attendance', () => {
    expect(computeStatement(input({}))).toEqual({
      month: '2026-11',
      presentDays: 0,
      paidHolidayDays: 0,
      workLines: [],
      mealLines: [],
      grossCents: 0,
      mealFeeCents: 0,
      adjustmentsCents: 0,
      netCents: 0,
      unpricedDays: [],
      transport: { lines: [], transportDays: 0, totalCents: 0 },
      transportCents: 0,
    });
  });

  it('adds signed adjustments to the net, which may go below zero', () => {
    const statement = computeStatement(
      input({
        days: present('2026-11-02'),
        mealFeeApplies: false,
        adjustments: [
          { forDay: '2026-10-30', cents: -537 },
          { forDay: '2026-10-29', cents: 1200 },
        ],
      }),
    );
    expect(statement.adjustmentsCents).toBe(663);
    expect(statement.netCents).toBe(537 + 663);

    const negative = computeStatement(input({ adjustments: [{ forDay: '2026-10-30', cents: -537 }] }));
    expect(negative.netCents).toBe(-537);
  });

  it('pays avotyötoiminta summer holiday up to 20 days a year, counting earlier ones', () => {
    const holidayDays = novemberDays(2, 3, 4, 5, 6).map((day) => ({ day, status: 'holiday' as const }));
    const base = {
      days: holidayDays,
      serviceTypeOn: (): ServiceType => 'avotyotoiminta',
      rates: [{ serviceType: 'avotyotoiminta' as const, validFrom: '2026-01-01', dailyCents: 1200, mealCents: 537 }],
      paidSummerHoliday: true,
    };
    const capped = computeStatement(input({ ...base, paidHolidayDaysBefore: 18 }));
    expect(capped.paidHolidayDays).toBe(2);
    expect(capped.workLines).toEqual([{ kind: 'holiday', days: 2, dailyCents: 1200, totalCents: 2400 }]);
    expect(capped.grossCents).toBe(2400);
    expect(capped.mealFeeCents).toBe(0);
    expect(capped.presentDays).toBe(0);

    expect(computeStatement(input({ ...base, paidHolidayDaysBefore: 0 })).paidHolidayDays).toBe(5);
    expect(computeStatement(input({ ...base, paidHolidayDaysBefore: 20 })).grossCents).toBe(0);
    expect(computeStatement(input({ ...base, paidSummerHoliday: false })).grossCents).toBe(0);
    expect(computeStatement(input({ ...base, serviceTypeOn: () => 'tyotoiminta' })).grossCents).toBe(0);
  });

  it('counts the holiday cap in date order, so the earliest days are the paid ones', () => {
    const statement = computeStatement(
      input({
        days: [
          { day: '2026-11-06', status: 'holiday' },
          { day: '2026-11-04', status: 'present' },
          { day: '2026-11-03', status: 'holiday' },
          { day: '2026-11-02', status: 'holiday' },
        ],
        serviceTypeOn: () => 'avotyotoiminta',
        rates: [{ serviceType: 'avotyotoiminta', validFrom: '2026-01-01', dailyCents: 1200, mealCents: 0 }],
        paidSummerHoliday: true,
        paidHolidayDaysBefore: 18,
      }),
    );
    expect(statement.paidHolidayDays).toBe(2);
    expect(statement.workLines).toEqual([
      { kind: 'holiday', days: 2, dailyCents: 1200, totalCents: 2400 },
      { kind: 'work', days: 1, dailyCents: 1200, totalCents: 1200 },
    ]);
  });

  it('lists a present day before any rate as unpriced and does not pay it', () => {
    const statement = computeStatement(
      input({
        days: present('2026-11-02', '2026-11-03', '2026-11-20'),
        rates: [{ serviceType: 'tyotoiminta', validFrom: '2026-11-10', dailyCents: 537, mealCents: 537 }],
      }),
    );
    expect(statement.unpricedDays).toEqual(['2026-11-02', '2026-11-03']);
    expect(statement.presentDays).toBe(3);
    expect(statement.grossCents).toBe(537);
    expect(statement.mealFeeCents).toBe(537);
  });

  it('does not pay a present day with no service', () => {
    const statement = computeStatement(
      input({
        days: present('2026-11-02', '2026-11-03'),
        serviceTypeOn: (day) => (day === '2026-11-02' ? null : 'tyotoiminta'),
      }),
    );
    expect(statement.grossCents).toBe(537);
    expect(statement.mealFeeCents).toBe(537);
    expect(statement.unpricedDays).toEqual([]);
    expect(statement.workLines).toEqual([{ kind: 'work', days: 1, dailyCents: 537, totalCents: 537 }]);
  });

  it('pays nothing for sick, absent and no_service days', () => {
    const statement = computeStatement(
      input({
        days: [
          { day: '2026-11-02', status: 'sick' },
          { day: '2026-11-03', status: 'absent' },
          { day: '2026-11-04', status: 'no_service' },
          { day: '2026-11-05', status: 'holiday' },
        ],
      }),
    );
    expect(statement.grossCents).toBe(0);
    expect(statement.workLines).toEqual([]);
  });

  it('ignores days outside the month or not real dates, and counts a day recorded twice once', () => {
    const statement = computeStatement(
      input({
        days: [
          ...present('2026-10-31', '2026-12-01', '2026-11-31', 'nonsense', '2026-11-02'),
          { day: '2026-11-03', status: 'present' },
          { day: '2026-11-03', status: 'sick' },
          { day: '2026-11-04', status: 'sick' },
          { day: '2026-11-04', status: 'present' },
        ],
      }),
    );
    expect(statement.presentDays).toBe(2);
    expect(statement.grossCents).toBe(1074);
  });

  it('refuses money that is not whole cents and a month that is not a month', () => {
    expect(() => computeStatement(input({ adjustments: [{ forDay: '2026-11-02', cents: 5.37 }] }))).toThrow(RangeError);
    expect(() =>
      computeStatement(input({ rates: [{ serviceType: 'tyotoiminta', validFrom: '2026-01-01', dailyCents: 5.37, mealCents: 0 }] })),
    ).toThrow(RangeError);
    expect(() => computeStatement(input({ month: '2026-13' }))).toThrow(RangeError);
  });
});

describe('formatEuros', () => {
  it('writes Finnish and Swedish amounts with decimal comma, no-break spaces and the minus sign', () => {
    for (const lang of ['fi', 'sv'] as const) {
      expect(formatEuros(6444, lang)).toBe(`64,44${NBSP}€`);
      expect(formatEuros(123450, lang)).toBe(`1${NBSP}234,50${NBSP}€`);
      expect(formatEuros(-537, lang)).toBe(`${MINUS}5,37${NBSP}€`);
      expect(formatEuros(0, lang)).toBe(`0,00${NBSP}€`);
      expect(formatEuros(5, lang)).toBe(`0,05${NBSP}€`);
      expect(formatEuros(123456789, lang)).toBe(`1${NBSP}234${NBSP}567,89${NBSP}€`);
    }
  });

  it('writes English amounts with the euro sign first', () => {
    expect(formatEuros(6444, 'en')).toBe('€64.44');
    expect(formatEuros(123450, 'en')).toBe('€1,234.50');
    expect(formatEuros(-537, 'en')).toBe(`${MINUS}€5.37`);
    expect(formatEuros(100000, 'en')).toBe('€1,000.00');
    expect(formatEuros(99999, 'en')).toBe('€999.99');
  });

  it('has no minus on zero and refuses fractions of a cent', () => {
    expect(formatEuros(-0, 'fi')).toBe(`0,00${NBSP}€`);
    expect(() => formatEuros(5.37, 'fi')).toThrow(RangeError);
    expect(() => formatEuros(Number.NaN, 'en')).toThrow(RangeError);
  });
});

describe('parseEurosToCents', () => {
  it('reads amounts with a decimal comma or point', () => {
    expect(parseEurosToCents('5,37')).toBe(537);
    expect(parseEurosToCents('5.37')).toBe(537);
    expect(parseEurosToCents('5')).toBe(500);
    expect(parseEurosToCents('12,5')).toBe(1250);
    expect(parseEurosToCents(' 0,00 ')).toBe(0);
    expect(parseEurosToCents('9999999,99')).toBe(999999999);
    // Amounts where a float would go wrong: 0.29 * 100 is 28.999999999999996, 1.005 is not exact.
    expect(parseEurosToCents('0,29')).toBe(29);
    expect(parseEurosToCents('4,35')).toBe(435);
  });

  it('refuses anything that is not a plain non-negative amount', () => {
    const refused = ['', '  ', '-1', '5,375', 'abc', '1e3', '5,,3', '5,', ',5', '5.3.1', '12345678', '1 234,50', '5 €', '+5', 'Infinity'];
    for (const bad of refused) expect(parseEurosToCents(bad)).toBeNull();
  });

  it('round-trips with formatEuros for English amounts below a thousand', () => {
    for (const cents of [0, 1, 29, 435, 537, 99999]) expect(parseEurosToCents(formatEuros(cents, 'en').slice(1))).toBe(cents);
  });
});

describe('paymentDayOf', () => {
  it('is the payment day of the next month, moved back over weekends and public holidays', () => {
    expect(paymentDayOf('2026-10', 15)).toBe('2026-11-13'); // Sunday 15.11. → Friday 13.11.
    expect(paymentDayOf('2026-11', 15)).toBe('2026-12-15'); // a Tuesday
    expect(paymentDayOf('2026-11', 6)).toBe('2026-12-04'); // Sunday 6.12. is Independence Day too
    expect(paymentDayOf('2026-12', 1)).toBe('2026-12-31'); // Friday 1.1. is New Year's Day
  });
});
