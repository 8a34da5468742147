/**
 * The rules of importing clients from a CSV file: which columns, what each value may be, and
 * what is wrong with each row, in terms the preview can show. No I/O: the caller passes the
 * admin's unit, the other units' names and the unit's workers (read inside the commit's own
 * transaction, so what is saved is checked against the database as it is then).
 *
 * Format (README "Importing clients"): a header line, then one client a line.
 *   name (nimi)                               required
 *   preferred name (kutsumanimi)               optional; the first word of the name if empty
 *   language (kieli)                           optional; fi, sv or en (also suomi, ruotsi, englanti…); fi if empty
 *   unit (yksikkö)                             optional; the admin's own unit if empty, by name
 *   named worker email (omaohjaajan sähköposti) optional; a worker of that unit
 *   asiakasnumero (client number)              optional; the client's number in the payroll system, unique in the unit
 * Separators ; , or tab; UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252.
 */
import { decodeCsvBytes, parseCsv, type CsvEncoding, type CsvSeparator } from './csv-read';

export const IMPORT_MAX_BYTES = 1_000_000;
export const IMPORT_MAX_ROWS = 2_000;

/** Longest values accepted; longer ones are a row error, never cut short silently. */
export const IMPORT_LIMITS = { name: 120, preferredName: 60, language: 20, unit: 120, workerEmail: 254, asiakasnumero: 30 } as const;

export const IMPORT_COLUMNS = ['name', 'preferredName', 'language', 'unit', 'workerEmail', 'asiakasnumero'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/**
 * Header names accepted for each column, after `headerKey` (lower case, _ and - as spaces,
 * spaces collapsed). Finnish first, as staff write them; Swedish and English too.
 */
export const HEADER_ALIASES: Record<ImportColumn, readonly string[]> = {
  name: ['nimi', 'koko nimi', 'asiakkaan nimi', 'namn', 'fullständigt namn', 'name', 'full name'],
  preferredName: ['kutsumanimi', 'tilltalsnamn', 'preferred name', 'preferredname', 'nickname'],
  language: ['kieli', 'asiointikieli', 'språk', 'language', 'lang'],
  unit: ['yksikkö', 'yksikko', 'enhet', 'unit'],
  workerEmail: [
    'omaohjaajan sähköposti',
    'omaohjaaja',
    'ohjaajan sähköposti',
    'egen handledares e-post',
    'handledarens e-post',
    'named worker email',
    'named worker',
    'worker email',
  ],
  asiakasnumero: ['asiakasnumero', 'asiakasnro', 'asiakkaan numero', 'klientnummer', 'client number', 'customer number'],
};

const LANGUAGE_WORDS: Record<string, 'fi' | 'sv' | 'en'> = {
  fi: 'fi', fin: 'fi', suomi: 'fi', finska: 'fi', finnish: 'fi',
  sv: 'sv', swe: 'sv', ruotsi: 'sv', svenska: 'sv', swedish: 'sv',
  en: 'en', eng: 'en', englanti: 'en', engelska: 'en', english: 'en',
};

export type FileProblem =
  | { code: 'noFile' | 'emptyFile' | 'tooBig' | 'notText' | 'noRows' | 'missingNameColumn' }
  | { code: 'tooManyRows'; count: number }
  | { code: 'unclosedQuote'; line: number }
  | { code: 'unknownColumn' | 'duplicateColumn'; header: string };

export type RowError =
  | { code: 'nameMissing' | 'languageUnknown' | 'unitUnknown' | 'unitNotYours' | 'workerNotInUnit' | 'extraField' }
  | { code: 'tooLong'; column: ImportColumn; max: number }
  | { code: 'brokenCharacter'; column: ImportColumn }
  | { code: 'duplicate'; line: number }
  | { code: 'asiakasnumeroTaken' }
  | { code: 'asiakasnumeroDuplicate'; line: number };

export type RowWarning = 'noWorker' | 'sameNameInUnit';

export interface ImportContext {
  /** The admin's own unit: the only one they may import into. */
  unit: { id: number; name: string };
  /** The names of every other unit, to tell "a unit you do not manage" from a typo. */
  otherUnitNames: readonly string[];
  /** The active workers of the admin's unit. */
  workers: readonly { id: number; email: string; fullName: string }[];
  /** Names of the unit's current clients, to warn of a second import of the same people. */
  clientNames: readonly string[];
  /** The asiakasnumerot the unit's clients have already (unique within a unit). */
  asiakasnumerot?: readonly string[];
}

export interface PlannedClient {
  unitId: number;
  fullName: string;
  preferredName: string;
  language: 'fi' | 'sv' | 'en';
  namedWorkerId: number | null;
  /** The client's number in the payroll system, or null. */
  asiakasnumero: string | null;
}

export interface ImportRow {
  line: number;
  /** The cells as written in the file (trimmed), for the preview. */
  written: Record<ImportColumn, string>;
  /** What would be created; null when the row has errors. */
  client: PlannedClient | null;
  unitName: string | null;
  workerName: string | null;
  errors: RowError[];
  warnings: RowWarning[];
}

export interface ImportPreview {
  /** True when there is at least one row and nothing is wrong: only then may it be saved. */
  ok: boolean;
  problems: FileProblem[];
  rows: ImportRow[];
  encoding?: CsvEncoding;
  separator?: CsvSeparator;
}

/** A header cell as a lookup key. */
export function headerKey(header: string): string {
  return header.normalize('NFC').toLocaleLowerCase('fi').replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/\s*[:*]+$/, '');
}

/** Names and unit names compare without case or extra spaces. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('fi').replace(/\s+/g, ' ').trim();
}

const COLUMN_OF_HEADER = new Map<string, ImportColumn>(
  IMPORT_COLUMNS.flatMap((column) => HEADER_ALIASES[column].map((alias) => [headerKey(alias), column] as const)),
);

function columnsOf(header: string[]): { columns: (ImportColumn | null)[]; problems: FileProblem[] } {
  const problems: FileProblem[] = [];
  const seen = new Set<ImportColumn>();
  const columns = header.map((cell) => {
    const key = headerKey(cell);
    if (key === '') return null; // an empty header cell (a trailing separator) names no column
    const column = COLUMN_OF_HEADER.get(key);
    if (!column) {
      problems.push({ code: 'unknownColumn', header: cell.trim().slice(0, 60) });
      return null;
    }
    if (seen.has(column)) problems.push({ code: 'duplicateColumn', header: cell.trim().slice(0, 60) });
    seen.add(column);
    return column;
  });
  if (!seen.has('name')) problems.push({ code: 'missingNameColumn' });
  return { columns, problems };
}

export function languageOf(value: string): 'fi' | 'sv' | 'en' | null {
  return LANGUAGE_WORDS[value.trim().toLocaleLowerCase('fi')] ?? null;
}

/** Checks rows already split into cells (the first record is the header). */
export function validateRecords(records: { line: number; cells: string[] }[], ctx: ImportContext): Pick<ImportPreview, 'ok' | 'problems' | 'rows'> {
  if (records.length === 0) return { ok: false, problems: [{ code: 'noRows' }], rows: [] };
  const [header, ...data] = records;
  const { columns, problems } = columnsOf(header.cells);
  if (problems.length > 0) return { ok: false, problems, rows: [] };
  if (data.length === 0) return { ok: false, problems: [{ code: 'noRows' }], rows: [] };
  if (data.length > IMPORT_MAX_ROWS) return { ok: false, problems: [{ code: 'tooManyRows', count: data.length }], rows: [] };

  const ownUnitKey = nameKey(ctx.unit.name);
  const otherUnits = new Set(ctx.otherUnitNames.map(nameKey));
  const workers = new Map(ctx.workers.map((w) => [w.email.trim().toLowerCase(), w]));
  const existing = new Set(ctx.clientNames.map(nameKey));
  const firstLineOfName = new Map<string, number>();
  const takenNumbers = new Set(ctx.asiakasnumerot ?? []);
  const firstLineOfNumber = new Map<string, number>();

  const rows = data.map(({ line, cells }): ImportRow => {
    const written = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, ''])) as Record<ImportColumn, string>;
    const errors: RowError[] = [];
    const warnings: RowWarning[] = [];
    cells.forEach((cell, i) => {
      const column = columns[i];
      // Whitespace (also a line end inside quotes) becomes one space: names are one line.
      if (column) written[column] = cell.replace(/\s+/g, ' ').trim();
      // A value with no header above it: usually a name with an unquoted separator in it,
      // which pushed the rest of the row one column to the right.
      else if (cell.trim() !== '' && !errors.some((e) => e.code === 'extraField')) errors.push({ code: 'extraField' });
    });
    for (const column of IMPORT_COLUMNS) {
      if (written[column].includes('\uFFFD')) errors.push({ code: 'brokenCharacter', column });
      if (written[column].length > IMPORT_LIMITS[column]) errors.push({ code: 'tooLong', column, max: IMPORT_LIMITS[column] });
    }
    const tooLong = (column: ImportColumn) => errors.some((e) => e.code === 'tooLong' && e.column === column);

    const fullName = written.name;
    if (fullName === '') errors.push({ code: 'nameMissing' });
    const preferredName = written.preferredName || fullName.split(' ')[0];

    const language = written.language === '' ? 'fi' : languageOf(written.language);
    if (language === null && !tooLong('language')) errors.push({ code: 'languageUnknown' });

    let unitName: string | null = ctx.unit.name;
    if (written.unit !== '' && !tooLong('unit')) {
      const key = nameKey(written.unit);
      if (key !== ownUnitKey) {
        unitName = null;
        errors.push({ code: otherUnits.has(key) ? 'unitNotYours' : 'unitUnknown' });
      }
    }

    let worker: ImportContext['workers'][number] | undefined;
    if (written.workerEmail === '') warnings.push('noWorker');
    else if (!tooLong('workerEmail')) {
      worker = workers.get(written.workerEmail.toLowerCase());
      // Said the same way whether the address is no one's or another unit's worker's: the
      // preview does not tell who works elsewhere.
      if (!worker) errors.push({ code: 'workerNotInUnit' });
    }

    const asiakasnumero = written.asiakasnumero;
    if (asiakasnumero !== '' && !tooLong('asiakasnumero')) {
      const first = firstLineOfNumber.get(asiakasnumero);
      if (takenNumbers.has(asiakasnumero)) errors.push({ code: 'asiakasnumeroTaken' });
      else if (first !== undefined) errors.push({ code: 'asiakasnumeroDuplicate', line: first });
      else firstLineOfNumber.set(asiakasnumero, line);
    }

    if (fullName !== '') {
      const key = nameKey(fullName);
      const first = firstLineOfName.get(key);
      if (first !== undefined) errors.push({ code: 'duplicate', line: first });
      else firstLineOfName.set(key, line);
      if (existing.has(key)) warnings.push('sameNameInUnit');
    }

    return {
      line,
      written,
      client:
        errors.length === 0
          ? { unitId: ctx.unit.id, fullName, preferredName, language: language!, namedWorkerId: worker?.id ?? null, asiakasnumero: asiakasnumero || null }
          : null,
      unitName,
      workerName: worker?.fullName ?? null,
      errors,
      warnings,
    };
  });
  return { ok: rows.every((r) => r.errors.length === 0), problems: [], rows };
}

/** The import from decoded text: what the commit step checks again before saving. */
export function previewClientCsvText(text: string, ctx: ImportContext): ImportPreview {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, problems: [{ code: 'unclosedQuote', line: parsed.line }], rows: [] };
  return { ...validateRecords(parsed.records, ctx), separator: parsed.separator };
}

/** The import from the uploaded file's bytes; `text` is what the commit step is given back. */
export function previewClientCsv(bytes: Uint8Array, ctx: ImportContext): ImportPreview & { text?: string } {
  if (bytes.byteLength === 0) return { ok: false, problems: [{ code: 'emptyFile' }], rows: [] };
  if (bytes.byteLength > IMPORT_MAX_BYTES) return { ok: false, problems: [{ code: 'tooBig' }], rows: [] };
  const decoded = decodeCsvBytes(bytes);
  if (!decoded.ok) return { ok: false, problems: [{ code: 'notText' }], rows: [] };
  return { ...previewClientCsvText(decoded.text, ctx), encoding: decoded.encoding, text: decoded.text };
}
