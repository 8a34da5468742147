/**
 * A worker's morning and an accountant's month on a 1366×768 laptop (issue 15, points 1, 2, 3
 * and 19): the client's month as a seven-column grid with weekday headers on every staff
 * calendar page and in every language; dates in staff lists with their year and no double full
 * stop; the admin overview counting family members by their links, and the worker's list saying
 * when a client has no card or no picture PIN; the goal editor opening at the goal that changed
 * and showing an error beside the form it belongs to, never with a stale "Tallennettu.".
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickAndWait, path, STAFF, useBrowser } from '../helpers/browser';
import { querySql, runSql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { expectNoAxeViolations } from '../helpers/axe';
import { daysOfMonth, monthOf } from '@domain/attendance';
import { todayInHelsinki } from '@domain/time/helsinki';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();
const laptop = { viewport: { width: 1366, height: 768 } };
const today = todayInHelsinki();

const WEEKDAYS = {
  fi: ['maanantai', 'tiistai', 'keskiviikko', 'torstai', 'perjantai', 'lauantai', 'sunnuntai'],
  sv: ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
} as const;

/** The month grid as laid out: its headers, and each row's cells' left edges and tops. */
async function expectSevenColumnGrid(page: Page, lang: keyof typeof WEEKDAYS): Promise<void> {
  const grid = page.locator('table.month-grid');
  expect(await grid.count()).toBe(1);
  expect((await grid.locator('thead th').allTextContents()).map((s) => s.trim())).toEqual(WEEKDAYS[lang]);
  const layout = await grid.evaluate((table) => {
    const box = (e: Element) => e.getBoundingClientRect();
    return {
      headers: [...table.querySelectorAll('thead th')].map((th) => ({ left: box(th).left, top: box(th).top, width: box(th).width })),
      rows: [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((td) => ({ left: box(td).left, top: box(td).top }))),
      days: [...table.querySelectorAll('td[data-day]')].map((td) => td.getAttribute('data-day')),
      // A state word wider than its cell would be cut or broken.
      overflowing: [...table.querySelectorAll('.month-grid-word')].filter((w) => w.scrollWidth > (w.parentElement?.parentElement?.clientWidth ?? 0)).length,
    };
  });
  // Seven columns side by side on one line, each wide enough for a word (not a numbered list).
  const lefts = layout.headers.map((h) => h.left);
  expect(lefts).toEqual([...lefts].sort((a, b) => a - b));
  expect(new Set(layout.headers.map((h) => Math.round(h.top))).size).toBe(1);
  for (const h of layout.headers) expect(h.width).toBeGreaterThan(120);
  expect(layout.rows.length).toBeGreaterThanOrEqual(4);
  for (const row of layout.rows) {
    expect(row.length).toBe(7);
    expect(new Set(row.map((c) => Math.round(c.top))).size).toBe(1);
    row.forEach((cell, i) => expect(Math.abs(cell.left - lefts[i])).toBeLessThan(2));
  }
  expect(layout.overflowing).toBe(0);
}

describe('the staff month', () => {
  it('is a seven-column grid with weekday headers for the worker, in every language, and for the admin from the money page', async () => {
    const month = monthOf(today);
    const page = await fixture.signedIn(server.baseUrl, { email: STAFF.worker }, laptop);
    for (const lang of ['fi', 'sv', 'en'] as const) {
      // Staff pages speak the person's saved language (the staff header has no switch of its own yet).
      await runSql(server.dbFile, [['UPDATE people SET language = ? WHERE email = ?', [lang, STAFF.worker]]]);
      await page.goto(`${server.baseUrl}/worker/clients/${ids.matti}/attendance`);
      await expectSevenColumnGrid(page, lang);
      // Every day of the month once, in order, today marked.
      expect(await page.locator('table.month-grid td[data-day]').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-day')))).toEqual(daysOfMonth(month));
      expect(await page.locator(`table.month-grid td[data-day="${today}"]`).getAttribute('aria-current')).toBe('date');
    }
    const recorded = await querySql<{ day: string; status: string }>(server.dbFile, 'SELECT day, status FROM attendance WHERE client_id = ? AND day LIKE ?', [ids.matti, `${month}-%`]);
    for (const r of recorded) expect(await page.locator(`table.month-grid td[data-day="${r.day}"]`).getAttribute('data-state'), r.day).toBe(r.status);
    await runSql(server.dbFile, [['UPDATE people SET language = ? WHERE email = ?', ['fi', STAFF.worker]]]);
    await page.reload();
    await expectNoAxeViolations(page, { client: false });

    const admin = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, laptop);
    await admin.goto(`${server.baseUrl}/admin/money`);
    await clickAndWait(admin, admin.locator(`a[href^="/worker/clients/${ids.matti}/attendance"]`).first());
    expect(path(admin)).toMatch(new RegExp(`^/worker/clients/${ids.matti}/attendance`));
    await expectSevenColumnGrid(admin, 'fi');
  });
});

describe('dates on staff pages', () => {
  it('carry the year in lists, and a sentence ending with a date has one full stop', async () => {
    const admin = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, laptop);
    await admin.goto(`${server.baseUrl}/admin/rates`);
    const rateDays = await admin.locator('main table').first().locator('tbody tr td:nth-child(2)').allTextContents();
    expect(rateDays.length).toBeGreaterThan(0);
    for (const d of rateDays) expect(d).toMatch(/\d{1,2}\.\d{1,2}\.\d{4}$/);

    const worker = await fixture.signedIn(server.baseUrl, { email: STAFF.worker }, laptop);
    const reviews = await worker.locator('main table [data-review]').allTextContents();
    expect(reviews.length).toBeGreaterThan(0);
    for (const r of reviews) expect(r).toMatch(/\d{1,2}\.\d{1,2}\.\d{4}$/);

    // Jukka's review day (1.10.) is this year: it has no year in a sentence, and its own point ends it.
    for (const who of [ids.matti, ids.jukka]) {
      await worker.goto(`${server.baseUrl}/worker/clients/${who}`);
      const current = (await worker.locator('main p', { hasText: 'Voimassa oleva versio' }).textContent())!.trim();
      expect(current).toMatch(/tarkistus \S+ \d{1,2}\.\d{1,2}\.(\d{4}\.)?$/);
      expect(current).not.toContain('..');
    }
  });
});

describe('the admin overview and the worker list', () => {
  it('counts family members by their links, and says when a client has no card or no picture PIN', async () => {
    const linked = await querySql<{ n: number }>(server.dbFile,
      `SELECT COUNT(DISTINCT l.family_id) AS n FROM family_links l JOIN people c ON c.id = l.client_id
        WHERE c.unit_id = (SELECT unit_id FROM people WHERE id = ?) AND l.ended_at IS NULL AND (l.ends_on IS NULL OR l.ends_on >= ?)`, [ids.matti, today]);
    expect(linked[0].n).toBeGreaterThanOrEqual(3);
    const admin = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, laptop);
    expect((await admin.locator('ul.stats li', { hasText: 'Läheiset' }).locator('strong').textContent())?.trim()).toBe(String(linked[0].n));

    // Aino's cards revoked, Jukka's picture PIN not chosen yet; Matti has both.
    await runSql(server.dbFile, [
      ['UPDATE login_cards SET revoked_at = ? WHERE client_id = ? AND revoked_at IS NULL', [Date.now(), ids.aino]],
      ['UPDATE people SET pin_hash = NULL WHERE id = ?', [ids.jukka]],
    ]);
    const worker = await fixture.signedIn(server.baseUrl, { email: STAFF.worker }, laptop);
    const status = (client: number) => worker.locator('tr', { has: worker.locator(`a[href="/worker/clients/${client}"]`) }).locator('[data-sign-in]');
    expect(await status(ids.matti).getAttribute('data-sign-in')).toBe('ok');
    expect(await status(ids.jukka).getAttribute('data-sign-in')).toBe('no-pin');
    expect(await status(ids.jukka).textContent()).toBe('Kortti tehty, kuvat valitsematta');
    if (await worker.locator(`a[href="/worker/clients/${ids.aino}"]`).count()) {
      expect(await status(ids.aino).textContent()).toBe('Ei korttia');
    } else {
      // Aino is Pekka's client.
      const pekka = await fixture.signedIn(server.baseUrl, { email: STAFF.substitute }, laptop);
      const row = pekka.locator('tr', { has: pekka.locator(`a[href="/worker/clients/${ids.aino}"]`) });
      expect(await row.locator('[data-sign-in]').textContent()).toBe('Ei korttia');
    }
    await expectNoAxeViolations(worker, { client: false });
  });
});

describe('the goal editor on a long page', () => {
  it('opens at the goal that changed, shows an error beside its form, and never a stale notice', async () => {
    const goals = await querySql<{ id: number }>(server.dbFile, 'SELECT id FROM goals WHERE client_id = ? ORDER BY id', [ids.matti]);
    const last = goals.at(-1)!.id;
    const step = (await querySql<{ id: number }>(server.dbFile, 'SELECT id FROM goal_steps WHERE goal_id = ? ORDER BY id LIMIT 1', [last]))[0].id;
    const page = await fixture.signedIn(server.baseUrl, { email: STAFF.worker }, laptop);
    await page.goto(`${server.baseUrl}/worker/clients/${ids.matti}/goals`);
    const inView = (selector: string) =>
      page.locator(selector).first().evaluate((e) => {
        const r = e.getBoundingClientRect();
        return r.top >= -1 && r.top < window.innerHeight;
      });

    // Tick a step of the last goal: the page comes back at that goal, with its notice there.
    await clickAndWait(page, page.locator(`#goal-${last} form:has(input[name=step][value="${step}"]) button[value=set-step]`));
    expect(path(page)).toBe(`/worker/clients/${ids.matti}/goals?saved=${last}`);
    expect(new URL(page.url()).hash).toBe(`#goal-${last}`);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
    expect(await inView(`#goal-${last}`)).toBe(true);
    expect(await page.locator(`#goal-${last} .notice.ok`).count()).toBe(1);

    // From that address, a step without words: the error beside the step form, no "Tallennettu." anywhere.
    await page.locator(`#step-${last}`).fill('');
    await clickAndWait(page, page.locator(`#goal-${last} form:has(#step-${last}) button[type=submit]`));
    expect(path(page)).toBe(`/worker/clients/${ids.matti}/goals`);
    expect(await page.title()).toMatch(/^Virhe: /);
    expect(await page.locator('.notice.ok').count()).toBe(0);
    expect(await page.locator('#error-summary').count()).toBe(1);
    const summary = page.locator(`#goal-${last} #error-summary`);
    expect(await summary.textContent()).toContain('Kirjoita askel.');
    expect(await page.locator(`#step-${last}-error`).textContent()).toContain('Kirjoita askel.');
    // Just above the form that failed, in sight, and focused.
    expect(await summary.evaluate((e) => e.nextElementSibling?.querySelector('input[name=action]')?.getAttribute('value'))).toBe('add-step');
    expect(await inView(`#goal-${last} #error-summary`)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    await expectNoAxeViolations(page, { client: false });

    // Every form of the editor posts to its clean address.
    const actions = await page.locator('main form[method=post]').evaluateAll((forms) => forms.map((f) => f.getAttribute('action')));
    for (const a of actions) expect(a).toBe(`/worker/clients/${ids.matti}/goals#error-summary`);
  });
});
