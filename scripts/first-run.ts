/**
 * `npm start` runs this before the server: on an empty database it creates the first unit and
 * its admin, from environment variables or, on a terminal, by asking; then it says what it did.
 * A database that already has people is left alone. Demo data is never added here: that is
 * `npm run demo`, with its own database file.
 *
 *   OMAPOLKU_ADMIN_EMAIL, OMAPOLKU_ADMIN_PASSWORD (12+ characters), OMAPOLKU_ADMIN_NAME,
 *   OMAPOLKU_UNIT_NAME, OMAPOLKU_UNIT_MUNICIPALITY
 */
import { createInterface } from 'node:readline/promises';
import { getDb } from '../src/server/db';
import { config } from '../src/server/config';
import { createFirstAdmin, firstAdminProblems, peopleCount, type FirstAdmin } from '../src/server/admin/first-run';

const db = await getDb();
/**
 * The database as people can be told it: the SQLite file, or the PostgreSQL server and database
 * without the user's password (the URL may carry one).
 */
const databaseName = (() => {
  if (!config.databaseUrl) return config.databasePath;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL ${url.hostname || 'localhost'}${url.port ? `:${url.port}` : ''}${url.pathname}`;
})();
try {
  if ((await peopleCount(db)) > 0) {
    console.log(`Using the database ${databaseName}.`);
  } else {
    const env = process.env;
    let admin: FirstAdmin & { password: string } = {
      unitName: env.OMAPOLKU_UNIT_NAME ?? '',
      municipality: env.OMAPOLKU_UNIT_MUNICIPALITY ?? '',
      name: env.OMAPOLKU_ADMIN_NAME ?? '',
      email: env.OMAPOLKU_ADMIN_EMAIL ?? '',
      password: env.OMAPOLKU_ADMIN_PASSWORD ?? '',
    };
    if (firstAdminProblems(admin).length > 0 && process.stdin.isTTY) {
      console.log(`The database ${databaseName} is empty. Let's create the first unit and its admin.`);
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      const ask = async (question: string, current: string) => current || (await rl.question(question)).trim();
      admin = {
        unitName: await ask('Unit name (yksikön nimi): ', admin.unitName),
        municipality: await ask('Municipality (kunta): ', admin.municipality),
        name: await ask("Admin's full name: ", admin.name),
        email: await ask("Admin's email: ", admin.email),
        password: await ask('Password, at least 12 characters (shown as you type): ', admin.password),
      };
      rl.close();
    }
    const problems = firstAdminProblems(admin);
    if (problems.length > 0) {
      console.error(
        [
          `The database ${databaseName} is empty, and the first admin could not be created: check ${problems.join(', ')}.`,
          'Set OMAPOLKU_UNIT_NAME, OMAPOLKU_UNIT_MUNICIPALITY, OMAPOLKU_ADMIN_NAME, OMAPOLKU_ADMIN_EMAIL and',
          'OMAPOLKU_ADMIN_PASSWORD (at least 12 characters), or run `npm start` in a terminal to be asked.',
          'To try Omapolku with fictional demo data instead, run `npm run demo` (it uses its own database file).',
        ].join('\n'),
      );
      process.exitCode = 1;
    } else {
      const result = await createFirstAdmin(db, admin);
      if (result.created) console.log(`First admin created: ${admin.email.trim().toLowerCase()} for the unit "${admin.unitName.trim()}" in ${databaseName}. Sign in at /login.`);
      else console.log(`Using the database ${databaseName} (someone was already in it).`);
    }
  }
} finally {
  await db.close();
}
