/**
 * The monthly work-activity allowance statement (toimintaraha / kulukorvaus) and euro text. Money is integer
 * cents end to end: parsing and formatting are string arithmetic, so no rounding can ever lose a cent.
 */
import type { Lang } from '../easy-read/check';
import type { ServiceType } from '../plan/plan';
import { holidayOn } from './holidays';
import { addDays, addMonths, isCalendarMonth, isIsoDate, isoWeekday } from './month';
import type { AttendanceStatus } from './status';
import { computeTransport, type TransportRate, type TransportSummary } from './transport';

export interface Rate {
  serviceType: ServiceType;
  validFrom: string;
  dailyCents: number;
  mealCents: number;
}

/** Signed correction for an earlier day, already decided and paid in this month. */
export interface Adjustment {
  forDay: string;
  cents: number;
}

export interface StatementInput {
  month: string;
  /** `transport` and `ticketCents` only matter for the travel compensation (absent: no transport). */
  days: { day: string; status: AttendanceStatus; transport?: boolean; ticketCents?: number | null }[];
  serviceTypeOn: (day: string) => ServiceType | null;
  rates: Rate[];
  mealFeeApplies: boolean;
  paidSummerHoliday: boolean;
  paidHolidayDaysBefore: number;
  adjustments: Adjustment[];
  /** The unit's travel compensation rules (domain/attendance/transport.ts); none: nothing is paid for travel. */
  transportRates?: TransportRate[];
}

export interface RateLine {
  kind: 'work' | 'holiday';
  days: number;
  dailyCents: number;
  totalCents: number;
}

export interface MealLine {
  days: number;
  mealCents: number;
  totalCents: number;
}

export interface Statement {
  month: string;
  presentDays: number;
  paidHolidayDays: number;
  workLines: RateLine[];
  mealLines: MealLine[];
  grossCents: number;
  mealFeeCents: number;
  adjustmentsCents: number;
  netCents: number;
  unpricedDays: string[];
  /** The travel compensation, paid beside the work-share money (not part of netCents). */
  transport: TransportSummary;
  transportCents: number;
}

/** Paid summer holiday in avotyötoiminta: four weeks of five days a calendar year. */
export const PAID_HOLIDAY_DAYS_PER_YEAR = 20;

function assertCents(cents: number, what: string): void {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`${what} must be whole cents, got ${cents}`);
}

/** Rates change over time and history is kept; the one in force is the latest that started on or before the day. */
export function rateOn(rates: Rate[], serviceType: ServiceType, day: string): Rate | null {
  let found: Rate | null = null;
  for (const rate of rates) {
    if (rate.serviceType !== serviceType || rate.validFrom > day) continue;
    // On a tie the later entry wins: a rate entered again for the same start is a correction.
    if (found === null || rate.validFrom >= found.validFrom) found = rate;
  }
  return found;
}

function addToRateLine(lines: RateLine[], kind: RateLine['kind'], dailyCents: number): void {
  const line = lines.find((l) => l.kind === kind && l.dailyCents === dailyCents);
  if (line) {
    line.days += 1;
    line.totalCents += dailyCents;
  } else {
    lines.push({ kind, days: 1, dailyCents, totalCents: dailyCents });
  }
}

function addToMealLine(lines: MealLine[], mealCents: number): void {
  const line = lines.find((l) => l.mealCents === mealCents);
  if (line) {
    line.days += 1;
    line.totalCents += mealCents;
  } else {
    lines.push({ days: 1, mealCents, totalCents: mealCents });
  }
}

/**
 * What the client is paid for the month and why, line by line, so the client and the worker can check it.
 * Recorded days outside the month or not real dates are ignored; a day recorded twice counts once (the last record).
 */
export function computeStatement(input: StatementInput): Statement {
  const { month } = input;
  if (!isCalendarMonth(month)) throw new RangeError(`Not a month: ${JSON.stringify(month)}`);
  for (const rate of input.rates) {
    assertCents(rate.dailyCents, 'dailyCents');
    assertCents(rate.mealCents, 'mealCents');
  }
  for (const adjustment of input.adjustments) assertCents(adjustment.cents, 'adjustment');

  const statusByDay = new Map<string, AttendanceStatus>();
  for (const { day, status } of input.days) {
    if (typeof day === 'string' && isIsoDate(day) && day.slice(0, 7) === month) statusByDay.set(day, status);
  }
  const days = [...statusByDay.keys()].sort();

  const workLines: RateLine[] = [];
  const mealLines: MealLine[] = [];
  const unpricedDays: string[] = [];
  let presentDays = 0;
  let paidHolidayDays = 0;
  let grossCents = 0;
  let mealFeeCents = 0;
  let holidayDaysUsed = Math.max(0, Math.trunc(input.paidHolidayDaysBefore) || 0);

  for (const day of days) {
    const status = statusByDay.get(day);
    if (status === 'present') {
      presentDays += 1;
      const serviceType = input.serviceTypeOn(day);
      if (serviceType === null) continue;
      const rate = rateOn(input.rates, serviceType, day);
      if (rate === null) {
        unpricedDays.push(day);
        continue;
      }
      addToRateLine(workLines, 'work', rate.dailyCents);
      grossCents += rate.dailyCents;
      if (input.mealFeeApplies && rate.mealCents !== 0) {
        addToMealLine(mealLines, rate.mealCents);
        mealFeeCents += rate.mealCents;
      }
    } else if (status === 'holiday' && input.paidSummerHoliday && holidayDaysUsed < PAID_HOLIDAY_DAYS_PER_YEAR) {
      const serviceType = input.serviceTypeOn(day);
      if (serviceType !== 'avotyotoiminta') continue;
      const rate = rateOn(input.rates, serviceType, day);
      if (rate === null) {
        unpricedDays.push(day);
        continue;
      }
      holidayDaysUsed += 1;
      paidHolidayDays += 1;
      addToRateLine(workLines, 'holiday', rate.dailyCents);
      grossCents += rate.dailyCents;
    }
  }

  const adjustmentsCents = input.adjustments.reduce((sum, adjustment) => sum + adjustment.cents, 0);
  const transport = computeTransport(
    month,
    input.days.map((d) => ({ day: d.day, status: d.status, transport: d.transport === true, ticketCents: d.ticketCents ?? null })),
    input.transportRates ?? [],
  );
  return {
    month,
    presentDays,
    paidHolidayDays,
    workLines,
    mealLines,
    grossCents,
    mealFeeCents,
    adjustmentsCents,
    netCents: grossCents - mealFeeCents + adjustmentsCents,
    unpricedDays,
    transport,
    transportCents: transport.totalCents,
  };
}

/** What is paid for a month in all: the work-share net (never below nothing) and the travel compensation. */
export function payableCents(netCents: number, transportCents: number): number {
  return Math.max(0, netCents) + transportCents;
}

const MINUS = '\u2212';
const NO_BREAK_SPACE = '\u00A0';

/** Splits whole cents into euro digits and two cent digits with string arithmetic only (no division). */
function splitCents(cents: number): { negative: boolean; euros: string; centDigits: string } {
  assertCents(cents, 'Amount');
  const negative = cents < 0;
  const digits = String(negative ? -cents : cents).padStart(3, '0');
  return { negative, euros: digits.slice(0, -2), centDigits: digits.slice(-2) };
}

function groupThousands(digits: string, separator: string): string {
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return groups.join(separator);
}

/**
 * Euros the way each reader writes them, without Intl so the minus is always the real minus sign (U+2212) and
 * the amount never wraps: fi/sv '1 234,50 €' (no-break spaces), en '€1,234.50'.
 */
export function formatEuros(cents: number, lang: Lang): string {
  const { negative, euros, centDigits } = splitCents(cents);
  const sign = negative ? MINUS : '';
  if (lang === 'en') return `${sign}€${groupThousands(euros, ',')}.${centDigits}`;
  return `${sign}${groupThousands(euros, NO_BREAK_SPACE)},${centDigits}${NO_BREAK_SPACE}€`;
}

/**
 * Reads a euro amount a worker typed (decimal comma or point, at most two decimals) into cents; null when it is
 * not a plain non-negative amount, so the form can say so instead of guessing.
 */
export function parseEurosToCents(text: string): number | null {
  const match = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return Number(match[1]) * 100 + Number(fraction);
}

/**
 * The day a month's money is paid: the unit's payment day of the next month, or the last working
 * day before it when that day is a Saturday, Sunday or public holiday.
 */
export function paymentDayOf(month: string, dayOfMonth: number): string {
  let day = `${addMonths(month, 1)}-${String(dayOfMonth).padStart(2, '0')}`;
  while (isoWeekday(day) >= 6 || holidayOn(day)) day = addDays(day, -1);
  return day;
}
