/**
 * `npm run backup [-- <file>]`: a consistent copy of the portal's SQLite database, taken while the
 * portal runs (src/server/db/backup.ts). Without a file name it writes
 * data/backups/omapolku-<time>.sqlite. The database is OMAPOLKU_DB, as for the server.
 * docs/deployment.md runs it from a systemd timer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../src/server/config';
import { keyFileOf } from '../src/server/auth/two-step-secret';
import { backupDatabase } from '../src/server/db/backup';

if (config.databaseUrl) {
  // PostgreSQL has its own tools, made for a server with a standby: docs/deployment.md.
  console.error('Backup failed: this portal runs on PostgreSQL (OMAPOLKU_DATABASE_URL). Use pg_dump, or a base backup with WAL archiving for point-in-time recovery: see docs/deployment.md.');
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const target = path.resolve(process.argv[2] ?? path.join(path.dirname(config.databasePath), 'backups', `omapolku-${stamp}.sqlite`));
try {
  const started = performance.now();
  const facts = await backupDatabase(config.databasePath, target);
  console.log(`Backup of ${config.databasePath} written to ${facts.file}`);
  console.log(`${(facts.bytes / 1024 / 1024).toFixed(1)} MB, migration level ${facts.migrationLevel}, integrity ok, ${Math.round(performance.now() - started)} ms.`);
  // The staff's two-step keys in the copy open only with this key, which is not in the copy on purpose.
  const keyFile = keyFileOf(config.databasePath);
  if (!config.twoStepKey && fs.existsSync(keyFile)) {
    console.log(`Not in the backup, on purpose: ${keyFile}. Keep one copy of it apart from the backups (it never changes).`);
  }
} catch (err) {
  console.error(`Backup failed: ${(err as Error).message}`);
  process.exit(1);
}
