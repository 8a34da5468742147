/**
 * Reading CSV files that people make in spreadsheets: the bytes as text, then the text as
 * records. No I/O; the import page hands in the uploaded bytes.
 *
 * Encodings: Excel on a Finnish Windows saves "CSV (puolipisteellä erotettu)" in Windows-1252,
 * "CSV UTF-8" with a byte order mark, LibreOffice and Google Sheets UTF-8 without one, and
 * "Unicode-teksti" in UTF-16 with a byte order mark. Valid UTF-8 is almost never valid by accident
 * in a Windows-1252 file with ä or ö in it (Ä is 0xC4, which UTF-8 only allows before a
 * continuation byte), so UTF-8 is tried strictly first and Windows-1252 is the fallback.
 */

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type CsvSeparator = ';' | ',' | '\t';

export type DecodedCsv = { ok: true; text: string; encoding: CsvEncoding } | { ok: false; problem: 'notText' };

/**
 * Control characters never appear in a spreadsheet's text (tab and line ends aside). In a file
 * that "decoded" as Windows-1252 they are the sign of something else: a picture, a zip
 * (an .xlsx renamed .csv), or UTF-16 without its byte order mark (every other byte 0).
 * Windows-1252's five unassigned bytes decode to C1 controls (U+0080–U+009F), so they count too.
 */
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * Windows-1252's bytes 0x80–0x9F (WHATWG index), where it differs from Latin-1: € Š Ž š ž, and
 * the dashes and curly quotes Excel puts in typed text. Node 20.18.3+ decodes 'windows-1252' as
 * Latin-1 and gives C1 controls for these (nodejs/node#56542, #60888), so they are mapped here;
 * on a Node that decodes them right this changes nothing. The five bytes the standard leaves
 * unassigned stay controls, and so make the file "not text".
 */
const WINDOWS_1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009F]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]);
}

function strictDecode(encoding: CsvEncoding, bytes: Uint8Array): string | null {
  try {
    // (TextDecoder drops a leading byte order mark of its own encoding.)
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  let encoding: CsvEncoding;
  let text: string | null;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    text = strictDecode(encoding, bytes);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    text = strictDecode(encoding, bytes);
  } else {
    encoding = 'utf-8';
    text = strictDecode(encoding, bytes);
    if (text === null) {
      encoding = 'windows-1252';
      text = decodeWindows1252(bytes); // every byte means something here
    }
  }
  if (text === null || NOT_TEXT.test(text)) return { ok: false, problem: 'notText' };
  // A Mac writes ä as a + combining diaeresis (NFD): the same name must compare equal and be
  // stored the same way as one typed on Windows.
  return { ok: true, text: text.normalize('NFC'), encoding };
}

/**
 * The separator of the header line: the one of ; , and tab that occurs most often outside
 * quotes. A header of a single column has none, and then it does not matter: ; is the Finnish
 * Excel default.
 */
export function detectSeparator(text: string): CsvSeparator {
  const counts: Record<CsvSeparator, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ';' || c === ',' || c === '\t')) counts[c]++;
  }
  const best = (Object.keys(counts) as CsvSeparator[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), ';');
  return counts[best] > 0 ? best : ';';
}

export interface CsvRecord {
  /** The line of the file where the record starts (1-based), for messages such as "rivi 5". */
  line: number;
  cells: string[];
}

export type ParsedCsv = { ok: true; separator: CsvSeparator; records: CsvRecord[] } | { ok: false; problem: 'unclosedQuote'; line: number };

/**
 * RFC 4180 with the separator given (or detected): a field in double quotes may hold the
 * separator, line ends and "" for a quote; line ends may be CRLF, LF or CR. Lenient where
 * spreadsheets are: a quote inside an unquoted field is kept as it is, and text after a closing
 * quote is added to the field. Records with nothing but empty or blank fields (empty lines, and
 * the ";;;;" lines Excel writes for rows that once had content) are left out.
 */
export function parseCsv(text: string, separator: CsvSeparator = detectSeparator(text)): ParsedCsv {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quoteLine = 0;
  let cellStarted = false; // something (even "") was read into this field

  const endRecord = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    cellStarted = false;
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        cell += c;
      }
    } else if (c === '"' && !cellStarted) {
      inQuotes = true;
      quoteLine = line;
      cellStarted = true;
    } else if (c === separator) {
      cells.push(cell);
      cell = '';
      cellStarted = false;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += c;
      cellStarted = true;
    }
  }
  if (inQuotes) return { ok: false, problem: 'unclosedQuote', line: quoteLine };
  if (cellStarted || cells.length > 0) endRecord();
  return { ok: true, separator, records };
}
