/**
 * Calendar arithmetic on ISO date strings ('2026-11-24') and months ('2026-11'). A day is a date in
 * Europe/Helsinki, never a timestamp, so everything here is either pure integer arithmetic or
 * Date.UTC read back with getUTC* at noon UTC: no time zone and no daylight saving change can move a day.
 *
 * No compareDays: ISO dates (and months) with four-digit years sort correctly as plain strings,
 * so `a < b`, `a.localeCompare(b)` and `[...days].sort()` already compare them.
 */
const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatDay(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function parseDay(day: string): [number, number, number] {
  if (!isIsoDate(day)) throw new RangeError(`Not a calendar date: ${JSON.stringify(day)}`);
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
}

function parseMonth(month: string): [number, number] {
  if (!isCalendarMonth(month)) throw new RangeError(`Not a month: ${JSON.stringify(month)}`);
  return [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
}

/** Noon UTC of the day: far enough from midnight that no offset can make getUTC* read another date. */
function noonUtc(day: string): number {
  const [year, month, date] = parseDay(day);
  const ms = Date.UTC(year, month - 1, date, 12);
  // Date.UTC maps years 0–99 to 1900–1999; put the real year back.
  return year < 100 ? new Date(ms).setUTCFullYear(year) : ms;
}

/** Guards input from URLs and forms: only dates that exist on the calendar (no 30 February). */
export function isIsoDate(s: string): boolean {
  const match = DATE_PATTERN.exec(s);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Exactly 'YYYY-MM' with a real month number, any year: what month arithmetic accepts. */
export function isCalendarMonth(s: string): boolean {
  const match = MONTH_PATTERN.exec(s);
  if (!match) return false;
  const month = Number(match[2]);
  return month >= 1 && month <= 12;
}

/**
 * The months a URL or form may ask for. The portal began in the 2020s; the margin both ways
 * covers any real record, and keeps a page's month arithmetic (a year back, the next month's
 * pay day) far from the years 0000 and 9999, where it would leave the calendar.
 */
export const FIRST_MONTH = '2000-01';
export const LAST_MONTH = '2100-12';

/** Guards a month from a URL or form: exactly 'YYYY-MM' with a real month number, from FIRST_MONTH to LAST_MONTH. */
export function isMonth(s: string): boolean {
  return isCalendarMonth(s) && s >= FIRST_MONTH && s <= LAST_MONTH;
}

/**
 * The month a page shows from its `?month=` parameter: `fallback` when there is none, the month
 * when isMonth accepts it, else null, which the page answers with "not found" (404).
 */
export function requestedMonth(param: string | null, fallback: string): string | null {
  if (param === null || param === '') return fallback;
  return isMonth(param) ? param : null;
}

/** The month a day belongs to, for grouping recorded days into a monthly statement. */
export function monthOf(day: string): string {
  parseDay(day);
  return day.slice(0, 7);
}

/** Every date of the month in order, so a month view or statement can walk days without date objects. */
export function daysOfMonth(month: string): string[] {
  const [year, monthNumber] = parseMonth(month);
  const days: string[] = [];
  for (let d = 1; d <= daysInMonth(year, monthNumber); d += 1) days.push(formatDay(year, monthNumber, d));
  return days;
}

/** Previous / next month links and year-to-date windows; n may be negative and cross years. */
export function addMonths(month: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of months: ${n}`);
  const [year, monthNumber] = parseMonth(month);
  const index = year * 12 + (monthNumber - 1) + n;
  const newYear = Math.floor(index / 12);
  if (newYear < 0 || newYear > 9999) throw new RangeError(`Month out of range: ${month} + ${n}`);
  return `${pad(newYear, 4)}-${pad(index - newYear * 12 + 1, 2)}`;
}

/** Moves by whole calendar days; computed at noon UTC so a daylight saving change never skips or repeats a day. */
export function addDays(day: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  const moved = new Date(noonUtc(day) + n * DAY_MS);
  const year = moved.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`Day out of range: ${day} + ${n}`);
  return formatDay(year, moved.getUTCMonth() + 1, moved.getUTCDate());
}

/** 1 = Monday … 7 = Sunday, the Finnish week, independent of the server's time zone. */
export function isoWeekday(day: string): number {
  const sundayZero = new Date(noonUtc(day)).getUTCDay();
  return sundayZero === 0 ? 7 : sundayZero;
}

/** A month calendar as Finnish weeks (Monday first); null fills the cells before the 1st and after the last day. */
export function monthGrid(month: string): (string | null)[][] {
  const days = daysOfMonth(month);
  const cells: (string | null)[] = [];
  for (let i = 1; i < isoWeekday(days[0]); i += 1) cells.push(null);
  cells.push(...days);
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
