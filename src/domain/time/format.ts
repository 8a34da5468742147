/**
 * Dates in easy words with the weekday, the way docs/easy-read.md asks: "maanantai 24.11.".
 * Built with Intl per language; Finnish and Swedish write the short date as day.month.
 */
import type { Lang } from '@domain/language';
import { todayInHelsinki } from './helsinki';

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

// Seven names per language, asked for on every day of a calendar: Intl once for each (issue 19).
const weekdayNames = new Map<string, string>();

/** 1 = Monday … 7 = Sunday, in the reader's language (23.11.2026 is a Monday). */
export function weekdayNameOf(isoWeekday: number, lang: Lang): string {
  const key = `${lang}${isoWeekday}`;
  let name = weekdayNames.get(key);
  if (name === undefined) {
    name = weekdayName(`2026-11-${String(22 + isoWeekday).padStart(2, '0')}`, lang);
    weekdayNames.set(key, name);
  }
  return name;
}

const dayCache = new Map<string, string>();

/**
 * A day as a label or after "on" / "is" (nominative): "maanantai 24.11." / "måndag 24.11." /
 * "Monday 24 November", with the year when it is not this year ("perjantai 15.1.2027"), so a
 * date in January seen in November is not taken for last January. `today` is Helsinki's by
 * default; tests give their own. (Kept: the same few dates recur.)
 */
export function dayWithWeekday(isoDate: string, lang: Lang, today: string = todayInHelsinki()): string {
  const withYear = isoDate.slice(0, 4) !== today.slice(0, 4);
  const key = `${lang}:${isoDate}:${withYear ? 'y' : ''}`;
  let text = dayCache.get(key);
  if (text === undefined) {
    text = formatDayWithWeekday(isoDate, lang, withYear);
    if (dayCache.size > 5000) dayCache.clear();
    dayCache.set(key, text);
  }
  return text;
}

function formatDayWithWeekday(isoDate: string, lang: Lang, withYear: boolean): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const weekday = weekdayName(isoDate, lang);
  if (lang === 'en') return `${weekday} ${d} ${englishMonth.format(new Date(`${isoDate}T12:00:00Z`))}${withYear ? ` ${y}` : ''}`;
  return `${weekday} ${d}.${m}.${withYear ? y : ''}`;
}

/**
 * A day as the time something happens, inside a sentence (issue 14): Finnish in the essive
 * ("Puhumme seuraavan kerran perjantaina 15.1."), English with "on" ("on Friday 15 January").
 * Swedish says "på fredag 15.1." of a day to come and "fredagen den 15.1." of a day gone ("på
 * fredag" alone would mean the coming Friday). The year as in dayWithWeekday.
 */
export function onDay(isoDate: string, lang: Lang, today: string = todayInHelsinki()): string {
  const day = dayWithWeekday(isoDate, lang, today);
  if (lang === 'fi') return day.replace(/^(\S+)/, '$1na'); // every Finnish weekday: -i/-o + na
  if (lang === 'en') return `on ${day}`;
  if (isoDate >= today) return `på ${day}`;
  return day.replace(/^(\S+) /, '$1en den ');
}

/** '08:30' → '8.30' in Finnish and Swedish, '8:30' in English. */
export function clockTime(hhmm: string, lang: Lang): string {
  const [h, m] = hhmm.split(':');
  return `${Number(h)}${lang === 'en' ? ':' : '.'}${m}`;
}

const monthFormatters = new Map<Lang, Intl.DateTimeFormat>();
const monthTitles = new Map<string, string>();

/** "Marraskuu 2026" / "November 2026": a month as a heading (capitalised in every language). */
export function monthTitle(month: string, lang: Lang): string {
  const key = `${lang}:${month}`;
  let title = monthTitles.get(key);
  if (title === undefined) {
    let f = monthFormatters.get(lang);
    if (!f) {
      f = new Intl.DateTimeFormat(LOCALES[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' });
      monthFormatters.set(lang, f);
    }
    const text = f.format(new Date(`${month}-15T12:00:00Z`));
    title = text.charAt(0).toUpperCase() + text.slice(1);
    // Kept like dayWithWeekday's: the attendance page asks for three months on every view.
    if (monthTitles.size > 5000) monthTitles.clear();
    monthTitles.set(key, title);
  }
  return title;
}

const englishShortMonth = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' });

/** "24.11." / "24 Nov": a short date beside a weekday picture. */
export function shortDate(isoDate: string, lang: Lang): string {
  const [, m, d] = isoDate.split('-').map(Number);
  if (lang === 'en') return `${d} ${englishShortMonth.format(new Date(`${isoDate}T12:00:00Z`))}`;
  return `${d}.${m}.`;
}

/**
 * "perjantai 12.11.2027" / "Friday 12 November 2027": a day with its year, for dates that may
 * lie in another year (a consent's last day, the day a paper was signed).
 */
export function dayWithYear(isoDate: string, lang: Lang, withWeekday = true): string {
  if (withWeekday) return formatDayWithWeekday(isoDate, lang, true);
  const [y, m, d] = isoDate.split('-').map(Number);
  if (lang === 'en') return `${d} ${englishMonth.format(new Date(`${isoDate}T12:00:00Z`))} ${y}`;
  return `${d}.${m}.${y}`;
}

/** Finnish weekdays in the illative, for "…asti" (until): maanantaihin … sunnuntaihin. */
const FI_ILLATIVE: Record<string, string> = {
  maanantai: 'maanantaihin', tiistai: 'tiistaihin', keskiviikko: 'keskiviikkoon', torstai: 'torstaihin',
  perjantai: 'perjantaihin', lauantai: 'lauantaihin', sunnuntai: 'sunnuntaihin',
};

/**
 * The last day of something, with its year, for "{{date}} asti" / "till {{date}}" / "until
 * {{date}}": Finnish "asti" wants the illative ("keskiviikkoon 30.6.2027 asti").
 */
export function untilDay(isoDate: string, lang: Lang): string {
  const day = dayWithYear(isoDate, lang);
  if (lang !== 'fi') return day;
  return day.replace(/^(\S+)/, (weekday) => FI_ILLATIVE[weekday] ?? weekday);
}

/**
 * A sentence that may end with a date, with its full stop: "…perjantaina 15.1." already has one
 * (a date's own point ends the sentence too, in Finnish and Swedish), "…perjantaina 15.1.2027"
 * and "…on Friday 15 January" get one.
 */
export function withFullStop(sentence: string): string {
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
