import type { Database } from './db';
import type { AccessBasis } from './access';
import { addDays } from '@domain/attendance/month';
import { helsinkiMidnight, helsinkiMoment } from '@domain/time/helsinki';
import { dateTimeOf } from '@domain/time/format';
import { csvDocument } from './csv';
import { ACCESS_ACTIONS, LOGGED_TOPICS, accessActionOf, accessActionsOf, topicOf, type AccessAction, type LoggedTopic } from '@domain/logs/catalogue';
import type { Lang } from '@domain/language';
import type { Translate } from '@domain/logs/describe';

/**
 * The client's own view of the access log: who looked at which part of their data, when, and on
 * what basis. Actions are grouped into the few things a client knows about (their plan, goals,
 * attendance, money, messages), so the list reads in easy words.
 */
export { LOGGED_TOPICS, topicOf, type LoggedTopic } from '@domain/logs/catalogue';

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

export const isLoggedTopic = (v: unknown): v is LoggedTopic => typeof v === 'string' && (LOGGED_TOPICS as readonly string[]).includes(v);
export const isAccessAction = (v: unknown): v is AccessAction => typeof v === 'string' && v in ACCESS_ACTIONS;

export interface StaffLogFilter {
  actorId: number | null;
  topic: LoggedTopic | null;
  /** One kind of view (an action of the central list). */
  action: AccessAction | null;
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
 * The WHERE of a filtered log of one client. A topic or an action is asked for in SQL as its list
 * of stored actions (older rows name a plan version with its number: matched by prefix), so the
 * newest rows come from the client+time index without reading the whole log.
 */
function staffWhere(clientId: number, f: StaffLogFilter): { sql: string; params: unknown[] } {
  const parts = ['l.client_id = ?'];
  const params: unknown[] = [clientId];
  if (f.actorId !== null) {
    parts.push('l.actor_id = ?');
    params.push(f.actorId);
  }
  if (f.from) {
    parts.push('l.at >= ?');
    params.push(helsinkiMidnight(f.from));
  }
  if (f.to) {
    parts.push('l.at < ?');
    params.push(helsinkiMidnight(addDays(f.to, 1)));
  }
  const actionsIn = (actions: AccessAction[], not: boolean) => {
    const numbered = actions.includes('plan version') ? ` OR l.action LIKE 'plan version %'` : '';
    parts.push(`${not ? 'NOT ' : ''}(l.action IN (${actions.map(() => '?').join(', ')})${numbered})`);
    params.push(...actions);
  };
  if (f.topic === 'other') {
    const known = (Object.keys(ACCESS_ACTIONS) as AccessAction[]).filter((a) => ACCESS_ACTIONS[a].topic !== 'other');
    actionsIn(known, true);
  } else if (f.topic) actionsIn(accessActionsOf(f.topic), false);
  if (f.action) actionsIn([f.action], false);
  return { sql: parts.join(' AND '), params };
}

/**
 * The access log of one client for workers and admins (and the export for a data request under
 * asiakastietolaki 703/2023 § 11): newest first, filtered by who, topic, action and days; `limit`
 * rows from `offset` (null: all).
 */
export async function accessLogForStaff(db: Database, clientId: number, f: StaffLogFilter, limit: number | null, offset = 0): Promise<StaffLogRow[]> {
  const where = staffWhere(clientId, f);
  const rows = await db.all<Omit<StaffLogRow, 'topic'>>(
    `SELECT l.id, l.at, l.actor_id, p.full_name AS actor_name, p.role AS actor_role, l.action, l.basis, l.path
       FROM access_log l JOIN people p ON p.id = l.actor_id
      WHERE ${where.sql}
      ORDER BY l.at DESC, l.id DESC${limit === null ? '' : ' LIMIT ? OFFSET ?'}`,
    [...where.params, ...(limit === null ? [] : [limit, offset])],
  );
  return rows.map((r) => ({ ...r, topic: topicOf(r.action) }));
}

/** How many rows the filter matches (for "rows 51–100 of 230"). */
export async function accessLogCount(db: Database, clientId: number, f: StaffLogFilter): Promise<number> {
  const where = staffWhere(clientId, f);
  const row = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM access_log l WHERE ${where.sql}`, where.params);
  return row?.n ?? 0;
}

/** Everyone who appears in a client's log, for the filter's list. */
export async function loggedActors(db: Database, clientId: number): Promise<{ id: number; full_name: string }[]> {
  return db.all(
    `SELECT DISTINCT p.id, p.full_name FROM access_log l JOIN people p ON p.id = l.actor_id WHERE l.client_id = ? ORDER BY p.full_name`,
    [clientId],
  );
}

/** An access-log action in the reader's words (an action not in the list: as stored). */
export function accessActionWords(stored: string, tr: Translate): string {
  const action = accessActionOf(stored);
  return action ? tr(`staff:logs.access.${ACCESS_ACTIONS[action].word}`) : stored;
}

/** The column keys (staff:accessLog.csv.…) of the access log export, in order: words, then codes. */
export const LOG_CSV_COLUMNS = ['time', 'timeUtc', 'viewer', 'viewerRole', 'basis', 'basisCode', 'topic', 'action', 'actionCode', 'path'] as const;

/**
 * The access log of one client as CSV, for a data request (asiakastietolaki 703/2023 § 11):
 * every matching row, oldest first, in the reader's words beside the codes: Helsinki time and
 * UTC ISO 8601, the viewer's role and basis, the topic and action in words and as codes.
 */
export async function accessLogCsv(db: Database, clientId: number, f: StaffLogFilter, tr: Translate, lang: Lang): Promise<string> {
  const rows = (await accessLogForStaff(db, clientId, f, null)).reverse();
  return csvDocument(
    LOG_CSV_COLUMNS.map((c) => tr(`staff:accessLog.csv.${c}`)),
    rows.map((r) => [
      dateTimeOf(r.at, lang, { seconds: true }),
      new Date(r.at).toISOString(),
      r.actor_name,
      tr(`staff:logs.values.role.${r.actor_role}`),
      tr(`staff:accessLog.basis.${r.basis}`),
      r.basis,
      tr(`staff:accessLog.topics.${r.topic}`),
      accessActionWords(r.action, tr),
      r.action,
      r.path,
    ]),
  );
}

/** One person's views of the client's data on one Helsinki day, for the printable report. */
export interface ReportLine {
  who: string;
  role: string;
  basis: string;
  count: number;
  /** What was looked at: the actions (as stored), each once, in the order first seen. */
  actions: string[];
  topics: LoggedTopic[];
  /** The first and last view of the day. */
  firstAt: number;
  lastAt: number;
}

/**
 * The access log of one client for a data request, as a document a family member or an advocate
 * can read: one section a Helsinki day (oldest first), one line a person with how many times,
 * what and when. The same filter as the page and the CSV.
 */
export async function accessReport(db: Database, clientId: number, f: StaffLogFilter): Promise<{ day: string; lines: ReportLine[] }[]> {
  const rows = (await accessLogForStaff(db, clientId, f, null)).reverse();
  const days = new Map<string, Map<string, ReportLine>>();
  for (const r of rows) {
    const day = helsinkiMoment(r.at).date;
    const lines = days.get(day) ?? new Map<string, ReportLine>();
    days.set(day, lines);
    const key = `${r.actor_id} ${r.basis}`;
    const line = lines.get(key);
    const action = accessActionOf(r.action) ?? r.action;
    if (line) {
      line.count++;
      line.lastAt = r.at;
      if (!line.actions.includes(action)) line.actions.push(action);
      if (!line.topics.includes(r.topic)) line.topics.push(r.topic);
    } else lines.set(key, { who: r.actor_name, role: r.actor_role, basis: r.basis, count: 1, actions: [action], topics: [r.topic], firstAt: r.at, lastAt: r.at });
  }
  return [...days].map(([day, lines]) => ({ day, lines: [...lines.values()] }));
}
