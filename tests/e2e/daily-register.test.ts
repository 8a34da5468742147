/**
 * The worker's daily register on a 1366×768 laptop (issue 15, points 6, 7 and 8): a reported
 * absence reaches the worker's home and shows in the register as the row's pre-filled state,
 * confirmed with one tap; "Kaikki paikalla" marks present only the day's clients without a status
 * or a reported absence, a replay of its post changes nothing, and an approved month refuses it;
 * a client not on the day's schedule is added for the day; a present client's day details (a part
 * day from–to, late arrival, transport, a ticket's price) are saved without JavaScript, shown in
 * the row and stored, and a form with errors comes back with the errors in words and every typed
 * value kept.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickAndWait, path, STAFF, useBrowser } from '../helpers/browser';
import { querySql, runSql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { expectNoAxeViolations } from '../helpers/axe';
import { addDays, addMonths, isoWeekday, monthOf } from '@domain/attendance';
import { dayWithWeekday } from '@domain/time/format';
import { todayInHelsinki } from '@domain/time/helsinki';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();
const laptop = { viewport: { width: 1366, height: 768 } };
const today = todayInHelsinki();

/** The next day on or after `from` that is one of the weekdays given. */
function nextDayOn(from: string, weekdays: number[]): string {
  let day = from;
  while (!weekdays.includes(isoWeekday(day))) day = addDays(day, 1);
  return day;
}

/** An absence report of a client for these days, as the client's own report form stores it. */
async function report(clientId: number, reason: 'sick' | 'doctor' | 'other', days: string[], key: string): Promise<number> {
  await runSql(server.dbFile, [['INSERT INTO absence_reports (client_id, reason, words, idempotency_key, reported_by, reported_at) VALUES (?, ?, ?, ?, ?, ?)', [clientId, reason, '', key, clientId, Date.now()]]]);
  const [{ id }] = await querySql<{ id: number }>(server.dbFile, 'SELECT id FROM absence_reports WHERE idempotency_key = ?', [key]);
  await runSql(server.dbFile, days.map((d) => ['INSERT INTO absence_report_days (report_id, day) VALUES (?, ?)', [id, d]] as [string, unknown[]]));
  return id;
}

const statusOf = async (clientId: number, day: string) =>
  (await querySql<{ status: string }>(server.dbFile, 'SELECT status FROM attendance WHERE client_id = ? AND day = ?', [clientId, day]))[0]?.status ?? null;

const worker = () => fixture.signedIn(server.baseUrl, { email: STAFF.worker }, laptop);

describe('reported absences', () => {
  it('reach the worker’s home and show in the register already filled in, confirmed with one tap', async () => {
    // Jukka works Tuesday to Thursday: he reports himself sick for the coming Wednesday.
    const wednesday = nextDayOn(today, [3]);
    const reportId = await report(ids.jukka, 'sick', [wednesday], 'e2e-register-jukka');
    const page = await worker();
    await page.goto(`${server.baseUrl}/worker`);
    const absences = page.locator('section[data-absences]');
    expect(await absences.locator('h2').textContent()).toBe('Ilmoitetut poissaolot');
    const item = absences.locator(`li[data-report="${reportId}"]`);
    expect(await item.textContent()).toContain(`Jukka Niemi: ${dayWithWeekday(wednesday, 'fi', today)} – sairas`);
    await expectNoAxeViolations(page, { client: false });

    // The link opens the register of that day at Jukka's row: the report is the row's state.
    await clickAndWait(page, item.locator('a'));
    expect(path(page)).toBe(`/worker/register?day=${wednesday}`);
    const row = page.locator(`#client-${ids.jukka}`);
    expect(await row.getAttribute('data-reported')).toBe('sick');
    expect(await row.getAttribute('data-status')).toBe('');
    expect(await row.locator('.register-report .tag').textContent()).toBe('Ilmoitettu: sairas');
    const sick = row.locator('button[name=status][value=sick]');
    expect(await sick.getAttribute('data-prefilled')).toBe('true');
    expect(await sick.getAttribute('aria-pressed')).toBe('false');
    expect(await row.locator('[data-prefilled]').count()).toBe(1);
    await expectNoAxeViolations(page, { client: false });

    // One tap.
    await clickAndWait(page, row.getByRole('button', { name: 'Vahvista: Sairas' }));
    expect(await statusOf(ids.jukka, wednesday)).toBe('sick');
    expect((await querySql<{ confirmed_at: number | null }>(server.dbFile, 'SELECT confirmed_at FROM absence_report_days WHERE report_id = ?', [reportId]))[0].confirmed_at).not.toBeNull();
    expect(await page.locator(`#client-${ids.jukka}`).getAttribute('data-status')).toBe('sick');
    expect(await page.locator(`#client-${ids.jukka} [data-prefilled]`).count()).toBe(0);
    expect(await page.locator(`#client-${ids.jukka} .register-report`).count()).toBe(0);

    // Home says it is confirmed.
    await page.goto(`${server.baseUrl}/worker`);
    expect(await page.locator(`section[data-absences] li[data-report="${reportId}"] .tag`).textContent()).toBe('vahvistettu');
  });
});

describe('Kaikki paikalla', () => {
  it('marks present only the clients without a status or a reported absence; a replay changes nothing', async () => {
    // A Wednesday a week ahead: Matti, Aino and Jukka are on Helena's (the admin's) list.
    const day = nextDayOn(addDays(today, 7), [3]);
    await report(ids.jukka, 'doctor', [day], 'e2e-register-jukka-doctor');
    const admin = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, laptop);
    await admin.goto(`${server.baseUrl}/worker/register?day=${day}`);
    // Aino is on holiday: one tap before.
    await clickAndWait(admin, admin.locator(`#client-${ids.aino} button[name=status][value=holiday]`));
    expect(await admin.locator('form.register-all .hint').textContent()).toContain('1 asiakkaan');
    const key = await admin.locator('form.register-all input[name=key]').inputValue();
    await clickAndWait(admin, admin.getByRole('button', { name: 'Kaikki paikalla' }));
    expect(await admin.locator('#notice').textContent()).toBe('Merkitty paikalla: 1 asiakas. Korjaa nyt poikkeukset.');
    expect(await statusOf(ids.matti, day)).toBe('present');
    expect(await statusOf(ids.aino, day)).toBe('holiday');
    expect(await statusOf(ids.jukka, day)).toBeNull();
    expect(await admin.locator(`#client-${ids.matti}`).getAttribute('data-status')).toBe('present');
    expect(await admin.locator(`#client-${ids.jukka}`).getAttribute('data-reported')).toBe('absent');
    await expectNoAxeViolations(admin, { client: false });

    // The exception: Matti went home ill. Then the same post again (a double tap, a resent form).
    await clickAndWait(admin, admin.locator(`#client-${ids.matti} button[name=status][value=sick]`));
    const before = await querySql(server.dbFile, 'SELECT client_id, status, recorded_at FROM attendance WHERE day = ? ORDER BY client_id', [day]);
    const replay = await admin.request.post(`${server.baseUrl}/worker/register?day=${day}`, {
      form: { action: 'allPresent', day, key },
      headers: { origin: server.baseUrl },
      maxRedirects: 0,
    });
    expect(replay.status()).toBe(303);
    expect(replay.headers().location).toContain('marked=1');
    expect(await querySql(server.dbFile, 'SELECT client_id, status, recorded_at FROM attendance WHERE day = ? ORDER BY client_id', [day])).toEqual(before);
    expect(await querySql(server.dbFile, 'SELECT marked FROM register_all_present WHERE idempotency_key = ?', [key])).toEqual([{ marked: 1 }]);

    // A fresh post with nothing left to mark marks no one.
    await admin.goto(`${server.baseUrl}/worker/register?day=${day}`);
    await clickAndWait(admin, admin.getByRole('button', { name: 'Kaikki paikalla' }));
    expect(await admin.locator('#notice').textContent()).toBe('Merkitty paikalla: 0 asiakasta. Korjaa nyt poikkeukset.');
    expect(await statusOf(ids.matti, day)).toBe('sick');
    expect(await statusOf(ids.jukka, day)).toBeNull();
  });

  it('is refused in an approved month, like every one-tap change there', async () => {
    const lastMonth = addMonths(monthOf(today), -1);
    const [admin] = await querySql<{ id: number; unit_id: number }>(server.dbFile, 'SELECT id, unit_id FROM people WHERE email = ?', [STAFF.admin]);
    await runSql(server.dbFile, [['INSERT OR IGNORE INTO month_approvals (unit_id, month, approved_by, approved_at) VALUES (?, ?, ?, ?)', [admin.unit_id, lastMonth, admin.id, Date.now()]]]);
    // A scheduled day of Matti's in that month without a status.
    const day = nextDayOn(`${lastMonth}-10`, [1, 2, 3, 4, 5]);
    await runSql(server.dbFile, [['DELETE FROM attendance WHERE client_id = ? AND day = ?', [ids.matti, day]]]);
    const page = await worker();
    await page.goto(`${server.baseUrl}/worker/register?day=${day}`);
    const answer = page.waitForResponse((r) => r.request().method() === 'POST');
    await clickAndWait(page, page.getByRole('button', { name: 'Kaikki paikalla' }));
    expect((await answer).status()).toBe(409);
    expect(await page.locator('.notice.error').textContent()).toContain('Kuukausi on hyväksytty');
    expect(await statusOf(ids.matti, day)).toBeNull();
  });
});

describe('a client not on the day’s schedule', () => {
  it('is added for the day from the worker’s own clients, and appears in the list', async () => {
    // Jukka does not work on Mondays; Matti does.
    const monday = nextDayOn(addDays(today, 1), [1]);
    const page = await worker();
    await page.goto(`${server.baseUrl}/worker/register?day=${monday}`);
    expect(await page.locator(`#client-${ids.jukka}`).count()).toBe(0);
    const options = await page.locator('#add-client option').allTextContents();
    expect(options).toEqual(['Valitse asiakas', 'Jukka Niemi']); // Liisa's clients only: not Aino
    // Sent without a choice: an error in words at the select.
    await clickAndWait(page, page.getByRole('button', { name: 'Lisää päivälle' }));
    expect(await page.locator('#error-summary').textContent()).toContain('Valitse lisättävä asiakas.');
    expect(await page.locator('#add-client').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, { client: false });

    await page.locator('#add-client').selectOption(String(ids.jukka));
    await clickAndWait(page, page.getByRole('button', { name: 'Lisää päivälle' }));
    expect(path(page)).toBe(`/worker/register?day=${monday}&done=added`);
    const row = page.locator(`#client-${ids.jukka}`);
    expect(await row.locator('.register-who .tag').textContent()).toBe('Lisätty tälle päivälle');
    expect(await page.locator('#add-client').count()).toBe(0); // no one left to add
    expect(await querySql(server.dbFile, 'SELECT client_id, day FROM register_additions')).toEqual([{ client_id: ids.jukka, day: monday }]);
    // Another worker's client cannot be added by a changed id.
    const refused = await page.request.post(`${server.baseUrl}/worker/register?day=${monday}`, { form: { action: 'add', day: monday, client: String(ids.ville) }, headers: { origin: server.baseUrl }, maxRedirects: 0 });
    expect(refused.status()).toBe(403);
  });
});

describe('day details', () => {
  async function openDetails(page: Page, clientId: number) {
    const row = page.locator(`#client-${clientId}`);
    if ((await row.locator('details').getAttribute('open')) === null) await row.locator('details summary').click();
    return row;
  }

  it('record a part day from–to with late arrival and transport, without JavaScript; errors in words keep what was typed', async () => {
    const day = nextDayOn(addDays(today, 1), [2]); // a Tuesday: Matti and Jukka
    const page = await fixture.signedIn(server.baseUrl, { email: STAFF.worker }, { ...laptop, javaScriptEnabled: false });
    await page.goto(`${server.baseUrl}/worker/register?day=${day}`);
    // Only a present day has details.
    expect(await page.locator(`#client-${ids.matti} details`).count()).toBe(0);
    await clickAndWait(page, page.locator(`#client-${ids.matti} button[name=status][value=present]`));
    let row = await openDetails(page, ids.matti);

    // From after until: the error in words at the field, every typed value kept, the form open.
    await row.locator(`#details-mode-${ids.matti}-clock`).check();
    await row.locator(`#details-from-${ids.matti}`).fill('12:00');
    await row.locator(`#details-until-${ids.matti}`).fill('09:00');
    await row.locator(`#details-flags-${ids.matti}`).check(); // late
    await row.locator(`#details-flags-${ids.matti}-transport`).check();
    await clickAndWait(page, row.getByRole('button', { name: 'Tallenna päivän tiedot' }));
    expect(await page.locator('#error-summary').textContent()).toContain('Päättymisajan pitää olla alkamisajan jälkeen.');
    row = page.locator(`#client-${ids.matti}`);
    expect(await row.locator('details').getAttribute('open')).not.toBeNull();
    expect(await row.locator(`#details-until-${ids.matti}`).getAttribute('aria-invalid')).toBe('true');
    expect(await row.locator(`#details-until-${ids.matti}-error`).textContent()).toContain('Päättymisajan pitää olla alkamisajan jälkeen.');
    expect(await row.locator(`#details-mode-${ids.matti}-clock`).isChecked()).toBe(true);
    expect(await row.locator(`#details-from-${ids.matti}`).inputValue()).toBe('12:00');
    expect(await row.locator(`#details-until-${ids.matti}`).inputValue()).toBe('09:00');
    expect(await row.locator(`#details-flags-${ids.matti}`).isChecked()).toBe(true);
    expect(await row.locator(`#details-flags-${ids.matti}-transport`).isChecked()).toBe(true);
    expect(await querySql(server.dbFile, 'SELECT part_minutes, late, transport FROM attendance WHERE client_id = ? AND day = ?', [ids.matti, day])).toEqual([{ part_minutes: null, late: 0, transport: 0 }]);

    // Hours that are not a number: the same.
    await row.locator(`#details-mode-${ids.matti}-hours`).check();
    await row.locator(`#details-hours-${ids.matti}`).fill('neljä');
    await clickAndWait(page, row.getByRole('button', { name: 'Tallenna päivän tiedot' }));
    expect(await page.locator('#error-summary').textContent()).toContain('Kirjoita tunnit numerona, esimerkiksi 4,5.');
    row = page.locator(`#client-${ids.matti}`);
    expect(await row.locator(`#details-hours-${ids.matti}`).inputValue()).toBe('neljä');

    // Fixed: 9.00–12.30, late, transport. The row says so, and the database has it.
    await row.locator(`#details-mode-${ids.matti}-clock`).check();
    await row.locator(`#details-from-${ids.matti}`).fill('09:00');
    await row.locator(`#details-until-${ids.matti}`).fill('12:30');
    await clickAndWait(page, row.getByRole('button', { name: 'Tallenna päivän tiedot' }));
    expect(path(page)).toBe(`/worker/register?day=${day}&done=details`);
    expect(await page.locator('#notice').textContent()).toBe('Päivän tiedot tallennettu.');
    row = page.locator(`#client-${ids.matti}`);
    expect(await row.locator('[data-day-details]').textContent()).toBe('Osa päivää 9.00–12.30 (3 h 30 min) · Myöhässä · Kuljetus');
    expect(await row.locator('details').getAttribute('open')).toBeNull();
    expect(await querySql(server.dbFile, 'SELECT status, part_minutes, from_time, until_time, late, transport, ticket_cents FROM attendance WHERE client_id = ? AND day = ?', [ids.matti, day])).toEqual([
      { status: 'present', part_minutes: 210, from_time: '09:00', until_time: '12:30', late: 1, transport: 1, ticket_cents: null },
    ]);
    const [audit] = await querySql<{ new_value: string }>(server.dbFile, "SELECT new_value FROM admin_audit WHERE action = 'day details' AND target_id = ? ORDER BY id DESC LIMIT 1", [ids.matti]);
    expect(JSON.parse(audit.new_value)).toMatchObject({ day, part_minutes: 210, late: true, transport: true });
    // Opened again, the form shows what was saved.
    row = await openDetails(page, ids.matti);
    expect(await row.locator(`#details-from-${ids.matti}`).inputValue()).toBe('09:00');
    expect(await row.locator(`#details-until-${ids.matti}`).inputValue()).toBe('12:30');

    // The same page with JavaScript, for the checks that run in the page: axe on the saved row
    // and on a form sent back with errors, and no row wider than the laptop's screen.
    const withJs = await worker();
    await withJs.goto(`${server.baseUrl}/worker/register?day=${day}`);
    await expectNoAxeViolations(withJs, { client: false });
    expect(await withJs.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    row = await openDetails(withJs, ids.matti);
    await row.locator(`#details-from-${ids.matti}`).fill('13:00');
    await clickAndWait(withJs, row.getByRole('button', { name: 'Tallenna päivän tiedot' }));
    expect(await withJs.locator('#error-summary').textContent()).toContain('Päättymisajan pitää olla alkamisajan jälkeen.');
    await expectNoAxeViolations(withJs, { client: false });
    expect(await withJs.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  it('ask the ticket’s price when the unit pays travel per ticket', async () => {
    const day = nextDayOn(addDays(today, 1), [4]); // a Thursday: Matti and Jukka
    const [{ unit_id: unit }] = await querySql<{ unit_id: number }>(server.dbFile, 'SELECT unit_id FROM people WHERE id = ?', [ids.matti]);
    await runSql(server.dbFile, [["INSERT INTO transport_rates (unit_id, valid_from, kind, day_cents, created_at) VALUES (?, ?, 'per_ticket', 0, ?)", [unit, addDays(today, -30), Date.now()]]]);
    const page = await worker();
    await page.goto(`${server.baseUrl}/worker/register?day=${day}`);
    await clickAndWait(page, page.locator(`#client-${ids.jukka} button[name=status][value=present]`));
    let row = await openDetails(page, ids.jukka);
    // A price without transport used: refused in words, kept.
    await row.locator(`#details-ticket-${ids.jukka}`).fill('3,20');
    await clickAndWait(page, row.getByRole('button', { name: 'Tallenna päivän tiedot' }));
    expect(await page.locator('#error-summary').textContent()).toContain('Lipun hinta kirjataan vain, kun asiakas käytti kuljetusta.');
    row = page.locator(`#client-${ids.jukka}`);
    expect(await row.locator(`#details-ticket-${ids.jukka}`).inputValue()).toBe('3,20');
    await row.locator(`#details-flags-${ids.jukka}-transport`).check();
    await clickAndWait(page, row.getByRole('button', { name: 'Tallenna päivän tiedot' }));
    expect(await page.locator(`#client-${ids.jukka} [data-day-details]`).textContent()).toBe('Kuljetus · Lippu 3,20\u00A0€');
    expect(await querySql(server.dbFile, 'SELECT transport, ticket_cents, part_minutes FROM attendance WHERE client_id = ? AND day = ?', [ids.jukka, day])).toEqual([{ transport: 1, ticket_cents: 320, part_minutes: null }]);
  });
});
