/**
 * Fills an empty database with the fictional demo data and prints the demo sign-ins.
 * Never touches a database that already has people in it.
 */
import { getDb } from '../src/server/db';
import { config } from '../src/server/config';
import { DEMO_PASSWORD, isEmpty, seedDemo } from '../src/server/demo/seed';

const db = await getDb();
if (await isEmpty(db)) {
  const accounts = await seedDemo(db);
  console.log(`Demo data written to ${config.databasePath}`);
  console.log('\nDemo sign-ins (all fictional):');
  for (const s of accounts.staff) console.log(`  ${s.role.padEnd(7)} ${s.email}  password: ${DEMO_PASSWORD}`);
  for (const c of accounts.clients) console.log(`  client  ${c.name}: card code ${c.shortCode} (or /k/${c.secret}), pictures ${c.pin.join(' → ')}`);
} else {
  console.log(`Using existing database ${config.databasePath} (demo data not added).`);
}
await db.close();
