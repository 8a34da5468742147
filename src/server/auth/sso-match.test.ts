import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '@server/db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { emailVerifiedIn, matchSsoPerson, type SsoClaims } from './sso-match';

const ISSUER = 'https://idp.kunta.example';
let db: Database;
beforeEach(async () => {
  db = await openTestDb(async (tx) => {
    await tx.run("INSERT INTO units (id, name, municipality, created_at) VALUES (1, 'Paja', 'Pori', 0)");
    const person = "INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0)";
    await tx.run(person, [2, 1, 'worker', 'Liisa Ohjaaja', 'Liisa', 'liisa@kunta.example', 1]);
    await tx.run(person, [3, 1, 'admin', 'Helena Vastaava', 'Helena', 'helena@kunta.example', 1]);
    await tx.run(person, [4, 1, 'worker', 'Pekka Lähtenyt', 'Pekka', 'pekka@kunta.example', 0]);
    await tx.run(person, [5, null, 'family', 'Maija Läheinen', 'Maija', 'maija@kunta.example', 1]);
  });
});
afterEach(() => closeTestDb(db));

const claims = (subject: string, email: string | null, emailVerified = true, issuer = ISSUER): SsoClaims => ({ issuer, subject, email, emailVerified });
const match = (c: SsoClaims, now = 1000) => db.write((tx) => matchSsoPerson(tx, c, now));
const identities = () => db.all('SELECT issuer, subject, person_id, linked_at, last_sign_in_at FROM sso_identities ORDER BY person_id');

describe('matchSsoPerson', () => {
  it('finds a worker by the verified email the first time (any capitals), then by the stored subject alone', async () => {
    expect(await match(claims('sub-liisa', 'Liisa@Kunta.Example'), 1000)).toEqual({ ok: true, person: { id: 2, role: 'worker', unit_id: 1 }, linked: true });
    expect(await identities()).toEqual([{ issuer: ISSUER, subject: 'sub-liisa', person_id: 2, linked_at: 1000, last_sign_in_at: 1000 }]);
    // The email changed at the provider (or went missing): the subject still finds her.
    expect(await match(claims('sub-liisa', null), 2000)).toEqual({ ok: true, person: { id: 2, role: 'worker', unit_id: 1 }, linked: false });
    expect(await identities()).toEqual([{ issuer: ISSUER, subject: 'sub-liisa', person_id: 2, linked_at: 1000, last_sign_in_at: 2000 }]);
  });

  it('never opens an account by an email the provider does not vouch for', async () => {
    expect(await match(claims('sub-x', 'helena@kunta.example', false))).toEqual({ ok: false, reason: 'unverified', person: { id: 3, role: 'admin', unit_id: 1 } });
    expect(await identities()).toEqual([]);
  });

  it('knows no family member or stranger, and makes nobody', async () => {
    expect(await match(claims('sub-maija', 'maija@kunta.example'))).toEqual({ ok: false, reason: 'unknown', person: null });
    expect(await match(claims('sub-x', 'someone@kunta.example'))).toEqual({ ok: false, reason: 'unknown', person: null });
    expect(await match(claims('sub-x', null))).toEqual({ ok: false, reason: 'unknown', person: null });
    expect(await db.get('SELECT COUNT(*) AS n FROM people')).toEqual({ n: 4 });
    expect(await identities()).toEqual([]);
  });

  it('refuses a deactivated person, by email and by a subject tied before', async () => {
    expect(await match(claims('sub-pekka', 'pekka@kunta.example'))).toEqual({ ok: false, reason: 'inactive', person: { id: 4, role: 'worker', unit_id: 1 } });
    await match(claims('sub-liisa', 'liisa@kunta.example'));
    await db.write((tx) => tx.run('UPDATE people SET active = 0 WHERE id = 2'));
    expect(await match(claims('sub-liisa', 'liisa@kunta.example'))).toEqual({ ok: false, reason: 'inactive', person: { id: 2, role: 'worker', unit_id: 1 } });
  });

  it('does not tie a second account of the same provider to a person silently', async () => {
    await match(claims('sub-liisa', 'liisa@kunta.example'));
    expect(await match(claims('sub-other', 'liisa@kunta.example'))).toEqual({ ok: false, reason: 'other_account', person: { id: 2, role: 'worker', unit_id: 1 } });
    // Another provider's account is its own tie.
    expect((await match(claims('sub-liisa', 'liisa@kunta.example', true, 'https://other.example'))).ok).toBe(true);
    expect((await identities()).map((r) => (r as { subject: string; issuer: string }).issuer)).toEqual([ISSUER, 'https://other.example']);
  });
});

describe('emailVerifiedIn', () => {
  it('reads email_verified, its string form, and Entra ID’s xms_edov', () => {
    expect(emailVerifiedIn({ email_verified: true })).toBe(true);
    expect(emailVerifiedIn({ email_verified: 'true' })).toBe(true);
    expect(emailVerifiedIn({ xms_edov: true })).toBe(true);
    expect(emailVerifiedIn({ email_verified: false })).toBe(false);
    expect(emailVerifiedIn({ email_verified: 'false', xms_edov: 0 })).toBe(false);
    expect(emailVerifiedIn({})).toBe(false);
  });
});
