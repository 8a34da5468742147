import type { Database } from '../db';
import type { ClientInScope } from '../client-scope';
import { field } from '../forms';
import { newFormKey, postedFormKey } from '../admin/form-keys';
import { currentVersionOf, isCorrected, noteOf, notesOfMonth, writeNote, earliestNoteDay, type DailyNote, type NoteChain } from './store';
import { isIsoDate, monthOf, requestedMonth } from '@domain/attendance';
import { NOTE_MAX_LENGTH } from '@domain/notes/daily-note';
import { errorsUnder, type FieldError, type FieldErrors } from '@domain/forms/field-errors';

/**
 * The client's daily notes page for their workers (/worker/clients/:client/notes): a month of
 * notes with their corrections, and the form that writes a note or corrects one. The daily
 * register posts its per-row note form here too (`return=register`): a success goes back to the
 * register row, an error shows this page's form with the typed text.
 */
export interface NoteForm {
  day: string;
  body: string;
  shared: boolean;
  /** The note being corrected, or null for a new note. */
  corrects: number | null;
  key: string;
  /** 'register' when the form came from the daily register (a success returns there). */
  back: 'register' | '';
}

export interface NotesPage {
  status: 200 | 400 | 409;
  month: string;
  days: { day: string; chains: NoteChain[] }[];
  form: NoteForm;
  /** The note the form corrects, shown above it. */
  correcting: DailyNote | null;
  errors: FieldErrors;
  formError?: FieldError;
  earliest: string;
  today: string;
}

export type NotesResult = { redirect: string } | { notFound: true } | NotesPage;

/** Room for a note that is too long, so the worker gets it back whole with the error. */
const TYPED_MAX = NOTE_MAX_LENGTH * 4;

export async function handleNotes(db: Database, client: ClientInScope, me: { id: number }, form: FormData | null, params: URLSearchParams, today: string): Promise<NotesResult> {
  const base = `/worker/clients/${client.id}/notes`;
  let status: NotesPage['status'] = 200;
  let errors: FieldErrors = {};
  let formError: FieldError | undefined;
  let typed: NoteForm;

  if (form) {
    const correctsText = field(form, 'corrects', 20);
    const corrects = /^[1-9][0-9]{0,15}$/.test(correctsText) ? Number(correctsText) : null;
    typed = {
      day: field(form, 'day', 20),
      body: field(form, 'body', TYPED_MAX),
      shared: field(form, 'shared', 5) === '1',
      corrects,
      key: postedFormKey(form),
      back: field(form, 'return', 20) === 'register' ? 'register' : '',
    };
    const result = await writeNote(db, { clientId: client.id, day: typed.day, body: typed.body, shared: typed.shared, by: me.id, key: typed.key, corrects }, today);
    if ('id' in result) {
      const saved = await noteOf(db, client.id, result.id);
      const day = saved?.day ?? today;
      if (typed.back === 'register') return { redirect: `/worker/register?day=${day}&done=saved#client-${client.id}` };
      return { redirect: `${base}?month=${monthOf(day)}&saved=${result.id}#notice` };
    }
    const { form: whole, ...fields } = result.errors;
    errors = errorsUnder('staff:notes.errors', fields);
    if (whole) formError = `staff:notes.errors.${whole}`;
    status = whole === 'alreadyCorrected' ? 409 : 400;
    // Someone corrected the note first: the form now corrects the latest version, with the text typed.
    if (whole === 'alreadyCorrected' && corrects !== null) typed.corrects = await currentVersionOf(db, corrects);
  } else {
    const day = params.get('day') ?? '';
    typed = { day: isIsoDate(day) && day <= today ? day : today, body: '', shared: false, corrects: null, key: newFormKey(), back: '' };
    const correctText = params.get('correct') ?? '';
    if (/^[1-9][0-9]{0,15}$/.test(correctText)) {
      const note = await noteOf(db, client.id, Number(correctText));
      if (!note) return { notFound: true };
      if (!(await isCorrected(db, note.id))) typed = { ...typed, day: note.day, body: note.body, shared: note.shared_with_client === 1, corrects: note.id };
    }
  }
  const correcting = typed.corrects === null ? null : ((await noteOf(db, client.id, typed.corrects)) ?? null);
  const fallbackMonth = isIsoDate(typed.day) ? monthOf(typed.day) : monthOf(today);
  const month = requestedMonth(params.get('month'), fallbackMonth);
  if (month === null) return { notFound: true };
  const days = await notesOfMonth(db, client.id, month);
  return { status, month, days, form: typed, correcting, errors, formError, earliest: earliestNoteDay(today), today };
}
