import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Database } from '../db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { byKey, tFor } from '@server/i18n';
import { audit, auditCount, auditCsv, auditOfUnit, namesInUnit, NO_AUDIT_FILTER, readableAudit } from './audit';

let db: Database;
beforeEach(async () => {
  db = await openTestDb(async (tx) => {
    await tx.run("INSERT INTO units (id, name, municipality, created_at) VALUES (1, 'Paja', 'Pori', 0), (2, 'Toinen', 'Rauma', 0)");
    await tx.run(`INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, created_at) VALUES
      (1, 1, 'client', 'Matti Virtanen', 'Matti', NULL, 0), (2, 1, 'worker', 'Liisa Ohjaaja', 'Liisa', 'l@x.fi', 0),
      (3, 1, 'worker', 'Pekka Valmentaja', 'Pekka', 'p@x.fi', 0), (4, 2, 'worker', 'Sanna Sivu', 'Sanna', 's@x.fi', 0),
      (5, NULL, 'family', 'Maija Virtanen', 'Maija', 'm@x.fi', 0), (6, NULL, 'family', 'Eero Muu', 'Eero', 'e@x.fi', 0),
      (7, 1, 'admin', 'Helena Vastaava', 'Helena', 'h@x.fi', 0)`);
    await tx.run("INSERT INTO family_links (family_id, client_id, basis, level, created_at) VALUES (5, 1, 'client_agreement', 'full', 0)");
  });
});
afterEach(() => closeTestDb(db));

test('names only the people the unit’s admin may know: the unit’s own and the family linked to its clients', async () => {
  expect([...(await namesInUnit(db, 1, [1, 2, 3, 4, 5, 6]))].sort()).toEqual([[1, 'Matti Virtanen'], [2, 'Liisa Ohjaaja'], [3, 'Pekka Valmentaja'], [5, 'Maija Virtanen']]);
});

test('filters by who, whose, action and days; pages; reads in words; the CSV has words and codes', async () => {
  const day = (d: number, h = 10) => Date.UTC(2026, 10, d, h);
  await db.write(async (tx) => {
    await audit(tx, { actorId: 7, unitId: 1, action: 'change named worker', targetType: 'person', targetId: 1, old: { named_worker_id: 2 }, new: { named_worker_id: 3 } }, day(2));
    await audit(tx, { actorId: 7, unitId: 1, action: 'move client', targetType: 'person', targetId: 1, old: { named_worker_id: 3 }, new: { named_worker_id: 4 } }, day(3));
    await audit(tx, { actorId: 2, unitId: 1, action: 'add substitute', targetType: 'assignment', targetId: 9, new: { client_id: 1, worker_id: 3, starts_on: '2026-11-04', ends_on: null } }, day(4));
    await audit(tx, { actorId: 7, unitId: 1, action: 'add rate', targetType: 'unit', targetId: 1, new: { service_type: 'tyotoiminta', valid_from: '2027-01-01', daily_cents: 580, meal_cents: 420 } }, day(5));
    await audit(tx, { actorId: 4, unitId: 2, action: 'add rate', targetType: 'unit', targetId: 2, new: { daily_cents: 100 } }, day(5));
  });
  const f = NO_AUDIT_FILTER;
  expect(await auditCount(db, 1, f)).toBe(4);
  expect((await auditOfUnit(db, 1, 2, f, 2)).map((r) => r.action)).toEqual(['move client', 'change named worker']);
  expect((await auditOfUnit(db, 1, null, { ...f, actorId: 2 })).map((r) => r.action)).toEqual(['add substitute']);
  // Whose: Matti as the target, and as the client of a substitution.
  expect((await auditOfUnit(db, 1, null, { ...f, personId: 1 })).map((r) => r.action)).toEqual(['add substitute', 'move client', 'change named worker']);
  expect((await auditOfUnit(db, 1, null, { ...f, action: 'add rate' })).map((r) => r.target_id)).toEqual([1]);
  expect(await auditCount(db, 1, { ...f, from: '2026-11-03', to: '2026-11-04' })).toBe(2);

  const tr = byKey(tFor('fi'));
  const rows = await readableAudit(db, 1, await auditOfUnit(db, 1, null, f), tr, 'fi');
  const of = (action: string) => rows.find((r) => r.action === action)!;
  expect(of('change named worker').change.words).toBe('Omaohjaaja: Liisa Ohjaaja → Pekka Valmentaja');
  // Sanna is in another unit: not named.
  expect(of('move client').change.words).toBe('Omaohjaaja: Pekka Valmentaja → toinen henkilö');
  expect(of('add substitute').targetWords).toBe('Matti Virtanen');
  expect(of('add substitute').change.words).toBe('Asiakas: Matti Virtanen; Ohjaaja: Pekka Valmentaja; Alkaa: 4.11.2026; Päättyy: –');
  expect(of('add rate').actionWords).toBe('Uusi taksa');
  expect(of('add rate').change.words).toBe('Palvelu: Työtoiminta; Voimassa alkaen: 1.1.2027; Päiväraha: 5,80\u00a0€; Ruokamaksu: 4,20\u00a0€');

  const { csv, clientIds } = await auditCsv(db, 1, { ...f, action: 'change named worker' }, tr, 'fi');
  const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  expect(lines[0]).toBe('Aika;Aika (UTC);Kuka;Toiminto;Toimintokoodi;Kohde;Muutos;Muutos (koodit)');
  expect(lines[1].split(';').slice(1)).toEqual([new Date(day(2)).toISOString(), 'Helena Vastaava', 'Omaohjaajan vaihto', 'change named worker', 'Matti Virtanen', 'Omaohjaaja: Liisa Ohjaaja → Pekka Valmentaja', 'named_worker_id: 2 → 3']);
  expect(clientIds).toEqual([1]);
});
