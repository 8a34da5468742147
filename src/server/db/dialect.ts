/**
 * SQL fragments that the two engines write differently, each with both forms side by side, for
 * the stores that need them. (Whole statements that differ use `sqlFor` in the store itself.)
 */
import type { Database } from './database';

type Engine = Pick<Database, 'engine'>;

/** A text field of a JSON column, e.g. the `key` of an audit row's new_value. */
export function jsonText(db: Engine, column: string, key: string): string {
  return db.engine === 'sqlite' ? `json_extract(${column}, '$.${key}')` : `(${column}::jsonb ->> '${key}')`;
}

/** An integer field of a JSON column (SQLite's json_extract gives a number already). */
export function jsonInteger(db: Engine, column: string, key: string): string {
  return db.engine === 'sqlite' ? `json_extract(${column}, '$.${key}')` : `(${column}::jsonb ->> '${key}')::bigint`;
}

/** The integers of a JSON array given as one parameter (`[1, 2, 3]`), as a one-column subquery. */
export function integersOfJsonArray(db: Engine): string {
  return db.engine === 'sqlite' ? 'SELECT value FROM json_each(?)' : 'SELECT value::bigint FROM json_array_elements_text(?::json) AS a(value)';
}

/** An aggregate joining text values with commas (in no particular order, on both). */
export function commaList(db: Engine, expression: string): string {
  return db.engine === 'sqlite' ? `group_concat(${expression})` : `string_agg(CAST(${expression} AS TEXT), ',')`;
}

/**
 * An aggregate making a JSON array (as text) of objects of the given fields, in the order of
 * `orderBy`, '[]' for no rows: `{ weekday: 'weekday', … }` names each field and the expression it
 * comes from. (SQLite keeps the order of the rows it is given: select them in that order.)
 */
export function jsonArrayOfObjects(db: Engine, fields: Record<string, string>, orderBy: string): string {
  const pairs = Object.entries(fields).map(([name, expression]) => `'${name}', ${expression}`).join(', ');
  return db.engine === 'sqlite' ? `json_group_array(json_object(${pairs}))` : `COALESCE(json_agg(json_build_object(${pairs}) ORDER BY ${orderBy})::text, '[]')`;
}

/** Ordering by a text column without regard to letter case. */
export function orderIgnoringCase(db: Engine, column: string): string {
  return db.engine === 'sqlite' ? `${column} COLLATE NOCASE` : `lower(${column})`;
}

/** The smaller of two values (SQLite's scalar MIN(a, b); PostgreSQL's LEAST). */
export function smallerOf(db: Engine, a: string, b: string): string {
  return db.engine === 'sqlite' ? `MIN(${a}, ${b})` : `LEAST(${a}, ${b})`;
}
