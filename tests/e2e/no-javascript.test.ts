/**
 * Everything a person needs works with JavaScript switched off: plain forms and redirects.
 * The Kuuntele button (it needs the browser's speech) is then not shown at all.
 */
import { expect, test } from 'vitest';
import { baseUrl, clickAndWait, h1, path, signInClient, signInStaff, signOut, STAFF, useBrowser } from '../helpers/browser';

const browser = useBrowser();
const base = baseUrl();

test('a client signs in with the short code and the picture PIN, and the home page works', async () => {
  const page = await browser.newPage({ javaScriptEnabled: false });
  await signInClient(page, base, 'matti', { via: 'code', device: 'shared' });
  expect(path(page)).toBe('/client');
  expect(await h1(page)).toBe('Hei Matti!');
  expect(await page.locator('a.tile').count()).toBe(6);
  expect(await page.locator('[data-listen]').filter({ visible: true }).count(), 'no Kuuntele button without JavaScript').toBe(0);
  // The shared-tablet warning needs JavaScript; without it the server still ends the session.
  expect(await page.locator('[role=alertdialog]').count()).toBe(0);
  // (axe itself needs JavaScript in the page: the same pages are checked in accessibility.test.ts.)

  // Text size works as a plain form too.
  await clickAndWait(page, page.locator('button[name=size][value="150"]'));
  expect(path(page)).toBe('/client');
  expect(await page.locator('html').getAttribute('class')).toContain('text-150');
  expect(await page.locator('button[name=size][value="150"]').getAttribute('aria-pressed')).toBe('true');
  await clickAndWait(page, page.locator('button[name=size][value="100"]'));
  expect(await page.locator('html').getAttribute('class') ?? '').not.toContain('text-150');

  await page.goto(`${base}/client/me`);
  await signOut(page);
  expect(path(page)).toBe('/?signed-out=1');
});

test('staff sign in without JavaScript', async () => {
  const page = await browser.newPage({ javaScriptEnabled: false });
  await signInStaff(page, base, STAFF.worker);
  expect(path(page)).toBe('/worker');
  expect(await page.locator('body').innerText()).toContain('Matti Virtanen');
  await signOut(page);
  expect(path(page)).toBe('/?signed-out=1');
});

test('with JavaScript the Kuuntele button is shown (Chromium can speak)', async () => {
  const page = await browser.newPage();
  await signInClient(page, base, 'matti', { device: 'own' });
  const listen = page.locator('[data-listen]');
  await listen.waitFor({ state: 'visible' });
  expect((await listen.innerText()).trim()).toBe('Kuuntele');
  expect(await listen.getAttribute('aria-pressed')).toBe('false');
});
