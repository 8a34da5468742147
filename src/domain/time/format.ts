/**
 * Dates in easy words with the weekday, the way docs/easy-read.md asks: "maanantai 24.11.".
 * Built with Intl per language; Finnish and Swedish write the short date as day.month.
 */
import type { Lang } from '@domain/language';

/**
 * The one place dates and times get their locale: Finnish format in Finnish, Finland-Swedish in
 * Swedish, and English as written in Finland (day/month/year, 12.05), so the three agree on
 * everything but the words.
 */
export const INTL_LOCALE: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-FI' };
const LOCALES = INTL_LOCALE;

const dateTimeFormatters = new Map<string, Intl.DateTimeFormat>();
/**
 * A moment (ms since the epoch) as a Helsinki date and time for staff pages and logs:
 * "30.11.2026 klo 12.05"; `seconds` adds them, for logs where the order within a minute matters.
 */
export function dateTimeOf(ms: number, lang: Lang, options: { seconds?: boolean } = {}): string {
  const key = `${lang}:${options.seconds ? 's' : 'm'}`;
  let f = dateTimeFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_LOCALE[lang], { timeZone: 'Europe/Helsinki', dateStyle: 'short', timeStyle: options.seconds ? 'medium' : 'short' });
    dateTimeFormatters.set(key, f);
  }
  return f.format(ms);
}

const weekdayFormatters = new Map<Lang, Intl.DateTimeFormat>();
const englishMonth = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });

export function weekdayName(isoDate: string, lang: Lang): string {
  let f = weekdayFormatters.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'long', timeZone: 'UTC' });
    weekdayFormatters.set(lang, f);
  }
  return f.format(new Date(`${isoDate}T12:00:00Z`));
}

/** 1 = Monday … 7 = Sunday, in the reader's language (23.11.2026 is a Monday). */
export function weekdayNameOf(isoWeekday: number, lang: Lang): string {
  return weekdayName(`2026-11-${String(22 + isoWeekday).padStart(2, '0')}`, lang);
}

const dayCache = new Map<string, string>();

/** "maanantai 24.11." / "måndag 24.11." / "Monday 24 November" (kept: the same few dates recur). */
export function dayWithWeekday(isoDate: string, lang: Lang): string {
  const key = `${lang}:${isoDate}`;
  let text = dayCache.get(key);
  if (text === undefined) {
    text = formatDayWithWeekday(isoDate, lang);
    if (dayCache.size > 5000) dayCache.clear();
    dayCache.set(key, text);
  }
  return text;
}

function formatDayWithWeekday(isoDate: string, lang: Lang): string {
  const [, m, d] = isoDate.split('-').map(Number);
  const weekday = weekdayName(isoDate, lang);
  if (lang === 'en') return `${weekday} ${d} ${englishMonth.format(new Date(`${isoDate}T12:00:00Z`))}`;
  return `${weekday} ${d}.${m}.`;
}

/** '08:30' → '8.30' in Finnish and Swedish, '8:30' in English. */
export function clockTime(hhmm: string, lang: Lang): string {
  const [h, m] = hhmm.split(':');
  return `${Number(h)}${lang === 'en' ? ':' : '.'}${m}`;
}

const monthFormatters = new Map<Lang, Intl.DateTimeFormat>();

/** "Marraskuu 2026" / "November 2026": a month as a heading (capitalised in every language). */
export function monthTitle(month: string, lang: Lang): string {
  let f = monthFormatters.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' });
    monthFormatters.set(lang, f);
  }
  const text = f.format(new Date(`${month}-15T12:00:00Z`));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "24.11." / "24 Nov": a short date beside a weekday picture. */
export function shortDate(isoDate: string, lang: Lang): string {
  const [, m, d] = isoDate.split('-').map(Number);
  if (lang === 'en') return `${d} ${new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(new Date(`${isoDate}T12:00:00Z`))}`;
  return `${d}.${m}.`;
}

/**
 * "perjantai 12.11.2027" / "Friday 12 November 2027": a day with its year, for dates that may
 * lie in another year (a consent's last day, the day a paper was signed).
 */
export function dayWithYear(isoDate: string, lang: Lang, withWeekday = true): string {
  const y = isoDate.slice(0, 4);
  const day = withWeekday ? dayWithWeekday(isoDate, lang) : shortDate(isoDate, lang);
  if (lang === 'en') return `${withWeekday ? day : `${Number(isoDate.slice(8, 10))} ${englishMonth.format(new Date(`${isoDate}T12:00:00Z`))}`} ${y}`;
  return `${day}${y}`;
}
