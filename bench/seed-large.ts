/**
 * Fills the fresh database at OMAPOLKU_DB with the demo data plus generated clients, so the
 * benchmark measures the client home page against a realistically large data set.
 * Run with vite-node (the seed modules use import.meta.glob); bench/run.mjs does that.
 * Usage: OMAPOLKU_DB=/tmp/x.sqlite vite-node bench/seed-large.ts [total clients, default 10000]
 */
import { getDb } from '../src/server/db';
import { config } from '../src/server/config';
import { isEmpty, seedDemo, seedGeneratedClients } from '../src/server/demo/seed';

// getDb() falls back to the developer's data/omapolku.sqlite; never fill that by accident.
if (!process.env.OMAPOLKU_DB) throw new Error('Set OMAPOLKU_DB to a fresh temporary database file');

const total = Number(process.argv[2] ?? 10_000);
const db = await getDb();
if (!(await isEmpty(db))) throw new Error(`${config.databasePath} already has people in it; give a fresh file`);
const { clients } = await seedDemo(db);
// The demo has its own clients; top up to the requested total.
await seedGeneratedClients(db, total - clients.length, ['cat', 'dog', 'sun', 'car']);
await db.close();
console.log(`Seeded ${total} clients into ${config.databasePath}`);
