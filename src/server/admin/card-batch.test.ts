import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { issueLoginCard } from '../auth/login-card';
import { chosenIds, issueCardBatch, unitClientsWithState, type Admin } from './card-batch';

let db: Database;
let admin: Admin;
let adminB: Admin;
let fresh: number;
let inUse: number;
let otherUnit: number;

const adminOf = (id: number, unitId: number): Admin => ({ id, unit_id: unitId, role: 'admin', full_name: 'A', preferred_name: 'A', avatar: 'worker', language: 'fi', text_size: 100 }) as Admin;
const form = (pairs: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of pairs) f.append(k, v);
  return f;
};
const cardsOf = (clientId: number) => db.all<{ id: number; revoked_at: number | null; batch_id: number | null }>('SELECT id, revoked_at, batch_id FROM login_cards WHERE client_id = ? ORDER BY id', [clientId]);

beforeAll(async () => {
  db = await openTestDb();
  await db.write(async (tx) => {
    const unitA = (await tx.run("INSERT INTO units (name, municipality, created_at) VALUES ('A', 'Pori', 0)")).lastID;
    const unitB = (await tx.run("INSERT INTO units (name, municipality, created_at) VALUES ('B', 'Rauma', 0)")).lastID;
    admin = adminOf((await tx.run("INSERT INTO people (unit_id, role, full_name, preferred_name, email, password_hash, created_at) VALUES (?, 'admin', 'A', 'A', 'a@t.fi', 'x', 0)", [unitA])).lastID, unitA);
    adminB = adminOf((await tx.run("INSERT INTO people (unit_id, role, full_name, preferred_name, email, password_hash, created_at) VALUES (?, 'admin', 'B', 'B', 'b@t.fi', 'x', 0)", [unitB])).lastID, unitB);
    const client = async (unit: number, name: string) => (await tx.run("INSERT INTO people (unit_id, role, full_name, preferred_name, created_at) VALUES (?, 'client', ?, ?, 0)", [unit, name, name])).lastID;
    fresh = await client(unitA, 'Uusi Asiakas');
    inUse = await client(unitA, 'Vanha Asiakas');
    otherUnit = await client(unitB, 'Muu Asiakas');
  });
  await issueLoginCard(db, inUse, admin.id);
});
afterAll(() => closeTestDb(db));

describe('Tulosta kortit', () => {
  it('reads the chosen ids from checkboxes and from the question\'s list; anything else is no id', () => {
    expect(chosenIds(form([['client', '3'], ['client', '5'], ['clients', '5,7']]))).toEqual([3, 5, 7]);
    expect(chosenIds(form([]))).toEqual([]);
    expect(chosenIds(form([['client', '1e3']]))).toBeNull();
    expect(chosenIds(form([['clients', '1,-2']]))).toBeNull();
  });

  it('shows the sign-in state and filters by it', async () => {
    const { clients, all } = await unitClientsWithState(db, admin, null, '/admin/clients');
    expect(all).toBe(2);
    expect(Object.fromEntries(clients.map((c) => [c.id, c.state]))).toEqual({ [fresh]: 'no_card', [inUse]: 'no_pictures' });
    expect((await unitClientsWithState(db, admin, 'no_card', '/admin/clients')).clients.map((c) => c.id)).toEqual([fresh]);
  });

  it('asks before replacing a card in use, then makes one set of cards per key', async () => {
    const pairs: [string, string][] = [['key', 'b1'], ['client', String(fresh)], ['client', String(inUse)]];
    const asked = await issueCardBatch(db, admin, form(pairs));
    expect(asked).toEqual({ kind: 'confirm', chosen: [fresh, inUse], inUse: [{ id: inUse, full_name: 'Vanha Asiakas' }] });
    expect(await cardsOf(fresh)).toEqual([]);

    const confirmed = form([['key', 'b1'], ['clients', `${inUse},${fresh}`], ['confirm', 'yes']]);
    const printed = await issueCardBatch(db, admin, confirmed);
    expect(printed.kind).toBe('printed');
    if (printed.kind !== 'printed') return;
    expect(printed.cards.map((c) => c.client.id)).toEqual([fresh, inUse]); // by name
    expect(printed.replaced).toBe(1);
    const [oldCard, newCard] = await cardsOf(inUse);
    expect(oldCard.revoked_at).not.toBeNull();
    expect(newCard).toMatchObject({ revoked_at: null, batch_id: expect.any(Number) });

    // The same key again, even at once: no second set.
    const replays = await Promise.all([issueCardBatch(db, admin, confirmed), issueCardBatch(db, admin, form(pairs))]);
    expect(replays.map((r) => r.kind)).toEqual(['replay', 'replay']);
    expect(await cardsOf(fresh)).toHaveLength(1);
    expect(await db.get("SELECT COUNT(*) AS n FROM admin_audit WHERE action = 'issue login card'")).toEqual({ n: 2 });
    // Another admin's post with that key is not a replay of theirs.
    expect(await issueCardBatch(db, adminB, form([['key', 'b1'], ['client', String(otherUnit)]]))).toMatchObject({ kind: 'error', code: 'formUsed' });
  });

  it('refuses the whole post when one client is not of the admin\'s unit; nothing chosen is an error', async () => {
    expect(await issueCardBatch(db, admin, form([['key', 'b2'], ['client', String(fresh)], ['client', String(otherUnit)], ['confirm', 'yes']]))).toEqual({ kind: 'forbidden' });
    expect(await issueCardBatch(db, admin, form([['key', 'b3'], ['client', 'x']]))).toEqual({ kind: 'forbidden' });
    expect(await issueCardBatch(db, admin, form([['key', 'b4']]))).toEqual({ kind: 'error', code: 'noneChosen', chosen: [] });
    expect(await cardsOf(otherUnit)).toEqual([]);
    expect(await db.get('SELECT COUNT(*) AS n FROM card_batches')).toEqual({ n: 1 });
  });
});
