import type { Database } from '../db';
import { auditClientChange } from '../admin/audit';
import { addDays, daysOfMonth } from '@domain/attendance';
import { NOTE_DAYS_BACK, noteChains, noteErrors, tidyNoteBody, type NoteError } from '@domain/notes/daily-note';

/**
 * Daily notes (päivittäismerkinnät, migrations/0015_daily_notes.sql): a short note per client and
 * day by the client's workers. Append-only: a correction is a new row naming the note it replaces.
 * Access is decided before these run (the client-scope middleware on the notes page, the
 * register's own query on the register); reads by staff are logged there.
 */
export interface DailyNote {
  id: number;
  client_id: number;
  day: string;
  body: string;
  shared_with_client: 0 | 1;
  written_by: number;
  writer_name: string | null;
  written_at: number;
  corrects: number | null;
}

export interface NewNote {
  clientId: number;
  day: string;
  body: string;
  shared: boolean;
  by: number;
  /** The writing form's idempotency key. */
  key: string;
  /** The note this one replaces, or null for a new note. */
  corrects: number | null;
}

export type WriteError = NoteError | 'noteGone' | 'alreadyCorrected';
export type WriteResult = { id: number; replay: boolean } | { errors: Partial<Record<'day' | 'body' | 'form', WriteError>> };

/** The earliest day a note may be written for, seen on `today`. */
export const earliestNoteDay = (today: string): string => addDays(today, -NOTE_DAYS_BACK);

/**
 * Writes a note, or a correction of one, once per form key, with its audit row in the same
 * transaction. A replay of the key (a double tap, a resent form) answers with the first post's
 * note. A correction is of a current note of the same client: its day is the corrected note's.
 */
export async function writeNote(db: Database, n: NewNote, today: string, now = Date.now()): Promise<WriteResult> {
  return db.write(async (tx) => {
    const first = await tx.get<{ id: number }>('SELECT id FROM daily_notes WHERE written_by = ? AND form_key = ?', [n.by, n.key]);
    if (first) return { id: first.id, replay: true };
    let day = n.day;
    if (n.corrects !== null) {
      const old = await tx.get<{ day: string; corrected: number }>(
        'SELECT day, CASE WHEN EXISTS (SELECT 1 FROM daily_notes c WHERE c.corrects = d.id) THEN 1 ELSE 0 END AS corrected FROM daily_notes d WHERE id = ? AND client_id = ?',
        [n.corrects, n.clientId],
      );
      if (!old) return { errors: { form: 'noteGone' } };
      if (old.corrected) return { errors: { form: 'alreadyCorrected' } };
      day = old.day;
    }
    const errors = noteErrors({ day, body: n.body }, today, n.corrects === null ? earliestNoteDay(today) : '0000-01-01');
    if (Object.keys(errors).length > 0) return { errors };
    const body = tidyNoteBody(n.body);
    const { lastID } = await tx.run(
      'INSERT INTO daily_notes (client_id, day, body, shared_with_client, written_by, written_at, form_key, corrects) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [n.clientId, day, body, n.shared ? 1 : 0, n.by, now, n.key, n.corrects],
    );
    // The text itself stays in its own table (the audit log is read more widely): the row says what was done.
    await auditClientChange(
      tx,
      { actorId: n.by, clientId: n.clientId, action: n.corrects === null ? 'daily note written' : 'daily note corrected', new: { note: lastID, day, shared: n.shared, corrects: n.corrects } },
      now,
    );
    return { id: lastID, replay: false };
  });
}

const SELECT = `SELECT d.id, d.client_id, d.day, d.body, d.shared_with_client, d.written_by, p.full_name AS writer_name, d.written_at, d.corrects
  FROM daily_notes d LEFT JOIN people p ON p.id = d.written_by`;

/** One note of a client, current or not. */
export function noteOf(db: Database, clientId: number, noteId: number): Promise<DailyNote | undefined> {
  return db.get<DailyNote>(`${SELECT} WHERE d.client_id = ? AND d.id = ?`, [clientId, noteId]);
}

/** The current version of a note's chain: the note itself, or the last correction of it. */
export async function currentVersionOf(db: Database, noteId: number): Promise<number> {
  let id = noteId;
  for (let n = 0; n < 1000; n++) {
    const next = await db.get<{ id: number }>('SELECT id FROM daily_notes WHERE corrects = ?', [id]);
    if (!next) break;
    id = next.id;
  }
  return id;
}

/** Whether a note has been replaced by a correction. */
export async function isCorrected(db: Database, noteId: number): Promise<boolean> {
  return !!(await db.get('SELECT 1 FROM daily_notes WHERE corrects = ?', [noteId]));
}

export interface NoteChain {
  current: DailyNote;
  /** The versions the current note replaced, newest first. */
  earlier: DailyNote[];
}

/** A client's notes of a month, for their workers: each day's current notes with their history, newest day first. */
export async function notesOfMonth(db: Database, clientId: number, month: string): Promise<{ day: string; chains: NoteChain[] }[]> {
  const days = daysOfMonth(month);
  const rows = await db.all<DailyNote>(`${SELECT} WHERE d.client_id = ? AND d.day BETWEEN ? AND ? ORDER BY d.day DESC, d.written_at DESC, d.id DESC`, [clientId, days[0], days.at(-1)!]);
  const byDay = new Map<string, DailyNote[]>();
  for (const r of rows) byDay.set(r.day, [...(byDay.get(r.day) ?? []), r]);
  return [...byDay].map(([day, notes]) => ({ day, chains: noteChains(notes) }));
}

/**
 * What the client sees (and family with records access): the current notes of each day of the
 * month that the worker shared with the client. A shared note corrected into an unshared one is
 * no longer shown.
 */
export async function sharedNotesOfMonth(db: Database, clientId: number, month: string): Promise<Map<string, string[]>> {
  const days = daysOfMonth(month);
  const rows = await db.all<{ day: string; body: string }>(
    `SELECT d.day, d.body FROM daily_notes d
      WHERE d.client_id = ? AND d.day BETWEEN ? AND ? AND d.shared_with_client = 1
        AND NOT EXISTS (SELECT 1 FROM daily_notes c WHERE c.corrects = d.id)
      ORDER BY d.day, d.written_at, d.id`,
    [clientId, days[0], days.at(-1)!],
  );
  const notes = new Map<string, string[]>();
  for (const r of rows) notes.set(r.day, [...(notes.get(r.day) ?? []), r.body]);
  return notes;
}

/** For the daily register: how many current notes each of these clients has on the day. */
export async function noteCountsOfDay(db: Database, clientIds: readonly number[], day: string): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  if (clientIds.length === 0) return counts;
  const rows = await db.all<{ client_id: number; n: number }>(
    `SELECT d.client_id, COUNT(*) AS n FROM daily_notes d
      WHERE d.day = ? AND d.client_id IN (${clientIds.map(() => '?').join(', ')})
        AND NOT EXISTS (SELECT 1 FROM daily_notes c WHERE c.corrects = d.id)
      GROUP BY d.client_id`,
    [day, ...clientIds],
  );
  for (const r of rows) counts.set(r.client_id, r.n);
  return counts;
}
