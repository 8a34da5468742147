/**
 * The access log and the audit log in the reader's words (issue 15, point 16): a change of named
 * worker reads "Omaohjaaja: Liisa Ohjaaja → Pekka Valmentaja" and a new rate "Päiväraha: 5,80 €"
 * (and so in sv and en), with the codes still there for whoever needs them; both logs page 50 rows
 * at a time with a count, filter by person, kind and days by a plain GET form, and export the
 * filtered rows as CSV in words and codes; the export is access-logged. A client's access log
 * is also a printable report for a data request, readable by a family member or an advocate.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chooseLanguage, clickAndWait, path, STAFF, useBrowser } from '../helpers/browser';
import { querySql, runSql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { expectNoAxeViolations } from '../helpers/axe';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();

const personId = async (email: string) => (await querySql<{ id: number }>(server.dbFile, 'SELECT id FROM people WHERE email = ?', [email]))[0].id;
/** Page text with no-break spaces as spaces ("5,80 €"). */
const textOf = async (page: Page, selector: string) => (await page.locator(selector).first().innerText()).replace(/\u00a0/g, ' ');
/** A CSV file's rows (RFC 4180 with semicolons: a quoted cell may hold ; and ""), after its byte order mark. */
function rowsOf(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const text = csv.slice(1).replace(/\u00a0/g, ' ');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else cell += c;
  }
  return rows;
}

describe('the audit log in words', () => {
  it('a change of named worker and a new rate read as words in fi, sv and en; the codes are kept', async () => {
    const helena = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, { viewport: { width: 1366, height: 768 } });
    const [liisa, pekka] = [await personId(STAFF.worker), await personId(STAFF.substitute)];
    // Matti's named worker is Liisa; the unit admin names Pekka in the plan editor.
    await helena.goto(`${server.baseUrl}/worker/clients/${ids.matti}/plan`);
    await helena.locator('#named_worker_id').selectOption(String(pekka));
    await clickAndWait(helena, helena.getByRole('button', { name: 'Tallenna uusi versio' }));
    expect(path(helena)).toMatch(/\?saved=/);
    // A new rate: 5,80 € a day.
    await helena.goto(`${server.baseUrl}/admin/rates`);
    await helena.getByLabel('Voimassa alkaen', { exact: true }).fill('2028-03-01');
    await helena.getByLabel('Työosuusraha päivältä (€)').fill('5,80');
    await helena.getByLabel('Ruokamaksu päivältä (€)').fill('4,20');
    await clickAndWait(helena, helena.getByRole('button', { name: 'Lisää taksa' }));
    expect(path(helena)).toBe('/admin/rates?saved=rate');

    await helena.goto(`${server.baseUrl}/admin/audit`);
    const worker = 'tr[data-action="change named worker"]';
    const rate = 'tr[data-action="add rate"]';
    expect(await textOf(helena, worker)).toContain('Omaohjaajan vaihto');
    expect(await textOf(helena, worker)).toContain('Matti Virtanen');
    expect(await textOf(helena, worker)).toContain('Omaohjaaja: Liisa Ohjaaja → Pekka Valmentaja');
    expect(await textOf(helena, rate)).toContain('Uusi taksa');
    expect(await textOf(helena, rate)).toContain('Päiväraha: 5,80 €');
    expect(await textOf(helena, rate)).toContain('Ruokamaksu: 4,20 €');
    expect(await textOf(helena, rate)).toContain('Palvelu: Työtoiminta');
    expect(await textOf(helena, rate)).toContain('Voimassa alkaen: 1.3.2028');
    // No code in the words; the codes behind their disclosure.
    const words = await helena.locator(`${worker} .change-list`).innerText();
    expect(words).not.toMatch(/named_worker_id|\{|\d{2,}/);
    expect(await helena.locator(`${worker} details.codes code`).textContent()).toBe(`change named worker; named_worker_id: ${liisa} → ${pekka}`);
    expect(await helena.locator(`${rate} details.codes code`).textContent()).toContain('daily_cents: 580');
    expect(await helena.locator('table.audit-table').innerText()).not.toMatch(/daily_cents|named_worker_id|"\w+":/);
    await expectNoAxeViolations(helena, { client: false });

    await chooseLanguage(helena, 'sv');
    expect(await textOf(helena, worker)).toContain('Egen handledare: Liisa Ohjaaja → Pekka Valmentaja');
    expect(await textOf(helena, worker)).toContain('Byte av egen handledare');
    expect(await textOf(helena, rate)).toContain('Dagsbelopp: 5,80 €');
    await chooseLanguage(helena, 'en');
    expect(await textOf(helena, worker)).toContain('Named worker: Liisa Ohjaaja → Pekka Valmentaja');
    expect(await textOf(helena, rate)).toContain('Daily amount: €5.80');
    expect(await textOf(helena, rate)).toContain('Valid from: 1 March 2028');
    await expectNoAxeViolations(helena, { client: false });
    await chooseLanguage(helena, 'fi');
  });

  it('pages 50 rows at a time, filters by who, whose, kind and days by GET, and exports the filtered rows in words and codes', async () => {
    const [liisa, helenaId] = [await personId(STAFF.worker), await personId(STAFF.admin)];
    const [{ unit_id: unit }] = await querySql<{ unit_id: number }>(server.dbFile, 'SELECT unit_id FROM people WHERE id = ?', [helenaId]);
    const start = Date.UTC(2025, 2, 3, 9); // 3.3.2025, Helsinki morning
    await runSql(server.dbFile, Array.from({ length: 120 }, (_, i): [string, unknown[]] => [
      "INSERT INTO admin_audit (at, actor_id, unit_id, action, target_type, target_id, old_value, new_value) VALUES (?, ?, ?, 'edit goal', 'person', ?, ?, ?)",
      [start + i * 60_000, liisa, unit, ids.matti, JSON.stringify({ goal_id: 7, title: `Askel ${i}` }), JSON.stringify({ goal_id: 7, title: `Askel ${i + 1}` })],
    ]));
    const helena = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, { viewport: { width: 1366, height: 768 } });
    await helena.goto(`${server.baseUrl}/admin/audit`);
    // The filter form: labelled fields in a fieldset, sent as GET.
    expect(await helena.locator('form fieldset.filters legend').innerText()).toBe('Rajaa muutoksia');
    await helena.getByLabel('Kuka muutti').selectOption(String(liisa));
    await helena.getByLabel('Kenen tietoja').selectOption(String(ids.matti));
    await helena.getByLabel('Toiminto', { exact: true }).selectOption('edit goal');
    await helena.getByLabel('Alkaen').fill('2025-03-01');
    await helena.getByLabel('Päättyen').fill('2025-03-31');
    await clickAndWait(helena, helena.getByRole('button', { name: 'Näytä' }));
    const query = new URL(helena.url()).searchParams;
    expect([query.get('actor'), query.get('person'), query.get('action')]).toEqual([String(liisa), String(ids.matti), 'edit goal']);

    const rows = helena.locator('table.audit-table tbody tr');
    expect(await rows.count()).toBe(50);
    expect(await helena.locator('nav.pager').first().getAttribute('data-total')).toBe('120');
    expect(await helena.locator('nav.pager').first().innerText()).toContain('Rivit 1–50 / 120');
    expect(await rows.first().innerText()).toContain('Tavoitteen muokkaus');
    expect(await rows.first().innerText()).toContain('Otsikko: Askel 119 → Askel 120');
    expect(await rows.first().innerText()).toContain('Liisa Ohjaaja');
    expect(await helena.locator('nav.pager a[rel=prev]').count()).toBe(0);
    await clickAndWait(helena, helena.locator('nav.pager a[rel=next]').first());
    expect(new URL(helena.url()).searchParams.get('page')).toBe('2');
    expect(new URL(helena.url()).searchParams.get('action')).toBe('edit goal');
    expect(await helena.locator('nav.pager').first().innerText()).toContain('Rivit 51–100 / 120');
    await clickAndWait(helena, helena.locator('nav.pager a[rel=next]').first());
    expect(await rows.count()).toBe(20);
    expect(await rows.last().innerText()).toContain('Otsikko: Askel 0 → Askel 1');
    expect(await helena.locator('nav.pager a[rel=next]').count()).toBe(0);
    await clickAndWait(helena, helena.locator('nav.pager a[rel=prev]').first());
    expect(await helena.locator('nav.pager').first().innerText()).toContain('Rivit 51–100 / 120');
    await expectNoAxeViolations(helena, { client: false });
    // Other days: none of them.
    await helena.goto(`${server.baseUrl}/admin/audit?action=edit+goal&from=2025-04-01&to=2025-04-30`);
    expect(await helena.locator('table.audit-table').count()).toBe(0);
    // A wrong day is an error on the field, not a 500.
    expect((await helena.goto(`${server.baseUrl}/admin/audit?from=eilen`))!.status()).toBe(400);
    expect(await helena.locator('[role=alert]').innerText()).toContain('Anna päivä muodossa 24.11.2026.');

    // The CSV: the filtered rows, oldest first, words beside codes.
    const before = (await querySql<{ n: number }>(server.dbFile, "SELECT COUNT(*) AS n FROM access_log WHERE action = 'audit log export' AND client_id = ?", [ids.matti]))[0].n;
    const csv = await helena.request.get(`${server.baseUrl}/admin/audit.csv?actor=${liisa}&action=edit+goal&from=1.3.2025&to=31.3.2025`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const table = rowsOf(await csv.text());
    expect(table[0]).toEqual(['Aika', 'Aika (UTC)', 'Kuka', 'Toiminto', 'Toimintokoodi', 'Kohde', 'Muutos', 'Muutos (koodit)']);
    expect(table).toHaveLength(121);
    expect(table[1].slice(2)).toEqual(['Liisa Ohjaaja', 'Tavoitteen muokkaus', 'edit goal', 'Matti Virtanen', 'Tavoite (nro): 7; Otsikko: Askel 0 → Askel 1', 'goal_id: 7 → 7; title: Askel 0 → Askel 1']);
    expect(table[1][1]).toBe(new Date(start).toISOString());
    expect(table[1][0]).toMatch(/^3\.3\.2025/);
    // The export carries Matti's data: it is in his access log.
    const after = (await querySql<{ n: number }>(server.dbFile, "SELECT COUNT(*) AS n FROM access_log WHERE action = 'audit log export' AND client_id = ?", [ids.matti]))[0].n;
    expect(after).toBe(before + 1);
    // The change of named worker in the CSV, in English for an English reader.
    await chooseLanguage(helena, 'en');
    const en = rowsOf(await (await helena.request.get(`${server.baseUrl}/admin/audit.csv?action=change+named+worker`)).text());
    expect(en[0]).toEqual(['Time', 'Time (UTC)', 'Who', 'Action', 'Action code', 'Target', 'Change', 'Change (codes)']);
    expect(en.slice(1).some((r) => r[3] === 'Named worker changed' && r[4] === 'change named worker' && r[6] === 'Named worker: Liisa Ohjaaja → Pekka Valmentaja')).toBe(true);
    await chooseLanguage(helena, 'fi');

    // Another unit's admin: their own unit's log only, in the page and in the file.
    const olli = await fixture.signedIn(server.baseUrl, { email: STAFF.adminB });
    const theirs = await (await olli.request.get(`${server.baseUrl}/admin/audit.csv`)).text();
    expect(theirs).not.toContain('Matti Virtanen');
    expect(theirs).not.toContain('Askel');
  });
});

describe('the access log in words', () => {
  it('a client’s access log: words for actions, pages of 50, filter by kind, CSV in words and codes', async () => {
    const liisa = await personId(STAFF.worker);
    const start = Date.UTC(2025, 5, 2, 7); // 2.6.2025
    await runSql(server.dbFile, Array.from({ length: 70 }, (_, i): [string, unknown[]] => [
      "INSERT INTO access_log (at, actor_id, client_id, action, basis, path) VALUES (?, ?, ?, ?, 'named_worker', ?)",
      [start + i * 600_000, liisa, ids.aino, i % 2 === 0 ? 'goal editor' : 'plan version 2', `/worker/clients/${ids.aino}/goals`],
    ]));
    const helena = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, { viewport: { width: 1366, height: 768 } });
    const base = `${server.baseUrl}/worker/clients/${ids.aino}/access-log`;
    await helena.goto(`${base}?from=2025-06-01&to=2025-06-30`);
    expect(await helena.locator('nav.pager').first().getAttribute('data-total')).toBe('70');
    const rows = helena.locator('table.access-log-table tbody tr');
    expect(await rows.count()).toBe(50);
    expect(await helena.locator('table.access-log-table').innerText()).toContain('Tavoitteiden muokkaus');
    expect(await helena.locator('table.access-log-table').innerText()).toContain('Suunnitelman vanha versio');
    expect(await helena.locator('table.access-log-table').innerText()).not.toMatch(/goal editor|plan version/);
    await clickAndWait(helena, helena.locator('nav.pager a[rel=next]').first());
    expect(await rows.count()).toBe(20);
    // The kind: by the form, as GET.
    await helena.getByLabel('Toiminto', { exact: true }).selectOption('goal editor');
    await clickAndWait(helena, helena.getByRole('button', { name: 'Näytä' }));
    expect(new URL(helena.url()).searchParams.get('action')).toBe('goal editor');
    expect(new URL(helena.url()).searchParams.get('page')).toBeNull();
    expect(await helena.locator('nav.pager').first().getAttribute('data-total')).toBe('35');
    for (const r of await rows.all()) expect(await r.getAttribute('data-action')).toBe('goal editor');
    await expectNoAxeViolations(helena, { client: false });

    const csv = await helena.request.get(`${base}.csv?action=goal+editor&from=2025-06-01&to=2025-06-30`);
    const table = rowsOf(await csv.text());
    expect(table[0]).toEqual(['Aika', 'Aika (UTC)', 'Katsoja', 'Katsojan rooli', 'Peruste', 'Perustekoodi', 'Aihe', 'Toiminto', 'Toimintokoodi', 'Sivu']);
    expect(table).toHaveLength(36);
    expect(table[1].slice(1)).toEqual([new Date(start).toISOString(), 'Liisa Ohjaaja', 'Ohjaaja', 'Omaohjaaja', 'named_worker', 'Tavoitteet', 'Tavoitteiden muokkaus', 'goal editor', `/worker/clients/${ids.aino}/goals`]);
    // The export is itself in the log.
    const [exported] = await querySql<{ n: number }>(server.dbFile, "SELECT COUNT(*) AS n FROM access_log WHERE action = 'access log export' AND client_id = ?", [ids.aino]);
    expect(exported.n).toBeGreaterThan(0);

    await chooseLanguage(helena, 'sv');
    await helena.goto(`${base}?action=goal+editor`);
    expect(await helena.locator('table.access-log-table').innerText()).toContain('Redigering av mål');
    await chooseLanguage(helena, 'fi');
  });

  it('a printable report for a data request: headings by day, names and words, in the client’s language or another', async () => {
    const helena = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, { viewport: { width: 1366, height: 768 } });
    await helena.goto(`${server.baseUrl}/worker/clients/${ids.aino}/access-log?from=2025-06-01&to=2025-06-30`);
    await clickAndWait(helena, helena.getByRole('link', { name: 'Tulostettava selvitys asiakkaalle tai läheiselle' }));
    expect(path(helena)).toBe(`/worker/clients/${ids.aino}/access-log/report?from=2025-06-01&to=2025-06-30`);
    const report = helena.locator('article.access-report');
    expect(await report.getAttribute('lang')).toBe('fi');
    const text = (await report.innerText()).replace(/\u00a0/g, ' ');
    expect(text).toContain('Kuka on katsonut tietoja: Aino Laine');
    expect(text).toContain('Aika: 1.6.2025–30.6.2025.');
    expect(text).toContain('Katseluja yhteensä: 70.');
    expect(await report.locator('section.report-day h3').first().innerText()).toMatch(/^maanantai 2\.6\.2025$/);
    const line = report.locator('section.report-day').first().locator('tbody tr').first();
    expect(await line.innerText()).toContain('Liisa Ohjaaja');
    expect(await line.innerText()).toContain('Omaohjaaja');
    expect(await line.innerText()).toContain('Tavoitteiden muokkaus, Suunnitelman vanha versio');
    expect(text).toContain('Omaohjaaja: asiakkaan oma ohjaaja.');
    expect(text).not.toMatch(/goal editor|plan version|named_worker|\/worker\//);
    expect(await report.locator(`a[href="/worker/clients/${ids.aino}/access-log.csv?from=2025-06-01&to=2025-06-30"]`).count()).toBe(1);
    await expectNoAxeViolations(helena, { client: false });
    // In Swedish for a Swedish-speaking family, the staff page around it stays Finnish.
    await helena.getByLabel('Selvityksen kieli').selectOption('sv');
    await clickAndWait(helena, helena.getByRole('button', { name: 'Näytä' }));
    expect(await report.getAttribute('lang')).toBe('sv');
    expect(await report.innerText()).toContain('Vem har tittat på uppgifterna: Aino Laine');
    expect(await report.innerText()).toContain('Redigering av mål');
    expect(await report.locator('section.report-day h3').first().innerText()).toMatch(/2\.6\.2025/);
    await expectNoAxeViolations(helena, { client: false });
    // Making the report is in the log.
    const [made] = await querySql<{ n: number }>(server.dbFile, "SELECT COUNT(*) AS n FROM access_log WHERE action = 'access log report' AND client_id = ?", [ids.aino]);
    expect(made.n).toBe(2);
    // Another unit's admin gets no report.
    const olli = await fixture.signedIn(server.baseUrl, { email: STAFF.adminB });
    expect((await olli.goto(`${server.baseUrl}/worker/clients/${ids.aino}/access-log/report`))!.status()).toBe(403);
  });
});
