/**
 * Sign-in and sign-out of every role, landing on the right home; after sign-out neither the
 * back button, a reload nor the old session cookie shows the personal page again.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  baseUrl,
  CLIENTS,
  clickAndWait,
  h1,
  path,
  signInClient,
  signInStaff,
  signOut,
  STAFF,
  startCardSignIn,
  tapPictures,
  useBrowser,
} from '../helpers/browser';
import { expectNoAxeViolations, expectTargetSizes } from '../helpers/axe';

const browser = useBrowser();
const base = baseUrl();

const SIGNED_IN_PAGES = ['/client', '/client/me', '/family', '/worker', '/admin'];

async function sessionCookie(page: Page): Promise<string> {
  const cookie = (await page.context().cookies(base)).find((c) => c.name === 'omapolku_session');
  expect(cookie, 'a session cookie after sign-in').toBeDefined();
  expect(cookie!.httpOnly).toBe(true);
  expect(cookie!.sameSite).toBe('Lax');
  return `${cookie!.name}=${cookie!.value}`;
}

/** The old cookie must open nothing once the session is gone (the row is deleted). */
async function expectCookieDead(cookie: string, area: string, signIn: string): Promise<void> {
  const res = await fetch(base + area, { headers: { cookie }, redirect: 'manual' });
  expect(res.status).toBe(303);
  expect(new URL(res.headers.get('location')!, base).pathname).toBe(signIn);
}

/** After sign-out: back and reload end on a sign-in page, never on the personal page. */
async function expectBackDoesNotReveal(page: Page, personalText: string, signIn: string): Promise<void> {
  expect(path(page)).toBe('/?signed-out=1');
  expect(await page.locator('main [role=status]').innerText()).toContain('Olet kirjautunut ulos.');

  await page.goBack();
  await page.waitForLoadState('load');
  expect(SIGNED_IN_PAGES, `back went to ${page.url()}`).not.toContain(new URL(page.url()).pathname);
  expect(path(page).startsWith(signIn), `back should end at ${signIn}, not ${page.url()}`).toBe(true);
  expect(await page.locator('body').innerText()).not.toContain(personalText);

  await page.reload();
  expect(path(page).startsWith(signIn)).toBe(true);
  expect(await page.locator('body').innerText()).not.toContain(personalText);
}

describe('client', () => {
  test('QR card and picture PIN open the home page; sign-out closes it for good', async () => {
    const page = await browser.newPage();
    const response = await startCardSignIn(page, base, 'matti', 'qr');
    expect(response!.status()).toBe(200);
    expect(path(page)).toBe('/card/pin');
    expect(await page.locator('main').innerText()).toContain('Hei Matti!');
    expect(await page.locator('button[name=pick]').count()).toBe(9);

    // Each tap fills one slot; the picks are kept on the server, not in the page.
    await tapPictures(page, CLIENTS.matti.pin.slice(0, 2));
    expect(await page.locator('.pin-slots li.filled').count()).toBe(2);
    expect(await page.locator('[role=status]').innerText()).toContain('2 / 4');
    await expectNoAxeViolations(page, { client: true });
    await expectTargetSizes(page);
    await tapPictures(page, CLIENTS.matti.pin.slice(2));

    expect(path(page)).toBe('/client');
    expect(await h1(page)).toBe('Hei Matti!');
    const tiles = await page.locator('a.tile').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    expect(tiles).toEqual(['/client/plan', '/client/goals', '/client/attendance', '/client/money', '/client/messages', '/client/consents']);
    const cookie = await sessionCookie(page);

    // A tile opens its page ("tulossa" until its issue lands).
    await clickAndWait(page, page.locator('a.tile[href="/client/attendance"]'));
    expect(path(page)).toBe('/client/attendance');
    expect(await page.locator('main').innerText()).toContain('Tulossa');

    await page.goto(`${base}/client/me`);
    expect(await page.locator('main').innerText()).toContain('Matti Virtanen');
    await signOut(page);
    // (The pages above are checked in accessibility.test.ts; this state, with its notice, is not.)
    await expectNoAxeViolations(page, { client: true });
    await expectTargetSizes(page);
    await expectBackDoesNotReveal(page, 'Matti Virtanen', '/card');

    const response2 = await page.goto(`${base}/client`);
    expect(path(page)).toBe('/card');
    expect(response2!.status()).toBe(200);
    await expectCookieDead(cookie, '/client', '/card');
  });

  test('the short code typed on /card works as well as the QR code', async () => {
    const page = await browser.newPage();
    await signInClient(page, base, 'aino', { via: 'code', device: 'own' });
    expect(await h1(page)).toBe('Hei Aino!');
    await page.goto(`${base}/client/me`);
    await signOut(page);
    await expectBackDoesNotReveal(page, 'Aino Laine', '/card');
  });

  test('an unknown or empty card code gets an easy error next to the field and keeps the text', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/card`);
    await clickAndWait(page, page.locator('form[action="/card"] button[type=submit]'));
    // The field's error line starts with a hidden "Virhe:" for screen readers.
    expect((await page.locator('#code-error').innerText()).replace(/\s+/g, ' ')).toBe('Virhe: Kirjoita kortin koodi.');
    expect(await page.title()).toMatch(/^Virhe/);

    await page.locator('input[name=code]').fill('ABCDE-99999');
    await clickAndWait(page, page.locator('form[action="/card"] button[type=submit]'));
    expect(path(page)).toBe('/card');
    expect(await page.locator('#error-summary').innerText()).toContain('Tätä korttia ei löydy.');
    expect(await page.locator('input[name=code]').inputValue()).toBe('ABCDE-99999');
    expect(await page.locator('input[name=code]').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, { client: true });
    await expectTargetSizes(page);
  });

  test('"remove last picture" takes back one tap', async () => {
    const page = await browser.newPage();
    await startCardSignIn(page, base, 'ville');
    await tapPictures(page, ['car', 'dog']);
    expect(await page.locator('.pin-slots li.filled').count()).toBe(2);
    await clickAndWait(page, page.locator('button[name=undo]'));
    expect(await page.locator('.pin-slots li.filled').count()).toBe(1);
    await tapPictures(page, ['car', 'tree', 'dog']);
    expect(path(page)).toBe('/client');
    expect(await h1(page)).toBe('Hei Ville!');
  });
});

describe('family, worker and admin', () => {
  const CASES = [
    { role: 'family', email: STAFF.family, home: '/family', personal: 'Matti Virtanen' },
    { role: 'worker', email: STAFF.worker, home: '/worker', personal: 'Matti Virtanen' },
    { role: 'admin', email: STAFF.admin, home: '/admin', personal: 'Helena Vastaava' },
  ] as const;

  for (const { role, email, home, personal } of CASES) {
    test(`${role} signs in with email and password, lands on ${home} and signs out`, async () => {
      const page = await browser.newPage();
      await signInStaff(page, base, email);
      expect(path(page)).toBe(home);
      expect(await page.locator('body').innerText()).toContain(personal);
      const cookie = await sessionCookie(page);

      // Signed in, the sign-in page and the front door send the person home.
      await page.goto(`${base}/login`);
      expect(path(page)).toBe(home);
      await page.goto(`${base}/`);
      expect(path(page)).toBe(home);

      await signOut(page);
      await expectBackDoesNotReveal(page, personal, '/login');
      await page.goto(base + home);
      expect(path(page)).toBe('/login');
      await expectCookieDead(cookie, home, '/login');
    });
  }

  test('a wrong password gets an easy error that does not say which part was wrong', async () => {
    const page = await browser.newPage();
    await signInStaff(page, base, STAFF.worker, 'not-the-password');
    expect(path(page)).toBe('/login');
    const wrongPassword = await page.locator('#error-summary').innerText();
    expect(wrongPassword).toContain('Kirjautuminen ei onnistunut. Tarkista sähköposti ja salasana.');
    expect(await page.locator('input[name=email]').inputValue()).toBe(STAFF.worker);
    await expectNoAxeViolations(page, { client: true });
    await expectTargetSizes(page);
    await signInStaff(page, base, 'nobody@demo.omapolku.fi', 'whatever');
    expect(await page.locator('#error-summary').innerText(), 'an unknown email gets the very same words').toBe(wrongPassword);
    // The right password still works afterwards (one failure does not lock).
    await signInStaff(page, base, STAFF.worker);
    expect(path(page)).toBe('/worker');
  });
});
