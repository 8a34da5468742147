import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { hashPin } from '../auth/picture-pin';
import { createSession } from '../auth/session';
import { findCardOwner, issueLoginCard } from '../auth/login-card';
import { startCardSignIn } from '../auth/sign-in';
import { UNTIL_UNLOCKED } from '../auth/rate-limit';
import { cardsOf, clientForCardAdmin, currentCardId, issueCardAsAdmin, parseId, resetPinAsAdmin, unlockAsAdmin, type Admin } from './login-cards';

let db: Database;
let adminA: Admin;
let adminB: Admin;
let clientId: number;
let workerId: number;
let otherUnitClientId: number;

function adminOf(id: number, unitId: number): Admin {
  return { id, unit_id: unitId, role: 'admin', full_name: 'Testi Admin', preferred_name: 'Testi', avatar: 'worker', language: 'fi', text_size: 100 };
}

const auditRows = (action: string) =>
  db.all<{ actor_id: number; unit_id: number; target_type: string; target_id: number; old_value: string | null; new_value: string | null }>(
    'SELECT actor_id, unit_id, target_type, target_id, old_value, new_value FROM admin_audit WHERE action = ? ORDER BY id',
    [action],
  );

beforeAll(async () => {
  db = await openTestDb();
  const pin = await hashPin(['cat', 'dog', 'sun', 'car']);
  await db.write(async (tx) => {
    const unitA = (await tx.run("INSERT INTO units (name, municipality, created_at) VALUES ('A', 'Pori', 0)")).lastID;
    const unitB = (await tx.run("INSERT INTO units (name, municipality, created_at) VALUES ('B', 'Rauma', 0)")).lastID;
    const insertStaff = async (role: string, email: string, unit: number) =>
      (await tx.run("INSERT INTO people (unit_id, role, full_name, preferred_name, email, password_hash, created_at) VALUES (?, ?, 'X', 'X', ?, 'x', 0)", [unit, role, email])).lastID;
    adminA = adminOf(await insertStaff('admin', 'a@testi.fi', unitA), unitA);
    adminB = adminOf(await insertStaff('admin', 'b@testi.fi', unitB), unitB);
    workerId = await insertStaff('worker', 'w@testi.fi', unitA);
    clientId = (await tx.run("INSERT INTO people (unit_id, role, full_name, preferred_name, pin_hash, created_at) VALUES (?, 'client', 'Testi Asiakas', 'Testi', ?, 0)", [unitA, pin])).lastID;
    otherUnitClientId = (await tx.run("INSERT INTO people (unit_id, role, full_name, preferred_name, pin_hash, created_at) VALUES (?, 'client', 'Muu Asiakas', 'Muu', ?, 0)", [unitB, pin])).lastID;
  });
});

afterAll(() => closeTestDb(db));

describe('which client an admin may handle', () => {
  it('takes only plain positive whole numbers as ids', () => {
    expect(parseId('12')).toBe(12);
    for (const bad of [undefined, '', '0', '-1', '1e3', '1.5', ' 1', '01', 'abc', '99999999999999999999']) expect(parseId(bad), String(bad)).toBeNull();
  });

  it('answers 404 for an id that is nobody, or not a client, and 403 for another unit', async () => {
    expect(await clientForCardAdmin(db, adminA, clientId)).toMatchObject({ ok: true, client: { id: clientId, has_pin: 1 } });
    expect(await clientForCardAdmin(db, adminA, 987654)).toEqual({ ok: false, status: 404 });
    expect(await clientForCardAdmin(db, adminA, workerId)).toEqual({ ok: false, status: 404 });
    expect(await clientForCardAdmin(db, adminA, null)).toEqual({ ok: false, status: 404 });
    expect(await clientForCardAdmin(db, adminB, clientId)).toEqual({ ok: false, status: 403 });
    expect(await clientForCardAdmin(db, adminA, otherUnitClientId)).toEqual({ ok: false, status: 403 });
    // A worker is never a card admin, whatever the unit.
    expect(await clientForCardAdmin(db, { ...adminA, role: 'worker' }, clientId)).toEqual({ ok: false, status: 403 });
  });
});

describe('issuing a card', () => {
  it('issues a working card, revokes the old one and writes the audit row in the same go', async () => {
    const old = await issueLoginCard(db, clientId, null);
    const replaces = currentCardId(await cardsOf(db, clientId));
    expect(replaces).toBe(old.cardId);

    const result = await issueCardAsAdmin(db, adminA, clientId, replaces, 'worn');
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    expect(result.card.shortCode).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    expect(await findCardOwner(db, 'secret', result.card.secret)).toMatchObject({ client_id: clientId, card_id: result.card.cardId });
    expect(await findCardOwner(db, 'short_code', result.card.shortCode)).toMatchObject({ client_id: clientId });
    expect(await findCardOwner(db, 'secret', old.secret)).toBeUndefined();
    expect(await findCardOwner(db, 'short_code', old.shortCode)).toBeUndefined();

    // Only hashes are kept: neither the secret nor the short code is anywhere in the table.
    const stored = JSON.stringify(await db.all('SELECT * FROM login_cards'));
    expect(stored).not.toContain(result.card.secret);
    expect(stored).not.toContain(result.card.shortCode);

    const rows = await auditRows('issue login card');
    expect(rows.at(-1)).toMatchObject({ actor_id: adminA.id, target_type: 'login_card', target_id: result.card.cardId });
    expect(JSON.parse(rows.at(-1)!.old_value!)).toEqual({ card_id: old.cardId });
    expect(JSON.stringify(rows)).not.toContain(result.card.secret);
  });

  it('issues nothing when the form is sent again (the card it saw is already replaced)', async () => {
    const replaces = currentCardId(await cardsOf(db, clientId));
    const first = await issueCardAsAdmin(db, adminA, clientId, replaces, 'worn');
    expect(first.ok).toBe(true);
    const cardsAfterFirst = await cardsOf(db, clientId);
    const auditAfterFirst = (await auditRows('issue login card')).length;

    expect(await issueCardAsAdmin(db, adminA, clientId, replaces, 'worn')).toEqual({ ok: false, reason: 'stale' });
    expect(await cardsOf(db, clientId)).toEqual(cardsAfterFirst);
    expect((await auditRows('issue login card')).length).toBe(auditAfterFirst);
    // The card from the first answer still works.
    if (first.ok) expect(await findCardOwner(db, 'secret', first.card.secret)).toBeDefined();
  });

  it('issues the first card of a client with none when the form says "replaces 0"', async () => {
    const fresh = (await db.write((tx) => tx.run("INSERT INTO people (unit_id, role, full_name, preferred_name, created_at) VALUES (?, 'client', 'Uusi Asiakas', 'Uusi', 0)", [adminA.unit_id]))).lastID;
    expect(currentCardId(await cardsOf(db, fresh))).toBe(0);
    const result = await issueCardAsAdmin(db, adminA, fresh, 0, null);
    expect(result.ok).toBe(true);
    expect((await auditRows('issue login card')).at(-1)).toMatchObject({ target_type: 'login_card', old_value: null });
  });

  it("refuses another unit's admin and writes nothing", async () => {
    const before = await cardsOf(db, clientId);
    const audits = (await auditRows('issue login card')).length;
    expect(await issueCardAsAdmin(db, adminB, clientId, currentCardId(before), 'lost')).toEqual({ ok: false, reason: 'forbidden' });
    expect(await issueCardAsAdmin(db, adminA, workerId, 0, null)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await cardsOf(db, clientId)).toEqual(before);
    expect((await auditRows('issue login card')).length).toBe(audits);
  });
});

describe('a lost card and a worn-out card', () => {
  const sessionCount = async () => (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM sessions WHERE person_id = ?', [clientId]))!.n;
  const events = (kind: string) =>
    db.all<{ reason: string; person_id: number; unit_id: number; by_id: number }>('SELECT reason, person_id, unit_id, by_id FROM security_events WHERE kind = ? ORDER BY id', [kind]);

  it('needs the reason when a valid card is replaced, and changes nothing without it', async () => {
    await createSession(db, clientId, 'remembered');
    const replaces = currentCardId(await cardsOf(db, clientId));
    const before = await cardsOf(db, clientId);
    const audits = (await auditRows('issue login card')).length;
    expect(await issueCardAsAdmin(db, adminA, clientId, replaces, null)).toEqual({ ok: false, reason: 'why_missing' });
    expect(await cardsOf(db, clientId)).toEqual(before);
    expect((await auditRows('issue login card')).length).toBe(audits);
    expect(await sessionCount()).toBeGreaterThan(0);
  });

  it('"worn" keeps the client signed in; "lost" ends every session in the same transaction, audited and logged', async () => {
    await createSession(db, clientId, 'remembered');
    const worn = await issueCardAsAdmin(db, adminA, clientId, currentCardId(await cardsOf(db, clientId)), 'worn');
    expect(worn).toMatchObject({ ok: true, sessionsEnded: 0 });
    const kept = await sessionCount();
    expect(kept).toBeGreaterThan(0);
    expect((await events('card_issued')).at(-1)).toEqual({ reason: 'worn', person_id: clientId, unit_id: adminA.unit_id, by_id: adminA.id });

    const lost = await issueCardAsAdmin(db, adminA, clientId, currentCardId(await cardsOf(db, clientId)), 'lost');
    expect(lost).toMatchObject({ ok: true, sessionsEnded: kept });
    expect(await sessionCount()).toBe(0);
    expect(await db.get('SELECT 1 FROM pending_sign_ins WHERE client_id = ?', [clientId])).toBeUndefined();
    expect((await auditRows('end sessions: card lost')).at(-1)).toMatchObject({ actor_id: adminA.id, target_id: clientId, old_value: JSON.stringify({ sessions: kept }) });
    expect(JSON.parse((await auditRows('issue login card')).at(-1)!.new_value!)).toMatchObject({ reason: 'lost' });
    expect((await events('card_issued')).at(-1)).toMatchObject({ reason: 'lost', person_id: clientId });
    expect((await events('sessions_ended')).at(-1)).toEqual({ reason: 'card_lost', person_id: clientId, unit_id: adminA.unit_id, by_id: adminA.id });
  });
});

describe('resetting the picture PIN and opening the lock', () => {
  beforeEach(async () => {
    const pin = await hashPin(['cat', 'dog', 'sun', 'car']);
    await db.write((tx) => tx.run('UPDATE people SET pin_hash = ?, failed_sign_ins = 0, locked_until = NULL WHERE id = ?', [pin, clientId]));
  });

  it('forgets the PIN, ends every session and half-done sign-in, opens the lock, with an audit row', async () => {
    await createSession(db, clientId, 'remembered');
    await createSession(db, clientId, 'shared');
    const card = await issueLoginCard(db, clientId, adminA.id);
    const pending = await startCardSignIn(db, 'secret', card.secret, '10.9.0.1');
    expect(pending.ok).toBe(true);
    await db.write((tx) => tx.run('UPDATE people SET failed_sign_ins = 10, locked_until = ? WHERE id = ?', [UNTIL_UNLOCKED, clientId]));

    expect(await resetPinAsAdmin(db, adminA, clientId)).toEqual({ ok: true, changed: true });
    const person = await db.get<{ pin_hash: string | null; failed_sign_ins: number; locked_until: number | null }>('SELECT pin_hash, failed_sign_ins, locked_until FROM people WHERE id = ?', [clientId]);
    expect(person).toEqual({ pin_hash: null, failed_sign_ins: 0, locked_until: null });
    expect(await db.get('SELECT 1 FROM sessions WHERE person_id = ?', [clientId])).toBeUndefined();
    expect(await db.get('SELECT 1 FROM pending_sign_ins WHERE client_id = ?', [clientId])).toBeUndefined();
    const row = (await auditRows('reset picture pin')).at(-1)!;
    expect(row).toMatchObject({ actor_id: adminA.id, unit_id: adminA.unit_id, target_type: 'person', target_id: clientId });
    expect(JSON.parse(row.old_value!)).toMatchObject({ pin_set: true, sessions: 2, failed_sign_ins: 10 });

    // The card still works: the client now goes on to choose new pictures.
    expect(await startCardSignIn(db, 'secret', card.secret, '10.9.0.1')).toMatchObject({ ok: true });
  });

  it('writes no audit row when there was nothing to reset or unlock', async () => {
    await resetPinAsAdmin(db, adminA, clientId);
    const resets = (await auditRows('reset picture pin')).length;
    expect(await resetPinAsAdmin(db, adminA, clientId)).toEqual({ ok: true, changed: false });
    expect((await auditRows('reset picture pin')).length).toBe(resets);

    const unlocks = (await auditRows('unlock sign-in')).length;
    expect(await unlockAsAdmin(db, adminA, clientId)).toEqual({ ok: true, changed: false });
    expect((await auditRows('unlock sign-in')).length).toBe(unlocks);
  });

  it('opens a lock and keeps the PIN', async () => {
    await db.write((tx) => tx.run('UPDATE people SET failed_sign_ins = 5, locked_until = ? WHERE id = ?', [Date.now() + 600_000, clientId]));
    expect(await unlockAsAdmin(db, adminA, clientId)).toEqual({ ok: true, changed: true });
    const person = await db.get<{ pin_hash: string | null; failed_sign_ins: number; locked_until: number | null }>('SELECT pin_hash, failed_sign_ins, locked_until FROM people WHERE id = ?', [clientId]);
    expect(person?.pin_hash).not.toBeNull();
    expect(person).toMatchObject({ failed_sign_ins: 0, locked_until: null });
    expect(JSON.parse((await auditRows('unlock sign-in')).at(-1)!.old_value!)).toMatchObject({ failed_sign_ins: 5 });
  });

  it("refuses another unit's admin and changes nothing", async () => {
    await createSession(db, clientId, 'shared');
    await db.write((tx) => tx.run('UPDATE people SET failed_sign_ins = 5, locked_until = ? WHERE id = ?', [Date.now() + 600_000, clientId]));
    expect(await resetPinAsAdmin(db, adminB, clientId)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await unlockAsAdmin(db, adminB, clientId)).toEqual({ ok: false, reason: 'forbidden' });
    const person = await db.get<{ pin_hash: string | null; failed_sign_ins: number }>('SELECT pin_hash, failed_sign_ins FROM people WHERE id = ?', [clientId]);
    expect(person?.pin_hash).not.toBeNull();
    expect(person?.failed_sign_ins).toBe(5);
    expect(await db.get('SELECT 1 FROM sessions WHERE person_id = ?', [clientId])).toBeDefined();
  });
});
