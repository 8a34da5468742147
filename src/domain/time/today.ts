import { helsinkiMoment } from './helsinki';

/** What the client's day looks like, for the home page's "today" line. Pure: no I/O. */
export interface ScheduleSlot {
  weekday: number; // 1 = Monday … 7 = Sunday
  starts_at: string; // HH:MM
  ends_at: string;
  place: string;
}

export type Today =
  | { kind: 'work'; date: string; place: string; startsAt: string; endsAt: string }
  | { kind: 'free'; date: string; next: { date: string; weekday: number } | null };

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`); // noon UTC: adding days never crosses a date line
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function todayFor(schedule: readonly ScheduleSlot[], at: Date | number = Date.now()): Today {
  const now = helsinkiMoment(at);
  const slot = schedule.find((s) => s.weekday === now.weekday);
  if (slot) return { kind: 'work', date: now.date, place: slot.place, startsAt: slot.starts_at, endsAt: slot.ends_at };
  for (let i = 1; i <= 7; i++) {
    const weekday = ((now.weekday - 1 + i) % 7) + 1;
    if (schedule.some((s) => s.weekday === weekday)) return { kind: 'free', date: now.date, next: { date: addDays(now.date, i), weekday } };
  }
  return { kind: 'free', date: now.date, next: null };
}
