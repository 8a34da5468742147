import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { currentVersionOf, noteCountsOfDay, notesOfMonth, sharedNotesOfMonth, writeNote, type NewNote } from './store';

let db: Database;
const CLIENT = 1;
const OTHER_CLIENT = 3;
const WORKER = 2;
const TODAY = '2026-11-18';

beforeEach(async () => {
  db = await openTestDb(async (tx) => {
    await tx.run("INSERT INTO units (id, name, municipality, created_at) VALUES (1, 'Paja', 'Pori', 0)");
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, created_at) VALUES (1, 1, 'client', 'Testi Asiakas', 'Testi', 0)");
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, created_at) VALUES (2, 1, 'worker', 'Työ Ntekijä', 'Työ', 'w@x.fi', 0)");
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, created_at) VALUES (3, 1, 'client', 'Toinen Asiakas', 'Toinen', 0)");
  });
});
afterEach(() => closeTestDb(db));

let keys = 0;
const note = (over: Partial<NewNote> = {}): NewNote => ({ clientId: CLIENT, day: TODAY, body: 'Leivoit pullaa.', shared: false, by: WORKER, key: `k${++keys}`, corrects: null, ...over });
const idOf = (r: Awaited<ReturnType<typeof writeNote>>) => {
  if (!('id' in r)) throw new Error(`expected a note, got ${JSON.stringify(r.errors)}`);
  return r.id;
};

describe('daily notes store', () => {
  it('writes a note once per form key, with its audit row', async () => {
    const form = note({ body: '  Aamu meni hyvin.\r\nIltapäivällä väsytti.  ' });
    const results = await Promise.all([writeNote(db, form, TODAY), writeNote(db, form, TODAY), writeNote(db, form, TODAY)]);
    const ids = results.map(idOf);
    expect(new Set(ids).size).toBe(1);
    expect(results.filter((r) => 'replay' in r && !r.replay)).toHaveLength(1);
    const rows = await db.all<{ body: string; shared_with_client: number; written_by: number }>('SELECT body, shared_with_client, written_by FROM daily_notes');
    expect(rows).toEqual([{ body: 'Aamu meni hyvin.\nIltapäivällä väsytti.', shared_with_client: 0, written_by: WORKER }]);
    const audit = await db.all<{ action: string; target_id: number; new_value: string }>('SELECT action, target_id, new_value FROM admin_audit');
    expect(audit).toHaveLength(1);
    expect(audit[0].action).toBe('daily note written');
    expect(audit[0].target_id).toBe(CLIENT);
    // The text stays in its own table, not in the more widely read audit log.
    expect(audit[0].new_value).not.toContain('Aamu');
  });

  it('refuses an empty or too long note, a day to come and a day over a year ago, storing nothing', async () => {
    expect(await writeNote(db, note({ body: ' ' }), TODAY)).toEqual({ errors: { body: 'bodyMissing' } });
    expect(await writeNote(db, note({ body: 'x'.repeat(1001) }), TODAY)).toEqual({ errors: { body: 'bodyTooLong' } });
    expect(await writeNote(db, note({ day: '2026-11-19' }), TODAY)).toEqual({ errors: { day: 'dayFuture' } });
    expect(await writeNote(db, note({ day: '2025-11-16' }), TODAY)).toEqual({ errors: { day: 'dayTooOld' } });
    expect(await writeNote(db, note({ day: 'eilen' }), TODAY)).toEqual({ errors: { day: 'dayBad' } });
    expect(await db.all('SELECT id FROM daily_notes')).toEqual([]);
    // The key of a refused post is still unused: the fixed form is saved once.
    const fixed = note({ key: 'retry', body: '' });
    expect('errors' in (await writeNote(db, fixed, TODAY))).toBe(true);
    idOf(await writeNote(db, { ...fixed, body: 'Nyt on tekstiä.' }, TODAY));
    expect(await db.all('SELECT body FROM daily_notes')).toEqual([{ body: 'Nyt on tekstiä.' }]);
  });

  it('keeps a note as written: no update, no delete', async () => {
    idOf(await writeNote(db, note(), TODAY));
    await expect(db.write((tx) => tx.run("UPDATE daily_notes SET body = 'muutettu'"))).rejects.toThrow(/kept as written/);
    await expect(db.write((tx) => tx.run('DELETE FROM daily_notes'))).rejects.toThrow(/kept as written/);
  });

  it('corrects a note with a new row of the same day; both stay in the history, the correction is current', async () => {
    const first = idOf(await writeNote(db, note({ day: '2026-11-16', body: 'Olit kaupasa.', shared: true }), TODAY));
    // The day of a correction is the corrected note's, whatever the form says.
    const second = idOf(await writeNote(db, note({ day: TODAY, body: 'Olit kaupassa.', shared: true, corrects: first }), TODAY));
    const month = await notesOfMonth(db, CLIENT, '2026-11');
    expect(month).toHaveLength(1);
    expect(month[0].day).toBe('2026-11-16');
    expect(month[0].chains.map((c) => [c.current.id, c.current.body, c.earlier.map((e) => e.body)])).toEqual([[second, 'Olit kaupassa.', ['Olit kaupasa.']]]);
    expect((await db.all<{ action: string }>('SELECT action FROM admin_audit ORDER BY id')).map((r) => r.action)).toEqual(['daily note written', 'daily note corrected']);
    // A note is replaced once: a second correction of the same note is refused (correct the latest).
    expect(await writeNote(db, note({ body: 'Kolmas.', corrects: first }), TODAY)).toEqual({ errors: { form: 'alreadyCorrected' } });
    const third = idOf(await writeNote(db, note({ body: 'Kolmas.', corrects: second }), TODAY));
    const chain = (await notesOfMonth(db, CLIENT, '2026-11'))[0].chains[0];
    expect([chain.current.id, chain.earlier.map((e) => e.id)]).toEqual([third, [second, first]]);
    expect(await currentVersionOf(db, first)).toBe(third);
    expect(await currentVersionOf(db, third)).toBe(third);
  });

  it('corrects only a note of the same client', async () => {
    const other = idOf(await writeNote(db, note({ clientId: OTHER_CLIENT }), TODAY));
    expect(await writeNote(db, note({ corrects: other }), TODAY)).toEqual({ errors: { form: 'noteGone' } });
    expect(await writeNote(db, note({ corrects: 999 }), TODAY)).toEqual({ errors: { form: 'noteGone' } });
  });

  it('shows the client only current notes the worker shared', async () => {
    idOf(await writeNote(db, note({ day: '2026-11-16', body: 'Jaettu.', shared: true }), TODAY));
    idOf(await writeNote(db, note({ day: '2026-11-16', body: 'Vain ohjaajille.' }), TODAY));
    const wrong = idOf(await writeNote(db, note({ day: '2026-11-17', body: 'Jaettu vahingossa.', shared: true }), TODAY));
    idOf(await writeNote(db, note({ body: 'Ei jaettu enää.', shared: false, corrects: wrong }), TODAY));
    const fixed = idOf(await writeNote(db, note({ day: TODAY, body: 'Vanha.', shared: true }), TODAY));
    idOf(await writeNote(db, note({ body: 'Uusi.', shared: true, corrects: fixed }), TODAY));
    idOf(await writeNote(db, note({ clientId: OTHER_CLIENT, body: 'Toisen asiakkaan.', shared: true }), TODAY));
    expect([...(await sharedNotesOfMonth(db, CLIENT, '2026-11'))]).toEqual([
      ['2026-11-16', ['Jaettu.']],
      [TODAY, ['Uusi.']],
    ]);
    expect([...(await sharedNotesOfMonth(db, CLIENT, '2026-10'))]).toEqual([]);
  });

  it('counts each client’s current notes of a day for the register', async () => {
    const a = idOf(await writeNote(db, note(), TODAY));
    idOf(await writeNote(db, note({ corrects: a, body: 'Korjattu.' }), TODAY));
    idOf(await writeNote(db, note({ body: 'Toinen.' }), TODAY));
    idOf(await writeNote(db, note({ day: '2026-11-17' }), TODAY));
    expect([...(await noteCountsOfDay(db, [CLIENT, OTHER_CLIENT], TODAY))]).toEqual([[CLIENT, 2]]);
    expect((await noteCountsOfDay(db, [], TODAY)).size).toBe(0);
  });
});
