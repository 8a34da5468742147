/**
 * `npm run restore -- <file>`: checks a backup (integrity, migration level) and puts it in place
 * as the portal's database (OMAPOLKU_DB), keeping the replaced database beside it. Stop the
 * portal first: the restore refuses while any process has the database open.
 */
import path from 'node:path';
import { config } from '../src/server/config';
import { restoreDatabase } from '../src/server/db/backup';
import { bundledMigrations } from '../src/server/db/migrations';

const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run restore -- <backup file>');
  process.exit(2);
}
if (config.databaseUrl) {
  console.error('This portal runs on PostgreSQL (OMAPOLKU_DATABASE_URL): restore with pg_restore or point-in-time recovery, see docs/deployment.md.');
  process.exit(1);
}
try {
  const latest = bundledMigrations().at(-1)?.version ?? 0;
  const { restored, keptAs } = await restoreDatabase(path.resolve(file), config.databasePath, latest);
  console.log(`Restored ${file} to ${restored.file} (migration level ${restored.migrationLevel}, integrity ok).`);
  if (keptAs) console.log(`The database it replaced is kept as ${keptAs}.`);
  if (restored.migrationLevel < latest) console.log(`The portal brings it from migration ${restored.migrationLevel} to ${latest} when it starts.`);
} catch (err) {
  console.error(`Restore refused: ${(err as Error).message}`);
  process.exit(1);
}
