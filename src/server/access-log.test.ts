import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Database } from './db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { accessLogForStaff, accessLogPage, parseLogCursor } from './access-log';

let db: Database;
beforeEach(async () => {
  db = await openTestDb(async (tx) => {
    await tx.run("INSERT INTO units (id, name, municipality, created_at) VALUES (1, 'Paja', 'Pori', 0)");
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, created_at) VALUES (1, 1, 'client', 'Asiakas', 'A', 0)");
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, created_at) VALUES (2, 1, 'worker', 'Ohjaaja', 'O', 'o@x.fi', 0)");
  });
});
afterEach(() => closeTestDb(db));

test('pages through the log newest first without repeating or skipping rows whose ids do not follow time', async () => {
  // One view now (low id), then 30 older views written later (higher ids), two with the same time.
  const times = [Date.UTC(2026, 10, 22), ...Array.from({ length: 30 }, (_, i) => Date.UTC(2026, 0, 1) + Math.floor(i / 2) * 60_000)];
  await db.write(async (tx) => {
    for (const at of times) await tx.run("INSERT INTO access_log (at, actor_id, client_id, action, basis) VALUES (?, 2, 1, 'plan', 'named_worker')", [at]);
  });
  const seen: number[] = [];
  let cursor = null;
  for (let pages = 0; pages < 5; pages++) {
    const { entries, olderFrom } = await accessLogPage(db, 1, cursor, 20);
    seen.push(...entries.map((e) => e.at));
    if (!olderFrom) break;
    cursor = parseLogCursor(olderFrom);
  }
  expect(seen).toHaveLength(31);
  expect(seen).toEqual([...times].sort((a, b) => b - a));
  expect(parseLogCursor('12-x')).toBeNull();
});

test('staff log: a topic is its group of actions ("other" is every action outside the groups), newest first, limited', async () => {
  await db.write(async (tx) => {
    for (const [at, action] of [[1, 'plan'], [2, 'client list'], [3, 'plan editor'], [4, 'money'], [5, 'plan photo']] as const) {
      await tx.run("INSERT INTO access_log (at, actor_id, client_id, action, basis) VALUES (?, 2, 1, ?, 'named_worker')", [at, action]);
    }
  });
  const filter = { actorId: null, from: null, to: null };
  expect((await accessLogForStaff(db, 1, { ...filter, topic: 'plan' }, null)).map((r) => r.action)).toEqual(['plan photo', 'plan editor', 'plan']);
  expect((await accessLogForStaff(db, 1, { ...filter, topic: 'plan' }, 2)).map((r) => r.at)).toEqual([5, 3]);
  expect((await accessLogForStaff(db, 1, { ...filter, topic: 'other' }, null)).map((r) => [r.action, r.topic])).toEqual([['client list', 'other']]);
  expect(await accessLogForStaff(db, 1, { ...filter, topic: null }, null)).toHaveLength(5);
});
