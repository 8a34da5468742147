import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Database } from '../db/database';
import { jsonInteger } from '../db/dialect';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { consentsOf, createFamilyLink, endFamilyLink, familyLinksOf, giveConsent, inForce, withdrawConsent } from './store';
import { consentChangeRight, relationTo } from '../access';
import { todayInHelsinki } from '@domain/time/helsinki';
import { addDays } from '@domain/attendance/month';

let db: Database;
let ids: Record<string, number>;
const today = todayInHelsinki();

beforeEach(async () => {
  db = await openTestDb();
  ids = await db.write(async (tx) => {
    const unit = (await tx.run("INSERT INTO units (name, municipality, address, created_at) VALUES ('U', 'Pori', '', 0)")).lastID;
    const person = async (role: string, name: string) =>
      (await tx.run('INSERT INTO people (unit_id, role, full_name, preferred_name, email, created_at) VALUES (?, ?, ?, ?, ?, 0)', [role === 'family' ? null : unit, role, name, name, role === 'client' ? null : `${name}@x.fi`])).lastID;
    return { client: await person('client', 'Matti'), other: await person('client', 'Aino'), family: await person('family', 'Maija'), worker: await person('worker', 'Liisa') };
  });
});
afterEach(() => closeTestDb(db));

const base = () => ({ clientId: ids.client, recipientType: 'housing' as const, recipientName: 'Koivukoti', information: ['medication' as const], purpose: null, startsOn: today, endsOn: addDays(today, 100), givenBy: ids.client, givenAs: 'client' as const });

describe('consents', () => {
  test('the same key twice records one consent; another client with that key gets null', async () => {
    const first = await giveConsent(db, { ...base(), key: 'k1' });
    expect(await giveConsent(db, { ...base(), key: 'k1' })).toBe(first);
    expect(await giveConsent(db, { ...base(), clientId: ids.other, key: 'k1' })).toBeNull();
    expect(await consentsOf(db, ids.client)).toHaveLength(1);
  });

  test('a new consent to the same recipient replaces the one in force, and the history says "changed"', async () => {
    const first = await giveConsent(db, { ...base(), key: 'a' });
    const second = await giveConsent(db, { ...base(), recipientName: 'KOIVUKOTI', information: ['medication', 'health'], key: 'b' });
    const all = await consentsOf(db, ids.client);
    expect(inForce(all).map((c) => c.id)).toEqual([second]);
    expect(all.find((c) => c.id === first)!.state).toBe('replaced');
    expect(all.find((c) => c.id === second)!.events.map((e) => e.kind)).toEqual(['changed']);
    expect(all.find((c) => c.id === second)!.information).toEqual(['health', 'medication']);
  });

  test('withdrawing twice is one withdrawal; another client cannot withdraw it', async () => {
    const id = (await giveConsent(db, { ...base(), key: 'w' }))!;
    expect(await withdrawConsent(db, { clientId: ids.other, consentId: id, by: ids.other, as: 'client' })).toBe('not_found');
    expect(await withdrawConsent(db, { clientId: ids.client, consentId: id, by: ids.client, as: 'client' })).toBe('withdrawn');
    expect(await withdrawConsent(db, { clientId: ids.client, consentId: id, by: ids.client, as: 'client' })).toBe('withdrawn');
    const [c] = await consentsOf(db, ids.client);
    expect(c.state).toBe('withdrawn');
    expect(c.events.map((e) => e.kind)).toEqual(['given', 'withdrawn']);
  });

  test('a consent ends on its date by itself and shows a reminder 30 days before', async () => {
    await giveConsent(db, { ...base(), startsOn: addDays(today, -400), endsOn: addDays(today, -1), key: 'old' }, Date.now() - 400 * 86_400_000);
    await giveConsent(db, { ...base(), recipientType: 'kela', recipientName: '', endsOn: addDays(today, 30), key: 'soon' });
    await giveConsent(db, { ...base(), recipientType: 'te_services', recipientName: '', endsOn: addDays(today, 31), key: 'later' });
    const states = Object.fromEntries((await consentsOf(db, ids.client)).map((c) => [c.recipient_type, c.state]));
    expect(states).toEqual({ housing: 'expired', kela: 'ending_soon', te_services: 'current' });
  });

  test('consent rows cannot be changed or removed', async () => {
    const id = (await giveConsent(db, { ...base(), key: 'x' }))!;
    await withdrawConsent(db, { clientId: ids.client, consentId: id, by: ids.client, as: 'client' });
    await createFamilyLink(db, { clientId: ids.client, familyId: ids.family, basis: 'client_agreement', level: 'full', note: '', endsOn: null, createdBy: ids.worker });
    for (const sql of [
      'UPDATE consents SET ends_on = ends_on',
      'DELETE FROM consents',
      "UPDATE consent_information SET info_type = 'health'",
      'DELETE FROM consent_information',
      'UPDATE consent_endings SET ended_at = 0',
      'DELETE FROM consent_endings',
      'DELETE FROM family_links',
    ]) {
      await expect(db.write((tx) => tx.run(sql)), sql).rejects.toThrow(/append-only|kept/);
    }
  });
});

describe('family links', () => {
  test('the client ends a link: it ends at once, once, and cannot be reopened', async () => {
    const link = (await createFamilyLink(db, { clientId: ids.client, familyId: ids.family, basis: 'client_agreement', level: 'full', note: '', endsOn: null, createdBy: ids.worker }))!;
    expect(await createFamilyLink(db, { clientId: ids.client, familyId: ids.family, basis: 'client_agreement', level: 'full', note: '', endsOn: null, createdBy: ids.worker })).toBe(link);
    const family = { id: ids.family, role: 'family' } as never;
    expect(await relationTo(db, family, ids.client)).toBe('family');
    expect(await endFamilyLink(db, { clientId: ids.other, linkId: link, by: ids.other })).toBe(false);
    expect(await endFamilyLink(db, { clientId: ids.client, linkId: link, by: ids.client })).toBe(true);
    expect(await relationTo(db, family, ids.client)).toBeNull();
    await expect(db.write((tx) => tx.run('UPDATE family_links SET ended_at = NULL, ended_by = NULL'))).rejects.toThrow(/once/);
    await expect(db.write((tx) => tx.run("UPDATE family_links SET level = 'messages'"))).rejects.toThrow(/once/);
    const [l] = await familyLinksOf(db, ids.client);
    expect(l.active).toBe(false);
  });

  test('a new level for the same person ends the old link', async () => {
    await createFamilyLink(db, { clientId: ids.client, familyId: ids.family, basis: 'client_agreement', level: 'full', note: '', endsOn: null, createdBy: ids.worker });
    await createFamilyLink(db, { clientId: ids.client, familyId: ids.family, basis: 'client_agreement', level: 'read_only', note: '', endsOn: null, createdBy: ids.worker });
    const links = await familyLinksOf(db, ids.client);
    expect(links.filter((l) => l.active).map((l) => l.level)).toEqual(['read_only']);
  });

  test('only a legal representative link that opens the records may change consents', async () => {
    const family = { id: ids.family, role: 'family' } as never;
    await createFamilyLink(db, { clientId: ids.client, familyId: ids.family, basis: 'client_agreement', level: 'full', note: '', endsOn: null, createdBy: ids.worker });
    expect(await consentChangeRight(db, family, ids.client)).toBeNull();
    await createFamilyLink(db, { clientId: ids.client, familyId: ids.family, basis: 'guardian', level: 'messages', note: 'Edunvalvoja', endsOn: null, createdBy: ids.worker });
    expect(await consentChangeRight(db, family, ids.client)).toBeNull();
    await createFamilyLink(db, { clientId: ids.client, familyId: ids.family, basis: 'guardian', level: 'read_only', note: 'Edunvalvoja', endsOn: null, createdBy: ids.worker });
    expect(await consentChangeRight(db, family, ids.client)).toBe('legal_representative');
    expect(await consentChangeRight(db, { id: ids.client, role: 'client' } as never, ids.client)).toBe('client');
    expect(await consentChangeRight(db, { id: ids.other, role: 'client' } as never, ids.client)).toBeNull();
  });

  test('a link made or ended by staff is in the staff audit log under the client, which cannot be changed', async () => {
    const link = (await createFamilyLink(db, { clientId: ids.client, familyId: ids.family, basis: 'guardian', level: 'full', note: 'Edunvalvoja', endsOn: null, createdBy: ids.worker }))!;
    await endFamilyLink(db, { clientId: ids.client, linkId: link, by: ids.worker, staff: true });
    // A link the client ends is not a staff change.
    const other = (await createFamilyLink(db, { clientId: ids.client, familyId: ids.family, basis: 'client_agreement', level: 'read_only', note: '', endsOn: null, createdBy: ids.worker }))!;
    await endFamilyLink(db, { clientId: ids.client, linkId: other, by: ids.client });
    const rows = await db.all<{ action: string; target_id: number; link: number }>(`SELECT action, target_id, ${jsonInteger(db, 'new_value', 'link_id')} AS link FROM admin_audit ORDER BY id`);
    expect(rows).toEqual([
      { action: 'link family member', target_id: ids.client, link },
      { action: 'end family link', target_id: ids.client, link },
      { action: 'link family member', target_id: ids.client, link: other },
    ]);
    await expect(db.write((tx) => tx.run('DELETE FROM admin_audit'))).rejects.toThrow(/append-only/);
    await expect(db.write((tx) => tx.run("UPDATE admin_audit SET action = 'x'"))).rejects.toThrow(/append-only/);
  });

  test('the same form key makes one link, even after another level was chosen in between; a key of another client links nothing', async () => {
    const first = await createFamilyLink(db, { clientId: ids.client, familyId: ids.family, basis: 'client_agreement', level: 'full', note: '', endsOn: null, createdBy: ids.worker, key: 'k-1' });
    await createFamilyLink(db, { clientId: ids.client, familyId: ids.family, basis: 'client_agreement', level: 'messages', note: '', endsOn: null, createdBy: ids.worker, key: 'k-2' });
    // The first form sent again (a resent page): still the first link, and 'messages' stays in force.
    expect(await createFamilyLink(db, { clientId: ids.client, familyId: ids.family, basis: 'client_agreement', level: 'full', note: '', endsOn: null, createdBy: ids.worker, key: 'k-1' })).toBe(first);
    expect((await familyLinksOf(db, ids.client)).filter((l) => l.active).map((l) => l.level)).toEqual(['messages']);
    expect(await createFamilyLink(db, { clientId: ids.other, familyId: ids.family, basis: 'client_agreement', level: 'full', note: '', endsOn: null, createdBy: ids.worker, key: 'k-1' })).toBeNull();
    expect(await familyLinksOf(db, ids.other)).toEqual([]);
    expect((await db.all('SELECT id FROM family_links')).length).toBe(2);
  });
});
