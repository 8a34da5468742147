/**
 * `npm run backup [-- <file>]`: a consistent copy of the portal's SQLite database, taken while the
 * portal runs (src/server/db/backup.ts). Without a file name it writes
 * data/backups/omapolku-<time>.sqlite. The database is OMAPOLKU_DB, as for the server.
 */
import path from 'node:path';
import { config } from '../src/server/config';
import { backupDatabase } from '../src/server/db/backup';

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const target = path.resolve(process.argv[2] ?? path.join(path.dirname(config.databasePath), 'backups', `omapolku-${stamp}.sqlite`));
try {
  const started = performance.now();
  const facts = await backupDatabase(config.databasePath, target);
  console.log(`Backup of ${config.databasePath} written to ${facts.file}`);
  console.log(`${(facts.bytes / 1024 / 1024).toFixed(1)} MB, migration level ${facts.migrationLevel}, integrity ok, ${Math.round(performance.now() - started)} ms.`);
} catch (err) {
  console.error(`Backup failed: ${(err as Error).message}`);
  process.exit(1);
}
