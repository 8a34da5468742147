/**
 * The per-IP sign-in limit (OMAPOLKU_IP_SIGNIN_LIMIT attempts per 10 minutes from one address,
 * over every sign-in form): past it the person is told in easy words to wait, even with the
 * right password.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CLIENTS, clickAndWait, path, signInStaff, STAFF, useBrowser } from '../helpers/browser';
import { expectNoAxeViolations, expectTargetSizes } from '../helpers/axe';
import { startServer, type RunningServer } from '../helpers/server';

const browser = useBrowser();
let server: RunningServer;
let base: string;

beforeAll(async () => {
  server = await startServer({ env: { OMAPOLKU_IP_SIGNIN_LIMIT: '5' } });
  base = server.baseUrl;
});
afterAll(async () => {
  await server?.stop();
});

const TOO_MANY = 'Tästä laitteesta on yritetty kirjautua monta kertaa. Odota 10 minuuttia.';

test('after 5 attempts from one address the 6th is refused with an easy message', async () => {
  const page = await browser.newPage();
  // Five attempts over two forms: wrong cards and wrong passwords count together.
  for (let i = 0; i < 3; i++) {
    await page.goto(`${base}/card`);
    await page.locator('input[name=code]').fill(`WRONG-${i}0000`);
    await clickAndWait(page, page.locator('form[action="/card"] button[type=submit]'));
    expect(await page.locator('#error-summary').innerText()).toContain('Tätä korttia ei löydy.');
  }
  for (let i = 0; i < 2; i++) {
    await signInStaff(page, base, STAFF.family, `wrong-${i}`);
    expect(await page.locator('#error-summary').innerText()).toContain('Sähköposti tai salasana ei ole oikein.');
  }

  // The 6th: even the right password is not checked now.
  await signInStaff(page, base, STAFF.family);
  expect(path(page)).toBe('/login');
  expect((await page.locator('#error-summary').innerText()).replace(/\s+/g, ' ')).toContain(TOO_MANY);
  await expectNoAxeViolations(page, { client: true });
  await expectTargetSizes(page);

  // The card forms say the same: the short code, and the QR address.
  await page.goto(`${base}/card`);
  await page.locator('input[name=code]').fill(CLIENTS.matti.code);
  await clickAndWait(page, page.locator('form[action="/card"] button[type=submit]'));
  expect(path(page)).toBe('/card');
  expect((await page.locator('#error-summary').innerText()).replace(/\s+/g, ' ')).toContain(TOO_MANY);
  await expectNoAxeViolations(page, { client: true });

  const response = await page.goto(base + CLIENTS.matti.qr);
  expect(response!.status()).toBe(400);
  expect((await page.locator('#error-summary').innerText()).replace(/\s+/g, ' ')).toContain(TOO_MANY);
  await expectNoAxeViolations(page, { client: true });
  await expectTargetSizes(page);
});
