/**
 * A logged change in words: "Omaohjaaja: Liisa Ohjaaja → Pekka Valmentaja", "Päiväraha: 5,80 €",
 * and beside it the same in codes ("named_worker_id: 3 → 13") for the CSV's code column. Pure:
 * the caller gives the words (`tr`), the language and the names of the people the reader may know
 * about (any other id reads as "another person", never as a number or a name).
 */
import type { Lang } from '@domain/language';
import { formatEuros } from '@domain/attendance/money';
import { dateTimeOf, dayWithYear, monthTitle, weekdayNameOf } from '@domain/time/format';
import { AUDIT_FIELDS, LOG_ENUMS, fieldOf, readableFieldName, type FieldKind } from './catalogue';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface DescribeContext {
  tr: Translate;
  lang: Lang;
  /** People by id whom the reader may see named. */
  names: ReadonlyMap<number, string>;
}

export interface ChangeLine {
  /** The field's code. */
  field: string;
  label: string;
  /** Words; null when the field had no value on that side. */
  from: string | null;
  to: string | null;
}

export interface DescribedChange {
  lines: ChangeLine[];
  /** "Omaohjaaja: Liisa Ohjaaja → Pekka Valmentaja; …" */
  words: string;
  /** "named_worker_id: 3 → 13; …" */
  codes: string;
}

const ARROW = ' → ';
const NONE = '–';

function parse(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { value: json };
  }
}

/** A value as code text, without JSON: lists with commas, nested objects as key: value. */
export function codeText(v: unknown): string {
  if (v === null || v === undefined) return NONE;
  if (Array.isArray(v)) return v.map(codeText).join(', ');
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${codeText(x)}`).join(', ');
  return String(v);
}

const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

function personName(v: unknown, ctx: DescribeContext): string {
  const id = Number(v);
  return ctx.names.get(id) ?? ctx.tr('staff:logs.otherPerson');
}

/** One value in words, by its field's kind. */
export function valueWords(v: unknown, kind: FieldKind | null, ctx: DescribeContext): string {
  if (v === null || v === undefined || v === '') return NONE;
  if (!kind) return codeText(v);
  switch (kind.kind) {
    case 'person':
      return personName(v, ctx);
    case 'people':
      return (Array.isArray(v) ? v : String(v).split(/[ ,]+/)).map((id) => personName(id, ctx)).join(', ');
    case 'cents':
      return Number.isFinite(Number(v)) ? formatEuros(Number(v), ctx.lang) : codeText(v);
    case 'day':
      return isDay(v) ? dayWithYear(v, ctx.lang, false) : codeText(v);
    case 'moment':
      return Number.isFinite(Number(v)) ? dateTimeOf(Number(v), ctx.lang) : codeText(v);
    case 'month':
      return typeof v === 'string' && /^\d{4}-\d{2}$/.test(v) ? monthTitle(v, ctx.lang) : codeText(v);
    case 'bool': {
      const on = v === true || v === 1 || v === '1';
      return ctx.tr(`staff:logs.values.${kind.words}.${on ? 'on' : 'off'}`);
    }
    case 'enum': {
      const codes = kind.list ? String(v).split(/[ ,]+/).filter(Boolean) : [String(v)];
      const known = LOG_ENUMS[kind.of] as readonly string[];
      return codes.map((c) => (known.includes(c) ? ctx.tr(`staff:logs.values.${kind.of}.${c}`) : c)).join(', ');
    }
    case 'schedule':
      // "1 08:00-12:00, 3 08:00-15:00" → "maanantai 08:00–12:00, keskiviikko 08:00–15:00"
      return String(v)
        .split(', ')
        .map((part) => {
          const m = /^([1-7]) (\d\d:\d\d)-(\d\d:\d\d)$/.exec(part);
          return m ? `${weekdayNameOf(Number(m[1]), ctx.lang)} ${m[2]}–${m[3]}` : part;
        })
        .join(', ');
    case 'hidden':
    case 'text':
    case 'number':
      return codeText(v);
  }
}

/** The words of a field: its own, with the language for a text in the client's language, or a readable fallback. */
export function fieldLabel(name: string, ctx: DescribeContext): string {
  const f = fieldOf(name);
  if (!f.field) return readableFieldName(name);
  const label = ctx.tr(`staff:logs.fields.${f.field}`);
  return f.lang ? `${label} (${ctx.tr(`staff:logs.values.language.${f.lang}`)})` : label;
}

/** A change row's old and new values as lines, words and codes. */
export function describeChange(oldJson: string | null, newJson: string | null, ctx: DescribeContext): DescribedChange {
  const before = parse(oldJson);
  const after = parse(newJson);
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const lines: ChangeLine[] = [];
  const words: string[] = [];
  const codes: string[] = [];
  for (const name of names) {
    const hasOld = name in before;
    const hasNew = name in after;
    const code = hasOld && hasNew ? `${codeText(before[name])}${ARROW}${codeText(after[name])}` : codeText(hasNew ? after[name] : before[name]);
    codes.push(`${name}: ${code}`);
    const f = fieldOf(name);
    const kind: FieldKind | null = f.field ? AUDIT_FIELDS[f.field] : null;
    if (kind?.kind === 'hidden') continue;
    const label = fieldLabel(name, ctx);
    const from = hasOld ? valueWords(before[name], kind, ctx) : null;
    const to = hasNew ? valueWords(after[name], kind, ctx) : null;
    lines.push({ field: name, label, from, to });
    // A value that stayed the same (an id that names the goal) reads once.
    words.push(`${label}: ${from !== null && to !== null && from !== to ? `${from}${ARROW}${to}` : (to ?? from)}`);
  }
  return { lines, words: words.join('; '), codes: codes.join('; ') };
}

/** The ids of people named in these changes (for the caller to look up the names it may show). */
export function personIdsIn(jsons: (string | null)[]): number[] {
  const ids = new Set<number>();
  for (const json of jsons) {
    for (const [name, v] of Object.entries(parse(json))) {
      const f = fieldOf(name);
      const kind = f.field ? AUDIT_FIELDS[f.field].kind : null;
      if (kind === 'person' && v !== null && Number.isSafeInteger(Number(v))) ids.add(Number(v));
      if (kind === 'people') for (const id of Array.isArray(v) ? v : String(v).split(/[ ,]+/)) if (Number.isSafeInteger(Number(id))) ids.add(Number(id));
    }
  }
  return [...ids];
}
