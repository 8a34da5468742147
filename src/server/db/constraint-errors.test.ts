import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqlFor, type Database } from './database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { isConstraintViolation, isUniqueViolation } from './constraint-errors';

let db: Database;
beforeEach(async () => {
  db = await openTestDb(async (tx) => {
    await tx.run("INSERT INTO units (id, name, municipality, created_at) VALUES (1, 'Paja', 'Pori', 0)");
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, created_at) VALUES (2, 1, 'worker', 'Liisa Ohjaaja', 'Liisa', 'liisa@example.test', 0)");
  });
});
afterEach(() => closeTestDb(db));

/** What the write threw (it must throw). */
async function refusal(sql: string): Promise<unknown> {
  return db.write((tx) => tx.run(sql)).then(
    () => {
      throw new Error(`not refused: ${sql}`);
    },
    (error: unknown) => error,
  );
}

describe('constraint errors, on either engine', () => {
  it('tells a UNIQUE refusal, another constraint and a refusing trigger from any other failure', async () => {
    const unique = await refusal("INSERT INTO people (unit_id, role, full_name, preferred_name, email, created_at) VALUES (1, 'worker', 'Toinen', 'Toinen', 'liisa@example.test', 0)");
    expect([isConstraintViolation(unique), isUniqueViolation(unique)]).toEqual([true, true]);
    const primaryKey = await refusal("INSERT INTO units (id, name, municipality, created_at) VALUES (1, 'Paja', 'Pori', 0)");
    expect([isConstraintViolation(primaryKey), isUniqueViolation(primaryKey)]).toEqual([true, true]);
    // A worker without an email: the CHECK refuses it.
    const check = await refusal("INSERT INTO people (unit_id, role, full_name, preferred_name, created_at) VALUES (1, 'worker', 'Ei Sähköpostia', 'Ei', 0)");
    expect([isConstraintViolation(check), isUniqueViolation(check)]).toEqual([true, false]);

    await db.write((tx) =>
      tx.exec(
        sqlFor(db, {
          sqlite: "CREATE TEMP TRIGGER refuse_unit BEFORE INSERT ON units BEGIN SELECT RAISE(ABORT, 'no new units'); END",
          postgres: "CREATE TRIGGER refuse_unit BEFORE INSERT ON units FOR EACH ROW EXECUTE FUNCTION omapolku_refuse('no new units')",
        }),
      ),
    );
    const trigger = await refusal("INSERT INTO units (name, municipality, created_at) VALUES ('Uusi', 'Pori', 0)");
    expect((trigger as Error).message).toContain('no new units');
    expect([isConstraintViolation(trigger), isUniqueViolation(trigger)]).toEqual([true, false]);

    const mistake = await refusal('INSERT INTO no_such_table (x) VALUES (1)');
    expect([isConstraintViolation(mistake), isUniqueViolation(mistake)]).toEqual([false, false]);
    expect([isConstraintViolation(new Error('UNIQUE')), isConstraintViolation(null), isUniqueViolation(undefined)]).toEqual([false, false, false]);
  });
});
