import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { SqliteDatabase } from '../db/sqlite';
import { bundledMigrations } from '../db/migrations';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { conversationOf, inbox, markHandledWithoutReply, markRead, replyDaysOf, sendMessage, waitingForStaff, waitingIn, type NewMessage } from './store';
import type { SessionActor } from '../auth/session';

let db: Database;
let ids: Record<'unit' | 'matti' | 'aino' | 'maija' | 'liisa' | 'pekka' | 'admin', number>;
const TODAY = '2026-11-30';
const T0 = Date.parse('2026-11-30T09:00:00+02:00'); // Monday

beforeEach(async () => {
  db = await openTestDb();
  ids = await db.write(async (tx) => {
    const unit = (await tx.run("INSERT INTO units (name, municipality, created_at) VALUES ('Paja', 'Pori', 0)")).lastID;
    const person = async (role: string, name: string) =>
      (await tx.run('INSERT INTO people (unit_id, role, full_name, preferred_name, email, created_at) VALUES (?, ?, ?, ?, ?, 0)', [unit, role, name, name.split(' ')[0], role === 'client' ? null : `${name.split(' ')[0]}@x.fi`])).lastID;
    const r = { unit, matti: await person('client', 'Matti Virtanen'), aino: await person('client', 'Aino Laine'), maija: await person('family', 'Maija Virtanen'), liisa: await person('worker', 'Liisa Ohjaaja'), pekka: await person('worker', 'Pekka Sijainen'), admin: await person('admin', 'Helena Vastaava') };
    await tx.run("INSERT INTO client_workers (client_id, worker_id, kind, starts_on, created_at) VALUES (?, ?, 'named', '2026-01-01', 0)", [r.matti, r.liisa]);
    await tx.run("INSERT INTO client_workers (client_id, worker_id, kind, starts_on, created_at) VALUES (?, ?, 'named', '2026-01-01', 0)", [r.aino, r.pekka]);
    return r;
  });
});
afterEach(() => closeTestDb(db));

const actor = (id: number, role: 'worker' | 'admin') => ({ id, role, unit_id: ids.unit }) as unknown as SessionActor['person'];
let n = 0;
const send = (conversationId: number, senderId: number, fromClientSide: boolean, at: number, over: Partial<NewMessage> = {}) =>
  sendMessage(db, { conversationId, senderId, kind: 'text', body: 'Hei', fromClientSide, key: `k${++n}`, ...over }, at);

describe('messages waiting for an answer', () => {
  it('reading does not end the wait; an answer ends it for every message before it, not after', async () => {
    const c = await conversationOf(db, ids.matti);
    await send(c, ids.matti, true, T0, { kind: 'quick', body: '', quick: 'late' });
    await send(c, ids.maija, true, T0 + 60_000);
    expect(await waitingIn(db, c)).toMatchObject({ count: 2, since: T0 });
    expect(await waitingForStaff(db, actor(ids.liisa, 'worker'), TODAY)).toBe(2);

    await markRead(db, c, { id: ids.liisa, clientSide: false }, T0 + 120_000);
    expect((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM messages WHERE read_at IS NOT NULL'))!.n).toBe(2);
    expect((await waitingIn(db, c)).count).toBe(2);
    expect(await waitingForStaff(db, actor(ids.liisa, 'worker'), TODAY)).toBe(2);

    const reply = await send(c, ids.liisa, false, T0 + 180_000, { picture: 'thumbs-up' });
    expect((await waitingIn(db, c)).count).toBe(0);
    const handled = await db.all<{ handled_by: number; handled_how: string; handled_at: number }>('SELECT handled_by, handled_how, handled_at FROM messages WHERE from_client_side = 1 ORDER BY id');
    expect(handled).toEqual([
      { handled_by: ids.liisa, handled_how: 'reply', handled_at: T0 + 180_000 },
      { handled_by: ids.liisa, handled_how: 'reply', handled_at: T0 + 180_000 },
    ]);
    expect((await db.get<{ picture: string }>('SELECT picture FROM messages WHERE id = ?', [reply]))!.picture).toBe('thumbs-up');
    // A new message waits again; the worker's own messages never wait.
    await send(c, ids.matti, true, T0 + 240_000);
    expect(await waitingIn(db, c)).toMatchObject({ count: 1, since: T0 + 240_000 });
    expect(await waitingForStaff(db, actor(ids.liisa, 'worker'), TODAY)).toBe(1);
    // Someone else's worker does not count Matti's; the unit's admin does.
    expect(await waitingForStaff(db, actor(ids.pekka, 'worker'), TODAY)).toBe(0);
    expect(await waitingForStaff(db, actor(ids.admin, 'admin'), TODAY)).toBe(1);
  });

  it('"Ei vaadi vastausta" ends the wait of what waited when the page was drawn, with its audit row', async () => {
    const c = await conversationOf(db, ids.matti);
    const first = await send(c, ids.matti, true, T0, { kind: 'quick', body: '', quick: 'thanks' });
    const later = await send(c, ids.matti, true, T0 + 60_000);
    expect(await markHandledWithoutReply(db, c, ids.matti, ids.liisa, first, T0 + 120_000)).toBe(1);
    expect(await waitingIn(db, c)).toMatchObject({ count: 1, lastId: later });
    expect(await markHandledWithoutReply(db, c, ids.matti, ids.liisa, null, T0 + 180_000)).toBe(1);
    expect(await markHandledWithoutReply(db, c, ids.matti, ids.liisa, null, T0 + 240_000)).toBe(0);
    expect((await waitingIn(db, c)).count).toBe(0);
    const rows = await db.all<{ handled_how: string; handled_by: number }>('SELECT handled_how, handled_by FROM messages ORDER BY id');
    expect(rows).toEqual([{ handled_how: 'no_reply', handled_by: ids.liisa }, { handled_how: 'no_reply', handled_by: ids.liisa }]);
    const audit = await db.all<{ action: string; actor_id: number; target_id: number; unit_id: number; new_value: string }>('SELECT action, actor_id, target_id, unit_id, new_value FROM admin_audit ORDER BY id');
    expect(audit).toEqual([
      { action: 'message needs no reply', actor_id: ids.liisa, target_id: ids.matti, unit_id: ids.unit, new_value: JSON.stringify({ messages: [first] }) },
      { action: 'message needs no reply', actor_id: ids.liisa, target_id: ids.matti, unit_id: ids.unit, new_value: JSON.stringify({ messages: [later] }) },
    ]);
  });

  it('a picture goes only with a worker’s text answer', async () => {
    const c = await conversationOf(db, ids.matti);
    await expect(send(c, ids.matti, true, T0, { picture: 'bus' })).rejects.toThrow(/CHECK constraint|violates check constraint/);
    await expect(send(c, ids.liisa, false, T0, { kind: 'quick', body: '', quick: 'late', picture: 'bus' })).rejects.toThrow(/CHECK constraint|violates check constraint/);
  });
});

describe('the inbox', () => {
  it('lists waiting conversations first, the longest wait first, with who wrote the oldest waiting message', async () => {
    const matti = await conversationOf(db, ids.matti);
    const aino = await conversationOf(db, ids.aino);
    await send(aino, ids.aino, true, T0 + 60_000);
    await send(matti, ids.maija, true, T0);
    await send(matti, ids.matti, true, T0 + 120_000);
    const rows = await inbox(db, actor(ids.admin, 'admin'), TODAY);
    expect(rows.map((r) => [r.full_name, r.waiting, r.waiting_since, r.waiting_sender_name, r.waiting_sender_role, r.reply_days])).toEqual([
      ['Matti Virtanen', 2, T0, 'Maija Virtanen', 'family', 2],
      ['Aino Laine', 1, T0 + 60_000, 'Aino Laine', 'client', 2],
    ]);
    // Answering Matti moves him after Aino, who still waits.
    await send(matti, ids.liisa, false, T0 + 180_000);
    const after = await inbox(db, actor(ids.admin, 'admin'), TODAY);
    expect(after.map((r) => [r.full_name, r.waiting])).toEqual([['Aino Laine', 1], ['Matti Virtanen', 0]]);
    expect(after[1].waiting_since).toBeNull();
  });

  it('takes the unit’s promise, 2 working days unless set', async () => {
    expect(await replyDaysOf(db, ids.matti)).toBe(2);
    await db.write((tx) => tx.run('UPDATE units SET reply_days = 3 WHERE id = ?', [ids.unit]));
    expect(await replyDaysOf(db, ids.matti)).toBe(3);
    expect((await inbox(db, actor(ids.admin, 'admin'), TODAY))[0].reply_days).toBe(3);
    await expect(db.write((tx) => tx.run('UPDATE units SET reply_days = 0 WHERE id = ?', [ids.unit]))).rejects.toThrow(/CHECK constraint|violates check constraint/);
  });
});

describe('migration 0013', () => {
  it('marks messages a worker had already answered as handled by that answer; the rest wait', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omapolku-0013-'));
    const file = path.join(dir, 'before.sqlite');
    try {
      const before = await SqliteDatabase.open(file, bundledMigrations().filter((m) => m.version < 13));
      await before.write(async (tx) => {
        await tx.run("INSERT INTO units (id, name, municipality, created_at) VALUES (1, 'Paja', 'Pori', 0)");
        await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, created_at) VALUES (1, 1, 'client', 'Matti', 'Matti', NULL, 0), (2, 1, 'worker', 'Liisa', 'Liisa', 'l@x.fi', 0)");
        await tx.run('INSERT INTO conversations (id, client_id, created_at) VALUES (1, 1, 0)');
        await tx.run(`INSERT INTO messages (id, conversation_id, sender_id, kind, body, from_client_side, created_at) VALUES
          (1, 1, 1, 'text', 'a', 1, 10), (2, 1, 2, 'system', 'new-worker', 0, 20), (3, 1, 1, 'text', 'b', 1, 30),
          (4, 1, 2, 'text', 'vastaus', 0, 40), (5, 1, 1, 'text', 'c', 1, 50)`);
      });
      await before.close();
      const after = await SqliteDatabase.open(file, bundledMigrations());
      const rows = await after.all<{ id: number; handled_at: number | null; handled_by: number | null; handled_how: string | null }>('SELECT id, handled_at, handled_by, handled_how FROM messages ORDER BY id');
      expect(rows).toEqual([
        { id: 1, handled_at: 40, handled_by: 2, handled_how: 'reply' },
        { id: 2, handled_at: null, handled_by: null, handled_how: null },
        { id: 3, handled_at: 40, handled_by: 2, handled_how: 'reply' },
        { id: 4, handled_at: null, handled_by: null, handled_how: null },
        { id: 5, handled_at: null, handled_by: null, handled_how: null },
      ]);
      expect((await after.get<{ reply_days: number }>('SELECT reply_days FROM units'))!.reply_days).toBe(2);
      await after.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
