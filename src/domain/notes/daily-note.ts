/**
 * Daily notes (päivittäismerkinnät, issue 15 point 10): the rules of a note and of its history.
 * Pure: the store and the pages call these with values.
 *
 * A note is a short text about one client's day, written by one of the client's workers. Notes
 * are never changed: a correction is a new note that names the note it replaces (`corrects`), so
 * a note and its corrections form a chain, and the last one of the chain is the current note.
 */
import { isIsoDate } from '@domain/attendance/month';

/** The longest note, in characters (as the database checks it). */
export const NOTE_MAX_LENGTH = 1000;
/** How far back a note may be written or corrected: a note is about a day just lived. */
export const NOTE_DAYS_BACK = 366;

export type NoteError = 'bodyMissing' | 'bodyTooLong' | 'dayBad' | 'dayFuture' | 'dayTooOld';

export interface NoteInput {
  day: string;
  body: string;
}

/** The text as stored: the worker's own words, with surrounding spaces and Windows line ends tidied. */
export function tidyNoteBody(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').trim();
}

/**
 * What is wrong with a note, field by field (`day`, `body`), or an empty object. `today` and
 * `earliest` are ISO days; a note is about a day that has come, not one in the future.
 */
export function noteErrors(input: NoteInput, today: string, earliest: string): Partial<Record<'day' | 'body', NoteError>> {
  const errors: Partial<Record<'day' | 'body', NoteError>> = {};
  if (!isIsoDate(input.day)) errors.day = 'dayBad';
  else if (input.day > today) errors.day = 'dayFuture';
  else if (input.day < earliest) errors.day = 'dayTooOld';
  const body = tidyNoteBody(input.body);
  if (body === '') errors.body = 'bodyMissing';
  else if ([...body].length > NOTE_MAX_LENGTH) errors.body = 'bodyTooLong';
  return errors;
}

export interface NoteVersion {
  id: number;
  corrects: number | null;
}

/**
 * Notes with their history: each current note (one that no other corrects) with the versions it
 * replaced, newest first. `notes` may come in any order; a chain whose start is outside `notes`
 * keeps the versions that are there.
 */
export function noteChains<N extends NoteVersion>(notes: readonly N[]): { current: N; earlier: N[] }[] {
  const byId = new Map(notes.map((n) => [n.id, n]));
  const corrected = new Set(notes.map((n) => n.corrects).filter((id): id is number => id !== null));
  const chains: { current: N; earlier: N[] }[] = [];
  for (const note of notes) {
    if (corrected.has(note.id)) continue;
    const earlier: N[] = [];
    const seen = new Set([note.id]);
    for (let prev = note.corrects; prev !== null; ) {
      const older = byId.get(prev);
      if (!older || seen.has(older.id)) break;
      seen.add(older.id);
      earlier.push(older);
      prev = older.corrects;
    }
    chains.push({ current: note, earlier });
  }
  return chains;
}
