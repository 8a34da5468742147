/**
 * Staff rights and the staff audit log (issue 12, points 7–10):
 *
 * - only a unit admin changes a client's named worker; the plan editor shows it read-only to a
 *   worker, and a substitute's posted (or forged) named worker changes nothing;
 * - linking a family account answers the same whether or not the email has an account, and one
 *   form makes one link; an admin of another unit cannot take over a family account;
 * - staff and family portraits are served only to people who share a unit or a client with them;
 * - every change a worker makes is in the audit log the unit admin reads.
 *
 * Browser pages where a person looks at something; plain requests with session rows written
 * straight into the database where many people ask for the same thing.
 */
import { describe, expect, it } from 'vitest';
import { clickAndWait, path, STAFF, useBrowser } from '../helpers/browser';
import { querySql, runSql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { insertSessions, peopleByName } from '../helpers/authz';
import { refusingTrigger } from '../helpers/refusing-trigger';
import { expectNoAxeViolations } from '../helpers/axe';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();

const personId = async (name: string) => (await peopleByName(server.dbFile)).get(name)!.id;
const namedWorkerOf = async (clientId: number) =>
  (await querySql<{ full_name: string }>(
    server.dbFile,
    `SELECT p.full_name FROM client_workers cw JOIN people p ON p.id = cw.worker_id
      WHERE cw.client_id = ? AND cw.kind = 'named' AND cw.ends_on IS NULL ORDER BY cw.id DESC LIMIT 1`,
    [clientId],
  ))[0]?.full_name;
const auditRows = (where: string, params: unknown[] = []) =>
  querySql<{ action: string; actor: string; target_id: number; new_value: string | null }>(
    server.dbFile,
    `SELECT a.action, p.full_name AS actor, a.target_id, a.new_value FROM admin_audit a LEFT JOIN people p ON p.id = a.actor_id WHERE ${where} ORDER BY a.id`,
    params,
  );

/** Session cookies for the named people (no browser, no password check). */
async function sessionsFor<K extends string>(names: Record<K, string>): Promise<Record<K, string>> {
  const people = await peopleByName(server.dbFile);
  return insertSessions(server.dbFile, Object.fromEntries(Object.entries(names).map(([k, n]) => [k, people.get(n as string)!])) as Record<K, { id: number; role: string }>);
}

async function post(cookie: string, url: string, body: Record<string, string>): Promise<{ status: number; location: string | null; text: string }> {
  const response = await fetch(server.baseUrl + url, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, origin: server.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  });
  return { status: response.status, location: response.headers.get('location'), text: await response.text() };
}

const get = async (cookie: string, url: string) => (await fetch(server.baseUrl + url, { headers: { cookie }, redirect: 'manual' })).status;

/** A complete plan form (the editor's fields), with a chosen named worker field. */
const planForm = (over: Record<string, string> = {}) => ({
  service_type: 'tyotoiminta', place_name: 'Kahvila Kulma', place_address: 'Kulmakatu 1', place_picture: 'hot-beverage',
  starts_on: '2026-01-01', review_on: '2026-12-01', legal_basis: 'SHL 27 e §', summary: 'Keität kahvia.',
  day1: 'on', day1_start: '08:00', day1_end: '12:00', ...over,
});

describe('the named worker', () => {
  it('is read-only in the plan editor to a worker; a substitute posting one (also forged) changes nothing; the admin changes it with an audit row', async () => {
    const liisa = await personId('Liisa Ohjaaja');
    const pekka = await personId('Pekka Valmentaja');
    // Pekka stands in for Liisa with Jukka in the demo data.
    expect(await namedWorkerOf(ids.jukka)).toBe('Liisa Ohjaaja');
    const page = await fixture.signedIn(server.baseUrl, { email: STAFF.substitute }, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.baseUrl}/worker/clients/${ids.jukka}/plan`);
    expect(await page.locator('#named_worker_id').count()).toBe(0);
    expect(await page.locator('select[name=named_worker_id]').count()).toBe(0);
    expect(await page.locator('[data-named-worker]').textContent()).toBe('Liisa Ohjaaja');
    expect(await page.locator('#named-worker-readonly').innerText()).toContain('Omaohjaajan vaihtaa yksikön ylläpitäjä.');
    await expectNoAxeViolations(page, { client: false });

    // Saving the plan as it is keeps Liisa named.
    await clickAndWait(page, page.getByRole('button', { name: 'Tallenna uusi versio' }));
    expect(path(page)).toMatch(/\?saved=/);
    // A forged post naming Pekka: the plan is saved, the named worker is not touched.
    const status = await page.evaluate(async ({ id, form }) => {
      const body = new URLSearchParams(form);
      return (await fetch(`/worker/clients/${id}/plan`, { method: 'POST', body, redirect: 'manual' })).status;
    }, { id: ids.jukka, form: planForm({ named_worker_id: String(pekka) }) });
    expect([303, 0]).toContain(status); // (a manual redirect is opaque to fetch in the page: status 0)
    expect(await namedWorkerOf(ids.jukka)).toBe('Liisa Ohjaaja');
    const versions = await querySql<{ named_worker_id: number }>(server.dbFile, 'SELECT named_worker_id FROM plan_versions WHERE client_id = ? ORDER BY version DESC LIMIT 2', [ids.jukka]);
    expect(versions.map((v) => v.named_worker_id)).toEqual([liisa, liisa]);
    expect(await auditRows("action = 'change named worker' AND target_id = ?", [ids.jukka])).toEqual([]);
    // Liisa keeps her client.
    const liisaPage = await fixture.signedIn(server.baseUrl, { email: STAFF.worker });
    expect((await liisaPage.goto(`${server.baseUrl}/worker/clients/${ids.jukka}`))?.status()).toBe(200);

    // The unit admin changes it on the client's person page (the assignments path), audited.
    const helena = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, { viewport: { width: 1280, height: 900 } });
    await helena.goto(`${server.baseUrl}/admin/people/${ids.jukka}`);
    await helena.locator('#worker').selectOption({ label: 'Pekka Valmentaja' });
    await clickAndWait(helena, helena.locator('button', { hasText: 'Vaihda omaohjaaja' }));
    expect(await namedWorkerOf(ids.jukka)).toBe('Pekka Valmentaja');
    const rows = await auditRows("action = 'change named worker' AND target_id = ?", [ids.jukka]);
    expect(rows.map((r) => [r.actor, JSON.parse(r.new_value!)])).toEqual([['Helena Vastaava', { named_worker_id: pekka }]]);
    await helena.goto(`${server.baseUrl}/admin/audit`);
    expect(await helena.locator('tr[data-action="change named worker"]', { hasText: 'Jukka Niemi' }).count()).toBe(1);
  });
});

describe('linking a family account', () => {
  it('answers an unknown and an existing email alike, links only the existing one, and a resent form makes one link', async () => {
    const { pekka } = await sessionsFor({ pekka: 'Pekka Valmentaja' }); // Aino's named worker
    const url = `/worker/clients/${ids.aino}/family`;
    const form = (email: string, key: string) => ({ key, email, basis: 'client_agreement', level: 'read_only', note: 'Aino kertoi suostumuksestaan.', ends_on: '' });
    const unknown = await post(pekka, url, form('ei.ole.olemassa@demo.omapolku.fi', 'staff-authz-unknown'));
    const existing = await post(pekka, url, form(STAFF.family, 'staff-authz-existing'));
    expect(unknown.status).toBe(303);
    expect(existing).toEqual(unknown);
    expect(unknown.location).toBe(`${url}?saved=requested`);
    // The same form again (a double tap, a resent page): one link.
    expect(await post(pekka, url, form(STAFF.family, 'staff-authz-existing'))).toEqual(unknown);
    const links = await querySql<{ email: string }>(server.dbFile, 'SELECT f.email FROM family_links l JOIN people f ON f.id = l.family_id WHERE l.client_id = ?', [ids.aino]);
    expect(links.map((l) => l.email)).toEqual([STAFF.family]);
    expect((await querySql(server.dbFile, "SELECT 1 FROM people WHERE email = 'ei.ole.olemassa@demo.omapolku.fi'")).length).toBe(0);
    // The link is in the audit log, once, under Aino.
    const rows = await auditRows("action = 'link family member' AND target_id = ?", [ids.aino]);
    expect(rows.map((r) => r.actor)).toEqual(['Pekka Valmentaja']);

    // In the browser: the notice says the same neutral sentence for an unknown email.
    const page = await fixture.signedIn(server.baseUrl, { email: STAFF.substitute });
    await page.goto(server.baseUrl + url);
    await page.locator('input[name=email]').fill('toinen.tuntematon@demo.omapolku.fi');
    await page.locator('input[name=basis][value=client_agreement]').check();
    await page.locator('input[name=level][value=messages]').check();
    await clickAndWait(page, page.locator('button', { hasText: 'Tallenna linkki' }));
    expect(path(page)).toBe(`${url}?saved=requested`);
    expect(await page.locator('[role=status]').innerText()).toBe(
      'Jos tällä sähköpostilla on läheisen tili, linkki on nyt tehty ja näkyy listassa. Jos linkkiä ei näy, tarkista sähköposti tai pyydä yksikön ylläpitäjää tekemään läheiselle tili.',
    );
    await expectNoAxeViolations(page, { client: false });

    // A constraint that refuses the write at the last moment (as a unique index would in a race):
    // a clear form error with the typed values kept, nothing saved, never a 500.
    const race = refusingTrigger('staff_authz_race', { insertInto: 'family_links', when: "NEW.note = 'kilpa'", message: 'a link made at the same moment' });
    await runSql(server.dbFile, [[race.create]]);
    await page.locator('input[name=email]').fill(STAFF.familyGuardian);
    await page.locator('input[name=basis][value=client_agreement]').check();
    await page.locator('input[name=note]').fill('kilpa');
    await page.locator('input[name=level][value=full]').check();
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST').finally(() => runSql(server.dbFile, [[race.drop]])),
      page.locator('button', { hasText: 'Tallenna linkki' }).click(),
    ]);
    await page.waitForLoadState('load');
    expect(answer.status()).toBe(400);
    expect(await page.locator('#error-summary').innerText()).toContain('Linkkiä ei tallennettu');
    expect(await page.locator('input[name=email]').inputValue()).toBe(STAFF.familyGuardian);
    expect(await page.locator('input[name=note]').inputValue()).toBe('kilpa');
    expect((await querySql(server.dbFile, "SELECT 1 FROM family_links WHERE note = 'kilpa'")).length).toBe(0);
  });
});

describe('a family account linked to clients of several units', () => {
  it('cannot be edited or deactivated by the admin of either unit, and an ended link gives no access at all', async () => {
    const maija = await personId('Maija Virtanen');
    const now = Date.now();
    // Kaisa: a family account linked to Matti (unit A) now and to Ville (unit B) once, ended.
    await runSql(server.dbFile, [
      ["INSERT INTO people (unit_id, role, full_name, preferred_name, email, created_at) VALUES (NULL, 'family', 'Kaisa Koski', 'Kaisa', 'kaisa.koski@demo.omapolku.fi', ?)", [now]],
      ["INSERT INTO family_links (family_id, client_id, basis, level, note, created_at) SELECT id, ?, 'client_agreement', 'full', '', ? FROM people WHERE email = 'kaisa.koski@demo.omapolku.fi'", [ids.matti, now]],
      ["INSERT INTO family_links (family_id, client_id, basis, level, note, created_at, ended_at, ended_by) SELECT id, ?, 'client_agreement', 'full', '', ?, ?, ? FROM people WHERE email = 'kaisa.koski@demo.omapolku.fi'", [ids.ville, now - 1000, now - 500, ids.ville]],
      // Maija: linked to Matti (unit A) and now also to Ville (unit B).
      ["INSERT INTO family_links (family_id, client_id, basis, level, note, created_at) VALUES (?, ?, 'client_agreement', 'messages', '', ?)", [maija, ids.ville, now]],
    ]);
    const kaisa = await personId('Kaisa Koski');
    const { olli, helena } = await sessionsFor({ olli: 'Olli Esimies', helena: 'Helena Vastaava' });
    const state = () => querySql<{ id: number; full_name: string; active: number }>(server.dbFile, 'SELECT id, full_name, active FROM people WHERE id IN (?, ?) ORDER BY id', [maija, kaisa]);
    const before = await state();

    // An ended link (Kaisa–Ville) gives unit B's admin nothing.
    expect(await get(olli, `/admin/people/${kaisa}`)).toBe(403);
    expect((await post(olli, `/admin/people/${kaisa}`, { action: 'deactivate' })).status).toBe(403);
    expect((await post(olli, `/admin/people/${kaisa}`, { action: 'details', full_name: 'Otettu Haltuun', language: 'fi', email: 'haltuun@example.fi', phone: '' })).status).toBe(403);
    // Links in force to both units' clients: each admin sees Maija, neither may change her account.
    for (const cookie of [olli, helena]) {
      expect(await get(cookie, `/admin/people/${maija}`)).toBe(200);
      expect((await post(cookie, `/admin/people/${maija}`, { action: 'deactivate' })).status).toBe(403);
      expect((await post(cookie, `/admin/people/${maija}`, { action: 'details', full_name: 'Otettu Haltuun', language: 'fi', email: 'haltuun@example.fi', phone: '' })).status).toBe(403);
    }
    expect(await state()).toEqual(before);

    const page = await fixture.signedIn(server.baseUrl, { email: STAFF.adminB }, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.baseUrl}/admin/people/${maija}`);
    expect(await page.locator('#not-editable').count()).toBe(1);
    expect(await page.locator('input[name=full_name]').count()).toBe(0);
    expect(await page.locator('button', { hasText: 'Poista käytöstä' }).count()).toBe(0);
    expect(await page.locator(`a[href="/worker/clients/${ids.ville}/family"]`).count()).toBe(1);
    await expectNoAxeViolations(page, { client: false });
    // Kaisa (only an ended link in unit B) is not on unit B's list.
    await page.goto(`${server.baseUrl}/admin/people`);
    expect(await page.locator(`tr[data-person="${kaisa}"]`).count()).toBe(0);
  });
});

describe('portraits of staff and family', () => {
  it('are served to the person and to those who share a unit or a client with them, and refused across units', async () => {
    const now = Date.now();
    const liisa = await personId('Liisa Ohjaaja');
    const eero = await personId('Eero Virtanen');
    await runSql(server.dbFile, [
      ["INSERT INTO photos (mime, bytes, width, height, client_id, created_by, created_at) VALUES ('image/jpeg', ?, 1, 1, NULL, ?, ?)", [Buffer.from('liisa portrait'), liisa, now]],
      ['UPDATE people SET photo_id = (SELECT MAX(id) FROM photos) WHERE id = ?', [liisa]],
      ["INSERT INTO photos (mime, bytes, width, height, client_id, created_by, created_at) VALUES ('image/jpeg', ?, 1, 1, NULL, ?, ?)", [Buffer.from('eero portrait'), liisa, now]],
      ['UPDATE people SET photo_id = (SELECT MAX(id) FROM photos) WHERE id = ?', [eero]],
    ]);
    const [{ photo_id: liisaPhoto }] = await querySql<{ photo_id: number }>(server.dbFile, 'SELECT photo_id FROM people WHERE id = ?', [liisa]);
    const [{ photo_id: eeroPhoto }] = await querySql<{ photo_id: number }>(server.dbFile, 'SELECT photo_id FROM people WHERE id = ?', [eero]);
    const c = await sessionsFor({
      liisa: 'Liisa Ohjaaja', pekka: 'Pekka Valmentaja', helena: 'Helena Vastaava', matti: 'Matti Virtanen', anja: 'Anja Korhonen', eero: 'Eero Virtanen',
      sanna: 'Sanna Sivu', olli: 'Olli Esimies', ville: 'Ville Koski',
    });
    // Liisa's portrait: her unit's staff and clients, and Matti's family; not unit B.
    const liisaExpect = { liisa: 200, pekka: 200, helena: 200, matti: 200, anja: 200, eero: 200, sanna: 403, olli: 403, ville: 403 };
    // Eero's portrait (he is linked to Matti): himself, Matti, Matti's unit's staff, Matti's other family; not unit B.
    const eeroExpect = { ...liisaExpect };
    const got = async (photo: number) => Object.fromEntries(await Promise.all(Object.entries(c).map(async ([k, cookie]) => [k, await get(cookie as string, `/photos/${photo}`)])));
    expect(await got(liisaPhoto)).toEqual(liisaExpect);
    expect(await got(eeroPhoto)).toEqual(eeroExpect);
    expect((await fetch(`${server.baseUrl}/photos/${liisaPhoto}`)).status).toBe(401);
  });
});

describe('the staff audit log', () => {
  it('shows the unit admin a worker’s goal edit, plan edit, meal fee change, attendance correction and family link', async () => {
    const { liisa } = await sessionsFor({ liisa: 'Liisa Ohjaaja' }); // Matti's named worker
    const [goal] = await querySql<{ id: number }>(server.dbFile, "SELECT id FROM goals WHERE client_id = ? AND status = 'active' ORDER BY position LIMIT 1", [ids.matti]);
    const base = `/worker/clients/${ids.matti}`;
    expect((await post(liisa, `${base}/goals`, { action: 'edit', goal: String(goal.id), title: 'Opin käyttämään porakonetta', picture: 'bus' })).status).toBe(303);
    expect((await post(liisa, `${base}/plan`, planForm({ place_name: 'Pajakulman puutyöpaja', summary: 'Teet puutöitä pajalla.' }))).status).toBe(303);
    expect((await post(liisa, `${base}/attendance`, { action: 'meal', meal_fee: '0' })).status).toBe(303);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
    // A correction: the day marked, then marked again otherwise.
    expect((await post(liisa, `${base}/attendance`, { month: today.slice(0, 7), day: today, status: 'present' })).status).toBe(303);
    expect((await post(liisa, `${base}/attendance`, { month: today.slice(0, 7), day: today, status: 'sick' })).status).toBe(303);
    expect((await post(liisa, `${base}/family`, { key: 'staff-authz-audit', email: STAFF.familyMessages, basis: 'client_agreement', level: 'read_only', note: 'Matti kertoi suostumuksestaan.', ends_on: '' })).status).toBe(303);

    const rows = await auditRows("a.actor_id = (SELECT id FROM people WHERE full_name = 'Liisa Ohjaaja') AND a.target_id = ?", [ids.matti]);
    const actions = rows.map((r) => r.action);
    for (const action of ['edit goal', 'save plan', 'change meal fee', 'correct attendance', 'link family member']) expect(actions, action).toContain(action);
    expect(JSON.parse(rows.find((r) => r.action === 'edit goal')!.new_value!)).toMatchObject({ goal_id: goal.id, title: 'Opin käyttämään porakonetta', picture: 'bus' });
    expect(JSON.parse(rows.find((r) => r.action === 'change meal fee')!.new_value!)).toEqual({ meal_fee: 0 });

    const helena = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, { viewport: { width: 1280, height: 900 } });
    await helena.goto(`${server.baseUrl}/admin/audit`);
    for (const action of ['edit goal', 'save plan', 'change meal fee', 'correct attendance', 'link family member']) {
      const row = helena.locator(`tr[data-action="${action}"]`, { hasText: 'Liisa Ohjaaja' }).first();
      expect(await row.innerText(), action).toContain('Matti Virtanen');
    }
    await expectNoAxeViolations(helena, { client: false });
    // The other unit's admin sees none of it.
    const olli = await fixture.signedIn(server.baseUrl, { email: STAFF.adminB });
    await olli.goto(`${server.baseUrl}/admin/audit`);
    expect(await olli.locator('main').innerText()).not.toContain('Matti Virtanen');
  });
});
