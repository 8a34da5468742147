/**
 * Finnish public holidays (and the two de facto days off) computed by rule, so the attendance
 * calendar can mark days when no work activity runs without a library or a yearly table to update.
 */
import { addDays, isIsoDate, isoWeekday } from './month';

export const HOLIDAY_NAMES = [
  'newYear',
  'epiphany',
  'goodFriday',
  'easterSunday',
  'easterMonday',
  'mayDay',
  'ascension',
  'pentecost',
  'midsummerEve',
  'midsummerDay',
  'allSaints',
  'independence',
  'christmasEve',
  'christmasDay',
  'stStephen',
] as const;
export type HolidayName = (typeof HOLIDAY_NAMES)[number];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) throw new RangeError(`Not a Gregorian year: ${year}`);
}

/** Easter decides five holidays; the anonymous Gregorian (Meeus/Jones/Butcher) algorithm, integers only. */
export function easterSunday(year: number): string {
  assertYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The first day on or after `from` that falls on the given ISO weekday (1 = Monday … 7 = Sunday). */
function weekdayOnOrAfter(from: string, weekday: number): string {
  return addDays(from, (weekday - isoWeekday(from) + 7) % 7);
}

const holidaysByYear = new Map<number, Map<string, HolidayName>>();

function holidaysOf(year: number): Map<string, HolidayName> {
  let holidays = holidaysByYear.get(year);
  if (holidays) return holidays;
  assertYear(year);
  const y = pad(year, 4);
  const easter = easterSunday(year);
  const midsummerEve = weekdayOnOrAfter(`${y}-06-19`, 5);
  const entries: [string, HolidayName][] = [
    [`${y}-01-01`, 'newYear'],
    [`${y}-01-06`, 'epiphany'],
    [addDays(easter, -2), 'goodFriday'],
    [easter, 'easterSunday'],
    [addDays(easter, 1), 'easterMonday'],
    [`${y}-05-01`, 'mayDay'],
    [addDays(easter, 39), 'ascension'],
    [addDays(easter, 49), 'pentecost'],
    [midsummerEve, 'midsummerEve'],
    [addDays(midsummerEve, 1), 'midsummerDay'],
    [weekdayOnOrAfter(`${y}-10-31`, 6), 'allSaints'],
    [`${y}-12-06`, 'independence'],
    [`${y}-12-24`, 'christmasEve'],
    [`${y}-12-25`, 'christmasDay'],
    [`${y}-12-26`, 'stStephen'],
  ];
  holidays = new Map(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  holidaysByYear.set(year, holidays);
  return holidays;
}

/**
 * The year's days off by date, in date order, for a calendar view. Memoized per year; the caller gets its own
 * copy so changing it cannot corrupt the cache.
 */
export function finnishHolidays(year: number): Map<string, HolidayName> {
  return new Map(holidaysOf(year));
}

/** Whether work activity is closed that day (and why); null for an ordinary day or a string that is not a date. */
export function holidayOn(day: string): HolidayName | null {
  if (!isIsoDate(day)) return null;
  const year = Number(day.slice(0, 4));
  if (year < 1583) return null;
  return holidaysOf(year).get(day) ?? null;
}
