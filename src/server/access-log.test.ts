import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Database } from './db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { accessLogCount, accessLogDays, accessLogForStaff, parseLogDay } from './access-log';

let db: Database;
beforeEach(async () => {
  db = await openTestDb(async (tx) => {
    await tx.run("INSERT INTO units (id, name, municipality, created_at) VALUES (1, 'Paja', 'Pori', 0)");
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, created_at) VALUES (1, 1, 'client', 'Asiakas', 'A', 0)");
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, created_at) VALUES (2, 1, 'worker', 'Ohjaaja', 'O', 'o@x.fi', 0)");
  });
});
afterEach(() => closeTestDb(db));

test('groups one person’s views of one Helsinki day into one line with a count and what was looked at', async () => {
  await db.write(async (tx) => {
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, created_at) VALUES (3, 1, 'family', 'Läheinen', 'L', 'l@x.fi', 0)");
    const view = (at: number, actor: number, action: string, basis: string) =>
      tx.run('INSERT INTO access_log (at, actor_id, client_id, action, basis) VALUES (?, ?, 1, ?, ?)', [at, actor, action, basis]);
    // 24.11. in Helsinki (UTC+2): three views by the worker, one by the family member.
    await view(Date.UTC(2026, 10, 24, 7, 0), 2, 'plan', 'named_worker');
    await view(Date.UTC(2026, 10, 24, 8, 0), 3, 'messages', 'family');
    await view(Date.UTC(2026, 10, 24, 9, 0), 2, 'messages', 'named_worker');
    await view(Date.UTC(2026, 10, 24, 12, 30), 2, 'plan editor', 'named_worker');
    // 22.30 UTC on the 24th is 00.30 on the 25th in Helsinki: another day, its own line.
    await view(Date.UTC(2026, 10, 24, 22, 30), 2, 'plan', 'substitute');
    // Another client's row is not in this log.
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, created_at) VALUES (4, 1, 'client', 'Toinen', 'T', 0)");
    await tx.run("INSERT INTO access_log (at, actor_id, client_id, action, basis) VALUES (?, 2, 4, 'plan', 'named_worker')", [Date.UTC(2026, 10, 24, 10)]);
  });
  const { days, olderFrom } = await accessLogDays(db, 1, null);
  expect(olderFrom).toBeNull();
  expect(days).toEqual([
    { day: '2026-11-25', who: 'Ohjaaja', count: 1, topics: ['plan'], basis: 'substitute', lastAt: Date.UTC(2026, 10, 24, 22, 30) },
    { day: '2026-11-24', who: 'Ohjaaja', count: 3, topics: ['plan', 'messages'], basis: 'named_worker', lastAt: Date.UTC(2026, 10, 24, 12, 30) },
    { day: '2026-11-24', who: 'Läheinen', count: 1, topics: ['messages'], basis: 'family', lastAt: Date.UTC(2026, 10, 24, 8, 0) },
  ]);
});

test('pages through the grouped log newest first in whole days, never splitting or repeating a day', async () => {
  // 30 days with two views each, written in an order that does not follow time (ids vs times).
  const times = Array.from({ length: 30 }, (_, i) => [Date.UTC(2026, 0, 1 + i, 10), Date.UTC(2026, 0, 1 + i, 11)]).flat().reverse();
  await db.write(async (tx) => {
    for (const at of times) await tx.run("INSERT INTO access_log (at, actor_id, client_id, action, basis) VALUES (?, 2, 1, 'plan', 'named_worker')", [at]);
  });
  const seen: string[] = [];
  let before: string | null = null;
  for (let pages = 0; pages < 5; pages++) {
    const { days, olderFrom }: Awaited<ReturnType<typeof accessLogDays>> = await accessLogDays(db, 1, before, 20);
    expect(days.every((d) => d.count === 2)).toBe(true);
    seen.push(...days.map((d) => d.day));
    if (!olderFrom) break;
    before = parseLogDay(olderFrom);
  }
  expect(seen).toHaveLength(30);
  expect(seen[0]).toBe('2026-01-30');
  expect(seen.at(-1)).toBe('2026-01-01');
  expect(new Set(seen).size).toBe(30);
  expect(parseLogDay('2026-13-40')).toBeNull();
  expect(parseLogDay('2026-02-30')).toBeNull();
  expect(parseLogDay('12-x')).toBeNull();
});

test('staff log: a topic is its group of actions ("other" is every action outside the groups), newest first, limited', async () => {
  await db.write(async (tx) => {
    for (const [at, action] of [[1, 'plan'], [2, 'client list'], [3, 'plan editor'], [4, 'money'], [5, 'plan photo'], [6, 'plan version 3']] as const) {
      await tx.run("INSERT INTO access_log (at, actor_id, client_id, action, basis) VALUES (?, 2, 1, ?, 'named_worker')", [at, action]);
    }
  });
  const filter = { actorId: null, from: null, to: null, action: null };
  // An older row names its plan version with the number: still the plan, and the "plan version" kind.
  expect((await accessLogForStaff(db, 1, { ...filter, topic: 'plan' }, null)).map((r) => r.action)).toEqual(['plan version 3', 'plan photo', 'plan editor', 'plan']);
  expect((await accessLogForStaff(db, 1, { ...filter, topic: 'plan' }, 2)).map((r) => r.at)).toEqual([6, 5]);
  expect((await accessLogForStaff(db, 1, { ...filter, topic: 'plan' }, 2, 2)).map((r) => r.at)).toEqual([3, 1]);
  expect(await accessLogCount(db, 1, { ...filter, topic: 'plan' })).toBe(4);
  expect((await accessLogForStaff(db, 1, { ...filter, topic: 'other' }, null)).map((r) => [r.action, r.topic])).toEqual([['client list', 'other']]);
  expect((await accessLogForStaff(db, 1, { ...filter, topic: null, action: 'plan version' }, null)).map((r) => r.at)).toEqual([6]);
  expect((await accessLogForStaff(db, 1, { ...filter, topic: null, action: 'money' }, null)).map((r) => r.at)).toEqual([4]);
  expect(await accessLogForStaff(db, 1, { ...filter, topic: null }, null)).toHaveLength(6);
});
