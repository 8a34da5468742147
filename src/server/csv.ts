/**
 * CSV files for spreadsheets: semicolon-separated (the Finnish Excel default), UTF-8 with a byte
 * order mark so that ä and ö show right, CRLF line ends (RFC 4180). Cells that start like a
 * formula (=, +, -, @) are defused, so a name typed as "=HYPERLINK(…)" stays text.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvDocument(header: readonly string[], rows: (string | number | null)[][]): string {
  const lines = [header.join(';'), ...rows.map((r) => r.map(csvCell).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
