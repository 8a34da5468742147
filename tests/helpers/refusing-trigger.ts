/**
 * A trigger that refuses some inserts into a table, for a test that needs a write to fail at the
 * last moment (as a unique index would in a race), written in the engine's own dialect: SQLite's
 * RAISE(ABORT, …) or PostgreSQL's omapolku_refuse (src/server/db/migrations-postgres/0001), which
 * raises its argument as an integrity constraint violation. Run `create` and `drop` with runSql.
 */
import { testEngine } from './test-engine';

export function refusingTrigger(name: string, refuse: { insertInto: string; when: string; message: string }): { create: string; drop: string } {
  const message = refuse.message.replaceAll("'", "''");
  if (testEngine().engine === 'postgres') {
    return {
      create: `CREATE TRIGGER ${name} BEFORE INSERT ON ${refuse.insertInto} FOR EACH ROW WHEN (${refuse.when}) EXECUTE FUNCTION omapolku_refuse('${message}')`,
      drop: `DROP TRIGGER ${name} ON ${refuse.insertInto}`,
    };
  }
  return {
    create: `CREATE TRIGGER ${name} BEFORE INSERT ON ${refuse.insertInto} WHEN ${refuse.when} BEGIN SELECT RAISE(ABORT, '${message}'); END`,
    drop: `DROP TRIGGER ${name}`,
  };
}
