/**
 * All SQL of notifications (issue 17): what people chose, who is told of a client, the causes
 * waiting to be told, and the ledger of what was told (one row per cause and recipient).
 * Everything here reads through `Q`, so the scheduler asks the same questions outside a
 * transaction (is there work?) and again inside it (the answer that counts).
 */
import type { Database, Tx } from '@server/db';
import { queueMail, type OutgoingMail } from '@server/mail';
import type { Lang } from '@domain/language';
import { defaultsFor, timesFromText, timesText, type NotificationSettings } from '@domain/notifications/settings';
import type { LinkLevel } from '@domain/notifications/family';
import { commaList } from '@server/db/dialect';

/** Reads of a database or of a transaction. */
export type Q = Pick<Database, 'engine' | 'get' | 'all'> | Tx;

interface SettingsColumns {
  messages: string | null;
  absences: string | null;
  consents: number | null;
  reviews: number | null;
  digest_times: string | null;
}

const SETTINGS_COLUMNS = 's.messages, s.absences, s.consents, s.reviews, s.digest_times';

function settingsFrom(role: 'worker' | 'family', row: SettingsColumns): NotificationSettings {
  if (row.messages === null) return defaultsFor(role);
  return {
    messages: row.messages as NotificationSettings['messages'],
    absences: row.absences as NotificationSettings['absences'],
    consents: row.consents === 1,
    reviews: row.reviews === 1,
    times: timesFromText(row.digest_times ?? ''),
  };
}

/** A person who may be told something, with their choices. */
export interface Recipient {
  id: number;
  email: string;
  preferred_name: string;
  full_name: string;
  language: Lang;
  unit_id: number | null;
  settings: NotificationSettings;
}

type RecipientRow = Omit<Recipient, 'settings'> & SettingsColumns;
const PERSON_COLUMNS = `p.id, p.email, p.preferred_name, p.full_name, p.language, p.unit_id, ${SETTINGS_COLUMNS}`;

const recipient = (role: 'worker' | 'family', row: RecipientRow): Recipient => ({
  id: row.id,
  email: row.email,
  preferred_name: row.preferred_name,
  full_name: row.full_name,
  language: row.language,
  unit_id: row.unit_id,
  settings: settingsFrom(role, row),
});

// ── Choices ─────────────────────────────────────────────────────────────────────────────────

export async function settingsOf(q: Q, personId: number, role: 'worker' | 'family'): Promise<NotificationSettings> {
  const row = await q.get<SettingsColumns>(`SELECT ${SETTINGS_COLUMNS} FROM notification_settings s WHERE s.person_id = ?`, [personId]);
  return row ? settingsFrom(role, row) : defaultsFor(role);
}

/** Saves a person's choices (the same choices again change nothing but the time). */
export async function saveSettings(db: Database, personId: number, s: NotificationSettings, now = Date.now()): Promise<void> {
  await db.write((tx) =>
    tx.run(
      `INSERT INTO notification_settings (person_id, messages, absences, consents, reviews, digest_times, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (person_id) DO UPDATE SET messages = excluded.messages, absences = excluded.absences, consents = excluded.consents,
         reviews = excluded.reviews, digest_times = excluded.digest_times, updated_at = excluded.updated_at`,
      [personId, s.messages, s.absences, s.consents ? 1 : 0, s.reviews ? 1 : 0, timesText(s.times), now],
    ),
  );
}

// ── Who is told ─────────────────────────────────────────────────────────────────────────────

/**
 * The worker rows of `cw` in force today, leaving out a named worker who is away: one whose own
 * holiday cover (substitute_covers) gives this client to a substitute today. The substitute gets
 * the notifications of their period; the worker on holiday gets none.
 */
const WORKING_TODAY = `cw.starts_on <= ?2 AND (cw.ends_on IS NULL OR cw.ends_on >= ?2)
  AND NOT (cw.kind = 'named' AND EXISTS (
    SELECT 1 FROM client_workers sub JOIN substitute_covers sc ON sc.id = sub.cover_id
     WHERE sub.client_id = cw.client_id AND sc.worker_id = cw.worker_id AND sc.ended_at IS NULL
       AND sub.starts_on <= ?2 AND (sub.ends_on IS NULL OR sub.ends_on >= ?2)))`;

/** The active workers who work with the client today (named, or standing in), with their choices. */
export async function workersOfClient(q: Q, clientId: number, today: string, onlyWorker: number | null = null): Promise<Recipient[]> {
  const rows = await q.all<RecipientRow>(
    `SELECT DISTINCT ${PERSON_COLUMNS}
       FROM client_workers cw JOIN people p ON p.id = cw.worker_id AND p.role = 'worker' AND p.active = 1
       LEFT JOIN notification_settings s ON s.person_id = p.id
      WHERE cw.client_id = ?1 AND ${WORKING_TODAY} AND (p.id = ?3 OR ?3 IS NULL)
      ORDER BY p.id`,
    [clientId, today, onlyWorker],
  );
  return rows.map((r) => recipient('worker', r));
}

/** Every active worker, with their choices: whom the scheduler looks at. */
export async function activeWorkers(q: Q): Promise<Recipient[]> {
  const rows = await q.all<RecipientRow>(
    `SELECT ${PERSON_COLUMNS} FROM people p LEFT JOIN notification_settings s ON s.person_id = p.id
      WHERE p.role = 'worker' AND p.active = 1 AND p.email IS NOT NULL ORDER BY p.id`,
  );
  return rows.map((r) => recipient('worker', r));
}

/** One worker, if active, with their choices. */
export async function activeWorker(q: Q, personId: number): Promise<Recipient | undefined> {
  const row = await q.get<RecipientRow>(
    `SELECT ${PERSON_COLUMNS} FROM people p LEFT JOIN notification_settings s ON s.person_id = p.id
      WHERE p.id = ? AND p.role = 'worker' AND p.active = 1`,
    [personId],
  );
  return row && recipient('worker', row);
}

/** The active clients a worker works with today (as workersOfClient decides). */
export async function clientsOfWorkerToday(q: Q, workerId: number, today: string): Promise<number[]> {
  const rows = await q.all<{ client_id: number }>(
    `SELECT DISTINCT cw.client_id FROM client_workers cw JOIN people c ON c.id = cw.client_id AND c.role = 'client' AND c.active = 1
      WHERE cw.worker_id = ?1 AND ${WORKING_TODAY} ORDER BY cw.client_id`,
    [workerId, today],
  );
  return rows.map((r) => r.client_id);
}

export interface FamilyRecipient extends Recipient {
  /** The level of their current link (one that opens the records wins when there are several). */
  level: LinkLevel;
}

/** The active family members with a current link to the client (or only `onlyFamily`), with their choices. */
export async function familyOfClient(q: Q, clientId: number, today: string, onlyFamily: number | null = null): Promise<FamilyRecipient[]> {
  // A family member belongs to no unit: their mail is the client's unit's (its outbox page shows it).
  const rows = await q.all<RecipientRow & { level: LinkLevel }>(
    `SELECT ${PERSON_COLUMNS.replace('p.unit_id', '(SELECT c.unit_id FROM people c WHERE c.id = ?1) AS unit_id')},
            (SELECT l2.level FROM family_links l2 WHERE l2.family_id = p.id AND l2.client_id = ?1 AND l2.ended_at IS NULL
                AND (l2.ends_on IS NULL OR l2.ends_on >= ?2) ORDER BY l2.level = 'messages' LIMIT 1) AS level
       FROM people p LEFT JOIN notification_settings s ON s.person_id = p.id
      WHERE p.role = 'family' AND p.active = 1 AND (p.id = ?3 OR ?3 IS NULL)
        AND EXISTS (SELECT 1 FROM family_links l WHERE l.family_id = p.id AND l.client_id = ?1 AND l.ended_at IS NULL AND (l.ends_on IS NULL OR l.ends_on >= ?2))
      ORDER BY p.id`,
    [clientId, today, onlyFamily],
  );
  return rows.map((r) => ({ ...recipient('family', r), level: r.level }));
}

/**
 * The names written on the client's consents in force today that let family know the client's
 * schedule ('' for a consent that names nobody): domain/notifications/family.ts matches them.
 */
export async function familyScheduleConsents(q: Q, clientId: number, today: string): Promise<string[]> {
  const rows = await q.all<{ recipient_name: string }>(
    `SELECT c.recipient_name FROM consents c JOIN consent_information i ON i.consent_id = c.id AND i.info_type = 'schedule'
      WHERE c.client_id = ? AND c.recipient_type = 'family' AND c.starts_on <= ? AND c.ends_on >= ?
        AND NOT EXISTS (SELECT 1 FROM consent_endings e WHERE e.consent_id = c.id)`,
    [clientId, today, today],
  );
  return rows.map((r) => r.recipient_name);
}

// ── Causes ──────────────────────────────────────────────────────────────────────────────────

/**
 * A message from the client's side waits for an answer (as src/server/messages/store.ts says:
 * not a notice of Omapolku, neither answered nor marked "Ei vaadi vastausta").
 */
const WAITING_M = "m.from_client_side = 1 AND m.handled_at IS NULL AND m.kind <> 'system'";

export interface Episode {
  client_id: number;
  /** The oldest waiting message: the wait began with it, and it names the cause. */
  first_id: number;
  since: number;
}

/** Each conversation of these clients that waits for an answer, since when (only waits begun after `from`). */
export async function waitingEpisodes(q: Q, clientIds: readonly number[], from: number): Promise<Episode[]> {
  if (clientIds.length === 0) return [];
  return q.all<Episode>(
    `SELECT c.client_id, MIN(m.id) AS first_id, MIN(m.created_at) AS since
       FROM conversations c JOIN messages m ON m.conversation_id = c.id AND ${WAITING_M}
      WHERE c.client_id IN (${clientIds.map(() => '?').join(', ')})
      GROUP BY c.id HAVING MIN(m.created_at) >= ?`,
    [...clientIds, from],
  );
}

/** The wait of one conversation: its oldest waiting message, or undefined when nothing waits. */
export async function episodeOf(q: Q, conversationId: number): Promise<Episode | undefined> {
  // The first waiting message in id order: one step of the index messages_first_waiting (migration
  // 0024), where MIN over the group read every waiting message of a long conversation. Messages
  // get their ids in the order they are written, so the first by id is also the oldest.
  const row = await q.get<Episode>(
    `SELECT c.client_id, m.id AS first_id, m.created_at AS since
       FROM conversations c JOIN messages m ON m.conversation_id = c.id AND ${WAITING_M}
      WHERE c.id = ? ORDER BY m.id LIMIT 1`,
    [conversationId],
  );
  return row ?? undefined;
}

/** Whether a message still waits for an answer. */
export async function stillWaiting(q: Q, messageId: number): Promise<boolean> {
  return (await q.get(`SELECT 1 FROM messages m WHERE m.id = ? AND ${WAITING_M}`, [messageId])) !== undefined;
}

export interface ReportFacts {
  id: number;
  client_id: number;
  reported_by: number;
  reported_at: number;
  days: string[];
}

/** Absence reports of these clients made after `from`, not cancelled, with their days. */
export async function recentReports(q: Q, clientIds: readonly number[], from: number): Promise<ReportFacts[]> {
  if (clientIds.length === 0) return [];
  const rows = await q.all<Omit<ReportFacts, 'days'> & { days: string }>(
    `SELECT r.id, r.client_id, r.reported_by, r.reported_at, ${commaList(q, 'd.day')} AS days
       FROM absence_reports r JOIN absence_report_days d ON d.report_id = r.id
      WHERE r.client_id IN (${clientIds.map(() => '?').join(', ')}) AND r.cancelled_at IS NULL AND r.reported_at >= ?
      GROUP BY r.id ORDER BY r.id`,
    [...clientIds, from],
  );
  return rows.map((r) => ({ ...r, days: r.days.split(',').sort() }));
}

/** Whether a report is still there (not cancelled). */
export async function reportInForce(q: Q, reportId: number): Promise<boolean> {
  return (await q.get('SELECT 1 FROM absence_reports WHERE id = ? AND cancelled_at IS NULL', [reportId])) !== undefined;
}

/** Consents of these clients in force that end between `today` and `until`. */
export async function consentsEnding(q: Q, clientIds: readonly number[], today: string, until: string): Promise<{ id: number; client_id: number }[]> {
  if (clientIds.length === 0) return [];
  return q.all(
    `SELECT c.id, c.client_id FROM consents c
      WHERE c.client_id IN (${clientIds.map(() => '?').join(', ')}) AND c.ends_on BETWEEN ? AND ?
        AND NOT EXISTS (SELECT 1 FROM consent_endings e WHERE e.consent_id = c.id)
      ORDER BY c.id`,
    [...clientIds, today, until],
  );
}

/** The current plan of each of these clients with its review day. */
export async function currentReviews(q: Q, clientIds: readonly number[]): Promise<{ id: number; client_id: number; review_on: string }[]> {
  if (clientIds.length === 0) return [];
  return q.all(
    `SELECT v.id, v.client_id, v.review_on FROM plan_versions v
      WHERE v.client_id IN (${clientIds.map(() => '?').join(', ')})
        AND v.version = (SELECT MAX(version) FROM plan_versions WHERE client_id = v.client_id)`,
    [...clientIds],
  );
}

// ── What was told ───────────────────────────────────────────────────────────────────────────

export type NotificationKind = 'message' | 'absence' | 'consent' | 'review' | 'family_message' | 'family_absence';

export interface Told {
  personId: number;
  cause: string;
  kind: NotificationKind;
  clientId: number;
  refId: number;
}

/** Which of these causes were told to the person already. */
export async function toldCauses(q: Q, personId: number, causes: readonly string[]): Promise<Set<string>> {
  if (causes.length === 0) return new Set();
  const told = new Set<string>();
  // (In slices: SQLite takes a limited number of parameters.)
  for (let i = 0; i < causes.length; i += 500) {
    const slice = causes.slice(i, i + 500);
    const rows = await q.all<{ cause: string }>(`SELECT cause FROM notifications WHERE person_id = ? AND cause IN (${slice.map(() => '?').join(', ')})`, [personId, ...slice]);
    for (const r of rows) told.add(r.cause);
  }
  return told;
}

/**
 * Writes that these causes were told to the person by `mail`, and queues the mail, in the
 * caller's transaction (the cause's own, or the scheduler's). Only causes not told before are
 * written; without any, nothing is queued. Answers whether the mail was queued.
 */
export async function tell(tx: Tx, causes: readonly Told[], mail: OutgoingMail, now = Date.now()): Promise<boolean> {
  let fresh = 0;
  for (const c of causes) {
    const { changes } = await tx.run(
      `INSERT INTO notifications (person_id, cause, kind, client_id, ref_id, mail_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (person_id, cause) DO NOTHING`,
      [c.personId, c.cause, c.kind, c.clientId, c.refId, mail.key, now],
    );
    fresh += changes;
  }
  if (fresh === 0) return false;
  // The mail is queued with the real time of the process (the sender compares with it).
  return queueMail(tx, mail, now);
}

/**
 * Whether a reply of this conversation told to the family member before is still unread: then a
 * new reply adds no second mail (one mail until they, or the client, have read it).
 */
export async function unreadReplyTold(q: Q, familyId: number, clientId: number): Promise<boolean> {
  const row = await q.get(
    `SELECT 1 FROM notifications n JOIN messages m ON m.id = n.ref_id
      WHERE n.person_id = ? AND n.client_id = ? AND n.kind = 'family_message' AND m.read_at IS NULL LIMIT 1`,
    [familyId, clientId],
  );
  return row !== undefined;
}

/** Whether a summary time of this person's day was looked at already. */
export async function roundDone(q: Q, personId: number, day: string, time: string): Promise<boolean> {
  return (await q.get('SELECT 1 FROM notification_rounds WHERE person_id = ? AND day = ? AND time = ?', [personId, day, time])) !== undefined;
}

/** Records a summary time as looked at (false: someone did so first). */
export async function markRound(tx: Tx, personId: number, day: string, time: string, mailKey: string | null, now: number): Promise<boolean> {
  const { changes } = await tx.run(
    'INSERT INTO notification_rounds (person_id, day, time, done_at, mail_key) VALUES (?, ?, ?, ?, ?) ON CONFLICT (person_id, day, time) DO NOTHING',
    [personId, day, time, now, mailKey],
  );
  return changes === 1;
}

/** The client of a conversation. */
export async function clientOfConversation(q: Q, conversationId: number): Promise<number | undefined> {
  return (await q.get<{ client_id: number }>('SELECT client_id FROM conversations WHERE id = ?', [conversationId]))?.client_id;
}
