import { afterEach, describe, expect, it } from 'vitest';
import { SqliteDatabase } from './sqlite';
import { globToRegex, readSqliteSchema, sqliteExpressionToPostgres } from './schema-snapshot';

/**
 * The SQLite half of the schema comparison, without PostgreSQL: how SQLite's text is read and
 * translated. The comparison itself runs in schema.engines.test.ts (project unit-postgres).
 */
describe('SQLite text in PostgreSQL terms', () => {
  it('turns a GLOB pattern into the anchored regular expression of the same strings', () => {
    expect(globToRegex('[0-2][0-9]:[0-5][0-9]')).toBe('^[0-2][0-9]:[0-5][0-9]$');
    expect(globToRegex('[0-2][0-9]:00*')).toBe('^[0-2][0-9]:00.*$');
    expect(globToRegex('')).toBe('^$');
    expect(globToRegex('a?c')).toBe('^a.c$');
    expect(globToRegex('v1.0 (x)+$')).toBe('^v1\\.0 \\(x\\)\\+\\$$');
    expect(globToRegex('[]a][^]b]')).toBe('^[]a][^]b]$');
    expect(() => globToRegex('[0-9')).toThrow(/Unclosed/);
  });

  it('translates GLOB, null-safe IS / IS NOT and ==, and refuses what has no translation of the same meaning', () => {
    expect(sqliteExpressionToPostgres("day GLOB '[0-9]*'")).toBe("day ~ '^[0-9].*$'");
    expect(sqliteExpressionToPostgres("day NOT GLOB '[0-9]*'")).toBe("day !~ '^[0-9].*$'");
    expect(sqliteExpressionToPostgres('NEW.note IS NOT OLD.note OR NEW.a IS OLD.a')).toBe('NEW.note IS DISTINCT FROM OLD.note OR NEW.a IS NOT DISTINCT FROM OLD.a');
    expect(sqliteExpressionToPostgres('a IS NOT NULL AND b IS NULL AND c == 1')).toBe('a IS NOT NULL AND b IS NULL AND c = 1');
    expect(sqliteExpressionToPostgres("-- a comment\n\"key\" IN ('x', 'it''s')")).toBe('"key" IN (\'x\', \'it\'\'s\')');
    expect(() => sqliteExpressionToPostgres("name LIKE 'a%'")).toThrow(/LIKE/);
  });
});

describe('reading an SQLite schema', () => {
  let db: SqliteDatabase | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('finds columns, keys, checks, collations, indexes and triggers', async () => {
    db = await SqliteDatabase.open(':memory:', [
      {
        version: 1,
        name: 'shapes',
        sql: `
          CREATE TABLE owners (id INTEGER PRIMARY KEY, email TEXT UNIQUE COLLATE NOCASE, CHECK (email <> '')) STRICT;
          CREATE TABLE things (
            owner_id INTEGER NOT NULL REFERENCES owners ON DELETE CASCADE, -- a comment, (with a bracket
            code     TEXT NOT NULL DEFAULT 'x' CHECK (code GLOB '[A-Z]*'),
            size     REAL,
            PRIMARY KEY (owner_id, code),
            UNIQUE (code, size)
          ) STRICT, WITHOUT ROWID;
          CREATE TABLE loose (a, b INTEGER);
          CREATE INDEX things_size ON things (size DESC, lower(code)) WHERE size > 0;
          CREATE TRIGGER things_code BEFORE UPDATE OF code ON things WHEN NEW.code IS NOT OLD.code
          BEGIN SELECT RAISE(ABORT, 'code is kept'); END;
          CREATE TRIGGER owners_count AFTER INSERT ON owners BEGIN UPDATE loose SET b = b + 1; END;`,
      },
    ]);
    const shape = await readSqliteSchema(db);
    expect(Object.keys(shape.tables)).toEqual(['loose', 'owners', 'things']);
    expect(shape.tables.owners).toEqual({
      columns: [
        { name: 'id', type: 'integer', notNull: true, default: null, generated: 'by default', collation: 'binary' },
        { name: 'email', type: 'text', notNull: false, default: null, generated: 'no', collation: 'nocase' },
      ],
      strict: true,
      primaryKey: ['id'],
      uniques: ['(email)'],
      foreignKeys: [],
      checks: ["email <> ''"],
    });
    expect(shape.tables.things.columns.map((c) => [c.name, c.type, c.notNull, c.default, c.generated])).toEqual([
      ['owner_id', 'integer', true, null, 'no'],
      ['code', 'text', true, "'x'", 'no'],
      ['size', 'real', false, null, 'no'],
    ]);
    expect(shape.tables.things.primaryKey).toEqual(['owner_id', 'code']);
    expect(shape.tables.things.uniques).toEqual(['(code, size)']);
    expect(shape.tables.things.foreignKeys).toEqual(['(owner_id) → owners(id) ON UPDATE NO ACTION ON DELETE CASCADE']);
    expect(shape.tables.things.checks).toEqual(["code GLOB '[A-Z]*'"]);
    expect(shape.tables.loose.strict).toBe(false);
    expect(shape.tables.loose.columns[0].type).toBe('sqlite:no type');
    expect(shape.indexes).toEqual({
      things_size: {
        table: 'things',
        unique: false,
        method: 'btree',
        columns: [
          { expression: '"size"', descending: true, collation: 'binary' },
          { expression: 'lower(code)', descending: false, collation: 'binary' },
        ],
        where: 'size > 0',
      },
    });
    expect(shape.triggers.things_code).toEqual({
      table: 'things',
      timing: 'BEFORE',
      event: 'UPDATE',
      updateOf: ['code'],
      forEach: 'row',
      when: 'NEW.code IS NOT OLD.code',
      action: 'raise: code is kept',
    });
    expect(shape.triggers.owners_count.action).toBe('sqlite body: UPDATE loose SET b = b + 1;');
  });
});
