import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqlFor, type Database } from '../db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { commitClientImport, importContext, importResult, importTicketKey, newImportKey, openTicket, signTicket, TICKET_VALID_MS, type ImportTicket } from './client-import';

let db: Database;
const ADMIN = 10;
const UNIT = 1;
const HEADER = 'nimi;kutsumanimi;kieli;yksikkö;omaohjaajan sähköposti';

beforeEach(async () => {
  db = await openTestDb(async (tx) => {
    await tx.run("INSERT INTO units (id, name, municipality, created_at) VALUES (1, 'Työkeskus Pajakulma', 'Pori', 0), (2, 'Avotyöpiste Kivijalka', 'Rauma', 0)");
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, created_at) VALUES (10, 1, 'admin', 'Helena Vastaava', 'Helena', 'helena@x.fi', 0)");
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, created_at) VALUES (11, 1, 'worker', 'Liisa Ohjaaja', 'Liisa', 'liisa@x.fi', 0)");
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, created_at) VALUES (12, 2, 'worker', 'Sanna Sivu', 'Sanna', 'sanna@x.fi', 0)");
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, active, created_at) VALUES (13, 1, 'worker', 'Entinen Ohjaaja', 'Entinen', 'entinen@x.fi', 0, 0)");
  });
});
afterEach(() => closeTestDb(db));

const ticketFor = (text: string, over: Partial<ImportTicket> = {}): ImportTicket => ({ adminId: ADMIN, unitId: UNIT, key: newImportKey(), issuedAt: Date.now(), fileName: 'asiakkaat.csv', text, ...over });
const clients = () => db.all<{ id: number; full_name: string; language: string; unit_id: number }>("SELECT id, full_name, language, unit_id FROM people WHERE role = 'client' ORDER BY id");
const audits = () => db.all<{ action: string; target_type: string; target_id: number | null; actor_id: number; new_value: string }>('SELECT action, target_type, target_id, actor_id, new_value FROM admin_audit ORDER BY id');

describe('importContext', () => {
  it('gives the unit, the other units\' names and only the active workers of the unit', async () => {
    expect(await importContext(db, UNIT)).toEqual({
      unit: { id: 1, name: 'Työkeskus Pajakulma' },
      otherUnitNames: ['Avotyöpiste Kivijalka'],
      workers: [{ id: 11, email: 'liisa@x.fi', fullName: 'Liisa Ohjaaja' }],
      clientNames: [],
      asiakasnumerot: [],
    });
    expect(await importContext(db, 99)).toBeNull();
  });
});

describe('commitClientImport', () => {
  it('creates every client with the named worker, one audit row each and one for the import', async () => {
    const ticket = ticketFor(`${HEADER}\r\nÄänekoski Öhman;Äksy;ruotsi;;liisa@x.fi\r\nSjöström Åsa;;;;\r\n`);
    const outcome = await commitClientImport(db, ticket);
    expect(outcome.status).toBe('created');
    const created = await clients();
    expect(created.map((c) => [c.full_name, c.language, c.unit_id])).toEqual([['Äänekoski Öhman', 'sv', 1], ['Sjöström Åsa', 'fi', 1]]);
    expect(await db.all('SELECT client_id, worker_id, kind FROM client_workers')).toEqual([{ client_id: created[0].id, worker_id: 11, kind: 'named' }]);
    const rows = await audits();
    expect(rows.map((r) => [r.action, r.target_type, r.actor_id])).toEqual([['create client', 'person', ADMIN], ['create client', 'person', ADMIN], ['import clients', 'import', ADMIN]]);
    expect(JSON.parse(rows[2].new_value)).toEqual({ count: 2, key: ticket.key, file_name: 'asiakkaat.csv', client_ids: created.map((c) => c.id) });

    const result = await importResult(db, UNIT, (outcome as { importId: number }).importId);
    expect(result?.clients.map((c) => [c.full_name, c.named_worker])).toEqual([['Äänekoski Öhman', 'Liisa Ohjaaja'], ['Sjöström Åsa', null]]);
    // Another unit's admin asking for this import finds nothing.
    expect(await importResult(db, 2, (outcome as { importId: number }).importId)).toBeNull();
  });

  it('stores the asiakasnumero, and stops at one the unit’s clients have already (checked again at saving)', async () => {
    const ticket = ticketFor('nimi;asiakasnumero\nAino Laine;100245\nJukka Niemi;\n');
    expect((await commitClientImport(db, ticket)).status).toBe('created');
    expect(await db.all("SELECT full_name, asiakasnumero FROM people WHERE role = 'client' ORDER BY id")).toEqual([
      { full_name: 'Aino Laine', asiakasnumero: '100245' },
      { full_name: 'Jukka Niemi', asiakasnumero: null },
    ]);
    const again = await commitClientImport(db, ticketFor('nimi;asiakasnumero\nEero Koski;100245\n'));
    expect(again.status === 'invalid' && again.preview.rows[0].errors).toEqual([{ code: 'asiakasnumeroTaken' }]);
  });

  it('creates nothing more when the same ticket comes again, even twice at once', async () => {
    const ticket = ticketFor(`${HEADER}\nAino Laine;;;;\nJukka Niemi;;;;`);
    const first = await commitClientImport(db, ticket);
    const [again, andAgain] = await Promise.all([commitClientImport(db, ticket), commitClientImport(db, ticket)]);
    expect(first.status).toBe('created');
    expect(again).toEqual({ status: 'alreadyDone', importId: (first as { importId: number }).importId });
    expect(andAgain).toEqual(again);
    expect((await clients()).length).toBe(2);
    // The same file previewed again is a new import (a new key): the preview warns of the names.
    expect((await commitClientImport(db, ticketFor(ticket.text))).status).toBe('created');
    expect((await clients()).length).toBe(4);
  });

  it('checks the rows again when saving: a worker who left after the preview stops the import', async () => {
    const ticket = ticketFor(`${HEADER}\nAino Laine;;;;\nJukka Niemi;;;;liisa@x.fi`);
    await db.write((tx) => tx.run('UPDATE people SET unit_id = 2 WHERE id = 11'));
    const outcome = await commitClientImport(db, ticket);
    expect(outcome.status).toBe('invalid');
    expect(outcome.status === 'invalid' && outcome.preview.rows[1].errors).toEqual([{ code: 'workerNotInUnit' }]);
    expect(await clients()).toEqual([]);
    expect(await audits()).toEqual([]);
  });

  it('saves all or nothing: a failure at the third client leaves no client and no audit row', async () => {
    await db.write((tx) =>
      tx.exec(
        sqlFor(db, {
          sqlite: "CREATE TEMP TRIGGER fail_third BEFORE INSERT ON people WHEN NEW.full_name = 'Kolmas Asiakas' BEGIN SELECT RAISE(ABORT, 'disk full'); END",
          // A schema of this test's own, so a plain trigger is as temporary; omapolku_refuse raises its argument.
          postgres: "CREATE TRIGGER fail_third BEFORE INSERT ON people FOR EACH ROW WHEN (NEW.full_name = 'Kolmas Asiakas') EXECUTE FUNCTION omapolku_refuse('disk full')",
        }),
      ),
    );
    const ticket = ticketFor(`${HEADER}\nEka Asiakas;;;;liisa@x.fi\nToka Asiakas;;;;\nKolmas Asiakas;;;;`);
    await expect(commitClientImport(db, ticket)).rejects.toThrow('disk full');
    expect(await clients()).toEqual([]);
    expect(await db.all('SELECT * FROM client_workers')).toEqual([]);
    expect(await audits()).toEqual([]);
  });
});

describe('the ticket', () => {
  const ticket = ticketFor('nimi\nAino');
  let key: Buffer;
  beforeEach(async () => {
    key = await importTicketKey(db);
  });

  it('is signed with a key kept in the database, the same for every app server on it', async () => {
    expect(key).toHaveLength(32);
    expect(await importTicketKey(db)).toEqual(key);
    expect(await db.all("SELECT name FROM server_keys")).toEqual([{ name: 'import-ticket' }]);
    // Another database (another unit's installation) has a key of its own.
    const other = await openTestDb();
    try {
      expect(await importTicketKey(other)).not.toEqual(key);
    } finally {
      await closeTestDb(other);
    }
  });

  it('opens for the admin and unit it was made for, within its time', () => {
    expect(openTicket(key, signTicket(key, ticket), ADMIN, UNIT)).toEqual({ ok: true, ticket });
    expect(openTicket(key, signTicket(key, ticket), ADMIN, UNIT, ticket.issuedAt + TICKET_VALID_MS + 1)).toEqual({ ok: false, problem: 'expired' });
  });

  it('refuses another admin or unit, a changed text and anything that is no ticket', () => {
    const token = signTicket(key, ticket);
    expect(openTicket(key, token, 11, UNIT)).toEqual({ ok: false, problem: 'badTicket' });
    expect(openTicket(key, token, ADMIN, 2)).toEqual({ ok: false, problem: 'badTicket' });
    const [, mac] = token.split('.');
    const changed = Buffer.from(JSON.stringify({ ...ticket, text: 'nimi\nMallory' })).toString('base64url');
    expect(openTicket(key, `${changed}.${mac}`, ADMIN, UNIT)).toEqual({ ok: false, problem: 'badTicket' });
    for (const junk of ['', '.', 'abc', 'a.b.c', `${token}x`, `${token.split('.')[0]}.`]) expect(openTicket(key, junk, ADMIN, UNIT), junk).toEqual({ ok: false, problem: 'badTicket' });
  });
});
