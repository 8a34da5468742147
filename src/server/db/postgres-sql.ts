/**
 * The stores' SQL, written once in the common dialect, in the form PostgreSQL takes. Only what
 * is mechanical and means exactly the same on both engines is turned here:
 *
 * - parameters: `?NNN` → `$NNN`; a bare `?` → the next number after the largest so far, as
 *   SQLite numbers them;
 * - `x IS ?` / `x IS NOT ?` (SQLite's null-safe comparison) → `IS NOT DISTINCT FROM $n` /
 *   `IS DISTINCT FROM $n` (PostgreSQL's `IS` takes only NULL, TRUE and FALSE);
 * - `? IS NULL` of a parameter used nowhere else in the statement (an optional filter,
 *   `(? IS NULL OR x = ?)`) → `$n::text IS NULL`: PostgreSQL must know every parameter's type,
 *   and such a one has no column to take it from. (A numbered one used again, `(x = ?3 OR ?3 IS
 *   NULL)`, takes its type from the comparison when that comes first.)
 * - `INSERT OR IGNORE INTO …` → `INSERT INTO … ON CONFLICT DO NOTHING`;
 * - an INSERT into a table with an `id` column gets `RETURNING id`, which the engine reads as
 *   sqlite3's `lastID`.
 *
 * Everything else that differs (JSON functions, group_concat, COLLATE NOCASE, scalar MIN/MAX)
 * is written both ways in the store itself (`sqlFor`, database.ts), where a reader sees it.
 * Quoted strings, quoted names and comments are never touched.
 */

/** The parts of a statement: code, and what must be left as it is (literals, comments). */
function splitCode(sql: string): { code: boolean; text: string }[] {
  const parts: { code: boolean; text: string }[] = [];
  let i = 0;
  let start = 0;
  const pushCode = (end: number) => {
    if (end > start) parts.push({ code: true, text: sql.slice(start, end) });
  };
  while (i < sql.length) {
    const c = sql[i];
    let end = -1;
    if (c === "'" || c === '"') {
      end = i + 1;
      for (;;) {
        const close = sql.indexOf(c, end);
        if (close === -1) {
          end = sql.length;
          break;
        }
        // A doubled quote is an escaped one inside the same literal.
        if (sql[close + 1] === c) end = close + 2;
        else {
          end = close + 1;
          break;
        }
      }
    } else if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      end = nl === -1 ? sql.length : nl;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      end = close === -1 ? sql.length : close + 2;
    }
    if (end === -1) {
      i++;
      continue;
    }
    pushCode(i);
    parts.push({ code: false, text: sql.slice(i, end) });
    i = start = end;
  }
  pushCode(sql.length);
  return parts;
}

export interface TranslatedSql {
  text: string;
  /** The statement returns the inserted rows' ids (for lastID). */
  returnsId: boolean;
}

/**
 * `sql` in PostgreSQL's form. `hasIdColumn` says whether a table has an `id` column (for the
 * RETURNING id of an INSERT); it is asked only for INSERT statements.
 */
export function toPostgres(sql: string, hasIdColumn: (table: string) => boolean): TranslatedSql {
  let largest = 0;
  let ignore = false;
  const parts = splitCode(sql.trim().replace(/;\s*$/, ''));
  for (const part of parts) {
    if (!part.code) continue;
    part.text = part.text
      .replace(/\bIS\s+NOT\s+(?=\?)/gi, 'IS DISTINCT FROM ')
      .replace(/\bIS\s+(?=\?)/gi, 'IS NOT DISTINCT FROM ')
      .replace(/\?(\d*)/g, (_m, digits: string) => {
        const n = digits ? Number(digits) : largest + 1;
        largest = Math.max(largest, n);
        return `$${n}`;
      })
      .replace(/\bINSERT\s+OR\s+IGNORE\s+INTO\b/gi, () => {
        ignore = true;
        return 'INSERT INTO';
      });
  }
  let code = parts.filter((p) => p.code).map((p) => p.text).join(' ');
  const uses = new Map<string, number>();
  for (const m of code.matchAll(/\$(\d+)/g)) uses.set(m[1], (uses.get(m[1]) ?? 0) + 1);
  for (const part of parts) {
    if (part.code) part.text = part.text.replace(/\$(\d+)(?=\s+IS\s+(?:NOT\s+)?NULL\b)/gi, (m, n: string) => (uses.get(n) === 1 ? `${m}::text` : m));
  }
  let text = parts.map((p) => p.text).join('');
  code = parts.filter((p) => p.code).map((p) => p.text).join(' ');
  const insert = /^\s*INSERT\s+INTO\s+("?)([A-Za-z_][A-Za-z0-9_]*)\1/i.exec(code);
  const hasReturning = /\bRETURNING\b/i.test(code);
  if (ignore) {
    // Before a RETURNING the statement already has; otherwise at the end.
    text = hasReturning ? text.replace(/\bRETURNING\b/i, 'ON CONFLICT DO NOTHING RETURNING') : `${text} ON CONFLICT DO NOTHING`;
  }
  let returnsId = false;
  if (insert && !hasReturning && hasIdColumn(insert[2].toLowerCase())) {
    text = `${text} RETURNING id`;
    returnsId = true;
  }
  return { text, returnsId };
}
