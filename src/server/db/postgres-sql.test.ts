import { describe, expect, it } from 'vitest';
import { toPostgres } from './postgres-sql';

const withId = (table: string) => ['people', 'messages'].includes(table);
const pg = (sql: string) => toPostgres(sql, withId);

describe('the common dialect in PostgreSQL’s form', () => {
  it('numbers the parameters as SQLite does: ?NNN as given, a bare ? after the largest so far', () => {
    expect(pg('SELECT * FROM t WHERE a = ? AND b = ?').text).toBe('SELECT * FROM t WHERE a = $1 AND b = $2');
    expect(pg('SELECT * FROM t WHERE a = ?2 OR b = ?1 OR c = ?').text).toBe('SELECT * FROM t WHERE a = $2 OR b = $1 OR c = $3');
  });

  it('leaves question marks in strings, quoted names and comments alone', () => {
    expect(pg("SELECT 'why?', \"odd?name\" FROM t -- really?\nWHERE a = ? /* and? */").text).toBe(
      "SELECT 'why?', \"odd?name\" FROM t -- really?\nWHERE a = $1 /* and? */",
    );
    expect(pg("SELECT 'it''s ?' WHERE a = ?").text).toBe("SELECT 'it''s ?' WHERE a = $1");
  });

  it('turns the null-safe IS ? and IS NOT ? into DISTINCT FROM, and leaves IS NULL alone', () => {
    expect(pg('SELECT 1 FROM t WHERE ends_on IS ? AND id IS NOT ?2 AND x IS NOT NULL AND y IS NULL').text).toBe(
      'SELECT 1 FROM t WHERE ends_on IS NOT DISTINCT FROM $1 AND id IS DISTINCT FROM $2 AND x IS NOT NULL AND y IS NULL',
    );
  });

  it('gives an optional filter’s lone parameter a type; a numbered one used again keeps the comparison’s', () => {
    expect(pg('SELECT 1 FROM t WHERE a = ? AND (? IS NULL OR b < ?)').text).toBe('SELECT 1 FROM t WHERE a = $1 AND ($2::text IS NULL OR b < $3)');
    expect(pg('SELECT 1 FROM t WHERE (p.id = ?3 OR ?3 IS NULL) AND a = ?1').text).toBe('SELECT 1 FROM t WHERE (p.id = $3 OR $3 IS NULL) AND a = $1');
  });

  it('turns INSERT OR IGNORE into ON CONFLICT DO NOTHING, before a RETURNING', () => {
    expect(pg('INSERT OR IGNORE INTO form_keys (key) VALUES (?);').text).toBe('INSERT INTO form_keys (key) VALUES ($1) ON CONFLICT DO NOTHING');
    expect(pg('INSERT OR IGNORE INTO form_keys (key) VALUES (?) RETURNING key').text).toBe('INSERT INTO form_keys (key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING key');
  });

  it('asks for the id of an INSERT into a table that has one (sqlite3’s lastID), and of no other', () => {
    expect(pg('INSERT INTO messages (body) VALUES (?)')).toEqual({ text: 'INSERT INTO messages (body) VALUES ($1) RETURNING id', returnsId: true });
    expect(pg('  insert into People (name) select name from x')).toEqual({ text: 'insert into People (name) select name from x RETURNING id', returnsId: true });
    expect(pg('INSERT INTO form_keys (key) VALUES (?)').returnsId).toBe(false);
    expect(pg('INSERT INTO messages (body) VALUES (?) RETURNING id, body').returnsId).toBe(false);
    expect(pg('UPDATE messages SET body = ?').returnsId).toBe(false);
    expect(pg('INSERT OR IGNORE INTO people (name) VALUES (?)').text).toBe('INSERT INTO people (name) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id');
  });
});
