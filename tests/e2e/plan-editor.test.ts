/**
 * The worker keeps the plan current: review dates on the client list, the editor with easy errors
 * and easy-read hints (no JavaScript needed), a new version on every save that the client sees,
 * and refusal for workers who do not work with the client, also by changed ids.
 */
import { describe, expect, it } from 'vitest';
import { clickAndWait, path, STAFF, useBrowser } from '../helpers/browser';
import { querySql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { expectNoAxeViolations } from '../helpers/axe';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();


const versionsOf = async (clientId: number) =>
  (await querySql<{ n: number }>(server.dbFile, 'SELECT COUNT(*) AS n FROM plan_versions WHERE client_id = ?', [clientId]))[0].n;

describe('plan editor', () => {
  it('shows review dates, refuses bad input kindly, hints at hard words, and saves a new version the client sees', async () => {
    const page = await fixture.signedIn(server.baseUrl, { email: STAFF.worker }, { viewport: { width: 1280, height: 800 } });
    expect(await page.locator(`a[href="/worker/clients/${ids.jukka}"]`).count()).toBe(1);
    // Jukka's review date (1.10.2026 in the demo data) has passed.
    const jukkaRow = page.locator('tr', { has: page.locator(`a[href="/worker/clients/${ids.jukka}"]`) });
    expect(await jukkaRow.locator('[data-review]').getAttribute('data-review')).toBe('overdue');
    await expectNoAxeViolations(page, { client: false });

    await clickAndWait(page, page.locator(`a[href="/worker/clients/${ids.matti}"]`));
    await expectNoAxeViolations(page, { client: false });
    await clickAndWait(page, page.locator(`a[href="/worker/clients/${ids.matti}/plan"]`));
    expect(await page.locator('#place_name').inputValue()).toBe('Pajakulman puutyöpaja');
    await expectNoAxeViolations(page, { client: false });

    const longSummary = 'Teet puutöitä esim. linnunpönttöjä ja muita pieniä asioita joka päivä koko viikon ajan aamusta iltaan asti.';
    await page.locator('#place_name').fill('');
    await page.locator('#review_on').fill('2031-01-01');
    await page.locator('#summary').fill(longSummary);
    await clickAndWait(page, page.getByRole('button', { name: 'Tallenna uusi versio' }));
    expect(await page.title()).toMatch(/^Virhe: /);
    expect(await page.locator('#place_name-error').textContent()).toContain('Täytä tämä kenttä.');
    expect(await page.locator('#review_on-error').textContent()).toContain('2 vuoden');
    expect(await page.locator('#summary').inputValue()).toBe(longSummary);
    expect(await page.locator('[data-hint="easyRead.hint.abbreviation"]').count()).toBe(1);
    expect(await page.locator('[data-hint="easyRead.hint.sentence-length"]').count()).toBe(1);
    await expectNoAxeViolations(page, { client: false });
    expect(await versionsOf(ids.matti)).toBe(1);

    await page.locator('#place_name').fill('Pajakulman metallipaja');
    await page.locator('#review_on').fill('2027-06-30');
    await page.locator('#summary').fill('Teet metallitöitä. Liisa auttaa sinua.');
    await clickAndWait(page, page.getByRole('button', { name: 'Tallenna uusi versio' }));
    expect(path(page)).toBe(`/worker/clients/${ids.matti}?saved=2`);
    expect(await versionsOf(ids.matti)).toBe(2);
    expect(await page.locator('main li').count()).toBe(2);

    const client = await fixture.signedIn(server.baseUrl, 'matti');
    await client.goto(`${server.baseUrl}/client/plan`);
    const text = (await client.locator('#main').textContent()) ?? '';
    expect(text).toContain('Pajakulman metallipaja');
    expect(text).toContain('Teet metallitöitä.');
    expect(text).toContain('Versio 2');
    // The home page's today line follows the new plan's place.
    expect(await querySql(server.dbFile, 'SELECT DISTINCT place FROM weekly_schedule WHERE client_id = ?', [ids.matti])).toEqual([{ place: 'Pajakulman metallipaja' }]);

    // Earlier versions stay readable as they were saved.
    await page.goto(`${server.baseUrl}/worker/clients/${ids.matti}`);
    await clickAndWait(page, page.locator(`a[href="/worker/clients/${ids.matti}/plan-versions/1"]`));
    expect(await page.locator('.plan-version').textContent()).toContain('Pajakulman puutyöpaja');
    await expectNoAxeViolations(page, { client: false });
    await page.goto(`${server.baseUrl}/worker/clients/${ids.matti}/plan-versions/2`);
    expect(await page.locator('.plan-version').textContent()).toContain('Pajakulman metallipaja');
    expect((await page.goto(`${server.baseUrl}/worker/clients/${ids.matti}/plan-versions/9`))?.status()).toBe(404);

    const log = await querySql<{ action: string; basis: string }>(server.dbFile, 'SELECT action, basis FROM access_log WHERE client_id = ? AND basis = ?', [ids.matti, 'named_worker']);
    expect(log.map((r) => r.action)).toEqual(expect.arrayContaining(['client overview', 'plan editor']));
  });

  it('lets a substitute edit, and refuses workers of other clients and units, also for posts with changed ids', async () => {
    const substitute = await fixture.signedIn(server.baseUrl, { email: STAFF.substitute });
    expect((await substitute.goto(`${server.baseUrl}/worker/clients/${ids.jukka}/plan`))?.status()).toBe(200);

    const liisa = await fixture.signedIn(server.baseUrl, { email: STAFF.worker });
    expect((await liisa.goto(`${server.baseUrl}/worker/clients/${ids.aino}`))?.status()).toBe(403);

    const other = await fixture.signedIn(server.baseUrl, { email: STAFF.workerB });
    for (const url of [`/worker/clients/${ids.matti}`, `/worker/clients/${ids.matti}/plan`, `/worker/clients/${ids.matti}/goals`, `/worker/clients/${ids.matti}/plan-versions/1`, '/worker/clients/999999', '/worker/clients/abc/plan']) {
      expect((await other.goto(server.baseUrl + url))?.status(), url).toBe(403);
    }
    const before = await versionsOf(ids.matti);
    const status = await other.evaluate(async (id) => {
      const body = new URLSearchParams({ service_type: 'tyotoiminta', place_name: 'Hijacked', place_picture: 'work', named_worker_id: '1', starts_on: '2026-01-01', review_on: '2026-12-01', summary: 'x', day1: 'on', day1_start: '08:00', day1_end: '12:00' });
      return (await fetch(`/worker/clients/${id}/plan`, { method: 'POST', body, redirect: 'manual' })).status;
    }, ids.matti);
    expect(status).toBe(403);
    expect(await versionsOf(ids.matti)).toBe(before);
  });
});

describe('goal editor', () => {
  it('adds a goal and a step, comments, reorders and marks reached; the client sees the changes', async () => {
    const page = await fixture.signedIn(server.baseUrl, { email: STAFF.worker }, { viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.baseUrl}/worker/clients/${ids.matti}/goals`);
    await expectNoAxeViolations(page, { client: false });

    // An empty title is refused with an error and nothing is added.
    const goalsBefore = (await querySql<{ n: number }>(server.dbFile, 'SELECT COUNT(*) AS n FROM goals WHERE client_id = ?', [ids.matti]))[0].n;
    // The picture picker finds the bus by a Finnish word while the worker types (live search).
    await page.locator('#new-picture-q').fill('bussi');
    await page.locator('#new-picture input[value=bus]').check();
    const addGoal = page.getByRole('button', { name: 'Lisää tavoite' });
    await clickAndWait(page, addGoal);
    expect(await page.locator('#error-summary').textContent()).toContain('Anna tavoitteelle nimi.');
    expect(await page.locator('#new-title-error').textContent()).toContain('Anna tavoitteelle nimi.');
    await expectNoAxeViolations(page, { client: false });
    expect(await page.locator('#new-picture input[name=picture]:checked').inputValue()).toBe('bus');

    await page.locator('#new-title').fill('Kuljen bussilla yksin');
    await clickAndWait(page, addGoal);
    expect((await querySql<{ n: number }>(server.dbFile, 'SELECT COUNT(*) AS n FROM goals WHERE client_id = ?', [ids.matti]))[0].n).toBe(goalsBefore + 1);
    expect(await querySql(server.dbFile, 'SELECT picture FROM goals WHERE client_id = ? AND title = ?', [ids.matti, 'Kuljen bussilla yksin'])).toEqual([{ picture: 'bus' }]);
    const goal = page.locator('section.goal-editor', { hasText: 'Kuljen bussilla yksin' });
    await goal.locator('form:has(input[value=add-step]) input[name=title]').fill('Katson aikataulun.');
    await clickAndWait(page, goal.getByRole('button', { name: 'Lisää askel' }));
    await goal.locator('textarea[name=text]').fill('Hyvä alku, Matti!');
    await clickAndWait(page, goal.getByRole('button', { name: 'Lähetä kommentti' }));
    await clickAndWait(page, goal.locator('button[value=up]'));

    const client = await fixture.signedIn(server.baseUrl, 'matti');
    await client.goto(`${server.baseUrl}/client/goals`);
    const titles = await client.locator('section.goal:not(.reached-goals) h2').allTextContents();
    expect(titles.map((x) => x.trim())).toContain('Kuljen bussilla yksin');
    // Moved up once from last place: now second to last.
    expect(titles.map((x) => x.trim()).indexOf('Kuljen bussilla yksin')).toBe(titles.length - 2);
    const newGoal = client.locator('section.goal', { hasText: 'Kuljen bussilla yksin' });
    expect(await newGoal.textContent()).toContain('Katson aikataulun.');
    expect(await newGoal.textContent()).toContain('Hyvä alku, Matti!');

    await page.goto(`${server.baseUrl}/worker/clients/${ids.matti}/goals`);
    await clickAndWait(page, page.locator('section.goal-editor', { hasText: 'Kuljen bussilla yksin' }).locator('button[value=done]'));
    await client.reload();
    // Reached: no longer among the goals to work on, but kept in "Saavutetut tavoitteet" with the day.
    expect(await client.locator('section.goal:not(.reached-goals)', { hasText: 'Kuljen bussilla yksin' }).count()).toBe(0);
    const reached = client.locator('section.reached-goals li', { hasText: 'Kuljen bussilla yksin' });
    expect(await reached.count()).toBe(1);
    expect(await reached.textContent()).toMatch(/Saavutit tämän \p{L}+ \d{1,2}\.\d{1,2}\./u);
  });

  it("refuses changes to another client's goals through a changed id", async () => {
    const ainoGoal = (await querySql<{ id: number; title: string }>(server.dbFile, 'SELECT id, title FROM goals WHERE client_id = ? LIMIT 1', [ids.aino]))[0];
    const page = await fixture.signedIn(server.baseUrl, { email: STAFF.worker });
    await page.goto(`${server.baseUrl}/worker/clients/${ids.matti}/goals`);
    // Liisa works with Matti, so the page opens; the goal id belongs to Aino.
    const status = await page.evaluate(async ({ matti, goal }) => {
      const body = new URLSearchParams({ action: 'edit', goal: String(goal), title: 'Hijacked', picture: 'bus' });
      return (await fetch(`/worker/clients/${matti}/goals`, { method: 'POST', body, redirect: 'manual' })).status;
    }, { matti: ids.matti, goal: ainoGoal.id });
    expect(status).toBe(403);
    const after = await querySql<{ title: string }>(server.dbFile, 'SELECT title FROM goals WHERE id = ?', [ainoGoal.id]);
    expect(after[0].title).toBe(ainoGoal.title);
    expect((await page.goto(`${server.baseUrl}/worker/clients/${ids.aino}/goals`))?.status()).toBe(403);
  });
});

describe('live easy-read check', () => {
  it('shows hints while the worker types, before saving', async () => {
    const page = await fixture.signedIn(server.baseUrl, { email: STAFF.worker }, { viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.baseUrl}/worker/clients/${ids.jukka}/plan`);
    await expect.poll(() => page.locator('#summary-hints').textContent()).toContain('Teksti näyttää selkokieleltä.');
    await page.locator('#summary').fill('Harjoittelet työtä ns. tekstiilipajassa.');
    await expect.poll(() => page.locator('[data-hint="easyRead.hint.abbreviation"]').count(), { timeout: 5_000 }).toBe(1);
    expect(await page.locator('[data-hint="easyRead.hint.abbreviation"]').textContent()).toContain('Kirjoita lyhenne auki.');
    await page.locator('#summary').fill('Harjoittelet työtä tekstiilipajassa.');
    await expect.poll(() => page.locator('[data-hint]').count(), { timeout: 5_000 }).toBe(0);
    await expectNoAxeViolations(page, { client: false });
  });
});
