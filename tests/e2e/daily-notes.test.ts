/**
 * Daily notes (päivittäismerkinnät, issue 15 point 10) in real pages: a worker writes a note from
 * a row of the daily register and from the client's notes page; a worker of another unit is
 * refused; a correction keeps both versions in the history; a note shared with the client shows
 * on the client's (and their family member's) day, an unshared one does not; each read of the
 * notes page by staff writes an access-log row; a double submit makes one note; a form sent back
 * with an error keeps the typed text.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickAndWait, path, STAFF, useBrowser } from '../helpers/browser';
import { querySql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { expectNoAxeViolations } from '../helpers/axe';
import { addDays, isoWeekday, monthOf } from '@domain/attendance';
import { todayInHelsinki } from '@domain/time/helsinki';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();
const laptop = { viewport: { width: 1366, height: 768 } };

/** The latest weekday up to today: a day Matti comes, so the register lists him. */
function lastWeekday(): string {
  let day = todayInHelsinki();
  while (isoWeekday(day) > 5) day = addDays(day, -1);
  return day;
}
const DAY = lastWeekday();

const notesOf = (clientId: number) =>
  querySql<{ id: number; day: string; body: string; shared_with_client: number; corrects: number | null; written_by: number }>(
    server.dbFile,
    'SELECT id, day, body, shared_with_client, corrects, written_by FROM daily_notes WHERE client_id = ? ORDER BY id',
    [clientId],
  );
const personId = async (email: string) => (await querySql<{ id: number }>(server.dbFile, 'SELECT id FROM people WHERE email = ?', [email]))[0].id;
const notesLogged = async (actor: number, clientId: number) =>
  (await querySql<{ n: number }>(server.dbFile, "SELECT COUNT(*) AS n FROM access_log WHERE actor_id = ? AND client_id = ? AND action = 'daily notes'", [actor, clientId]))[0].n;

function worker(): Promise<Page> {
  return fixture.signedIn(server.baseUrl, { email: STAFF.worker }, laptop);
}

/** Posts the form `times` times at once from the page (its cookies and origin); a redirect is status 0. */
async function postAtOnce(page: Page, selector: string, times: number): Promise<number[]> {
  return page.evaluate(
    async ({ selector, n }) => {
      const form = document.querySelector(selector) as HTMLFormElement;
      const body = new URLSearchParams(new FormData(form) as unknown as Record<string, string>);
      const target = form.getAttribute('action') || location.pathname;
      return Promise.all(Array.from({ length: n }, async () => (await fetch(target, { method: 'POST', body: new URLSearchParams(body), redirect: 'manual' })).status));
    },
    { selector, n: times },
  );
}

/** Sets a field's value past what the browser lets a person type (maxlength, required), as a hand-made post could. */
async function setRaw(page: Page, selector: string, value: string): Promise<void> {
  await page.locator(selector).evaluate((el, v) => {
    const field = el as HTMLTextAreaElement;
    field.removeAttribute('maxlength');
    field.removeAttribute('required');
    field.value = v;
  }, value);
}

describe('daily notes', () => {
  it('a worker writes a note from the register row, which returns to that row; an error keeps the typed text', async () => {
    const page = await worker();
    const matti = ids.matti;
    await page.goto(`${server.baseUrl}/worker/register?day=${DAY}`);
    const row = page.locator(`#client-${matti}`);
    // (The demo has notes of its own on earlier days.)
    const before = await notesOf(matti);
    expect(before.filter((n) => n.day === DAY)).toEqual([]);
    await expect(row.locator('details.register-note summary').textContent()).resolves.not.toMatch(/\(\d/);
    await row.locator('details.register-note summary').click();
    await expectNoAxeViolations(page, { client: false });

    // Too long: the notes page shows its form with the error and every letter typed.
    const tooLong = `Matti kokosi hyllyn. ${'Pitkä päivä. '.repeat(90)}`;
    await setRaw(page, `#note-${matti}`, tooLong);
    await clickAndWait(page, row.locator('button[type=submit]', { hasText: 'Tallenna merkintä' }));
    expect(path(page)).toBe(`/worker/clients/${matti}/notes`);
    await expect(page.locator('#error-summary').textContent()).resolves.toContain('Merkintä on liian pitkä');
    expect(await page.locator('#body').inputValue()).toBe(tooLong);
    expect(await page.locator('#body').getAttribute('aria-invalid')).toBe('true');
    expect(await page.title()).toMatch(/^Virhe: /);
    await expectNoAxeViolations(page, { client: false });
    expect(await notesOf(matti)).toEqual(before);

    // Fixed, it is saved for the register's day and the worker is back at the row.
    await page.locator('#body').fill('Matti kokosi hyllyn. Päivä meni hyvin.');
    await clickAndWait(page, page.locator('button[type=submit]', { hasText: 'Tallenna merkintä' }));
    expect(new URL(page.url()).pathname).toBe('/worker/register');
    expect(new URL(page.url()).hash).toBe(`#client-${matti}`);
    expect(new URL(page.url()).searchParams.get('day')).toBe(DAY);
    await expect(page.locator('.notice.ok').textContent()).resolves.toContain('Tallennettu');
    await expect(page.locator(`#client-${matti} details.register-note summary`).textContent()).resolves.toContain('1 merkintä');
    const notes = (await notesOf(matti)).slice(before.length);
    expect(notes).toEqual([
      expect.objectContaining({ day: DAY, body: 'Matti kokosi hyllyn. Päivä meni hyvin.', shared_with_client: 0, corrects: null, written_by: await personId(STAFF.worker) }),
    ]);

    // A second note from the register for the same day, shared with the client.
    await page.locator(`#client-${matti} details.register-note summary`).click();
    await page.locator(`#note-${matti}`).fill('Teit hyllyn. Se on hieno.');
    await page.locator(`#note-${matti}-shared`).check();
    await clickAndWait(page, page.locator(`#client-${matti} button[type=submit]`, { hasText: 'Tallenna merkintä' }));
    await expect(page.locator(`#client-${matti} details.register-note summary`).textContent()).resolves.toContain('2 merkintää');
    expect((await notesOf(matti)).at(-1)).toEqual(expect.objectContaining({ body: 'Teit hyllyn. Se on hieno.', shared_with_client: 1 }));
  });

  it('a worker writes a note on the client page; a double submit makes one note; each read is logged', async () => {
    const page = await worker();
    const matti = ids.matti;
    const liisa = await personId(STAFF.worker);
    const before = await notesLogged(liisa, matti);
    await page.goto(`${server.baseUrl}/worker/clients/${matti}`);
    await clickAndWait(page, page.locator(`a[href="/worker/clients/${matti}/notes"]`));
    expect(path(page)).toBe(`/worker/clients/${matti}/notes`);
    // Opening the notes page is a read of the client's data: logged, with its own action.
    expect(await notesLogged(liisa, matti)).toBe(before + 1);
    await expectNoAxeViolations(page, { client: false });

    // A day in the future is refused, the text stays.
    const tomorrow = addDays(todayInHelsinki(), 1);
    await page.locator('#day').fill(tomorrow);
    await page.locator('#body').fill('Huomisen merkintä.');
    await clickAndWait(page, page.locator('button[type=submit]', { hasText: 'Tallenna merkintä' }));
    await expect(page.locator('#error-summary').textContent()).resolves.toContain('tulevaisuudessa');
    expect(await page.locator('#body').inputValue()).toBe('Huomisen merkintä.');
    // The form sent back with its error showed the notes: logged as well.
    expect(await notesLogged(liisa, matti)).toBe(before + 2);

    const count = (await notesOf(matti)).length;
    await page.locator('#day').fill(DAY);
    await page.locator('#body').fill('Kävit kaupassa. Ostit maitoa.');
    const statuses = await postAtOnce(page, 'form:has(#body)', 3);
    expect(statuses.filter((s) => s === 0)).toHaveLength(3); // every post answered as the first: a redirect
    expect((await notesOf(matti)).length).toBe(count + 1);
    await page.goto(`${server.baseUrl}/worker/clients/${matti}/notes?month=${monthOf(DAY)}`);
    expect(await page.locator('.note .note-body', { hasText: 'Kävit kaupassa. Ostit maitoa.' }).count()).toBe(1);
  });

  it('a worker of another unit cannot read or write the notes (403), and nothing of them is shown', async () => {
    const matti = ids.matti;
    const page = await fixture.signedIn(server.baseUrl, { email: STAFF.workerB }, laptop);
    const sanna = await personId(STAFF.workerB);
    const response = await page.goto(`${server.baseUrl}/worker/clients/${matti}/notes`);
    expect(response?.status()).toBe(403);
    const text = await page.locator('body').textContent();
    for (const n of await notesOf(matti)) expect(text).not.toContain(n.body);
    const count = (await notesOf(matti)).length;
    const status = await page.evaluate(async (target) => {
      const body = new URLSearchParams({ day: new Date().toISOString().slice(0, 10), body: 'Vieras merkintä.', key: crypto.randomUUID() });
      return (await fetch(target, { method: 'POST', body, redirect: 'manual' })).status;
    }, `/worker/clients/${matti}/notes`);
    expect(status).toBe(403);
    expect((await notesOf(matti)).length).toBe(count);
    expect(await notesLogged(sanna, matti)).toBe(0);
    // Her register does not offer a note for Matti either.
    await page.goto(`${server.baseUrl}/worker/register?day=${DAY}`);
    expect(await page.locator(`#client-${matti}`).count()).toBe(0);
  });

  it('a correction is a new note: both stay in the history, the newest is current', async () => {
    const page = await worker();
    const matti = ids.matti;
    await page.goto(`${server.baseUrl}/worker/clients/${matti}/notes?day=${DAY}`);
    await page.locator('#body').fill('Olit kaupasa.');
    await page.locator('#shared').check();
    await clickAndWait(page, page.locator('button[type=submit]', { hasText: 'Tallenna merkintä' }));
    await expect(page.locator('#notice').textContent()).resolves.toContain('Merkintä tallennettu');
    const original = (await notesOf(matti)).at(-1)!;
    expect(original.body).toBe('Olit kaupasa.');

    await clickAndWait(page, page.locator(`#note-${original.id} a`, { hasText: 'Korjaa' }));
    expect(await page.locator('h2#write').textContent()).toBe('Korjaa merkintä');
    expect(await page.locator('#body').inputValue()).toBe('Olit kaupasa.');
    expect(await page.locator('#shared').isChecked()).toBe(true);
    await expectNoAxeViolations(page, { client: false });
    await page.locator('#body').fill('Olit kaupassa.');
    await clickAndWait(page, page.locator('button[type=submit]', { hasText: 'Tallenna korjaus' }));

    const rows = await notesOf(matti);
    const correction = rows.at(-1)!;
    expect(correction).toEqual(expect.objectContaining({ body: 'Olit kaupassa.', corrects: original.id, day: original.day, shared_with_client: 1 }));
    // The original is still there, unchanged.
    expect(rows.find((r) => r.id === original.id)).toEqual(original);
    const current = page.locator(`#note-${correction.id}`);
    await expect(current.locator('.note-body').first().textContent()).resolves.toBe('Olit kaupassa.');
    await expect(current.textContent()).resolves.toContain('Korjattu');
    await current.locator('details.note-history summary').click();
    await expect(current.locator('details.note-history').textContent()).resolves.toContain('Olit kaupasa.');
    expect(await page.locator(`#note-${original.id}`).count()).toBe(0);

    // The old version cannot be corrected again: the worker is told, and keeps the text.
    await page.goto(`${server.baseUrl}/worker/clients/${matti}/notes?correct=${correction.id}`);
    const stale = await page.evaluate(async ({ target, old }) => {
      const body = new URLSearchParams({ day: '', body: 'Toinen korjaus.', corrects: String(old), key: crypto.randomUUID() });
      const r = await fetch(target, { method: 'POST', body, redirect: 'manual' });
      return { status: r.status, text: await r.text() };
    }, { target: `/worker/clients/${matti}/notes`, old: original.id });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Merkintä on jo korjattu');
    expect(stale.text).toContain('Toinen korjaus.');
    // Sent again from that answer, it corrects the latest version.
    expect(stale.text).toContain(`name="corrects" value="${correction.id}"`);
    expect((await notesOf(matti)).length).toBe(rows.length);
  });

  it('a shared note shows on the client’s day and on their family member’s calendar; an unshared one does not', async () => {
    const page = await worker();
    const matti = ids.matti;
    // Mark the day present, so it shows on the client's calendar whatever the weekday's schedule.
    await page.goto(`${server.baseUrl}/worker/register?day=${DAY}`);
    await clickAndWait(page, page.locator(`#client-${matti} button[name=status][value=present]`));

    await page.goto(`${server.baseUrl}/worker/clients/${matti}/notes?day=${DAY}`);
    await page.locator('#body').fill('Siivosit keittiön. Kiitos avusta!');
    await page.locator('#shared').check();
    await clickAndWait(page, page.locator('button[type=submit]', { hasText: 'Tallenna merkintä' }));
    await page.locator('#body').fill('Väsynyt iltapäivällä, seurataan.');
    await clickAndWait(page, page.locator('button[type=submit]', { hasText: 'Tallenna merkintä' }));

    const client = await fixture.signedIn(server.baseUrl, 'matti');
    await client.goto(`${server.baseUrl}/client/attendance?month=${monthOf(DAY)}`);
    const day = client.locator(`li.calendar-day[data-day="${DAY}"]`);
    const shown = await day.locator('.calendar-note-text').allTextContents();
    expect(shown).toContain('Siivosit keittiön. Kiitos avusta!');
    expect(shown).not.toContain('Väsynyt iltapäivällä, seurataan.');
    await expect(day.locator('.calendar-note-who').first().textContent()).resolves.toBe('Ohjaaja kirjoitti päivästä:');
    // Every shared note is the current version of its chain, and no unshared note is there.
    const unshared = (await notesOf(matti)).filter((n) => n.shared_with_client === 0).map((n) => n.body);
    const pageText = await client.locator('main').textContent();
    for (const body of unshared) expect(pageText).not.toContain(body);
    expect(pageText).not.toContain('Olit kaupasa.');
    await expectNoAxeViolations(client, { client: true });

    const family = await fixture.signedIn(server.baseUrl, { email: STAFF.family });
    await family.goto(`${server.baseUrl}/family/${matti}/attendance?month=${monthOf(DAY)}`);
    const familyDay = await family.locator(`li.calendar-day[data-day="${DAY}"] .calendar-note-text`).allTextContents();
    expect(familyDay).toContain('Siivosit keittiön. Kiitos avusta!');
    expect(familyDay).not.toContain('Väsynyt iltapäivällä, seurataan.');
  });
});
