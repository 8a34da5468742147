/**
 * Travel compensation (matkakorvaus; "Kuljetuskustannuksia voidaan korvata"): a unit may pay the
 * client's travel to the work activity, per attended day with transport or per actual ticket.
 * The unit's rules are history like the work-share rates: the rule in force on each day applies.
 * It is a compensation of costs, not pay: it stays out of the work-share net and is paid beside it.
 * Money is integer cents.
 */
import { isIsoDate } from './month';
import type { AttendanceStatus } from './status';

export const TRANSPORT_KINDS = ['none', 'per_day', 'per_ticket'] as const;
export type TransportKind = (typeof TRANSPORT_KINDS)[number];

export function isTransportKind(value: unknown): value is TransportKind {
  return typeof value === 'string' && (TRANSPORT_KINDS as readonly string[]).includes(value);
}

export interface TransportRate {
  validFrom: string;
  kind: TransportKind;
  /** What a day with transport gives under 'per_day' (0 for the other kinds). */
  dayCents: number;
}

export interface TransportDay {
  day: string;
  status: AttendanceStatus;
  /** Whether the client used transport (came by bus, taxi …) that day. */
  transport: boolean;
  /** The price of the day's tickets when recorded (per_ticket units). */
  ticketCents: number | null;
}

export interface TransportLine {
  kind: 'per_day' | 'per_ticket';
  days: number;
  /** per_day: the amount of one day; per_ticket: 0 (tickets differ in price). */
  dayCents: number;
  totalCents: number;
}

export interface TransportSummary {
  lines: TransportLine[];
  /** Present days with transport used (whatever the rule). */
  transportDays: number;
  totalCents: number;
}

/** The rule in force on a day: the latest that started on or before it (a later entry wins a tie). */
export function transportRateOn(rates: readonly TransportRate[], day: string): TransportRate | null {
  let found: TransportRate | null = null;
  for (const rate of rates) {
    if (rate.validFrom > day) continue;
    if (found === null || rate.validFrom >= found.validFrom) found = rate;
  }
  return found;
}

/**
 * The month's travel compensation: per_day gives the rule's day amount for each present day with
 * transport; per_ticket the ticket prices recorded on present days with transport; none (or no
 * rule yet) nothing. Days outside the month or not dates are ignored; a day given twice counts once
 * (the last). Lines are grouped by kind and day amount, so a rule changed mid-month shows both.
 */
export function computeTransport(month: string, days: readonly TransportDay[], rates: readonly TransportRate[]): TransportSummary {
  for (const r of rates) {
    if (!Number.isSafeInteger(r.dayCents) || r.dayCents < 0) throw new RangeError(`dayCents must be whole non-negative cents, got ${r.dayCents}`);
  }
  const byDay = new Map<string, TransportDay>();
  for (const d of days) if (typeof d.day === 'string' && isIsoDate(d.day) && d.day.slice(0, 7) === month) byDay.set(d.day, d);
  const lines: TransportLine[] = [];
  let transportDays = 0;
  let totalCents = 0;
  for (const day of [...byDay.keys()].sort()) {
    const d = byDay.get(day)!;
    if (d.status !== 'present' || !d.transport) continue;
    transportDays += 1;
    const rate = transportRateOn(rates, day);
    if (!rate || rate.kind === 'none') continue;
    const cents = rate.kind === 'per_day' ? rate.dayCents : Math.max(0, Math.trunc(d.ticketCents ?? 0));
    if (rate.kind === 'per_ticket' && d.ticketCents === null) continue; // no ticket recorded: nothing to pay back
    const lineCents = rate.kind === 'per_day' ? rate.dayCents : 0;
    let line = lines.find((l) => l.kind === rate.kind && l.dayCents === lineCents);
    if (!line) lines.push((line = { kind: rate.kind, days: 0, dayCents: lineCents, totalCents: 0 }));
    line.days += 1;
    line.totalCents += cents;
    totalCents += cents;
  }
  return { lines, transportDays, totalCents };
}
