/**
 * Travel compensation and the payroll export end to end (issue 15, points 9 and 17): the admin
 * adds a travel rule from a day on (per attended day with transport) on the rates page, sets the
 * unit's cost centre and a client's asiakasnumero; transport days are recorded (here by SQL, as
 * the register's own form is another page's work); the client reads the travel money in easy
 * words; the admin approves the month, downloads the payroll CSV and it reads as a Finnish
 * payroll system reads it (Finnish columns, euros with a decimal comma, sums equal to the
 * month's figures per client, a client with nothing to pay left out), also in cents; and the
 * two printable statements (the client's easy-read one and the accountant's table) show the
 * same figures and print on one A4 page.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickAndWait, STAFF, useBrowser } from '../helpers/browser';
import { querySql, runSql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { expectNoAxeViolations } from '../helpers/axe';
import { addMonths, formatEuros, monthOf, paymentDayOf } from '@domain/attendance';
import { mathSignsIn } from '@domain/easy-read/math-signs';
import { todayInHelsinki } from '@domain/time/helsinki';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();
const laptop = { viewport: { width: 1366, height: 768 } };
const lastMonth = addMonths(monthOf(todayInHelsinki()), -1);
const COLUMNS = 'Asiakasnumero;Nimi;Kustannuspaikka;Kuukausi;Maksupäivä;Läsnäolopäivät;Lomapäivät;Työosuusraha;Ateriamaksu;Oikaisut;Matkakorvaus;Maksetaan';

/** "12,50" → 1250, "-3,00" → −300: the way a payroll system reads a euro cell. */
function centsOfCell(cell: string): number {
  const match = /^(-?)(\d+),(\d{2})$/.exec(cell);
  if (!match) throw new Error(`Not euros with a decimal comma: ${JSON.stringify(cell)}`);
  return (match[1] ? -1 : 1) * (Number(match[2]) * 100 + Number(match[3]));
}

function parseCsv(text: string): { header: string; rows: Record<string, string>[] } {
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  const [header, ...lines] = text.slice(1).trimEnd().split('\r\n');
  const names = header.split(';');
  return { header, rows: lines.map((l) => Object.fromEntries(l.split(';').map((cell, i) => [names[i], cell]))) };
}

/** Pages of a PDF as Chromium writes it. */
const pdfPages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;

async function adminPage(): Promise<Page> {
  return fixture.signedIn(server.baseUrl, { email: STAFF.admin }, laptop);
}

describe('travel compensation and payroll', () => {
  // The per-client figures the admin's month shows before approval, for the export to agree with.
  let figures: Map<string, { payable: number; transport: number; adjustments: number }>;
  let transportDays: string[];

  it('lets the admin add a travel rule from a day on (history, audited, errors by the field), the cost centre and a client number', async () => {
    const admin = await adminPage();
    await admin.goto(`${server.baseUrl}/admin/rates`);
    expect(await admin.locator('[data-transport-none]').count()).toBe(1);
    // A negative amount: an error beside the field, nothing saved.
    const form = admin.locator('#new-transport-rate');
    await form.locator('select[name=transport_kind]').selectOption('per_day');
    await form.locator('input[name=transport_from]').fill(`${lastMonth}-01`);
    await form.locator('input[name=transport_day]').fill('-4,50');
    await clickAndWait(admin, form.getByRole('button', { name: 'Lisää matkakorvauksen sääntö' }));
    expect(await admin.locator('#transport_day-error').textContent()).toContain('Summa ei voi olla negatiivinen.');
    expect(await querySql(server.dbFile, 'SELECT * FROM transport_rates')).toEqual([]);
    await expectNoAxeViolations(admin, { client: false });

    await admin.locator('#new-transport-rate input[name=transport_day]').fill('4,50');
    await clickAndWait(admin, admin.locator('#new-transport-rate').getByRole('button', { name: 'Lisää matkakorvauksen sääntö' }));
    expect(new URL(admin.url()).search).toBe('?saved=transport');
    expect(await admin.locator('table[data-transport-rates] tr[data-kind=per_day]').textContent()).toContain('4,50');
    expect(await querySql(server.dbFile, 'SELECT valid_from, kind, day_cents FROM transport_rates')).toEqual([{ valid_from: `${lastMonth}-01`, kind: 'per_day', day_cents: 450 }]);
    const [audit] = await querySql<{ new_value: string }>(server.dbFile, "SELECT new_value FROM admin_audit WHERE action = 'add transport rate'");
    expect(JSON.parse(audit.new_value)).toEqual({ valid_from: `${lastMonth}-01`, kind: 'per_day', day_cents: 450 });
    // The same day again is refused: a new rule is a new day.
    await admin.locator('#new-transport-rate select[name=transport_kind]').selectOption('none');
    await admin.locator('#new-transport-rate input[name=transport_from]').fill(`${lastMonth}-01`);
    await clickAndWait(admin, admin.locator('#new-transport-rate').getByRole('button', { name: 'Lisää matkakorvauksen sääntö' }));
    expect(await admin.locator('#transport_from-error').textContent()).toContain('on jo matkakorvauksen sääntö');

    // The unit's cost centre, audited.
    await admin.goto(`${server.baseUrl}/admin/rates`);
    await admin.locator('#unit-settings input[name=cost_centre]').fill('4410');
    await clickAndWait(admin, admin.locator('#unit-settings').getByRole('button', { name: 'Tallenna asetukset' }));
    expect(await querySql(server.dbFile, "SELECT cost_centre FROM units WHERE name = (SELECT u.name FROM units u JOIN people p ON p.unit_id = u.id WHERE p.id = ?)", [ids.matti])).toEqual([{ cost_centre: '4410' }]);
    const [settingsAudit] = await querySql<{ new_value: string }>(server.dbFile, "SELECT new_value FROM admin_audit WHERE action = 'edit unit settings' ORDER BY id DESC LIMIT 1");
    expect(JSON.parse(settingsAudit.new_value)).toEqual({ cost_centre: '4410' });

    // Matti's asiakasnumero on his person page; the same number for Aino is refused.
    await admin.goto(`${server.baseUrl}/admin/people/${ids.matti}`);
    await admin.locator('#person-details input[name=asiakasnumero]').fill('A-1001');
    await clickAndWait(admin, admin.locator('#person-details').getByRole('button', { name: 'Tallenna' }));
    expect(await querySql(server.dbFile, 'SELECT asiakasnumero FROM people WHERE id = ?', [ids.matti])).toEqual([{ asiakasnumero: 'A-1001' }]);
    const [personAudit] = await querySql<{ new_value: string }>(server.dbFile, "SELECT new_value FROM admin_audit WHERE action = 'edit person' AND target_id = ? ORDER BY id DESC LIMIT 1", [ids.matti]);
    expect(JSON.parse(personAudit.new_value)).toEqual({ asiakasnumero: 'A-1001' });
    await admin.goto(`${server.baseUrl}/admin/people/${ids.aino}`);
    await admin.locator('#person-details input[name=asiakasnumero]').fill('A-1001');
    await clickAndWait(admin, admin.locator('#person-details').getByRole('button', { name: 'Tallenna' }));
    expect(await admin.locator('#asiakasnumero-error').textContent()).toContain('on jo tämä asiakasnumero');
    expect(await querySql(server.dbFile, 'SELECT asiakasnumero FROM people WHERE id = ?', [ids.aino])).toEqual([{ asiakasnumero: null }]);
  });

  it('tells the client the travel money in easy words, as part of the month', async () => {
    // Three of Matti's attended days of last month with transport, recorded by SQL; one sick
    // day with transport (not paid). Jukka was away the whole month: nothing to pay.
    const present = await querySql<{ day: string }>(server.dbFile, "SELECT day FROM attendance WHERE client_id = ? AND status = 'present' AND day LIKE ? ORDER BY day LIMIT 3", [ids.matti, `${lastMonth}-%`]);
    transportDays = present.map((p) => p.day);
    expect(transportDays).toHaveLength(3);
    await runSql(server.dbFile, [
      [`UPDATE attendance SET transport = 1 WHERE client_id = ? AND day IN (${transportDays.map(() => '?').join(',')})`, [ids.matti, ...transportDays]],
      ["UPDATE attendance SET transport = 1 WHERE client_id = ? AND status <> 'present' AND day LIKE ?", [ids.matti, `${lastMonth}-%`]],
      ["UPDATE attendance SET status = 'sick' WHERE client_id = ? AND day LIKE ?", [ids.jukka, `${lastMonth}-%`]],
    ]);

    const matti = await fixture.signedIn(server.baseUrl, 'matti');
    await matti.goto(`${server.baseUrl}/client/money?month=${lastMonth}`);
    const line = matti.locator('li[data-line=transport]');
    expect(await line.getAttribute('data-cents')).toBe('1350');
    expect((await line.innerText()).trim()).toBe('Tulit töihin kyydillä 3 päivänä. Saat 4,50\u00a0€ matkarahaa jokaisesta päivästä. Se on yhteensä 13,50\u00a0€.');
    expect(await line.locator('svg').count()).toBe(1);
    const pageText = await matti.locator('main').innerText();
    expect(mathSignsIn(pageText)).toEqual([]);
    await expectNoAxeViolations(matti, { client: true });
  });

  it('approves the month: the export has Finnish columns, euros with a decimal comma, the figures of the month, and leaves out a client with nothing to pay', async () => {
    const admin = await adminPage();
    await admin.goto(`${server.baseUrl}/admin/money?month=${lastMonth}`);
    figures = new Map();
    for (const row of await admin.locator('table.statement tbody tr').all()) {
      const name = (await row.locator('th').innerText()).trim();
      figures.set(name, {
        payable: Number(await row.locator('[data-payable-cents]').getAttribute('data-payable-cents')),
        transport: Number(await row.locator('[data-transport-cents]').getAttribute('data-transport-cents')),
        adjustments: Number(await row.locator('[data-adjustments-cents]').getAttribute('data-adjustments-cents')),
      });
    }
    expect(figures.get('Matti Virtanen')?.transport).toBe(1350);
    expect(figures.get('Jukka Niemi')?.payable).toBe(0);

    await clickAndWait(admin, admin.getByRole('button', { name: 'Hyväksy kuukausi' }));
    await clickAndWait(admin, admin.locator('#confirm button.danger'));
    expect(await admin.locator('[data-approved]').getAttribute('data-approved')).toBe('true');
    expect(await querySql(server.dbFile, 'SELECT transport_cents FROM month_statements WHERE client_id = ? AND month = ?', [ids.matti, lastMonth])).toEqual([{ transport_cents: 1350 }]);
    await expectNoAxeViolations(admin, { client: false });

    // The download as the admin gets it: the link on the page.
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('link', { name: 'Lataa CSV palkanmaksuun' }).click()]);
    expect(download.suggestedFilename()).toBe(`tyoosuusraha-${lastMonth}.csv`);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(Buffer.from(chunk));
    const csv = parseCsv(Buffer.concat(chunks).toString('utf8'));
    expect(csv.header).toBe(COLUMNS);
    const byName = new Map(csv.rows.map((r) => [r.Nimi, r]));
    expect(byName.has('Jukka Niemi')).toBe(false);
    const expectedNames = [...figures].filter(([, f]) => f.payable !== 0 || f.adjustments !== 0).map(([name]) => name);
    expect([...byName.keys()].sort()).toEqual(expectedNames.sort());
    const payDay = paymentDayOf(lastMonth, 15);
    const [y, m, d] = payDay.split('-');
    for (const row of csv.rows) {
      expect(row.Kustannuspaikka).toBe('4410');
      expect(row.Kuukausi).toBe(lastMonth);
      expect(row['Maksupäivä']).toBe(`${Number(d)}.${Number(m)}.${y}`);
      for (const column of ['Työosuusraha', 'Ateriamaksu', 'Oikaisut', 'Matkakorvaus', 'Maksetaan']) expect(row[column]).toMatch(/^-?\d+,\d{2}$/);
      const f = figures.get(row.Nimi)!;
      expect(centsOfCell(row.Maksetaan), row.Nimi).toBe(f.payable);
      expect(centsOfCell(row.Matkakorvaus), row.Nimi).toBe(f.transport);
      // What is paid: the work-share money less the meal fee with the corrections, and the travel money.
      const net = centsOfCell(row['Työosuusraha']) - centsOfCell(row.Ateriamaksu) + centsOfCell(row.Oikaisut);
      expect(Math.max(0, net) + centsOfCell(row.Matkakorvaus), row.Nimi).toBe(centsOfCell(row.Maksetaan));
    }
    const matti = byName.get('Matti Virtanen')!;
    expect(matti.Asiakasnumero).toBe('A-1001');
    expect(matti.Matkakorvaus).toBe('13,50');
    const total = csv.rows.reduce((sum, r) => sum + centsOfCell(r.Maksetaan), 0);
    expect(total).toBe(Number(await admin.locator('[data-total-payable-cents]').getAttribute('data-total-payable-cents')));

    // Each client in the file is a read of their data by the admin: logged, and only those.
    const logged = await querySql<{ full_name: string }>(server.dbFile, "SELECT DISTINCT p.full_name FROM access_log l JOIN people p ON p.id = l.client_id WHERE l.action = 'payroll export'");
    expect(logged.map((r) => r.full_name).sort()).toEqual(expectedNames.sort());

    // In cents when asked: the same rows, whole numbers.
    const inCents = await admin.request.get(`${server.baseUrl}/admin/money/export?month=${lastMonth}&cents=1`);
    expect(inCents.status()).toBe(200);
    const cents = parseCsv(await inCents.text());
    expect(cents.header).toBe(COLUMNS);
    expect(cents.rows.map((r) => r.Nimi)).toEqual(csv.rows.map((r) => r.Nimi));
    const mattiCents = cents.rows.find((r) => r.Nimi === 'Matti Virtanen')!;
    expect(mattiCents.Matkakorvaus).toBe('1350');
    expect(mattiCents.Maksetaan).toBe(String(figures.get('Matti Virtanen')!.payable));
  });

  it('gives the client a printable easy-read statement of the month, on one A4 page', async () => {
    const matti = await fixture.signedIn(server.baseUrl, 'matti');
    await matti.goto(`${server.baseUrl}/client/money?month=${lastMonth}`);
    await clickAndWait(matti, matti.getByRole('link', { name: 'Tulosta tämä kuukausi' }));
    expect(new URL(matti.url()).pathname + new URL(matti.url()).search).toBe(`/client/money/statement?month=${lastMonth}`);
    const payable = figures.get('Matti Virtanen')!.payable;
    expect(await matti.locator('.money-total').getAttribute('data-net-cents')).toBe(String(payable));
    expect(await matti.locator('main').innerText()).toContain('Matti Virtanen');
    expect(await matti.locator('li[data-line=transport]').innerText()).toContain('Se on yhteensä 13,50\u00a0€.');
    expect(await matti.locator('.money-total').innerText()).toContain(formatEuros(payable, 'fi'));
    // The print button is there with JavaScript.
    expect(await matti.locator('button[data-print]').isVisible()).toBe(true);
    await expectNoAxeViolations(matti, { client: true });
    await matti.emulateMedia({ media: 'print' });
    expect(await matti.locator('.money-lines svg').first().isVisible()).toBe(true);
    expect(await matti.locator('.tools').isVisible()).toBe(false);
    expect(await matti.locator('button[data-print]').isVisible()).toBe(false);
    expect(pdfPages(await matti.pdf({ format: 'A4' }))).toBe(1);
  });

  it('gives the accountant a printable statement with the approved figures of one client', async () => {
    const admin = await adminPage();
    await admin.goto(`${server.baseUrl}/admin/money?month=${lastMonth}`);
    await clickAndWait(admin, admin.getByRole('link', { name: 'Kuukauden erittely: Matti Virtanen' }));
    expect(new URL(admin.url()).search).toBe(`?month=${lastMonth}&client=${ids.matti}`);
    const f = figures.get('Matti Virtanen')!;
    expect(await admin.locator('tr[data-figure=payable]').getAttribute('data-cents')).toBe(String(f.payable));
    expect(await admin.locator('tr[data-figure=payable] td').innerText()).toBe(formatEuros(f.payable, 'fi'));
    expect(await admin.locator('tr[data-figure=transport] td').innerText()).toBe(formatEuros(1350, 'fi'));
    expect(await admin.locator('[data-asiakasnumero]').innerText()).toBe('A-1001');
    expect(await admin.locator('[data-payment-day]').getAttribute('data-payment-day')).toBe(paymentDayOf(lastMonth, 15));
    expect(await admin.locator('table[data-facts]').innerText()).toContain('4410');
    await expectNoAxeViolations(admin, { client: false });
    await admin.emulateMedia({ media: 'print' });
    expect(await admin.locator('.staff-bar').isVisible()).toBe(false);
    expect(await admin.locator('table[data-figures]').isVisible()).toBe(true);
    expect(pdfPages(await admin.pdf({ format: 'A4' }))).toBe(1);
    expect(await admin.locator('[data-approved]').getAttribute('data-approved')).toBe('true');
    // A client of another unit: nothing to show. A month not approved: today's figures, marked so.
    expect((await admin.request.get(`${server.baseUrl}/admin/money/statement?month=${lastMonth}&client=${ids.ville}`)).status()).toBe(404);
    await admin.emulateMedia({ media: 'screen' });
    await admin.goto(`${server.baseUrl}/admin/money/statement?month=${addMonths(lastMonth, 1)}&client=${ids.matti}`);
    expect(await admin.locator('[data-approved]').getAttribute('data-approved')).toBe('false');
  });
});
