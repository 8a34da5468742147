/**
 * Screenshots for review at tablet size (768×1024), written to /tmp/shots/ (not committed):
 * the client's home, the picture PIN and the help page, the visible screen and the full page.
 */
import { mkdirSync } from 'node:fs';
import { expect, test } from 'vitest';
import { baseUrl, path, signInClient, startCardSignIn, useBrowser } from '../helpers/browser';

const SHOTS = '/tmp/shots';
const browser = useBrowser();
const base = baseUrl();

test('client home, picture PIN and help at 768×1024', async () => {
  mkdirSync(SHOTS, { recursive: true });
  const signedOut = await browser.newPage();
  await startCardSignIn(signedOut, base, 'matti');
  expect(path(signedOut)).toBe('/card/pin');
  await signedOut.screenshot({ path: `${SHOTS}/card-pin.png` });
  await signedOut.screenshot({ path: `${SHOTS}/card-pin-full.png`, fullPage: true });

  const page = await browser.newPage();
  await signInClient(page, base, 'matti', { device: 'own' });
  await page.locator('[data-listen]').waitFor({ state: 'visible' });
  await page.screenshot({ path: `${SHOTS}/client.png` });
  await page.screenshot({ path: `${SHOTS}/client-full.png`, fullPage: true });

  await page.goto(`${base}/help`);
  await page.screenshot({ path: `${SHOTS}/help.png` });
  await page.screenshot({ path: `${SHOTS}/help-full.png`, fullPage: true });
});
