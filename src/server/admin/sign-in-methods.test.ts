import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '@server/db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { config } from '@server/config';
import { hashPassword } from '@server/auth/password';
import { signInWithPassword } from '@server/auth/sign-in';
import { setPasswordSignIn, signInMethodsOfUnit } from './sign-in-methods';

const PASSWORD = 'pitkä salasana 123';
let db: Database;
beforeEach(async () => {
  const hash = await hashPassword(PASSWORD);
  db = await openTestDb(async (tx) => {
    await tx.run("INSERT INTO units (id, name, municipality, created_at) VALUES (1, 'Paja', 'Pori', 0), (2, 'Kivijalka', 'Rauma', 0)");
    const person = 'INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0)';
    await tx.run(person, [2, 1, 'admin', 'Helena Vastaava', 'Helena', 'helena@kunta.example', hash]);
    await tx.run(person, [3, 1, 'worker', 'Liisa Ohjaaja', 'Liisa', 'liisa@kunta.example', hash]);
    await tx.run(person, [4, 2, 'worker', 'Sanna Sivu', 'Sanna', 'sanna@kunta.example', hash]);
    await tx.run(person, [5, null, 'family', 'Maija Läheinen', 'Maija', 'maija@kunta.example', hash]);
    await tx.run("INSERT INTO sso_identities (issuer, subject, person_id, linked_at, last_sign_in_at) VALUES ('https://idp.example', 'helena', 2, 0, 0)");
  });
});
afterEach(async () => {
  config.sso = null;
  await closeTestDb(db);
});

const SSO = { issuer: 'https://idp.example', clientId: 'omapolku', clientSecret: 's', allowHttp: false };

describe("a unit's password sign-in", () => {
  it('is turned off only by an admin tied to the organisation account, with an audit row, and on again by anyone', async () => {
    expect(await signInMethodsOfUnit(db, 1, 2)).toEqual({ passwordSignIn: true, adminUsesSso: true, staff: 2, staffWithSso: 1 });
    await db.write((tx) => tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, created_at) VALUES (6, 1, 'admin', 'Toinen Admin', 'Toinen', 'toinen@kunta.example', 0)"));
    expect(await setPasswordSignIn(db, { id: 6, unitId: 1 }, false, 10)).toBe('adminWithoutSso');
    expect(await setPasswordSignIn(db, { id: 2, unitId: 1 }, false, 20)).toBe('saved');
    expect(await setPasswordSignIn(db, { id: 2, unitId: 1 }, false, 30)).toBe('unchanged');
    expect(await setPasswordSignIn(db, { id: 6, unitId: 1 }, true, 40)).toBe('saved');
    expect(await db.all("SELECT at, actor_id, unit_id, target_type, target_id, old_value, new_value FROM admin_audit WHERE action = 'change password sign-in' ORDER BY at")).toEqual([
      { at: 20, actor_id: 2, unit_id: 1, target_type: 'unit', target_id: 1, old_value: '{"password_sign_in":1}', new_value: '{"password_sign_in":0}' },
      { at: 40, actor_id: 6, unit_id: 1, target_type: 'unit', target_id: 1, old_value: '{"password_sign_in":0}', new_value: '{"password_sign_in":1}' },
    ]);
  });

  it("refuses the unit's staff a right password while single sign-on is set up, as for an unknown email, counting nothing", async () => {
    await setPasswordSignIn(db, { id: 2, unitId: 1 }, false);
    config.sso = SSO;
    expect(await signInWithPassword(db, 'liisa@kunta.example', PASSWORD, '10.0.0.1')).toEqual({ ok: false, reason: 'password_rejected', detail: 'password_off' });
    expect(await signInWithPassword(db, 'helena@kunta.example', PASSWORD, '10.0.0.1')).toMatchObject({ ok: false, detail: 'password_off' });
    expect(await db.get('SELECT failed_sign_ins FROM people WHERE id = 3')).toEqual({ failed_sign_ins: 0 });
    // Another unit's worker and a family member (no unit) keep their passwords.
    expect((await signInWithPassword(db, 'sanna@kunta.example', PASSWORD, '10.0.0.1')).ok).toBe(true);
    expect((await signInWithPassword(db, 'maija@kunta.example', PASSWORD, '10.0.0.1')).ok).toBe(true);
    // Without single sign-on set up (its settings removed), the unit's passwords work again.
    config.sso = null;
    expect((await signInWithPassword(db, 'liisa@kunta.example', PASSWORD, '10.0.0.1')).ok).toBe(true);
  });
});
