/**
 * Attendance and work-share money end to end: the client's calendar and money page, reporting
 * an absence in steps (with and without JavaScript, once per double tap) and cancelling it, the
 * worker's daily register and confirmation, corrections with their log, approving a month, the
 * payroll CSV, adjustments after approval, rates with bad input, family read-only, refusal
 * across clients and units by changed ids, and axe on the states the accessibility sweep cannot
 * reach (the report's later steps in all three languages, forms sent back with errors).
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { chooseLanguage, clickAndWait, path, STAFF, useBrowser } from '../helpers/browser';
import { querySql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { expectNoAxeViolations, expectTargetSizes } from '../helpers/axe';
import { addDays, addMonths, formatEuros, isoWeekday, monthOf, paymentDayOf } from '@domain/attendance';
import { todayInHelsinki } from '@domain/time/helsinki';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();
const today = todayInHelsinki();
const lastMonth = addMonths(monthOf(today), -1);


const euros = (cents: number) => formatEuros(cents, 'fi');
/** The colour of success (--ok) as the browser computes it, and an element's border colour. */
const okColour = (page: Page) =>
  page.evaluate(() => {
    const probe = document.body.appendChild(document.createElement('span'));
    probe.style.color = 'var(--ok)';
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  });
const borderColour = (l: Locator) => l.evaluate((e) => getComputedStyle(e).borderTopColor);

const reportsOf = async (clientId: number) =>
  querySql<{ id: number; reason: string; cancelled_at: number | null }>(server.dbFile, 'SELECT id, reason, cancelled_at FROM absence_reports WHERE client_id = ? ORDER BY id', [clientId]);

/** The next day on or after `from` that is one of the weekdays given. */
function nextDayOn(from: string, weekdays: number[]): string {
  let day = from;
  while (!weekdays.includes(isoWeekday(day))) day = addDays(day, 1);
  return day;
}

async function next(page: Page) {
  await clickAndWait(page, page.locator('button[name=nav][value=next]'));
}

describe('client calendar and absence report', () => {
  it('shows the month with a picture and a word per day, and other months by the arrows', async () => {
    const page = await fixture.signedIn(server.baseUrl, 'matti');
    await page.goto(`${server.baseUrl}/client/attendance`);
    const recorded = await querySql<{ day: string; status: string }>(server.dbFile, 'SELECT day, status FROM attendance WHERE client_id = ? AND day LIKE ?', [ids.matti, `${monthOf(today)}-%`]);
    for (const r of recorded) {
      const cell = page.locator(`li.calendar-day[data-day="${r.day}"]`);
      expect(await cell.getAttribute('data-state'), r.day).toBe(r.status);
      // A row of the week list: the weekday's picture and the day in words, the day's picture and its word.
      expect(await cell.locator('.calendar-when svg.weekday-picture').count(), r.day).toBe(1);
      expect(await cell.locator('.calendar-date').textContent(), r.day).toMatch(/^(maanantai|tiistai|keskiviikko|torstai|perjantai|lauantai|sunnuntai) \d{1,2}\.\d{1,2}\.$/);
      expect(await cell.locator('.calendar-what svg').count(), r.day).toBe(1);
      expect((await cell.locator('.calendar-word').textContent())?.length, r.day).toBeGreaterThan(2);
    }
    await clickAndWait(page, page.locator('.month-nav a[rel=prev]'));
    expect(path(page)).toBe(`/client/attendance?month=${lastMonth}`);
    expect(await page.locator('li.calendar-day[data-state=present]').count()).toBeGreaterThan(5);
    // A public holiday on a scheduled day shows "Ei toimintaa" (the demo records it so, too).
    await page.goto(`${server.baseUrl}/client/attendance?month=2026-12`);
    expect(await page.locator('li.calendar-day[data-day="2026-12-24"]').getAttribute('data-state')).toBe('no_service');
    expect(await page.locator('li.calendar-day[data-day="2026-12-24"] .calendar-word').textContent()).toBe('Ei toimintaa');
  });

  it('reports an absence in three steps without JavaScript, keeps choices on Back, and a double tap makes one report', async () => {
    const page = await fixture.signedIn(server.baseUrl, 'matti', { javaScriptEnabled: false });
    await page.goto(`${server.baseUrl}/client/attendance/report`);
    expect(await page.locator('.step-count').textContent()).toContain('Vaihe 1 / 3');
    // Nothing chosen: an easy error.
    await next(page);
    expect(await page.locator('#error-summary').textContent()).toContain('Valitse päivä.');
    expect(await page.locator('#when-error').textContent()).toContain('Valitse päivä.');
    await page.locator('label.choice:has(input[value=pick])').click();
    await next(page);
    const days = page.locator('input[name=day]');
    const first = await days.nth(1).inputValue();
    const second = await days.nth(2).inputValue();
    await days.nth(1).check();
    await days.nth(2).check();
    await next(page);
    expect(await page.locator('.step-count').textContent()).toContain('Vaihe 2 / 3');
    await page.locator('label.choice:has(input[value=doctor])').click();
    await next(page);
    // Back and forward again: the choices are still there.
    await clickAndWait(page, page.locator('button[name=nav][value=back]'));
    expect(await page.locator('input[name=reason][value=doctor]').isChecked()).toBe(true);
    await next(page);
    expect(await page.locator('.step-count').textContent()).toContain('Vaihe 3 / 3');
    expect(await page.locator('main').textContent()).toContain('Syy: Menen lääkäriin');
    await page.locator('#words').fill('Hammaslääkäri aamulla.');

    // The same form sent twice (a double tap) and then the button: one report.
    const before = (await reportsOf(ids.matti)).length;
    const statuses = await page.evaluate(async () => {
      const form = document.querySelector('form.report-step') as HTMLFormElement;
      const body = new URLSearchParams(new FormData(form) as unknown as Record<string, string>);
      body.append('nav', 'send');
      const send = () => fetch(location.pathname, { method: 'POST', body, redirect: 'manual' }).then((r) => r.status);
      return Promise.all([send(), send()]);
    });
    // Both answered with a redirect (status 0 = an opaque redirect with redirect: 'manual').
    // (Playwright's evaluate runs even with the page's JavaScript off.)
    expect(statuses).toEqual([0, 0]);
    await clickAndWait(page, page.locator('button[name=nav][value=send]'));
    expect(path(page)).toMatch(/^\/client\/attendance\?reported=\d+$/);
    const after = await reportsOf(ids.matti);
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)!.reason).toBe('doctor');
    expect(await querySql(server.dbFile, 'SELECT day FROM absence_report_days WHERE report_id = ? ORDER BY day', [after.at(-1)!.id])).toEqual([{ day: first }, { day: second }].sort((a, b) => a.day.localeCompare(b.day)));

    // The calendar shows the days as reported, and the report can be cancelled (with a question first).
    if (monthOf(first) === monthOf(today)) expect(await page.locator(`li.calendar-day[data-day="${first}"]`).getAttribute('data-state')).toBe('reported');
    await clickAndWait(page, page.locator('section[aria-labelledby=open-reports] a.button').first());
    expect(await page.locator('section[aria-labelledby=open-reports]').textContent()).toContain('Haluatko perua ilmoituksen?');
    await clickAndWait(page, page.locator('section[aria-labelledby=open-reports] form.confirm button[type=submit]'));
    expect(path(page)).toBe('/client/attendance?cancelled=1');
    expect((await reportsOf(ids.matti)).at(-1)!.cancelled_at).not.toBeNull();
  });

  it('lets the worker see and confirm a report at once; a confirmed report cannot be cancelled', async () => {
    const client = await fixture.signedIn(server.baseUrl, 'matti');
    await client.goto(`${server.baseUrl}/client/attendance/report`);
    await client.locator('label.choice:has(input[value=today])').click();
    await next(client);
    await client.locator('label.choice:has(input[value=sick])').click();
    await next(client);
    await clickAndWait(client, client.locator('button[name=nav][value=send]'));
    const report = (await reportsOf(ids.matti)).at(-1)!;
    expect(await client.locator(`li.calendar-day[data-day="${today}"]`).getAttribute('data-state')).toBe('reported');

    const worker = await fixture.signedIn(server.baseUrl, { email: STAFF.worker }, { viewport: { width: 1024, height: 900 } });
    await worker.goto(`${server.baseUrl}/worker/register?day=${today}`);
    const row = worker.locator(`#client-${ids.matti}`);
    expect(await row.locator('.register-report').textContent()).toContain('sairas');
    await expectNoAxeViolations(worker, { client: false });
    await clickAndWait(worker, row.getByRole('button', { name: 'Vahvista' }));
    expect(await querySql(server.dbFile, 'SELECT status FROM attendance WHERE client_id = ? AND day = ?', [ids.matti, today])).toEqual([{ status: 'sick' }]);
    expect(await worker.locator(`#client-${ids.matti}`).getAttribute('data-status')).toBe('sick');

    await client.reload();
    expect(await client.locator(`li.calendar-day[data-day="${today}"]`).getAttribute('data-state')).toBe('sick');
    const status = await client.evaluate(async (id) => (await fetch('/client/attendance', { method: 'POST', body: new URLSearchParams({ report: String(id) }), redirect: 'manual' })).status, report.id);
    expect(status).toBe(409);
    expect((await reportsOf(ids.matti)).at(-1)!.cancelled_at).toBeNull();
  });
});

describe('daily register and corrections', () => {
  it('marks a day in one tap, logs a change (who, when, old → new) and refuses bad input', async () => {
    const worker = await fixture.signedIn(server.baseUrl, { email: STAFF.worker }, { viewport: { width: 1024, height: 900 } });
    const day = nextDayOn(addDays(today, -14), [2, 3, 4]); // a day Jukka works
    await worker.goto(`${server.baseUrl}/worker/register?day=${day}`);
    const row = worker.locator(`#client-${ids.jukka}`);
    await clickAndWait(worker, row.locator('button[name=status][value=holiday]'));
    await clickAndWait(worker, worker.locator(`#client-${ids.jukka} button[name=status][value=present]`));
    expect(await worker.locator(`#client-${ids.jukka} button[aria-pressed=true]`).getAttribute('value')).toBe('present');
    const changes = await querySql<{ old_status: string; new_status: string }>(server.dbFile, 'SELECT old_status, new_status FROM attendance_changes WHERE client_id = ? AND day = ? ORDER BY id', [ids.jukka, day]);
    expect(changes.slice(-1)).toEqual([{ old_status: 'holiday', new_status: 'present' }]);

    // The change shows on the client's page for workers, with who made it.
    await worker.goto(`${server.baseUrl}/worker/clients/${ids.jukka}/attendance?month=${monthOf(day)}`);
    expect(await worker.locator('main table:not(.month-grid)').first().textContent()).toContain('Liisa Ohjaaja');
    await expectNoAxeViolations(worker, { client: false });

    // A day outside the month shown, and an unknown status: easy errors, nothing saved.
    await worker.locator('input[name=day]').fill(`${addMonths(monthOf(day), -2)}-10`);
    await clickAndWait(worker, worker.getByRole('button', { name: 'Tallenna' }).first());
    expect(await worker.locator('#error-summary').textContent()).toContain('Päivä ei ole tässä kuussa.');
    expect(await worker.locator('input[name=day]').inputValue()).toBe(`${addMonths(monthOf(day), -2)}-10`);
    const bad = await worker.evaluate(async ({ id, d }) => (await fetch('/worker/register', { method: 'POST', body: new URLSearchParams({ client: String(id), day: d, status: 'party' }), redirect: 'manual' })).status, { id: ids.jukka, d: day });
    expect(bad).toBe(400);
  });

  it("refuses another unit's and another worker's clients, also by changed ids", async () => {
    const sanna = await fixture.signedIn(server.baseUrl, { email: STAFF.workerB });
    await sanna.goto(`${server.baseUrl}/worker/register?day=${today}`);
    expect(await sanna.locator(`#client-${ids.matti}`).count()).toBe(0);
    const before = await querySql(server.dbFile, 'SELECT status FROM attendance WHERE client_id = ? AND day = ?', [ids.matti, addDays(today, -1)]);
    const status = await sanna.evaluate(async ({ id, d }) => (await fetch('/worker/register', { method: 'POST', body: new URLSearchParams({ client: String(id), day: d, status: 'absent' }), redirect: 'manual' })).status, { id: ids.matti, d: addDays(today, -1) });
    expect(status).toBe(403);
    expect(await querySql(server.dbFile, 'SELECT status FROM attendance WHERE client_id = ? AND day = ?', [ids.matti, addDays(today, -1)])).toEqual(before);
    for (const url of [`/worker/clients/${ids.matti}/attendance`, '/admin/money', '/admin/rates', `/admin/money/export?month=${lastMonth}`]) {
      expect((await sanna.goto(server.baseUrl + url))?.status(), url).toBe(403);
    }
    // Pekka is Aino's worker, not Matti's: Matti is not in his register.
    const pekka = await fixture.signedIn(server.baseUrl, { email: STAFF.substitute });
    await pekka.goto(`${server.baseUrl}/worker/register?day=${nextDayOn(today, [1, 3, 5])}`);
    expect(await pekka.locator(`#client-${ids.matti}`).count()).toBe(0);
    expect(await pekka.locator(`#client-${ids.aino}`).count()).toBe(1);
    // A client and a family member never reach staff pages.
    const family = await fixture.signedIn(server.baseUrl, { email: STAFF.family });
    expect((await family.goto(`${server.baseUrl}/worker/register`))?.status()).toBe(403);
    expect((await family.goto(`${server.baseUrl}/family/${ids.aino}/money`))?.status()).toBe(403);
    expect((await family.goto(`${server.baseUrl}/family/${ids.matti}/money`))?.status()).toBe(200);
    expect((await family.goto(`${server.baseUrl}/family/${ids.matti}/attendance`))?.status()).toBe(200);
    const logged = await querySql<{ action: string }>(server.dbFile, "SELECT DISTINCT action FROM access_log WHERE client_id = ? AND basis = 'family'", [ids.matti]);
    expect(logged.map((l) => l.action)).toEqual(expect.arrayContaining(['money', 'attendance']));
  });
});

describe('money', () => {
  it("shows the month's sum with the real rules: avotyö 12 € a day, työtoiminta with an equal meal fee", async () => {
    const aino = await fixture.signedIn(server.baseUrl, 'aino');
    await aino.goto(`${server.baseUrl}/client/money?month=${lastMonth}`);
    const [{ n }] = await querySql<{ n: number }>(server.dbFile, "SELECT COUNT(*) AS n FROM attendance WHERE client_id = ? AND status = 'present' AND day LIKE ?", [ids.aino, `${lastMonth}-%`]);
    expect(n).toBeGreaterThan(0);
    expect(await aino.locator('.money-total').getAttribute('data-net-cents')).toBe(String(n * 1200));
    // Said in sentences, not as a sum: the days, the money of a day, the whole.
    expect(await aino.locator('[data-line=work]').textContent()).toBe(`Olit töissä ${n} päivää. Saat 12,00\u00a0€ jokaisesta päivästä. Se on yhteensä ${euros(n * 1200)}.`);
    expect(await aino.locator('[data-line=meal]').count()).toBe(0);
    expect(await aino.locator('main').textContent()).toContain('Työosuusraha ei ole palkka.');
    await expectTargetSizes(aino);

    const matti = await fixture.signedIn(server.baseUrl, 'matti');
    await matti.goto(`${server.baseUrl}/client/money?month=${lastMonth}`);
    expect(await matti.locator('[data-line=meal]').textContent()).toContain('Se otetaan pois rahastasi.');
    // Nothing to pay: no "Saat 0,00 €" in the colour of success, but why, in words.
    const total = matti.locator('.money-total');
    expect(await total.innerText()).toMatch(/^Tässä kuussa et saanut rahaa\.\s+Ruoka maksoi yhtä paljon kuin sait rahaa\.$/);
    expect(await total.getAttribute('data-paid')).toBe('false');
    expect(await borderColour(total)).not.toBe(await okColour(matti));
  });

  it('is approved and exported as CSV; a later correction becomes an adjustment the client sees next month', async () => {
    const admin = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, { viewport: { width: 1280, height: 900 } });
    await admin.goto(`${server.baseUrl}/admin/money?month=${lastMonth}`);
    const names = await admin.locator('tbody th').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['Matti Virtanen', 'Aino Laine', 'Jukka Niemi']));
    expect(names).not.toContain('Ville Koski');
    const ainoNet = await admin.locator(`tr[data-client="${ids.aino}"] [data-net-cents]`).getAttribute('data-net-cents');
    await expectNoAxeViolations(admin, { client: false });
    await clickAndWait(admin, admin.getByRole('button', { name: 'Hyväksy kuukausi' }));
    // Asked first (tests/e2e/confirmations.test.ts); confirmed here.
    await clickAndWait(admin, admin.locator('#confirm button.danger'));
    expect(await admin.locator('[data-approved]').getAttribute('data-approved')).toBe('true');
    // Only money really paid is in the colour of success: the approved month once its payment
    // day has come (the demo's unit pays on the 15th).
    {
      const aino = await fixture.signedIn(server.baseUrl, 'aino');
      await aino.goto(`${server.baseUrl}/client/money?month=${lastMonth}`);
      const total = aino.locator('.money-total');
      const paid = today >= paymentDayOf(lastMonth, 15);
      expect(await total.getAttribute('data-paid')).toBe(String(paid));
      expect(await total.innerText()).toMatch(paid ? /^Sait [\d,\u00a0]+€\. Raha tuli tilillesi / : /^Saat [\d,\u00a0]+€\. Raha tulee tilillesi /);
      expect((await borderColour(total)) === (await okColour(aino))).toBe(paid);
    }
    // Approving twice is refused.
    const again = await admin.evaluate(async (m) => (await fetch('/admin/money', { method: 'POST', body: new URLSearchParams({ month: m, confirm: 'yes' }), redirect: 'manual' })).status, lastMonth);
    expect(again).toBe(400);
    // The current month cannot be approved yet.
    const early = await admin.evaluate(async (m) => (await fetch('/admin/money', { method: 'POST', body: new URLSearchParams({ month: m, confirm: 'yes' }), redirect: 'manual' })).status, monthOf(today));
    expect(early).toBe(400);

    const csv = await admin.request.get(`${server.baseUrl}/admin/money/export?month=${lastMonth}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    // The Finnish columns and euros with a decimal comma (tests/e2e/payroll.test.ts reads the rest).
    expect(lines[0]).toBe('Asiakasnumero;Nimi;Kustannuspaikka;Kuukausi;Maksupäivä;Läsnäolopäivät;Lomapäivät;Työosuusraha;Ateriamaksu;Oikaisut;Matkakorvaus;Maksetaan');
    const ainoLine = lines.find((l) => l.split(';')[1] === 'Aino Laine')!.split(';');
    const ainoCents = Number(ainoNet);
    expect(ainoLine[11]).toBe(`${Math.trunc(ainoCents / 100)},${String(ainoCents % 100).padStart(2, '0')}`);
    expect(ainoLine[3]).toBe(lastMonth);
    expect((await admin.request.get(`${server.baseUrl}/admin/money/export?month=${monthOf(today)}`)).status()).toBe(404);

    // Pekka corrects a day of Aino's approved month: present → sick. The one-tap register refuses
    // (a correction of an approved month needs a reason); on Aino's month page, the form asks for
    // one, and sent without it comes back with the error, keeping the day and the status chosen.
    // The approved numbers stay; −12 € is paid as an adjustment in the current month, with the
    // reason shown in the history and to Aino in easy words.
    const [day] = await querySql<{ day: string }>(server.dbFile, "SELECT day FROM attendance WHERE client_id = ? AND status = 'present' AND day LIKE ? ORDER BY day LIMIT 1", [ids.aino, `${lastMonth}-%`]);
    const pekka = await fixture.signedIn(server.baseUrl, { email: STAFF.substitute }, { viewport: { width: 1024, height: 900 } });
    await pekka.goto(`${server.baseUrl}/worker/register?day=${day.day}`);
    await clickAndWait(pekka, pekka.locator(`#client-${ids.aino} button[name=status][value=sick]`));
    expect(await pekka.locator('.notice.error').textContent()).toContain('kirjoita syy');
    expect(await querySql(server.dbFile, 'SELECT * FROM adjustments WHERE client_id = ?', [ids.aino])).toEqual([]);

    await pekka.goto(`${server.baseUrl}/worker/clients/${ids.aino}/attendance?month=${lastMonth}`);
    await pekka.locator('input[name=day]').fill(day.day);
    await pekka.locator('select[name=status]').selectOption('sick');
    await clickAndWait(pekka, pekka.getByRole('button', { name: 'Tallenna' }).first());
    expect(await pekka.locator('#error-summary').textContent()).toContain('Kirjoita korjauksen syy.');
    expect(await pekka.locator('input[name=day]').inputValue()).toBe(day.day);
    expect(await pekka.locator('select[name=status]').inputValue()).toBe('sick');
    expect(await pekka.locator('input[name=reason]').getAttribute('aria-invalid')).toBe('true');
    expect(await querySql(server.dbFile, 'SELECT * FROM adjustments WHERE client_id = ?', [ids.aino])).toEqual([]);
    await expectNoAxeViolations(pekka, { client: false });
    const reason = 'Aino oli kipeä. Hän soitti aamulla';
    await pekka.locator('input[name=reason]').fill(reason);
    await clickAndWait(pekka, pekka.getByRole('button', { name: 'Tallenna' }).first());
    expect(await pekka.locator('.notice.ok').textContent()).toContain('korjauksena');
    const history = pekka.locator('main table:not(.month-grid)').first();
    expect(await history.locator('tbody tr').first().textContent()).toContain(reason);
    expect(await querySql(server.dbFile, 'SELECT paid_in_month, cents, old_status, new_status, reason FROM adjustments WHERE client_id = ?', [ids.aino])).toEqual([
      { paid_in_month: monthOf(today), cents: -1200, old_status: 'present', new_status: 'sick', reason },
    ]);
    expect(await querySql(server.dbFile, 'SELECT net_cents FROM month_statements WHERE client_id = ? AND month = ?', [ids.aino, lastMonth])).toEqual([{ net_cents: Number(ainoNet) }]);
    // The approved month cannot be changed in the database either.
    await admin.reload();
    expect(await admin.locator(`tr[data-client="${ids.aino}"] [data-net-cents]`).getAttribute('data-net-cents')).toBe(ainoNet);

    const aino = await fixture.signedIn(server.baseUrl, 'aino');
    await aino.goto(`${server.baseUrl}/client/money`);
    const adjustment = aino.locator('[data-line=adjustment]');
    expect(await adjustment.innerText()).toMatch(/^Päivä \S+ \d+\.\d+\. on korjattu\. Syy: Aino oli kipeä\. Hän soitti aamulla\. Nyt siinä lukee: Sairas\. Siitä otetaan pois 12,00\u00a0€\.$/);
    expect(await adjustment.textContent()).not.toContain('−');
    await expectNoAxeViolations(aino, { client: true });
  });
});

describe('rates', () => {
  it('refuse a negative rate, 10 000 € and a wrong date with errors that keep what was typed; a good rate is added to the history', async () => {
    const admin = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, { viewport: { width: 1280, height: 900 } });
    await admin.goto(`${server.baseUrl}/admin/rates`);
    const validFrom = admin.getByLabel('Voimassa alkaen', { exact: true });
    const daily = admin.getByLabel('Työosuusraha päivältä (€)');
    const meal = admin.getByLabel('Ruokamaksu päivältä (€)');
    const count = async () => (await querySql<{ n: number }>(server.dbFile, 'SELECT COUNT(*) AS n FROM rates'))[0].n;
    const before = await count();
    await validFrom.fill('2027-01-01');
    await daily.fill('-5,37');
    await meal.fill('10000');
    await clickAndWait(admin, admin.getByRole('button', { name: 'Lisää taksa' }));
    expect(await admin.locator('#daily-error').textContent()).toBe('Virhe: Summa ei voi olla negatiivinen.');
    expect(await admin.locator('#meal-error').textContent()).toContain('liian suuri');
    expect(await daily.inputValue()).toBe('-5,37');
    await expectNoAxeViolations(admin, { client: false });
    expect(await count()).toBe(before);

    await daily.fill('5,80');
    await meal.fill('5,80');
    await validFrom.evaluate((el: HTMLInputElement) => { el.type = 'text'; el.value = '1.1.2027'; });
    await clickAndWait(admin, admin.getByRole('button', { name: 'Lisää taksa' }));
    expect(await admin.locator('#valid_from-error').textContent()).toContain('vvvv-kk-pp');
    expect(await count()).toBe(before);

    await validFrom.fill('2027-01-01');
    await clickAndWait(admin, admin.getByRole('button', { name: 'Lisää taksa' }));
    expect(path(admin)).toBe('/admin/rates?saved=rate');
    expect(await querySql(server.dbFile, "SELECT daily_cents, meal_cents FROM rates WHERE valid_from = '2027-01-01' AND service_type = 'tyotoiminta'")).toEqual([{ daily_cents: 580, meal_cents: 580 }]);
    // The same day again: refused, the history is not rewritten.
    await validFrom.fill('2027-01-01');
    await daily.fill('6,00');
    await clickAndWait(admin, admin.getByRole('button', { name: 'Lisää taksa' }));
    expect(await admin.locator('#valid_from-error').textContent()).toContain('on jo taksa');
  });
});

describe('the absence report in every language', () => {
  // Every page here is checked in every language by the accessibility sweep
  // (tests/e2e/accessibility.test.ts); the report's later steps come only after answers, so they
  // are checked here, one language a test.
  it.each(['sv', 'en', 'fi'] as const)('its later steps pass axe (AAA contrast and 44 px targets) in %s', async (lang) => {
    const client = await fixture.signedIn(server.baseUrl, 'jukka');
    await client.goto(`${server.baseUrl}/client/attendance/report`);
    await chooseLanguage(client, lang);
    await client.locator('label.choice:has(input[value=pick])').click();
    await next(client);
    await expectNoAxeViolations(client, { client: true });
    await client.locator('input[name=day]').first().check();
    await next(client);
    await expectNoAxeViolations(client, { client: true });
    await expectTargetSizes(client);
    await client.locator('label.choice:has(input[value=other])').click();
    await next(client);
    expect(await client.locator('#words').count()).toBe(1); // step 3: check and send
    await expectNoAxeViolations(client, { client: true });
    await expectTargetSizes(client);
  });
});
