import type { Database, Tx } from '../db';
import type { SessionActor } from '../auth/session';
import { todayInHelsinki } from '@domain/time/helsinki';
import { DEFAULT_REPLY_DAYS } from '@domain/messages/waiting';
import { auditClientChange } from '../admin/audit';
import { afterMessage } from '../notifications/events';

/** All SQL about conversations, messages, voice clips and drafts. */

export const MESSAGE_MAX = 2000;
export const QUICK_MESSAGES = ['sick', 'late', 'call', 'thanks', 'question'] as const;
export type QuickMessage = (typeof QUICK_MESSAGES)[number];
export const isQuickMessage = (v: unknown): v is QuickMessage => typeof v === 'string' && (QUICK_MESSAGES as readonly string[]).includes(v);

/**
 * What a page of the conversation needs besides the messages, in one query: the conversation's
 * id, this person's draft, whether the other side has written anything this reader has not
 * seen, and the unit's promise of an answer in working days. Null when the client has no
 * conversation yet.
 */
export async function conversationState(
  db: Database,
  clientId: number,
  reader: { id: number; clientSide: boolean },
): Promise<{ id: number; draft: string; unread: boolean; replyDays: number } | null> {
  const row = await db.get<{ id: number; draft: string | null; unread: number; reply_days: number | null }>(
    `SELECT c.id,
            (SELECT body FROM message_drafts WHERE person_id = ? AND conversation_id = c.id) AS draft,
            CASE WHEN EXISTS (SELECT 1 FROM messages WHERE conversation_id = c.id AND from_client_side = ? AND read_at IS NULL) THEN 1 ELSE 0 END AS unread,
            (SELECT u.reply_days FROM people p JOIN units u ON u.id = p.unit_id WHERE p.id = c.client_id) AS reply_days
       FROM conversations c WHERE c.client_id = ?`,
    [reader.id, reader.clientSide ? 0 : 1, clientId],
  );
  return row ? { id: row.id, draft: row.draft ?? '', unread: row.unread === 1, replyDays: row.reply_days ?? DEFAULT_REPLY_DAYS } : null;
}

/** The client's conversation, made on first use (one per client). */
export async function conversationOf(db: Database, clientId: number, now = Date.now()): Promise<number> {
  const existing = await db.get<{ id: number }>('SELECT id FROM conversations WHERE client_id = ?', [clientId]);
  if (existing) return existing.id;
  return db.write(async (tx) => {
    await tx.run('INSERT INTO conversations (client_id, created_at) VALUES (?, ?) ON CONFLICT (client_id) DO NOTHING', [clientId, now]);
    return (await tx.get<{ id: number }>('SELECT id FROM conversations WHERE client_id = ?', [clientId]))!.id;
  });
}

export async function conversationById(db: Database, id: number): Promise<{ id: number; client_id: number } | undefined> {
  return db.get('SELECT id, client_id FROM conversations WHERE id = ?', [id]);
}

export interface MessageRow {
  id: number;
  kind: 'text' | 'quick' | 'voice' | 'system';
  body: string;
  quick: QuickMessage | null;
  voice_clip_id: number | null;
  duration_ms: number | null;
  from_client_side: number;
  read_at: number | null;
  created_at: number;
  sender_id: number | null;
  sender_name: string | null;
  sender_role: 'client' | 'family' | 'worker' | 'admin' | null;
  /** A worker's answer may carry a picture of the catalogue (its OpenMoji name). */
  picture: string | null;
}

/**
 * The newest messages (oldest first on the page), or those before a message id ("show older").
 * A long conversation is never loaded whole: 20 at a time (a tablet screen or two, and little to
 * read at once), from the (conversation, id) index.
 */
export async function messagesPage(db: Database, conversationId: number, before: number | null, limit = 20): Promise<{ messages: MessageRow[]; olderFrom: number | null }> {
  const rows = await db.all<MessageRow>(
    `SELECT m.id, m.kind, m.body, m.quick, m.voice_clip_id, v.duration_ms, m.from_client_side, m.read_at, m.created_at,
            m.sender_id, p.full_name AS sender_name, p.role AS sender_role, m.picture
       FROM messages m LEFT JOIN people p ON p.id = m.sender_id LEFT JOIN voice_clips v ON v.id = m.voice_clip_id
      WHERE m.conversation_id = ? AND (? IS NULL OR m.id < ?)
      ORDER BY m.id DESC LIMIT ?`,
    [conversationId, before, before, limit + 1],
  );
  const hasOlder = rows.length > limit;
  const messages = rows.slice(0, limit).reverse();
  return { messages, olderFrom: hasOlder ? messages[0].id : null };
}

export interface NewMessage {
  conversationId: number;
  senderId: number;
  kind: 'text' | 'quick' | 'voice';
  body: string;
  quick?: QuickMessage | null;
  voiceClipId?: number | null;
  /** Only on a worker's text answer: a picture of the catalogue. */
  picture?: string | null;
  fromClientSide: boolean;
  key: string;
}

/**
 * Sends one message. The same idempotency key again (a double tap, a replayed post, twenty at
 * once) sends nothing new and answers with the first message's id. The sender's draft of this
 * conversation is cleared in the same transaction. Null: the key was someone else's.
 */
export async function sendMessage(db: Database, message: NewMessage, now = Date.now()): Promise<number | null> {
  return db.write((tx) => sendMessageIn(tx, message, now));
}

/** The earlier message of this key: its id when it is this sender's in this conversation, else null. */
async function messageOfKey(tx: Tx, message: Pick<NewMessage, 'key' | 'conversationId' | 'senderId'>): Promise<{ id: number | null } | undefined> {
  const existing = await tx.get<{ id: number; conversation_id: number; sender_id: number }>(
    'SELECT id, conversation_id, sender_id FROM messages WHERE idempotency_key = ?',
    [message.key],
  );
  if (!existing) return undefined;
  return { id: existing.conversation_id === message.conversationId && existing.sender_id === message.senderId ? existing.id : null };
}

/** sendMessage inside a write transaction that may do more (a voice clip with its message). */
async function sendMessageIn(tx: Tx, message: NewMessage, now: number): Promise<number | null> {
  const existing = await messageOfKey(tx, message);
  if (existing) return existing.id;
  const { lastID } = await tx.run(
    `INSERT INTO messages (conversation_id, sender_id, kind, body, quick, voice_clip_id, picture, from_client_side, idempotency_key, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [message.conversationId, message.senderId, message.kind, message.body, message.quick ?? null, message.voiceClipId ?? null, message.picture ?? null, message.fromClientSide ? 1 : 0, message.key, now],
  );
  await tx.run('DELETE FROM message_drafts WHERE person_id = ? AND conversation_id = ?', [message.senderId, message.conversationId]);
  // A worker's answer (text, picture or voice) ends the wait of every client-side message before it.
  if (!message.fromClientSide) {
    await tx.run(
      `UPDATE messages SET handled_at = ?, handled_by = ?, handled_how = 'reply'
        WHERE conversation_id = ? AND ${WAITING} AND id < ?`,
      [now, message.senderId, message.conversationId, lastID],
    );
  }
  // Its notifications (a worker told at once, the family told of a reply) in this transaction.
  await afterMessage(tx, { id: lastID, conversationId: message.conversationId, senderId: message.senderId, fromClientSide: message.fromClientSide, kind: message.kind }, now);
  return lastID;
}

/** Marks the other side's messages read by this reader (a worker reads the client's, and back). */
export async function markRead(db: Database, conversationId: number, reader: { id: number; clientSide: boolean }, now = Date.now()): Promise<void> {
  // Most views have nothing new to mark: a read (from the partial index of unread messages)
  // saves a write transaction, and its wait for the disk, on every page view.
  const unread = await db.get('SELECT 1 FROM messages WHERE conversation_id = ? AND from_client_side = ? AND read_at IS NULL LIMIT 1', [
    conversationId,
    reader.clientSide ? 0 : 1,
  ]);
  if (!unread) return;
  await db.write((tx) =>
    tx.run('UPDATE messages SET read_at = ?, read_by = ? WHERE conversation_id = ? AND from_client_side = ? AND read_at IS NULL', [
      now,
      reader.id,
      conversationId,
      reader.clientSide ? 0 : 1,
    ]),
  );
}

export async function draftOf(db: Database, personId: number, conversationId: number): Promise<string> {
  return (await db.get<{ body: string }>('SELECT body FROM message_drafts WHERE person_id = ? AND conversation_id = ?', [personId, conversationId]))?.body ?? '';
}

/**
 * Keeps a draft. `formKey` is the idempotency key of the form the draft was typed in: once a
 * message was sent with it, a late autosave (still on its way when "Lähetä" was pressed) must
 * not bring the sent text back as a draft.
 */
export async function saveDraft(db: Database, personId: number, conversationId: number, body: string, formKey = '', now = Date.now()): Promise<void> {
  await db.write(async (tx) => {
    if (formKey && (await tx.get('SELECT 1 FROM messages WHERE idempotency_key = ?', [formKey]))) return;
    await (body
      ? tx.run(
          `INSERT INTO message_drafts (person_id, conversation_id, body, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (person_id, conversation_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
          [personId, conversationId, body.slice(0, 8000), now],
        )
      : tx.run('DELETE FROM message_drafts WHERE person_id = ? AND conversation_id = ?', [personId, conversationId]));
  });
}

export interface Answerer {
  id: number;
  full_name: string;
  phone: string;
  avatar: string;
}

/** The named worker and, when one stands in today, the substitute (who answers now). */
export async function whoAnswers(db: Database, clientId: number, today = todayInHelsinki()): Promise<{ named: Answerer | null; substitute: Answerer | null }> {
  const rows = await db.all<Answerer & { kind: 'named' | 'substitute' }>(
    `SELECT p.id, p.full_name, p.phone, p.avatar, cw.kind
       FROM client_workers cw JOIN people p ON p.id = cw.worker_id
      WHERE cw.client_id = ? AND cw.starts_on <= ? AND (cw.ends_on IS NULL OR cw.ends_on >= ?) AND p.active = 1
      ORDER BY cw.starts_on DESC`,
    [clientId, today, today],
  );
  const pick = (kind: 'named' | 'substitute') => {
    const row = rows.find((r) => r.kind === kind);
    return row ? { id: row.id, full_name: row.full_name, phone: row.phone, avatar: row.avatar } : null;
  };
  return { named: pick('named'), substitute: pick('substitute') };
}

/**
 * A message waits for an answer: from the client's side (the client, or family on their behalf),
 * not a notice of Omapolku, and neither answered by a worker nor marked "Ei vaadi vastausta".
 * (For messages `m`, or unqualified; the partial index messages_waiting holds exactly these.)
 */
const WAITING = "from_client_side = 1 AND handled_at IS NULL AND kind <> 'system'";
const WAITING_M = "m.from_client_side = 1 AND m.handled_at IS NULL AND m.kind <> 'system'";

export interface InboxRow {
  client_id: number;
  full_name: string;
  preferred_name: string;
  reading_needs: string;
  conversation_id: number | null;
  /** Messages waiting for an answer. */
  waiting: number;
  /** When the oldest waiting message was sent (null: nothing waits). */
  waiting_since: number | null;
  /** Who wrote the oldest waiting message: the client, or a family member on their behalf. */
  waiting_sender_name: string | null;
  waiting_sender_role: MessageRow['sender_role'];
  /** The unit's promise of an answer, in working days. */
  reply_days: number;
  last_at: number | null;
  last_body: string | null;
  last_kind: MessageRow['kind'] | null;
}

/** Whose conversations a staff member answers: the unit's clients for an admin, today's clients for a worker. */
function staffScope(actor: SessionActor['person'], today: string): { sql: string; params: unknown[] } {
  return actor.role === 'admin'
    ? { sql: "SELECT id FROM people WHERE unit_id = ? AND role = 'client' AND active = 1", params: [actor.unit_id] }
    : { sql: 'SELECT client_id FROM client_workers WHERE worker_id = ? AND starts_on <= ? AND (ends_on IS NULL OR ends_on >= ?)', params: [actor.id, today, today] };
}

/**
 * A worker's conversations: the clients they work with today (named or substitute); an admin's:
 * the unit's clients. Those waiting for an answer first, the longest wait first; then the latest
 * activity. Opening a conversation does not change the order: only an answer or "Ei vaadi
 * vastausta" does.
 */
export async function inbox(db: Database, actor: SessionActor['person'], today = todayInHelsinki()): Promise<InboxRow[]> {
  const scope = staffScope(actor, today);
  return db.all<InboxRow>(
    `SELECT p.id AS client_id, p.full_name, p.preferred_name, p.reading_needs, c.id AS conversation_id,
            COALESCE(w.n, 0) AS waiting, w.since AS waiting_since,
            ws.full_name AS waiting_sender_name, ws.role AS waiting_sender_role,
            COALESCE(u.reply_days, ${DEFAULT_REPLY_DAYS}) AS reply_days,
            l.created_at AS last_at, l.body AS last_body, l.kind AS last_kind
       FROM people p
       LEFT JOIN units u ON u.id = p.unit_id
       LEFT JOIN conversations c ON c.client_id = p.id
       LEFT JOIN (SELECT m.conversation_id, COUNT(*) AS n, MIN(m.created_at) AS since, MIN(m.id) AS first_id
                    FROM messages m WHERE ${WAITING_M} GROUP BY m.conversation_id) w ON w.conversation_id = c.id
       LEFT JOIN messages wm ON wm.id = w.first_id
       LEFT JOIN people ws ON ws.id = wm.sender_id
       LEFT JOIN messages l ON l.id = (SELECT MAX(id) FROM messages WHERE conversation_id = c.id)
      WHERE p.id IN (${scope.sql}) AND p.active = 1
      ORDER BY w.since IS NULL, w.since, l.created_at IS NULL, l.created_at DESC, p.full_name`,
    scope.params,
  );
}

/** Messages waiting for an answer in this staff member's conversations (the header's and the worker home's count). */
export async function waitingForStaff(db: Database, actor: SessionActor['person'], today = todayInHelsinki()): Promise<number> {
  const scope = staffScope(actor, today);
  return (
    await db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM conversations c JOIN messages m ON m.conversation_id = c.id AND ${WAITING_M}
        WHERE c.client_id IN (${scope.sql})`,
      scope.params,
    )
  )!.n;
}

/** What waits in one conversation: how many messages, and since when (null: nothing). */
export async function waitingIn(db: Database, conversationId: number): Promise<{ count: number; since: number | null; lastId: number | null }> {
  const row = await db.get<{ n: number; since: number | null; last_id: number | null }>(
    `SELECT COUNT(*) AS n, MIN(created_at) AS since, MAX(id) AS last_id FROM messages WHERE conversation_id = ? AND ${WAITING}`,
    [conversationId],
  );
  return { count: row?.n ?? 0, since: row?.since ?? null, lastId: row?.last_id ?? null };
}

/**
 * "Ei vaadi vastausta": a worker marks the waiting messages of the conversation handled without
 * an answer (a "Kiitos", a note that needs nothing back). Only those waiting now: a message sent
 * after the page was drawn (a newer id than `upTo`) still waits. Audited as a change to the
 * client's records. Answers how many were marked.
 */
export async function markHandledWithoutReply(db: Database, conversationId: number, clientId: number, actorId: number, upTo: number | null = null, now = Date.now()): Promise<number> {
  return db.write(async (tx) => {
    const ids = (await tx.all<{ id: number }>(`SELECT id FROM messages WHERE conversation_id = ? AND ${WAITING} AND (? IS NULL OR id <= ?) ORDER BY id`, [conversationId, upTo, upTo])).map((r) => r.id);
    if (ids.length === 0) return 0;
    await tx.run(`UPDATE messages SET handled_at = ?, handled_by = ?, handled_how = 'no_reply' WHERE id IN (${ids.map(() => '?').join(', ')})`, [now, actorId, ...ids]);
    await auditClientChange(tx, { actorId, clientId, action: 'message needs no reply', new: { messages: ids } }, now);
    return ids.length;
  });
}

/** The promise of an answer of the client's unit, in working days. */
export async function replyDaysOf(db: Database, clientId: number): Promise<number> {
  const row = await db.get<{ reply_days: number | null }>('SELECT u.reply_days FROM people p LEFT JOIN units u ON u.id = p.unit_id WHERE p.id = ?', [clientId]);
  return row?.reply_days ?? DEFAULT_REPLY_DAYS;
}

export async function voiceClip(db: Database, id: number): Promise<{ conversation_id: number; mime: string; bytes: Buffer } | undefined> {
  return db.get('SELECT conversation_id, mime, bytes FROM voice_clips WHERE id = ?', [id]);
}

export const VOICE_MAX_BYTES = 5 * 1024 * 1024;
/**
 * The largest post a messages page reads: a 5 MB clip and its form fields. A larger one is
 * refused unread, with 413 like a clip over the limit (it used to be read as an empty form and
 * answered with the text form's "write a message first").
 */
export const VOICE_FORM_MAX_BYTES = 6_000_000;
export const VOICE_MAX_MS = 120_000;
const VOICE_TYPES = ['audio/webm', 'audio/ogg', 'audio/mp4'] as const;

/**
 * A posted voice message (from the VoiceRecorder island): checks type, size and length, stores
 * the clip and sends the message, once per idempotency key. Answers with an HTTP status: 303
 * when sent, 413 too big or too long, 415 not a recording we can play back, 400 otherwise
 * (also for a key that is someone else's: nothing is stored then).
 *
 * The clip and its message are written in one transaction, after the key is looked up inside
 * it: ten posts of one key at once used to pass an outer look-up together and store ten clips
 * for one message (nine of them attached to nothing). Now the first stores both, the others
 * find its message and store nothing.
 */
export async function receiveVoiceMessage(
  db: Database,
  form: FormData,
  sender: { id: number; conversationId: number; fromClientSide: boolean },
  now = Date.now(),
): Promise<303 | 400 | 413 | 415> {
  const key = form.get('key');
  const audio = form.get('audio');
  const durationMs = Number(form.get('duration_ms'));
  if (typeof key !== 'string' || !key || key.length > 100 || !(audio instanceof File) || audio.size === 0) return 400;
  const mine = { key, conversationId: sender.conversationId, senderId: sender.id };
  // A replay that comes after the first one was written: answered without reading the audio.
  const earlier = await db.get<{ conversation_id: number; sender_id: number }>('SELECT conversation_id, sender_id FROM messages WHERE idempotency_key = ?', [key]);
  if (earlier) return earlier.conversation_id === sender.conversationId && earlier.sender_id === sender.id ? 303 : 400;
  const mime = audio.type.split(';')[0].trim().toLowerCase();
  if (!(VOICE_TYPES as readonly string[]).includes(mime)) return 415;
  if (audio.size > VOICE_MAX_BYTES || !Number.isFinite(durationMs) || durationMs > VOICE_MAX_MS + 500) return 413;
  const bytes = Buffer.from(await audio.arrayBuffer());
  const sent = await db.write(async (tx) => {
    const existing = await messageOfKey(tx, mine);
    if (existing) return existing.id;
    const { lastID: clipId } = await tx.run('INSERT INTO voice_clips (conversation_id, mime, bytes, duration_ms, created_at) VALUES (?, ?, ?, ?, ?)', [
      sender.conversationId,
      mime,
      bytes,
      Math.max(0, Math.round(durationMs)),
      now,
    ]);
    return sendMessageIn(tx, { ...mine, kind: 'voice', body: '', voiceClipId: clipId, fromClientSide: sender.fromClientSide }, now);
  });
  return sent === null ? 400 : 303;
}

export type TextPostResult = { sent: true } | { sent: false; error: 'empty' | 'tooLong' | 'notSent'; typed: string };

/**
 * A posted text message (client, family or worker; a worker's may carry a picture instead of or
 * besides words): refuses an empty or too long one and keeps
 * what was typed as the draft, so it is there after the error page too; otherwise sends it once
 * per idempotency key. (A form without a key, which our forms never send, gets a new one.)
 * A key already used for another conversation or by someone else sends nothing: 'notSent'.
 */
export async function receiveTextMessage(
  db: Database,
  form: FormData,
  sender: { id: number; conversationId: number; fromClientSide: boolean },
  /** Only a worker's answer: a picture of the catalogue (already checked), which may go without words. */
  picture: string | null = null,
): Promise<TextPostResult> {
  const raw = typeof form.get('body') === 'string' ? (form.get('body') as string).slice(0, 8000) : '';
  const body = raw.trim();
  const key = typeof form.get('key') === 'string' && form.get('key') ? (form.get('key') as string).slice(0, 100) : crypto.randomUUID();
  const withPicture = sender.fromClientSide ? null : picture;
  const error = !body && !withPicture ? 'empty' : body.length > MESSAGE_MAX ? 'tooLong' : null;
  if (error) {
    if (raw) await saveDraft(db, sender.id, sender.conversationId, raw);
    return { sent: false, error, typed: raw };
  }
  const sent = await sendMessage(db, { conversationId: sender.conversationId, senderId: sender.id, kind: 'text', body, picture: withPicture, fromClientSide: sender.fromClientSide, key });
  if (sent === null) {
    // The key belongs to a message of another conversation or sender (a form kept from another
    // page, or a forged one): nothing was sent, so say so and keep the words, also as the draft.
    await saveDraft(db, sender.id, sender.conversationId, raw);
    return { sent: false, error: 'notSent', typed: raw };
  }
  return { sent: true };
}
