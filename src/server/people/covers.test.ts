import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { relationTo } from '../access';
import { addDays } from '@domain/attendance/month';
import { todayInHelsinki } from '@domain/time/helsinki';
import { colleaguesOf, coversOfUnit, coverToEnd, createCover, endCover, type Person } from './covers';

let db: Database;
let liisa: Person;
let pekka: Person;
let sanna: Person;
let admin: Person;
let adminB: Person;
let tuula: Person;
let matti: number;
let jukka: number;
let aino: number;
const today = todayInHelsinki();

const person = (id: number, role: Person['role'], unitId: number): Person => ({ id, unit_id: unitId, role, full_name: `P${id}`, preferred_name: `P${id}`, avatar: 'worker', language: 'fi', text_size: 100 }) as Person;
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

beforeAll(async () => {
  db = await openTestDb();
  await db.write(async (tx) => {
    const unitA = (await tx.run("INSERT INTO units (name, municipality, created_at) VALUES ('A', 'Pori', 0)")).lastID;
    const unitB = (await tx.run("INSERT INTO units (name, municipality, created_at) VALUES ('B', 'Rauma', 0)")).lastID;
    const staff = async (role: Person['role'], email: string, unit: number, name: string) =>
      person((await tx.run('INSERT INTO people (unit_id, role, full_name, preferred_name, email, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, 0)', [unit, role, name, name, email, 'x'])).lastID, role, unit);
    liisa = await staff('worker', 'l@t.fi', unitA, 'Liisa');
    pekka = await staff('worker', 'p@t.fi', unitA, 'Pekka');
    sanna = await staff('worker', 's@t.fi', unitB, 'Sanna');
    admin = await staff('admin', 'a@t.fi', unitA, 'Helena');
    adminB = await staff('admin', 'b@t.fi', unitB, 'Olli');
    tuula = await staff('worker', 't@t.fi', unitA, 'Tuula');
    const client = async (name: string, worker: number) => {
      const id = (await tx.run("INSERT INTO people (unit_id, role, full_name, preferred_name, created_at) VALUES (?, 'client', ?, ?, 0)", [unitA, name, name])).lastID;
      await tx.run("INSERT INTO client_workers (client_id, worker_id, kind, starts_on, created_at) VALUES (?, ?, 'named', '2024-01-01', 0)", [id, worker]);
      return id;
    };
    matti = await client('Matti', liisa.id);
    jukka = await client('Jukka', liisa.id);
    aino = await client('Aino', pekka.id);
  });
});
afterAll(() => closeTestDb(db));

describe('holiday covers', () => {
  it('offers the active workers of the same unit, not the worker themself', async () => {
    expect((await colleaguesOf(db, liisa)).map((c) => c.id)).toEqual([pekka.id, tuula.id]);
  });

  it('gives the substitute access to every named client of the worker, only on the cover\'s days', async () => {
    const from = addDays(today, 3);
    const to = addDays(today, 5);
    expect(await createCover(db, liisa, form({ key: 'k1', sub_worker: String(pekka.id), starts_on: from, ends_on: to }))).toEqual({ kind: 'created' });
    for (const client of [matti, jukka]) {
      expect(await relationTo(db, pekka, client, addDays(from, -1))).toBeNull();
      expect(await relationTo(db, pekka, client, from)).toBe('substitute');
      expect(await relationTo(db, pekka, client, to)).toBe('substitute');
      expect(await relationTo(db, pekka, client, addDays(to, 1))).toBeNull();
    }
    // Not Pekka's own client's worker the other way round: Liisa gets nothing of Aino.
    expect(await relationTo(db, liisa, aino, from)).toBeNull();
    // The same key again: one cover.
    expect(await createCover(db, liisa, form({ key: 'k1', sub_worker: String(pekka.id), starts_on: from, ends_on: to }))).toEqual({ kind: 'created' });
    expect(await db.get('SELECT COUNT(*) AS n FROM substitute_covers')).toEqual({ n: 1 });
    const audit = await db.get<{ new_value: string }>("SELECT new_value FROM admin_audit WHERE action = 'add cover'");
    expect(JSON.parse(audit!.new_value)).toMatchObject({ substitute_id: pekka.id, client_ids: [matti, jukka] });
  });

  it('refuses a colleague of another unit, the worker themself and an admin; checks the days', async () => {
    for (const id of [sanna.id, liisa.id, admin.id, 999999]) {
      expect(await createCover(db, liisa, form({ key: `x${id}`, sub_worker: String(id), starts_on: today, ends_on: today }))).toEqual({ kind: 'forbidden' });
    }
    const errors = async (fields: Record<string, string>) => {
      const answer = await createCover(db, liisa, form({ key: 'e', sub_worker: String(pekka.id), ...fields }));
      return answer.kind === 'errors' ? answer.codes : answer;
    };
    expect(await errors({ starts_on: addDays(today, -1), ends_on: today })).toEqual({ starts_on: 'inPast' });
    expect(await errors({ starts_on: addDays(today, 2), ends_on: addDays(today, 1) })).toEqual({ ends_on: 'endBeforeStart' });
    expect(await errors({ starts_on: today, ends_on: addDays(today, 92) })).toEqual({ ends_on: 'tooLong' });
    expect(await errors({ starts_on: 'huomenna', ends_on: '' })).toEqual({ starts_on: 'badDay', ends_on: 'badDay' });
    expect(await errors({ starts_on: addDays(today, 4), ends_on: addDays(today, 8) })).toEqual({ sub_worker: 'overlaps' });
    // A worker without named clients has nothing to cover.
    expect(await createCover(db, tuula, form({ key: 'n', sub_worker: String(pekka.id), starts_on: today, ends_on: today }))).toMatchObject({ kind: 'errors', codes: { form: 'noClients' } });
    expect(await db.get('SELECT COUNT(*) AS n FROM substitute_covers')).toEqual({ n: 1 });
  });

  it('ends only for the worker away or an admin of the unit; a cover not started never applies', async () => {
    const [cover] = await coversOfUnit(db, admin.unit_id!);
    expect(cover).toMatchObject({ worker_id: liisa.id, substitute_id: pekka.id, clients: 2 });
    expect(await coverToEnd(db, pekka, cover.id)).toBeUndefined();
    expect(await endCover(db, pekka, cover.id)).toBe(false);
    expect(await endCover(db, adminB, cover.id)).toBe(false);
    expect(await endCover(db, sanna, cover.id)).toBe(false);
    expect(await endCover(db, admin, cover.id)).toBe(true);
    const rows = await db.all<{ ends_on: string }>('SELECT ends_on FROM client_workers WHERE cover_id = ?', [cover.id]);
    expect(rows.map((r) => r.ends_on)).toEqual([addDays(today, 2), addDays(today, 2)]);
    expect(await relationTo(db, pekka, matti, addDays(today, 4))).toBeNull();
    expect(await coversOfUnit(db, admin.unit_id!)).toEqual([]);
    expect(await db.get("SELECT COUNT(*) AS n FROM admin_audit WHERE action = 'end cover'")).toEqual({ n: 1 });
  });

  it('a cover going on ends yesterday when the worker cancels it', async () => {
    expect(await createCover(db, liisa, form({ key: 'k2', sub_worker: String(pekka.id), starts_on: today, ends_on: addDays(today, 10) }))).toEqual({ kind: 'created' });
    expect(await relationTo(db, pekka, matti, today)).toBe('substitute');
    const [cover] = await coversOfUnit(db, admin.unit_id!);
    expect(await endCover(db, liisa, cover.id)).toBe(true);
    expect(await relationTo(db, pekka, matti, today)).toBeNull();
    expect(await db.all('SELECT DISTINCT ends_on FROM client_workers WHERE cover_id = ?', [cover.id])).toEqual([{ ends_on: addDays(today, -1) }]);
  });
});
