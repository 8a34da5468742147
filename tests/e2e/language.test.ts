/**
 * The language buttons at the bottom of every easy-read page: the choice changes the page at
 * once (text and <html lang>), and it is saved on the account, so it follows the client to any
 * tablet — even a fresh browser with no cookies.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { chooseLanguage, h1, path, signInClient, signOut, useBrowser } from '../helpers/browser';
import { expectNoAxeViolations } from '../helpers/axe';
import { startServer, type RunningServer } from '../helpers/server';

const browser = useBrowser();
// Its own server: the test changes what is saved on Matti's account.
let server: RunningServer;
let base: string;

beforeAll(async () => {
  server = await startServer();
  base = server.baseUrl;
});
afterAll(async () => {
  await server?.stop();
});

test('Matti switches to Swedish; the choice is remembered on his account; back to Finnish', async () => {
  const page = await browser.newPage();
  await signInClient(page, base, 'matti', { device: 'own' });
  expect(await h1(page)).toBe('Hei Matti!');
  expect(await page.locator('html').getAttribute('lang')).toBe('fi');
  expect(await page.locator('button[name=lang][value=fi]').getAttribute('aria-pressed')).toBe('true');

  await chooseLanguage(page, 'sv');
  expect(path(page), 'the language button brings the person back to the same page').toBe('/client');
  expect(await h1(page)).toBe('Hej Matti!');
  expect(await page.locator('html').getAttribute('lang')).toBe('sv');
  expect(await page.locator('button[name=lang][value=sv]').getAttribute('aria-pressed')).toBe('true');
  expect(await page.locator('button[name=lang][value=fi]').getAttribute('aria-pressed')).toBe('false');
  await expectNoAxeViolations(page, { client: true });

  await page.goto(`${base}/client/me`);
  await signOut(page);
  expect(path(page)).toBe('/?signed-out=1');

  // Another tablet: a new browser context without the language cookie, a Finnish browser.
  const other = await browser.newPage({ locale: 'fi-FI' });
  await signInClient(other, base, 'matti', { device: 'own' });
  expect(await h1(other)).toBe('Hej Matti!');
  expect(await other.locator('html').getAttribute('lang')).toBe('sv');

  await chooseLanguage(other, 'fi');
  expect(await h1(other)).toBe('Hei Matti!');
  expect(await other.locator('html').getAttribute('lang')).toBe('fi');
  await other.reload();
  expect(await h1(other)).toBe('Hei Matti!');
});

test('English works too, and a signed-out visitor’s choice stays on the device', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/card`);
  expect(await page.locator('html').getAttribute('lang')).toBe('fi');
  await chooseLanguage(page, 'en');
  expect(path(page)).toBe('/card');
  await page.goto(`${base}/login`);
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
  await expectNoAxeViolations(page, { client: true });

  // Signing in uses the account's own language (Aino's is Finnish), not the device's.
  await signInClient(page, base, 'aino', { device: 'own' });
  expect(await h1(page)).toBe('Hei Aino!');
  await chooseLanguage(page, 'en');
  expect(await h1(page)).toBe('Hello Aino!');
  await chooseLanguage(page, 'fi');
});
