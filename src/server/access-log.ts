import type { Database } from './db';
import type { AccessBasis } from './access';
import { addDays } from '@domain/attendance/month';
import { helsinkiMidnight, helsinkiMoment } from '@domain/time/helsinki';
import { dateTimeOf } from '@domain/time/format';
import { csvDocument } from './csv';

/**
 * The client's own view of the access log: who looked at which part of their data, when, and on
 * what basis. Actions are grouped into the few things a client knows about (their plan, goals,
 * attendance, money, messages), so the list reads in easy words.
 */
export type LoggedTopic = 'plan' | 'goals' | 'attendance' | 'money' | 'messages' | 'consents' | 'other';

const TOPIC_OF_ACTION: Record<string, LoggedTopic> = {
  plan: 'plan',
  'plan editor': 'plan',
  'plan version': 'plan',
  goals: 'goals',
  'goal editor': 'goals',
  attendance: 'attendance',
  'daily register': 'attendance',
  money: 'money',
  'unit month statement': 'money',
  'payroll export': 'money',
  messages: 'messages',
  'voice message': 'messages',
  inbox: 'messages',
  'plan photo': 'plan',
  consents: 'consents',
  'consent history': 'consents',
  'access log': 'other',
  'access log export': 'other',
  'family links': 'other',
  'client overview': 'other',
  'client list': 'other',
};

export function topicOf(action: string): LoggedTopic {
  return TOPIC_OF_ACTION[action] ?? 'other';
}

/**
 * One person's views of the client's data on one Helsinki day, as one line: "Liisa katsoi
 * tietojasi 3 kertaa tänään." A page reload or a few clicks make many rows; the client wants to
 * know who looked, how often and when, not every click.
 */
export interface AccessLogDay {
  /** The Helsinki day, YYYY-MM-DD. */
  day: string;
  who: string;
  count: number;
  /** What was looked at, the most recent first, each once. */
  topics: LoggedTopic[];
  /** The basis of the latest view of the day. */
  basis: Exclude<AccessBasis, 'self'>;
  /** The latest view of the day. */
  lastAt: number;
}

/** A page of the log starts before this Helsinki day (the day the page before ended at). */
export function parseLogDay(text: string | null): string | null {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  // A real day only (not 2026-02-30, which Date would roll over): the page must not fail on it.
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text ? text : null;
}

/**
 * One page of the log of a client's data, grouped by person and day, newest first (read in the
 * order of the client+time index), with the day the next page starts before when older days exist.
 * A page holds whole days (at least `size` lines, unless the log ends first), so a person's views
 * of one day are never split over two pages; the next page starts at that day's Helsinki midnight.
 */
export async function accessLogDays(db: Database, clientId: number, beforeDay: string | null, size = 20): Promise<{ days: AccessLogDay[]; olderFrom: string | null }> {
  const groups = new Map<string, AccessLogDay>();
  let cursor: { at: number; id: number } | null = null;
  const bound = beforeDay ? helsinkiMidnight(beforeDay) : null;
  const CHUNK = 500;
  let lastDay: string | null = null;
  for (;;) {
    const rows: { id: number; at: number; actor_id: number; who: string; action: string; basis: AccessLogDay['basis'] }[] = await db.all(
      `SELECT l.id, l.at, l.actor_id, p.full_name AS who, l.action, l.basis
         FROM access_log l JOIN people p ON p.id = l.actor_id
        WHERE l.client_id = ? AND (? IS NULL OR l.at < ?) AND (? IS NULL OR l.at < ? OR (l.at = ? AND l.id < ?))
        ORDER BY l.at DESC, l.id DESC LIMIT ?`,
      [clientId, bound, bound, cursor?.at ?? null, cursor?.at ?? null, cursor?.at ?? null, cursor?.id ?? null, CHUNK],
    );
    for (const r of rows) {
      const day = helsinkiMoment(r.at).date;
      // A full page ends where a new day begins: the day before it is complete.
      if (groups.size >= size && day !== lastDay && lastDay !== null) return { days: [...groups.values()], olderFrom: lastDay };
      const key = `${day} ${r.actor_id}`;
      const group = groups.get(key);
      const topic = topicOf(r.action);
      if (group) {
        group.count++;
        if (!group.topics.includes(topic)) group.topics.push(topic);
      } else groups.set(key, { day, who: r.who, count: 1, topics: [topic], basis: r.basis, lastAt: r.at });
      lastDay = day;
    }
    if (rows.length < CHUNK) return { days: [...groups.values()], olderFrom: null };
    const last = rows[rows.length - 1];
    cursor = { at: last.at, id: last.id };
  }
}

export const LOGGED_TOPICS: readonly LoggedTopic[] = ['plan', 'goals', 'attendance', 'money', 'messages', 'consents', 'other'];
export const isLoggedTopic = (v: unknown): v is LoggedTopic => typeof v === 'string' && (LOGGED_TOPICS as readonly string[]).includes(v);

export interface StaffLogFilter {
  actorId: number | null;
  topic: LoggedTopic | null;
  /** Helsinki days, inclusive. */
  from: string | null;
  to: string | null;
}

export interface StaffLogRow {
  id: number;
  at: number;
  actor_id: number;
  actor_name: string;
  actor_role: string;
  action: string;
  topic: LoggedTopic;
  basis: string;
  path: string;
}

/**
 * The access log of one client for workers and admins (and the export for a data request under
 * asiakastietolaki 703/2023 § 11): newest first, filtered by who, topic and days. A topic is a
 * group of actions, asked for in SQL as that list (for "other": none of the known ones), so the
 * newest rows come from the client+time index without reading the whole log.
 */
export async function accessLogForStaff(db: Database, clientId: number, f: StaffLogFilter, limit: number | null): Promise<StaffLogRow[]> {
  const known = Object.keys(TOPIC_OF_ACTION).filter((a) => TOPIC_OF_ACTION[a] !== 'other');
  const actions = f.topic && f.topic !== 'other' ? known.filter((a) => TOPIC_OF_ACTION[a] === f.topic) : known;
  const topicSql = f.topic ? ` AND l.action ${f.topic === 'other' ? 'NOT ' : ''}IN (${actions.map(() => '?').join(', ')})` : '';
  const rows = await db.all<Omit<StaffLogRow, 'topic'>>(
    `SELECT l.id, l.at, l.actor_id, p.full_name AS actor_name, p.role AS actor_role, l.action, l.basis, l.path
       FROM access_log l JOIN people p ON p.id = l.actor_id
      WHERE l.client_id = ? AND (? IS NULL OR l.actor_id = ?) AND (? IS NULL OR l.at >= ?) AND (? IS NULL OR l.at < ?)${topicSql}
      ORDER BY l.at DESC, l.id DESC${limit === null ? '' : ' LIMIT ?'}`,
    [
      clientId,
      f.actorId,
      f.actorId,
      f.from,
      f.from ? helsinkiMidnight(f.from) : null,
      f.to,
      f.to ? helsinkiMidnight(addDays(f.to, 1)) : null,
      ...(f.topic ? actions : []),
      ...(limit === null ? [] : [limit]),
    ],
  );
  return rows.map((r) => ({ ...r, topic: topicOf(r.action) }));
}

/** Everyone who appears in a client's log, for the filter's list. */
export async function loggedActors(db: Database, clientId: number): Promise<{ id: number; full_name: string }[]> {
  return db.all(
    `SELECT DISTINCT p.id, p.full_name FROM access_log l JOIN people p ON p.id = l.actor_id WHERE l.client_id = ? ORDER BY p.full_name`,
    [clientId],
  );
}

/** The columns of the access log export, in order. */
export const LOG_CSV_COLUMNS = ['time_utc', 'time_helsinki', 'viewer_id', 'viewer_name', 'viewer_role', 'basis', 'topic', 'action', 'path'] as const;

/**
 * The access log of one client as CSV, for a data request (asiakastietolaki 703/2023 § 11):
 * every matching row, oldest first, times in UTC ISO 8601 and in Helsinki time (Finnish format).
 */
export async function accessLogCsv(db: Database, clientId: number, f: StaffLogFilter): Promise<string> {
  const rows = (await accessLogForStaff(db, clientId, f, null)).reverse();
  return csvDocument(
    LOG_CSV_COLUMNS,
    rows.map((r) => [new Date(r.at).toISOString(), dateTimeOf(r.at, 'fi', { seconds: true }), r.actor_id, r.actor_name, r.actor_role, r.basis, r.topic, r.action, r.path]),
  );
}
