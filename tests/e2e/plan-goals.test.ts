/**
 * Plan and goals from the client's and the family member's side: reading, answering
 * "Miten menee?" with and without JavaScript, one answer per tap, easy errors that keep what was
 * typed, refusal across clients, the access log, and axe in all three languages.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickAndWait, path, STAFF, useBrowser } from '../helpers/browser';
import { querySql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { expectNoAxeViolations } from '../helpers/axe';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();


async function answersOf(goalId: number): Promise<number> {
  return (await querySql<{ n: number }>(server.dbFile, 'SELECT COUNT(*) AS n FROM goal_answers WHERE goal_id = ?', [goalId]))[0].n;
}

async function firstGoalId(page: Page): Promise<number> {
  return Number(await page.locator('form.answer input[name=goal]').first().inputValue());
}

describe('plan', () => {
  it('shows the client what, where, when, who helps and when the plan is talked about next', async () => {
    const page = await fixture.signedIn(server.baseUrl, 'matti');
    await page.goto(`${server.baseUrl}/client/plan`);
    const text = (await page.locator('#main').textContent()) ?? '';
    expect(text).toContain('Olet työtoiminnassa.');
    expect(text).toContain('Pajakulman puutyöpaja');
    expect(await page.locator('.weekdays li').count()).toBe(5);
    expect(text).toContain('kello 8.30–14.00');
    expect(await page.locator('a[href^="tel:"]').getAttribute('href')).toBe('tel:0505550101');
    // The weekday in the essive, and the year while the talk is in another year (issue 14).
    const year = new Date().getFullYear() === 2027 ? '' : '2027';
    expect(text).toContain(`Puhumme suunnitelmasta seuraavan kerran perjantaina 15.1.${year ? `${year}.` : ''}`);
  });

  it('fits on one printed A4 page with its pictures', async () => {
    const page = await fixture.signedIn(server.baseUrl, 'matti');
    await page.goto(`${server.baseUrl}/client/plan`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.plan-part svg').first().isVisible()).toBe(true);
    expect(await page.locator('.tools').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
  });
});

describe('goals', () => {
  it('records one answer per tap, shows it in the history, and keeps what was typed on an error', async () => {
    const page = await fixture.signedIn(server.baseUrl, 'matti');
    await page.goto(`${server.baseUrl}/client/goals`);
    const goalId = await firstGoalId(page);
    const before = await answersOf(goalId);
    const historyBefore = await page.locator(`#goal-${goalId} .answer-history li`).count();

    // No picture chosen: an easy error, and the words stay.
    const form = page.locator(`#goal-${goalId} form.answer`);
    await form.locator('input[name=words]').fill('Bussi tuli ajoissa.');
    await clickAndWait(page, form.locator('button[type=submit]'));
    expect(await page.title()).toMatch(/^Virhe: /);
    expect(await page.locator(`#feeling-${goalId}-error`).textContent()).toContain('Valitse yksi kuva.');
    expect(await page.locator(`#goal-${goalId} input[name=words]`).inputValue()).toBe('Bussi tuli ajoissa.');
    await expectNoAxeViolations(page, { client: true });

    await page.locator(`#goal-${goalId} label.choice:has(input[value=good])`).click();
    await clickAndWait(page, page.locator(`#goal-${goalId} form.answer button[type=submit]`));
    expect(path(page)).toBe(`/client/goals?saved=${goalId}`);
    expect(await page.locator(`#goal-${goalId} [role=status]`).textContent()).toContain('Vastauksesi on tallessa');
    expect(await page.locator(`#goal-${goalId} .answer-history li`).count()).toBe(historyBefore + 1);
    expect(await page.locator(`#goal-${goalId} .answer-history li`).last().textContent()).toContain('Bussi tuli ajoissa.');
    expect(await answersOf(goalId)).toBe(before + 1);
  });

  it("opens at the error of the goal that was sent, and the last answer's thank-you is gone", async () => {
    const page = await fixture.signedIn(server.baseUrl, 'matti', { viewport: { width: 768, height: 1024 } });
    await page.goto(`${server.baseUrl}/client/goals`);
    const goalIds = await page.locator('form.answer input[name=goal]').evaluateAll((inputs) => inputs.map((i) => Number((i as HTMLInputElement).value)));
    expect(goalIds.length).toBeGreaterThanOrEqual(2);
    const [first, second] = goalIds;
    await page.locator(`#goal-${first} label.choice:has(input[value=good])`).click();
    await clickAndWait(page, page.locator(`#goal-${first} form.answer button[type=submit]`));
    expect(await page.locator('[role=status]').count()).toBe(1);

    // The second goal sent without a picture, as a tablet without JavaScript sends it.
    await page.locator(`#goal-${second} input[name=words]`).fill('Ei tänään.');
    await clickAndWait(page, page.locator(`#goal-${second} form.answer button[type=submit]`));
    expect(new URL(page.url()).hash).toBe('#error-summary');
    expect(await page.locator('[role=status]').count()).toBe(0);
    const summary = page.locator(`#goal-${second} #error-summary`);
    expect(await summary.textContent()).toContain('Valitse yksi kuva.');
    expect(await summary.locator('a').getAttribute('href')).toBe(`#feeling-${second}`);
    expect(await page.locator('#error-summary').count()).toBe(1);
    // In view: the error is on the screen, not below the fold.
    const box = (await summary.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(1024);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(await page.locator(`#goal-${second} input[name=words]`).inputValue()).toBe('Ei tänään.');
  });

  it('a double tap or a replayed form records one answer', async () => {
    const page = await fixture.signedIn(server.baseUrl, 'matti');
    await page.goto(`${server.baseUrl}/client/goals`);
    const goalId = await firstGoalId(page);
    const key = await page.locator(`#goal-${goalId} input[name=key]`).inputValue();
    const before = await answersOf(goalId);
    // 20 identical posts at once from the page's own session, as a frantic double tap would send.
    const statuses = await page.evaluate(
      async ({ goalId, key }) => {
        const body = new URLSearchParams({ goal: String(goalId), key, feeling: 'some', words: '' });
        const posts = Array.from({ length: 20 }, () => fetch('/client/goals', { method: 'POST', body, redirect: 'manual' }).then((r) => r.status));
        return Promise.all(posts);
      },
      { goalId, key },
    );
    expect(statuses.every((s) => s === 0 || s === 303 || s === 200)).toBe(true);
    expect(await answersOf(goalId)).toBe(before + 1);
  });

  it('works without JavaScript', async () => {
    const page = await fixture.signedIn(server.baseUrl, 'aino', { javaScriptEnabled: false });
    await page.goto(`${server.baseUrl}/client/goals`);
    const goalId = await firstGoalId(page);
    const before = await answersOf(goalId);
    await page.locator(`#goal-${goalId} label.choice:has(input[value=hard])`).click();
    await clickAndWait(page, page.locator(`#goal-${goalId} form.answer button[type=submit]`));
    expect(await answersOf(goalId)).toBe(before + 1);
    expect(await page.locator(`#goal-${goalId} .answer-history li`).last().textContent()).toContain('Huonosti');
  });

  it("refuses an answer to another client's goal (an id changed in the form)", async () => {
    const ainoGoal = (await querySql<{ id: number }>(server.dbFile, 'SELECT id FROM goals WHERE client_id = ? LIMIT 1', [ids.aino]))[0].id;
    const page = await fixture.signedIn(server.baseUrl, 'matti');
    await page.goto(`${server.baseUrl}/client/goals`);
    const before = await answersOf(ainoGoal);
    const status = await page.evaluate(async (goal) => {
      const body = new URLSearchParams({ goal: String(goal), key: crypto.randomUUID(), feeling: 'good', words: '' });
      return (await fetch('/client/goals', { method: 'POST', body, redirect: 'manual' })).status;
    }, ainoGoal);
    expect(status).toBe(403);
    expect(await answersOf(ainoGoal)).toBe(before);
  });
});

describe('family view', () => {
  it("shows a linked client's plan and goals read-only, logs the views, and refuses other clients", async () => {
    const page = await fixture.signedIn(server.baseUrl, { email: STAFF.family });
    await clickAndWait(page, page.locator(`a[href="/family/${ids.matti}/plan"]`));
    expect(await page.locator('h1').textContent()).toContain('Matti Virtanen');
    expect(await page.locator('#main').textContent()).toContain('Pajakulman puutyöpaja');
    await page.goto(`${server.baseUrl}/family/${ids.matti}/goals`);
    expect(await page.locator('.goal').count()).toBeGreaterThan(0);
    expect(await page.locator('form.answer').count()).toBe(0);
    const log = await querySql<{ action: string; basis: string }>(
      server.dbFile,
      "SELECT action, basis FROM access_log WHERE client_id = ? AND actor_id = (SELECT id FROM people WHERE email = ?)",
      [ids.matti, STAFF.family],
    );
    expect(log.map((r) => r.action)).toEqual(expect.arrayContaining(['plan', 'goals']));
    expect(new Set(log.map((r) => r.basis))).toEqual(new Set(['family']));

    for (const other of [ids.aino, ids.ville, 999999]) {
      for (const area of ['plan', 'goals']) {
        const response = await page.goto(`${server.baseUrl}/family/${other}/${area}`);
        expect(response?.status(), `${other}/${area}`).toBe(403);
      }
    }
  });

  it('is closed to workers and clients (their role has no family pages)', async () => {
    const page = await fixture.signedIn(server.baseUrl, { email: STAFF.worker });
    expect((await page.goto(`${server.baseUrl}/family/${ids.matti}/plan`))?.status()).toBe(403);
  });
});
