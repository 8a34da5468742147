import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@server/db/database';
import { SqliteDatabase } from '@server/db/sqlite';
import { bundledMigrations } from '@server/db/migrations';
import { createFirstAdmin } from './first-run';
import { addPersonOnce, namedClientCount, namedClientsOf, startUnitOnce } from './manage';

let dir: string;
let db: Database;
let unitId: number;
let adminId: number;

const auditActions = (unit: number) => db.all<{ action: string; actor_id: number | null }>('SELECT action, actor_id FROM admin_audit WHERE unit_id = ? ORDER BY id', [unit]);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omapolku-manage-'));
  db = await SqliteDatabase.open(path.join(dir, 'manage.sqlite'), bundledMigrations());
  const first = await createFirstAdmin(db, { unitName: ' Paja ', municipality: 'Pori', name: 'Essi Ensimmäinen', email: 'Essi@Testi.fi ', password: 'aloitus-salasana-2026' });
  unitId = first.unitId!;
  adminId = first.adminId!;
});

afterAll(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a unit with its first admin', () => {
  it('at the first run: trimmed, the email in lower case, audited with no actor', async () => {
    expect(await db.get('SELECT name, municipality FROM units WHERE id = ?', [unitId])).toEqual({ name: 'Paja', municipality: 'Pori' });
    expect(await db.get('SELECT email, preferred_name, role FROM people WHERE id = ?', [adminId])).toEqual({ email: 'essi@testi.fi', preferred_name: 'Essi', role: 'admin' });
    expect(await auditActions(unitId)).toEqual([{ action: 'create unit', actor_id: null }, { action: 'create admin', actor_id: null }]);
    expect(await createFirstAdmin(db, { unitName: 'Toinen', municipality: 'Pori', name: 'X', email: 'x@testi.fi', password: 'aloitus-salasana-2026' })).toEqual({ created: false });
  });

  it('started by an admin: once per form key, in both units\' logs, and never over a taken email', async () => {
    const key = { kind: 'unit' as const, key: 'unit-form-1', actorId: adminId };
    const unit = { unitName: 'Uusi Paja', municipality: 'Ulvila', adminName: 'Ulla Uusi', adminEmail: 'ulla@testi.fi', passwordHash: 'x' };
    const first = await startUnitOnce(db, key, unit, unitId);
    expect(first).toMatchObject({ replay: false });
    const newUnit = (first as { id: number }).id;
    expect(await startUnitOnce(db, key, unit, unitId)).toEqual({ id: newUnit, replay: true });
    expect(await auditActions(newUnit)).toEqual([{ action: 'create unit', actor_id: adminId }, { action: 'create admin', actor_id: adminId }]);
    expect((await auditActions(unitId)).at(-1)).toEqual({ action: 'create unit', actor_id: adminId });
    expect(await startUnitOnce(db, { ...key, key: 'unit-form-2' }, { ...unit, unitName: 'Kolmas', adminEmail: 'ULLA@testi.fi' }, unitId)).toEqual({ error: 'emailTaken' });
    expect(await startUnitOnce(db, { ...key, actorId: adminId + 100 }, unit, unitId)).toEqual({ error: 'formUsed' });
    expect(await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM units WHERE name = 'Kolmas'")).toEqual({ n: 0 });
  });
});

describe('adding a person', () => {
  it('adds a client with a named worker once per key; an account over a taken email is refused', async () => {
    const worker = await addPersonOnce(db, { kind: 'person', key: 'p-1', actorId: adminId }, { role: 'worker', unitId, fullName: 'Liisa Ohjaaja', preferredName: 'Liisa', email: 'liisa@testi.fi', passwordHash: 'x' });
    const workerId = (worker as { id: number }).id;
    const client = { role: 'client' as const, unitId, fullName: 'Aino Laine', preferredName: 'Aino', language: 'fi' as const, namedWorkerId: workerId };
    const added = await addPersonOnce(db, { kind: 'person', key: 'p-2', actorId: adminId }, client);
    expect(await addPersonOnce(db, { kind: 'person', key: 'p-2', actorId: adminId }, client)).toEqual({ id: (added as { id: number }).id, replay: true });
    expect(await namedClientCount(db, workerId)).toBe(1);
    expect(await namedClientsOf(db, unitId, workerId)).toEqual([{ id: (added as { id: number }).id, full_name: 'Aino Laine' }]);
    expect(await addPersonOnce(db, { kind: 'person', key: 'p-3', actorId: adminId }, { role: 'admin', unitId, fullName: 'Toinen', preferredName: 'T', email: 'Liisa@testi.fi', passwordHash: 'x' })).toEqual({ error: 'emailTaken' });
  });

  it('stores a photo from the same form with the person: once per key, a client\'s as their data, none when refused', async () => {
    const photo = { bytes: Buffer.from([0xff, 0xd8, 0xff, 0xd9]), width: 320, height: 320 };
    const photoCount = async () => (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM photos'))!.n;
    const before = await photoCount();
    const client = { role: 'client' as const, unitId, fullName: 'Kuva Asiakas', preferredName: 'Kuva', language: 'fi' as const, namedWorkerId: null };
    const key = { kind: 'person' as const, key: 'p-photo-1', actorId: adminId };
    const added = (await addPersonOnce(db, key, client, photo)) as { id: number };
    expect(await addPersonOnce(db, key, client, photo)).toEqual({ id: added.id, replay: true });
    expect(await photoCount()).toBe(before + 1);
    const row = await db.get<{ photo_id: number; client_id: number | null }>('SELECT p.photo_id, ph.client_id FROM people p JOIN photos ph ON ph.id = p.photo_id WHERE p.id = ?', [added.id]);
    expect(row).toEqual({ photo_id: expect.any(Number), client_id: added.id });
    expect((await auditActions(unitId)).slice(-2)).toEqual([{ action: 'create client', actor_id: adminId }, { action: 'set photo', actor_id: adminId }]);

    // A worker's portrait is nobody's client data; a refused account leaves no photo behind.
    const worker = (await addPersonOnce(db, { ...key, key: 'p-photo-2' }, { role: 'worker', unitId, fullName: 'Kuva Ohjaaja', preferredName: 'Kuva', email: 'kuva@testi.fi', passwordHash: 'x' }, photo)) as { id: number };
    expect(await db.get('SELECT ph.client_id FROM people p JOIN photos ph ON ph.id = p.photo_id WHERE p.id = ?', [worker.id])).toEqual({ client_id: null });
    expect(await addPersonOnce(db, { ...key, key: 'p-photo-3' }, { role: 'worker', unitId, fullName: 'Toinen', preferredName: 'T', email: 'KUVA@testi.fi', passwordHash: 'x' }, photo)).toEqual({ error: 'emailTaken' });
    expect(await photoCount()).toBe(before + 2);
  });
});
