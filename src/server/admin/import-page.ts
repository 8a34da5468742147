import type { Database } from '@server/db';
import { logListView } from '@server/access';
import { field, UPLOAD_FORM_MAX_BYTES } from '@server/forms';
import type { FieldErrors } from '@domain/forms/field-errors';
import {
  IMPORT_MAX_BYTES,
  previewClientCsv,
  type FileProblem,
  type ImportColumn,
  type ImportContext,
  type ImportPreview,
  type ImportRow,
  type RowError,
} from '@domain/import/client-import';
import { commitClientImport, importContext, importResult, importTicketKey, newImportKey, openTicket, signTicket, type ImportResult } from './client-import';
import { redirectTo, show, type Admin, type PageAnswer, type Posted } from './page-answer';

/**
 * /admin/import: clients from a CSV file into the admin's own unit, in two steps. A file posted
 * (`action=preview`) is read and every row checked, nothing saved; a good file comes back with a
 * signed ticket. "Tuo" (`action=commit`) posts the ticket: all clients in one transaction, or
 * none, then 303 to the result (`?done=<import>`). A bad file or ticket is answered 400 (409 when
 * the unit's workers or clients changed since the preview) with the errors, never a 500.
 */
export type TicketProblem = 'badTicket' | 'expired' | 'changed';

export interface ImportView {
  /** The admin's unit, its workers and clients; null for an admin without a unit. */
  ctx: ImportContext | null;
  preview: ImportPreview | null;
  fileName: string;
  /** The preview's file, signed, for "Tuo"; only for a file without errors. */
  ticket: string | null;
  result: ImportResult | null;
  /** What is wrong with the whole file (shown at the file field). */
  problems: FileProblem[];
  ticketProblem: TicketProblem | null;
}

export async function importPage(db: Database, me: Admin, posted: Posted, url: URL): Promise<PageAnswer<ImportView>> {
  const ctx = me.unit_id !== null ? await importContext(db, me.unit_id) : null;
  const view: ImportView = { ctx, preview: null, fileName: '', ticket: null, result: null, problems: [], ticketProblem: null };
  if (!ctx) return show(view);
  if (!posted) {
    const done = Number(url.searchParams.get('done'));
    if (!Number.isSafeInteger(done) || done <= 0) return show(view);
    const result = await importResult(db, ctx.unit.id, done);
    // Names and named workers are the clients' data: each client listed is logged, as on /admin/clients.
    if (result) await logListView(db, me, result.clients.map((c) => c.id), 'client import result', url.pathname);
    return show({ ...view, result });
  }
  const form = await posted();
  if (field(form, 'action', 10) === 'commit') {
    const opened = openTicket(await importTicketKey(db), field(form, 'ticket', UPLOAD_FORM_MAX_BYTES), me.id, ctx.unit.id);
    if (!opened.ok) return show({ ...view, ticketProblem: opened.problem }, 400);
    const outcome = await commitClientImport(db, opened.ticket);
    if (outcome.status === 'created' || outcome.status === 'alreadyDone') return redirectTo(`/admin/import?done=${outcome.importId}`);
    if (outcome.status === 'invalid') return show({ ...view, ticketProblem: 'changed', preview: outcome.preview, fileName: opened.ticket.fileName }, 409);
    return show({ ...view, ticketProblem: 'badTicket' }, 400);
  }
  const upload = form.get('file');
  // A form sent without choosing a file has an empty, nameless file part.
  const file = upload instanceof File && (upload.name !== '' || upload.size > 0) ? upload : null;
  if (!file) return show({ ...view, problems: [{ code: 'noFile' }] }, 400);
  const fileName = file.name.slice(0, 200);
  const read = file.size > IMPORT_MAX_BYTES ? null : previewClientCsv(new Uint8Array(await file.arrayBuffer()), ctx);
  const preview: ImportPreview = read ?? { ok: false, problems: [{ code: 'tooBig' }], rows: [] };
  const ticket = read?.ok ? signTicket(await importTicketKey(db), { adminId: me.id, unitId: ctx.unit.id, key: newImportKey(), issuedAt: Date.now(), fileName, text: read.text! }) : null;
  return show({ ...view, preview, fileName, ticket, problems: preview.problems }, preview.ok ? 200 : 400);
}

type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * The page's errors in words: the file's problems at the file field, and each row error in the
 * summary ("Rivi 3: …") leading to its row. A row's first error leads to the row (`row-<line>`);
 * any further one to its own line in the row (`row-<line>-<n>`, the id of that error's item).
 */
export function importErrors(t: Translate, view: ImportView): { errors: FieldErrors; rowErrors: (row: ImportRow) => { id?: string; text: string }[] } {
  const unitName = view.ctx?.unit.name ?? '';
  const column = (c: ImportColumn) => t(`staff:import.columns.${c}`);
  const problemText = (p: FileProblem): string => {
    switch (p.code) {
      case 'tooManyRows':
        return t('staff:import.problems.tooManyRows', { rows: p.count.toLocaleString('fi-FI') });
      case 'unclosedQuote':
        return t('staff:import.problems.unclosedQuote', { line: p.line });
      case 'unknownColumn':
      case 'duplicateColumn':
        return t(`staff:import.problems.${p.code}`, { header: p.header });
      default:
        return t(`staff:import.problems.${p.code}`);
    }
  };
  const rowErrorText = (e: RowError, row: ImportRow): string => {
    switch (e.code) {
      case 'languageUnknown':
        return t('staff:import.errors.languageUnknown', { value: row.written.language });
      case 'unitUnknown':
      case 'unitNotYours':
        return t(`staff:import.errors.${e.code}`, { value: row.written.unit, unit: unitName });
      case 'workerNotInUnit':
        return t('staff:import.errors.workerNotInUnit', { value: row.written.workerEmail, unit: unitName });
      case 'tooLong':
        return t('staff:import.errors.tooLong', { column: column(e.column), max: e.max });
      case 'brokenCharacter':
        return t('staff:import.errors.brokenCharacter', { column: column(e.column) });
      case 'duplicate':
        return t('staff:import.errors.duplicate', { line: e.line });
      case 'asiakasnumeroTaken':
        return t('staff:import.errors.asiakasnumeroTaken', { value: row.written.asiakasnumero });
      case 'asiakasnumeroDuplicate':
        return t('staff:import.errors.asiakasnumeroDuplicate', { value: row.written.asiakasnumero, line: e.line });
      default:
        return t(`staff:import.errors.${e.code}`);
    }
  };
  const rowErrors = (row: ImportRow) => row.errors.map((e, i) => ({ id: i === 0 ? undefined : `row-${row.line}-${i + 1}`, text: rowErrorText(e, row) }));

  const errors: FieldErrors = {};
  const fileTexts = [...view.problems.map(problemText), ...(view.ticketProblem ? [t(`staff:import.problems.${view.ticketProblem}`)] : [])];
  if (fileTexts.length > 0) errors.file = { key: 'staff:import.fileProblems', values: { problems: fileTexts.join(' ') } };
  for (const row of view.preview?.rows ?? []) {
    for (const e of rowErrors(row)) errors[e.id ?? `row-${row.line}`] = { key: 'staff:import.rowError', values: { line: row.line, error: e.text } };
  }
  return { errors, rowErrors };
}
