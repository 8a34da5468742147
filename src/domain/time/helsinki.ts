/**
 * Calendar days in Europe/Helsinki. A day is a date ('2026-11-24'), never a timestamp: a
 * client's Monday is Monday in Finland whatever the server's clock zone is.
 */
const TIME_ZONE = 'Europe/Helsinki';

const partsFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const WEEKDAY_NUMBER: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export interface HelsinkiMoment {
  date: string; // YYYY-MM-DD
  weekday: number; // 1 = Monday … 7 = Sunday (ISO)
  time: string; // HH:MM
}

// Intl formatting is slow next to everything else on a page view, and every page asks for
// "today": the answer is kept for the rest of the current minute. Other moments (a list of
// messages, each with its own time) use Helsinki's offset from UTC, asked from Intl once per
// UTC hour: the offset only changes on the hour (daylight saving starts and ends at 01:00 UTC).
let lastMinute = -1;
let lastMoment: HelsinkiMoment | null = null;
const HOUR = 3_600_000;
const offsetByUtcHour = new Map<number, number>();

export function helsinkiMoment(at: Date | number = Date.now()): HelsinkiMoment {
  const ms = typeof at === 'number' ? at : at.getTime();
  const minute = Math.floor(ms / 60_000);
  if (minute === lastMinute && lastMoment) return lastMoment;
  const moment = momentFromOffset(ms);
  if (minute === Math.floor(Date.now() / 60_000)) {
    lastMoment = moment;
    lastMinute = minute;
  }
  return moment;
}

function offsetAt(ms: number): number {
  const hour = Math.floor(ms / HOUR);
  let offset = offsetByUtcHour.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR;
    const local = computeMoment(start);
    const [y, mo, d] = local.date.split('-').map(Number);
    const [h, mi] = local.time.split(':').map(Number);
    offset = Date.UTC(y, mo - 1, d, h, mi) - start;
    if (offsetByUtcHour.size > 20_000) offsetByUtcHour.clear();
    offsetByUtcHour.set(hour, offset);
  }
  return offset;
}

function momentFromOffset(ms: number): HelsinkiMoment {
  const local = new Date(ms + offsetAt(ms));
  const pad = (n: number) => String(n).padStart(2, '0');
  const weekday = local.getUTCDay();
  return {
    date: `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
    weekday: weekday === 0 ? 7 : weekday,
    time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`,
  };
}

function computeMoment(at: number): HelsinkiMoment {
  const parts = Object.fromEntries(partsFormatter.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAY_NUMBER[parts.weekday],
    time: `${parts.hour}:${parts.minute}`,
  };
}

export function todayInHelsinki(at: Date | number = Date.now()): string {
  return helsinkiMoment(at).date;
}

/**
 * Milliseconds of 00:00 Helsinki time on a day. Helsinki is UTC+2 in winter and UTC+3 in summer,
 * and the clocks change at 03:00 and 04:00, never at midnight: so the one of the two candidates
 * that Helsinki itself reads as that day's 00:00 is the answer, also on the days of the change.
 */
export function helsinkiMidnight(day: string): number {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  for (const offsetHours of [2, 3]) {
    const candidate = utcMidnight - offsetHours * 3_600_000;
    const m = helsinkiMoment(candidate);
    if (m.date === day && m.time === '00:00') return candidate;
  }
  throw new Error(`No Helsinki midnight found for ${day}`);
}
