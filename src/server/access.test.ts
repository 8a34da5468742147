import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { areaRoles, canReadClient, relationTo, relationsTo, staffRelation } from './access';
import { unlockClientOfWorker } from './people/worker-home';
import { NO_REQUEST } from './security/events';
import type { SessionActor } from './auth/session';

type Person = SessionActor['person'];
const person = (id: number, role: Person['role'], unit_id: number | null): Person => ({
  id, role, unit_id, full_name: '', preferred_name: '', avatar: 'person', language: 'fi', text_size: 100,
});

describe('access', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDb(async (tx) => {
      await tx.run("INSERT INTO units (id, name, municipality, created_at) VALUES (1, 'A', 'Pori', 0), (2, 'B', 'Rauma', 0)");
      const p = "INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, created_at) VALUES (?, ?, ?, 'x', 'x', ?, 0)";
      await tx.run(p, [1, 1, 'client', null]);
      await tx.run(p, [2, 1, 'client', null]);
      await tx.run(p, [10, 1, 'worker', 'w10@x.fi']);
      await tx.run(p, [11, 1, 'worker', 'w11@x.fi']);
      await tx.run(p, [12, 2, 'worker', 'w12@x.fi']);
      await tx.run(p, [20, 1, 'admin', 'a20@x.fi']);
      await tx.run(p, [21, 2, 'admin', 'a21@x.fi']);
      await tx.run(p, [30, null, 'family', 'f30@x.fi']);
      await tx.run("INSERT INTO client_workers (client_id, worker_id, kind, starts_on, created_at) VALUES (1, 10, 'named', '2020-01-01', 0)");
      // A substitute period that has ended gives no access.
      await tx.run("INSERT INTO client_workers (client_id, worker_id, kind, starts_on, ends_on, created_at) VALUES (1, 11, 'substitute', '2020-01-01', '2020-02-01', 0)");
      await tx.run("INSERT INTO client_workers (client_id, worker_id, kind, starts_on, ends_on, created_at) VALUES (2, 11, 'substitute', '2020-01-01', '2099-01-01', 0)");
      await tx.run("INSERT INTO family_links (family_id, client_id, basis, level, created_at) VALUES (30, 1, 'guardian', 'full', 0)");
    });
  });
  afterAll(() => closeTestDb(db));

  it('relates each role to a client only through its links', async () => {
    expect(await relationTo(db, person(1, 'client', 1), 1)).toBe('self');
    expect(await relationTo(db, person(1, 'client', 1), 2)).toBeNull();
    expect(await relationTo(db, person(10, 'worker', 1), 1)).toBe('named_worker');
    expect(await relationTo(db, person(10, 'worker', 1), 2)).toBeNull();
    expect(await relationTo(db, person(11, 'worker', 1), 1)).toBeNull();
    expect(await relationTo(db, person(11, 'worker', 1), 2)).toBe('substitute');
    expect(await relationTo(db, person(12, 'worker', 2), 1)).toBeNull();
    expect(await relationTo(db, person(20, 'admin', 1), 2)).toBe('admin');
    expect(await relationTo(db, person(21, 'admin', 2), 1)).toBeNull();
    expect(await relationTo(db, person(30, 'family', null), 1)).toBe('family');
    expect(await relationTo(db, person(30, 'family', null), 2)).toBeNull();
  });

  it('relates many clients at once exactly as one at a time', async () => {
    const readers = [person(1, 'client', 1), person(10, 'worker', 1), person(11, 'worker', 1), person(12, 'worker', 2), person(20, 'admin', 1), person(21, 'admin', 2), person(30, 'family', null)];
    for (const reader of readers) {
      const bases = await relationsTo(db, reader, [1, 2, 2, 10, 999]);
      for (const clientId of [1, 2, 10, 999]) expect(bases.get(clientId) ?? null, `${reader.id} → ${clientId}`).toBe(await relationTo(db, reader, clientId));
    }
    expect((await relationsTo(db, person(10, 'worker', 1), [])).size).toBe(0);
  });

  it('relates nobody through an id no database row can have (a forged form), on either engine', async () => {
    // Whole numbers in JavaScript, but beyond a safe integer: PostgreSQL refuses them as a bigint.
    for (const id of [-1e308, 1e308, 1e20, 2 ** 63, Number.NaN, 1.5]) {
      expect(await staffRelation(db, person(10, 'worker', 1), id), String(id)).toBeNull();
      expect(await unlockClientOfWorker(db, person(10, 'worker', 1), id, NO_REQUEST), String(id)).toBeNull();
    }
  });

  it('logs a view by anyone but the client, and nothing for refused or own views', async () => {
    await canReadClient(db, person(1, 'client', 1), 1, 'client overview', '/client');
    await canReadClient(db, person(10, 'worker', 1), 1, 'plan', '/worker/clients/1');
    await canReadClient(db, person(12, 'worker', 2), 1, 'plan', '/worker/clients/1');
    expect(await db.all('SELECT actor_id, client_id, action, basis FROM access_log')).toEqual([
      { actor_id: 10, client_id: 1, action: 'plan', basis: 'named_worker' },
    ]);
  });

  it('maps URL areas to roles', () => {
    expect(areaRoles('/client')).toEqual(['client']);
    expect(areaRoles('/client/plan')).toEqual(['client']);
    expect(areaRoles('/clients')).toBeNull();
    expect(areaRoles('/admin/units')).toEqual(['admin']);
    expect(areaRoles('/worker')).toEqual(['worker']);
    expect(areaRoles('/worker/clients/7/plan')).toEqual(['worker', 'admin']);
    expect(areaRoles('/worker/clientsx')).toEqual(['worker']);
    expect(areaRoles('/help')).toBeNull();
  });
});
