import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { activeGoals, changeGoals, currentPlan, goalsForWorker, planVersion, reachedGoals, savePlanVersion, type PlanInput } from './store';
import { readerText } from '@domain/plan/client-text';
import { namedWorkerOf } from '../assignments';

let db: Database;
let ids: Record<'unit' | 'client' | 'other' | 'liisa' | 'pekka' | 'admin', number>;
const TODAY = '2026-11-29';

beforeEach(async () => {
  db = await openTestDb();
  ids = await db.write(async (tx) => {
    const unit = (await tx.run("INSERT INTO units (name, municipality, created_at) VALUES ('Paja', 'Pori', 0)")).lastID;
    const person = async (role: string, name: string) =>
      (await tx.run('INSERT INTO people (unit_id, role, full_name, preferred_name, email, created_at) VALUES (?, ?, ?, ?, ?, 0)', [unit, role, name, name, role === 'client' ? null : `${name}@x.fi`])).lastID;
    const r = { unit, client: await person('client', 'Matti'), other: await person('client', 'Aino'), liisa: await person('worker', 'Liisa'), pekka: await person('worker', 'Pekka'), admin: await person('admin', 'Helena') };
    await tx.run("INSERT INTO client_workers (client_id, worker_id, kind, starts_on, created_at) VALUES (?, ?, 'named', '2026-01-01', 0)", [r.client, r.liisa]);
    await tx.run("INSERT INTO client_workers (client_id, worker_id, kind, starts_on, ends_on, created_at) VALUES (?, ?, 'substitute', '2026-01-01', '2099-01-01', 0)", [r.client, r.pekka]);
    await tx.run("INSERT INTO goals (client_id, picture, title, position, created_at) VALUES (?, 'bus', 'Aino kulkee', 0, 0)", [r.other]);
    return r;
  });
});
afterEach(() => closeTestDb(db));

const audit = () => db.all<{ action: string; actor_id: number; target_id: number; unit_id: number }>('SELECT action, actor_id, target_id, unit_id FROM admin_audit ORDER BY id');

const plan = (over: Partial<PlanInput> = {}): PlanInput => ({
  service_type: 'tyotoiminta', place_name: 'Paja', place_address: '', place_picture: 'hammer-and-wrench', place_photo_id: null,
  named_worker_id: null, starts_on: '2026-01-01', review_on: '2026-12-31', legal_basis: '', summary: 'Teet puutöitä.',
  schedule: [{ weekday: 1, starts_at: '08:00', ends_at: '12:00' }], ...over,
});

describe('goal changes', () => {
  it('each change of a worker is in the audit log under the client, in the client’s unit; another client’s goal changes nothing', async () => {
    const change = (c: Parameters<typeof changeGoals>[3]) => changeGoals(db, ids.client, ids.pekka, c, TODAY);
    expect(await change({ kind: 'create', picture: 'bus', title: 'Kuljen bussilla', key: 'k-goal' })).toBe(true);
    const { id: goal } = (await db.get<{ id: number }>('SELECT id FROM goals WHERE client_id = ?', [ids.client]))!;
    expect(await change({ kind: 'edit', goalId: goal, picture: 'bus', title: 'Kuljen bussilla yksin' })).toBe(true);
    expect(await change({ kind: 'add-step', goalId: goal, title: 'Ostan lipun', key: 'k-step' })).toBe(true);
    const { id: step } = (await db.get<{ id: number }>('SELECT id FROM goal_steps WHERE goal_id = ?', [goal]))!;
    expect(await change({ kind: 'set-step', stepId: step, done: true })).toBe(true);
    expect(await change({ kind: 'archive-step', stepId: step })).toBe(true);
    expect(await change({ kind: 'comment', goalId: goal, text: 'Hienoa!', key: 'k-comment' })).toBe(true);
    expect(await change({ kind: 'status', goalId: goal, status: 'done' })).toBe(true);
    const otherGoal = (await db.get<{ id: number }>('SELECT id FROM goals WHERE client_id = ?', [ids.other]))!.id;
    expect(await change({ kind: 'edit', goalId: otherGoal, picture: 'bus', title: 'Kaapattu' })).toBe(false);
    expect(await change({ kind: 'comment', goalId: otherGoal, text: 'x', key: 'k-other' })).toBe(false);
    // An id no row can have (a forged form: "NaN", "1e308", a date) changes nothing, on either engine.
    for (const bad of [Number.NaN, 1e308, -1e308, 1e20, 1.5]) {
      expect(await change({ kind: 'status', goalId: bad, status: 'done' }), String(bad)).toBe(false);
      expect(await change({ kind: 'archive-step', stepId: bad }), String(bad)).toBe(false);
    }
    const rows = await audit();
    expect(rows.map((r) => r.action)).toEqual(['create goal', 'edit goal', 'add goal step', 'tick goal step', 'remove goal step', 'comment on goal', 'goal status']);
    expect(new Set(rows.map((r) => `${r.actor_id} ${r.target_id} ${r.unit_id}`))).toEqual(new Set([`${ids.pekka} ${ids.client} ${ids.unit}`]));
  });
});

describe('a double tap in the goal editor', () => {
  it('adds a goal, a step and a comment once per form, sets a step (never toggles it back) and moves a goal one place', async () => {
    const change = (c: Parameters<typeof changeGoals>[3]) => changeGoals(db, ids.client, ids.pekka, c, TODAY);
    const twice = async (c: Parameters<typeof changeGoals>[3]) => expect(await Promise.all([change(c), change(c)])).toEqual([true, true]);
    const count = async (sql: string) => (await db.get<{ n: number }>(sql, [ids.client]))!.n;

    await twice({ kind: 'create', picture: 'bus', title: 'Kuljen bussilla', key: 'form-a' });
    await twice({ kind: 'create', picture: 'bus', title: 'Laitan ruokaa', key: 'form-b' });
    expect(await count('SELECT COUNT(*) AS n FROM goals WHERE client_id = ?')).toBe(2);
    const [first, second] = (await db.all<{ id: number }>('SELECT id FROM goals WHERE client_id = ? ORDER BY position', [ids.client])).map((g) => g.id);

    await twice({ kind: 'add-step', goalId: first, title: 'Ostan lipun', key: 'form-c' });
    await twice({ kind: 'comment', goalId: first, text: 'Hienoa!', key: 'form-d' });
    expect(await count('SELECT COUNT(*) AS n FROM goal_steps s JOIN goals g ON g.id = s.goal_id WHERE g.client_id = ?')).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM goal_comments c JOIN goals g ON g.id = c.goal_id WHERE g.client_id = ?')).toBe(1);

    const { id: step } = (await db.get<{ id: number }>('SELECT id FROM goal_steps WHERE goal_id = ?', [first]))!;
    await twice({ kind: 'set-step', stepId: step, done: true });
    expect((await db.get<{ done_on: string | null }>('SELECT done_on FROM goal_steps WHERE id = ?', [step]))!.done_on).toBe(TODAY);

    // "Down" on the first goal, tapped twice: it moves one place, not back again.
    await twice({ kind: 'move', goalId: first, direction: 1, from: 0 });
    expect((await db.all<{ id: number }>("SELECT id FROM goals WHERE client_id = ? AND status = 'active' ORDER BY position, id", [ids.client])).map((g) => g.id)).toEqual([second, first]);

    // One audit row for each change that happened, none for the second taps.
    expect((await audit()).map((r) => r.action)).toEqual(['create goal', 'create goal', 'add goal step', 'comment on goal', 'tick goal step', 'move goal']);
    // Another worker's post with a key already used changes nothing and is refused.
    expect(await changeGoals(db, ids.client, ids.liisa, { kind: 'create', picture: 'bus', title: 'Kaapattu', key: 'form-a' }, TODAY)).toBe(false);
    expect(await count('SELECT COUNT(*) AS n FROM goals WHERE client_id = ?')).toBe(2);
  });
});

describe('saving a plan', () => {
  it('saves one version per form: a double click or a resent form answers with the first version', async () => {
    const by = { id: ids.liisa, unitAdminOf: null };
    const versions = await Promise.all([savePlanVersion(db, ids.client, plan(), by, 'form-x'), savePlanVersion(db, ids.client, plan(), by, 'form-x')]);
    expect(versions).toEqual([1, 1]);
    expect(await savePlanVersion(db, ids.client, plan(), by, 'form-x')).toBe(1);
    expect(await savePlanVersion(db, ids.client, plan({ summary: 'Teet puutöitä ja autat.' }), by, 'form-y')).toBe(2);
    expect((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM plan_versions WHERE client_id = ?', [ids.client]))!.n).toBe(2);
    // Someone else's form key saves nothing.
    expect(await savePlanVersion(db, ids.client, plan(), { id: ids.pekka, unitAdminOf: null }, 'form-y')).toBeNull();
  });

  it('from a worker or substitute never changes the named worker, even with one in the input; from the unit admin it does, audited', async () => {
    await savePlanVersion(db, ids.client, plan({ named_worker_id: ids.pekka }), { id: ids.pekka, unitAdminOf: null }, 'form-1');
    expect(await namedWorkerOf(db, ids.client)).toBe(ids.liisa);
    expect((await db.get<{ named_worker_id: number }>('SELECT named_worker_id FROM plan_versions WHERE client_id = ?', [ids.client]))!.named_worker_id).toBe(ids.liisa);
    expect((await audit()).map((r) => r.action)).toEqual(['save plan']);

    await savePlanVersion(db, ids.client, plan({ named_worker_id: ids.pekka, summary: 'Teet puutöitä ja autat muita.' }), { id: ids.admin, unitAdminOf: ids.unit }, 'form-2');
    expect(await namedWorkerOf(db, ids.client)).toBe(ids.pekka);
    const rows = await db.all<{ action: string; old_value: string; new_value: string }>('SELECT action, old_value, new_value FROM admin_audit ORDER BY id');
    expect(rows.map((r) => r.action)).toEqual(['save plan', 'change named worker', 'save plan']);
    // The second version's row holds only what changed.
    expect(JSON.parse(rows[2].old_value)).toEqual({ named_worker_id: ids.liisa, summary: 'Teet puutöitä.' });
    expect(JSON.parse(rows[2].new_value)).toEqual({ version: 2, named_worker_id: ids.pekka, summary: 'Teet puutöitä ja autat muita.' });
  });
});

describe('texts in the client’s language', () => {
  const auditRows = () => db.all<{ action: string; old_value: string | null; new_value: string }>('SELECT action, old_value, new_value FROM admin_audit ORDER BY id');

  it('a plan version keeps its summary in Swedish beside the Finnish one, audited; a version without one falls back to Finnish', async () => {
    const by = { id: ids.liisa, unitAdminOf: null };
    await savePlanVersion(db, ids.client, plan({ summary: 'Teet puutöitä.', summary_in: { lang: 'sv', text: ' Du arbetar med trä. ' } }), by, 'form-1');
    const first = (await currentPlan(db, ids.client))!;
    expect(first.summaryIn).toEqual({ sv: 'Du arbetar med trä.' });
    expect(readerText(first.summary, first.summaryIn, 'sv')).toEqual({ text: 'Du arbetar med trä.', lang: 'sv', onlyFinnish: false });
    expect(readerText(first.summary, first.summaryIn, 'en')).toEqual({ text: 'Teet puutöitä.', lang: 'fi', onlyFinnish: true });

    // The next version is written with the Swedish text removed: that version is Finnish only, the first keeps its own.
    await savePlanVersion(db, ids.client, plan({ summary: 'Teet puutöitä.', summary_in: { lang: 'sv', text: '' } }), by, 'form-2');
    const second = (await currentPlan(db, ids.client))!;
    expect(second.version).toBe(2);
    expect(second.summaryIn).toEqual({});
    expect(readerText(second.summary, second.summaryIn, 'sv')).toEqual({ text: 'Teet puutöitä.', lang: 'fi', onlyFinnish: true });
    expect((await planVersion(db, ids.client, 1))!.summaryIn).toEqual({ sv: 'Du arbetar med trä.' });

    const rows = await auditRows();
    expect(JSON.parse(rows[0].new_value)).toMatchObject({ version: 1, summary: 'Teet puutöitä.', summary_sv: 'Du arbetar med trä.' });
    // Only the Swedish text changed: the row says so, and nothing else.
    expect(JSON.parse(rows[1].old_value!)).toEqual({ summary_sv: 'Du arbetar med trä.' });
    expect(JSON.parse(rows[1].new_value)).toEqual({ version: 2, summary_sv: '' });
  });

  it('goal and step titles and comments in Swedish are saved, audited, read by the client’s and the worker’s pages, and an edit changes or removes them', async () => {
    const change = (c: Parameters<typeof changeGoals>[3]) => changeGoals(db, ids.client, ids.pekka, c, TODAY);
    const sv = (text: string) => ({ lang: 'sv' as const, text });
    expect(await change({ kind: 'create', picture: 'bus', title: 'Kuljen bussilla', key: 'k-goal', translation: sv('Jag åker buss') })).toBe(true);
    const { id: goal } = (await db.get<{ id: number }>('SELECT id FROM goals WHERE client_id = ?', [ids.client]))!;
    expect(await change({ kind: 'add-step', goalId: goal, title: 'Ostan lipun', key: 'k-step-1', translation: sv('Jag köper en biljett') })).toBe(true);
    expect(await change({ kind: 'add-step', goalId: goal, title: 'Istun bussissa', key: 'k-step-2', translation: sv('') })).toBe(true);
    expect(await change({ kind: 'comment', goalId: goal, text: 'Hienoa!', key: 'k-comment', translation: sv('Bra!') })).toBe(true);

    const [mine] = await activeGoals(db, ids.client);
    expect(mine.titleIn).toEqual({ sv: 'Jag åker buss' });
    expect(mine.steps.map((s) => readerText(s.title, s.titleIn, 'sv'))).toEqual([
      { text: 'Jag köper en biljett', lang: 'sv', onlyFinnish: false },
      { text: 'Istun bussissa', lang: 'fi', onlyFinnish: true },
    ]);
    expect(readerText(mine.latestComment!.text, mine.latestComment!.textIn, 'sv').text).toBe('Bra!');
    expect(readerText(mine.title, mine.titleIn, 'fi').text).toBe('Kuljen bussilla');
    const [forWorker] = await goalsForWorker(db, ids.client);
    expect(forWorker.titleIn).toEqual({ sv: 'Jag åker buss' });
    expect(forWorker.latestComment!.textIn).toEqual({ sv: 'Bra!' });

    // Editing the Swedish title alone, then removing it: audited as changes of title_sv.
    expect(await change({ kind: 'edit', goalId: goal, picture: 'bus', title: 'Kuljen bussilla', translation: sv('Jag åker buss själv') })).toBe(true);
    expect((await activeGoals(db, ids.client))[0].titleIn).toEqual({ sv: 'Jag åker buss själv' });
    expect(await change({ kind: 'edit', goalId: goal, picture: 'bus', title: 'Kuljen bussilla', translation: sv('') })).toBe(true);
    expect((await activeGoals(db, ids.client))[0].titleIn).toEqual({});
    // An edit from a form without the field (a client who reads Finnish) leaves the texts as they are.
    await change({ kind: 'edit', goalId: goal, picture: 'bus', title: 'Kuljen bussilla', translation: sv('Jag åker buss') });
    expect(await change({ kind: 'edit', goalId: goal, picture: 'bus', title: 'Kuljen bussilla yksin' })).toBe(true);
    expect((await activeGoals(db, ids.client))[0].titleIn).toEqual({ sv: 'Jag åker buss' });

    const rows = await auditRows();
    expect(rows.map((r) => r.action)).toEqual(['create goal', 'add goal step', 'add goal step', 'comment on goal', 'edit goal', 'edit goal', 'edit goal', 'edit goal']);
    expect(JSON.parse(rows[0].new_value)).toMatchObject({ title: 'Kuljen bussilla', title_sv: 'Jag åker buss' });
    expect(JSON.parse(rows[1].new_value)).toMatchObject({ title: 'Ostan lipun', title_sv: 'Jag köper en biljett' });
    expect(JSON.parse(rows[2].new_value)).not.toHaveProperty('title_sv');
    expect(JSON.parse(rows[3].new_value)).toMatchObject({ text: 'Hienoa!', text_sv: 'Bra!' });
    expect([JSON.parse(rows[4].old_value!), JSON.parse(rows[4].new_value)]).toEqual([{ goal_id: goal, title_sv: 'Jag åker buss' }, { goal_id: goal, title_sv: 'Jag åker buss själv' }]);
    expect([JSON.parse(rows[5].old_value!), JSON.parse(rows[5].new_value)]).toEqual([{ goal_id: goal, title_sv: 'Jag åker buss själv' }, { goal_id: goal, title_sv: '' }]);
    expect(JSON.parse(rows[7].new_value)).toEqual({ goal_id: goal, title: 'Kuljen bussilla yksin' });

    // A step written in Finnish only gets its Swedish title later; audited, and nothing when unchanged.
    const stepId = mine.steps[1].id;
    expect(await change({ kind: 'translate-step', stepId, translation: sv('Jag sitter i bussen') })).toBe(true);
    expect(await change({ kind: 'translate-step', stepId, translation: sv('Jag sitter i bussen') })).toBe(true);
    expect((await activeGoals(db, ids.client))[0].steps[1].titleIn).toEqual({ sv: 'Jag sitter i bussen' });
    const translated = (await auditRows()).filter((r) => r.action === 'translate goal step');
    expect(translated.map((r) => [JSON.parse(r.old_value!), JSON.parse(r.new_value)])).toEqual([[{ step_id: stepId, title_sv: '' }, { step_id: stepId, title_sv: 'Jag sitter i bussen' }]]);

    // A reached goal keeps its Swedish title on the client's page.
    await change({ kind: 'status', goalId: goal, status: 'done' });
    expect((await reachedGoals(db, ids.client))[0].titleIn).toEqual({ sv: 'Jag åker buss' });
  });

  it('a text in another client’s goal is never written through this client', async () => {
    const otherGoal = (await db.get<{ id: number }>('SELECT id FROM goals WHERE client_id = ?', [ids.other]))!.id;
    expect(await changeGoals(db, ids.client, ids.pekka, { kind: 'edit', goalId: otherGoal, picture: 'bus', title: 'Aino kulkee', translation: { lang: 'sv', text: 'Kapad' } }, TODAY)).toBe(false);
    const otherStep = (await db.write((tx) => tx.run("INSERT INTO goal_steps (goal_id, title, position) VALUES (?, 'Ostan lipun', 0)", [otherGoal]))).lastID;
    expect(await changeGoals(db, ids.client, ids.pekka, { kind: 'translate-step', stepId: otherStep, translation: { lang: 'sv', text: 'Kapad' } }, TODAY)).toBe(false);
    expect((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM text_translations'))!.n).toBe(0);
  });
});
