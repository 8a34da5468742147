/**
 * Actions that cannot be undone ask first (issue 15, point 14), without JavaScript: ending a family
 * link, a new login card in place of one in use, resetting the picture PIN, deactivating a person
 * and approving a month. The first post shows a question naming the person or month, and the page
 * opens at it; nothing has changed in the database yet. "Peruuta" leads back with nothing changed;
 * only the confirming post does the work.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { clickAndWait, h1, STAFF, useBrowser } from '../helpers/browser';
import { querySql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { expectNoAxeViolations } from '../helpers/axe';
import { addMonths, monthOf } from '@domain/attendance';
import { todayInHelsinki } from '@domain/time/helsinki';
import { monthTitle } from '@domain/time/format';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();

const noScript = (email: string) => fixture.signedIn(server.baseUrl, { email }, { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
const withScript = (email: string) => fixture.signedIn(server.baseUrl, { email }, { viewport: { width: 1280, height: 900 } });
const one = async <T>(sql: string, params: unknown[]) => (await querySql<T>(server.dbFile, sql, params))[0];

/**
 * Clicks `start`, checks the question (the page opens at it, nothing changed), cancels and checks
 * again that nothing changed, clicks `start` again and confirms. `state` reads what the action changes.
 * With `axe`, a page of the same person with JavaScript on (axe runs as a script) is first led to
 * the same question, and checked.
 */
async function askCancelConfirm(page: Page, start: (p: Page) => Locator, question: string, state: () => Promise<unknown>, axe?: Page): Promise<unknown> {
  const before = await state();
  const address = page.url();
  await clickAndWait(page, start(page));
  const panel = page.locator('#confirm');
  expect(new URL(page.url()).hash).toBe('#confirm');
  // The page opens at the panel: it is the fragment's target.
  expect(await page.locator('#confirm:target').count()).toBe(1);
  expect(await panel.locator('h3').innerText()).toBe(question);
  expect(await panel.locator('input[name=confirm]').inputValue()).toBe('yes');
  expect(await state()).toEqual(before);
  if (axe) {
    await axe.goto(page.url().split('#')[0]);
    await clickAndWait(axe, start(axe));
    expect(await axe.locator('#confirm h3').innerText()).toBe(question);
    await expectNoAxeViolations(axe, { client: false });
    expect(await state()).toEqual(before);
  }

  await clickAndWait(page, panel.getByRole('link', { name: 'Peruuta' }));
  expect(await page.locator('#confirm').count()).toBe(0);
  expect(await state()).toEqual(before);

  if (page.url().split('#')[0] !== address.split('#')[0]) await page.goto(address);
  await clickAndWait(page, start(page));
  await clickAndWait(page, page.locator('#confirm button.danger'));
  const after = await state();
  expect(after).not.toEqual(before);
  return after;
}

describe('actions that cannot be undone, without JavaScript', () => {
  it('ending a family link asks first, naming both people', async () => {
    const liisa = await noScript(STAFF.worker);
    await liisa.goto(`${server.baseUrl}/worker/clients/${ids.matti}/family`);
    const links = () => querySql<{ id: number; ended_at: number | null }>(server.dbFile, "SELECT l.id, l.ended_at FROM family_links l JOIN people f ON f.id = l.family_id WHERE l.client_id = ? AND f.full_name = 'Maija Virtanen' ORDER BY l.id", [ids.matti]);
    const audits = () => one<{ n: number }>("SELECT COUNT(*) AS n FROM admin_audit WHERE action = 'end family link'", []);
    const auditsBefore = await audits();
    const after = (await askCancelConfirm(
      liisa,
      (p) => p.getByRole('button', { name: 'Päätä linkki: Maija Virtanen' }),
      'Haluatko varmasti päättää perheenjäsenen Maija Virtanen linkin asiakkaaseen Matti Virtanen?',
      links,
      await withScript(STAFF.worker),
    )) as { ended_at: number | null }[];
    expect(after.every((l) => l.ended_at !== null)).toBe(true);
    expect(await liisa.locator('[role=status]').innerText()).toBeTruthy();
    expect((await audits()).n).toBe(auditsBefore.n + 1);
  });

  it('a new card in place of one in use asks first, naming the client', async () => {
    const helena = await noScript(STAFF.admin);
    await helena.goto(`${server.baseUrl}/admin/people/${ids.aino}/card`);
    const cards = () => one<{ n: number }>('SELECT COUNT(*) AS n FROM login_cards WHERE client_id = ?', [ids.aino]);
    const issue = () => helena.locator('form:has(input[name=action][value=issue]) button[type=submit]');
    expect(await helena.locator('[data-card-state]').getAttribute('data-card-state')).toBe('valid');
    await helena.check('input[name=why][value=lost]');
    const before = await cards();
    await clickAndWait(helena, issue());
    expect(await helena.locator('#confirm h3').innerText()).toBe('Haluatko varmasti tehdä uuden kirjautumiskortin asiakkaalle Aino Laine?');
    // The reason chosen travels with the question.
    expect(await helena.locator('#confirm input[name=why]').inputValue()).toBe('lost');
    expect(await cards()).toEqual(before);
    await clickAndWait(helena, helena.getByRole('link', { name: 'Peruuta' }));
    expect(await cards()).toEqual(before);
    await helena.check('input[name=why][value=lost]');
    await clickAndWait(helena, issue());
    await clickAndWait(helena, helena.locator('#confirm button.danger'));
    expect(await h1(helena)).toBe('Uusi kirjautumiskortti: Aino Laine');
    expect((await cards()).n).toBe(before.n + 1);
  });

  it('resetting the picture PIN asks first, naming the client', async () => {
    const helena = await noScript(STAFF.admin);
    await helena.goto(`${server.baseUrl}/admin/people/${ids.jukka}/card`);
    const pin = () => one<{ has_pin: number }>('SELECT CASE WHEN pin_hash IS NOT NULL THEN 1 ELSE 0 END AS has_pin FROM people WHERE id = ?', [ids.jukka]);
    expect(await pin()).toEqual({ has_pin: 1 });
    await askCancelConfirm(
      helena,
      (p) => p.locator('form:has(input[name=action][value="reset-pin"]) button[type=submit]'),
      'Haluatko varmasti nollata asiakkaan Jukka Niemi kuva-PIN:n?',
      pin,
    );
    expect(await pin()).toEqual({ has_pin: 0 });
    expect(await helena.locator('[data-pin-state]').getAttribute('data-pin-state')).toBe('unset');
  });

  it('approving a month asks first, naming the month', async () => {
    const helena = await noScript(STAFF.admin);
    const lastMonth = addMonths(monthOf(todayInHelsinki()), -1);
    await helena.goto(`${server.baseUrl}/admin/money?month=${lastMonth}`);
    const approvals = () => querySql(server.dbFile, 'SELECT unit_id, month FROM month_approvals WHERE month = ?', [lastMonth]);
    expect(await approvals()).toEqual([]);
    await askCancelConfirm(helena, (p) => p.getByRole('button', { name: 'Hyväksy kuukausi' }), `Haluatko varmasti hyväksyä kuukauden ${monthTitle(lastMonth, 'fi')}?`, approvals, await withScript(STAFF.admin));
    expect(await approvals()).toHaveLength(1);
    expect(await helena.locator('[data-approved]').getAttribute('data-approved')).toBe('true');
  });

  it('deactivating a person asks first, naming them; reactivating does not ask', async () => {
    const helena = await noScript(STAFF.admin);
    await helena.goto(`${server.baseUrl}/admin/people/${ids.jukka}`);
    const active = () => one<{ active: number }>('SELECT active FROM people WHERE id = ?', [ids.jukka]);
    await askCancelConfirm(
      helena,
      (p) => p.locator('form input[name=action][value=deactivate] + button'),
      'Haluatko varmasti poistaa käytöstä henkilön Jukka Niemi?',
      active,
      await withScript(STAFF.admin),
    );
    expect(await active()).toEqual({ active: 0 });
    expect(await helena.locator('[role=status]').innerText()).toContain('Hänen istuntonsa päättyivät heti.');
    await clickAndWait(helena, helena.locator('form input[name=action][value=reactivate] + button'));
    expect(await active()).toEqual({ active: 1 });
  });
});
