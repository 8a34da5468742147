import type { Database } from './db';
import type { AccessBasis } from './access';

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
  consents: 'consents',
  'consent history': 'consents',
  'access log': 'other',
};

export function topicOf(action: string): LoggedTopic {
  return TOPIC_OF_ACTION[action] ?? 'other';
}

export interface AccessLogEntry {
  at: number;
  who: string;
  topic: LoggedTopic;
  basis: Exclude<AccessBasis, 'self'>;
}

/**
 * One page of the log of a client's data, newest first (read in the order of the client+time
 * index), and the id to continue from when older entries exist.
 */
export async function accessLogPage(db: Database, clientId: number, before: number | null, size = 20): Promise<{ entries: AccessLogEntry[]; olderFrom: number | null }> {
  const rows = await db.all<{ id: number; at: number; who: string; action: string; basis: AccessLogEntry['basis'] }>(
    `SELECT l.id, l.at, p.full_name AS who, l.action, l.basis
       FROM access_log l JOIN people p ON p.id = l.actor_id
      WHERE l.client_id = ? AND (? IS NULL OR l.id < ?)
      ORDER BY l.at DESC, l.id DESC LIMIT ?`,
    [clientId, before, before, size + 1],
  );
  const page = rows.slice(0, size);
  return {
    entries: page.map((r) => ({ at: r.at, who: r.who, topic: topicOf(r.action), basis: r.basis })),
    olderFrom: rows.length > size ? page[page.length - 1].id : null,
  };
}
