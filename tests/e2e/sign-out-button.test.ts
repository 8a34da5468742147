/**
 * "Lopeta" where a shared tablet needs it (issue 14, point 9): a big sign-out button with a
 * picture on the client's home page and in the header of every easy-read page, for family
 * members too; not only behind the name link. Plain POST forms: they work without JavaScript.
 */
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { baseUrl, clickAndWait, path, signInClient, signInStaff, STAFF, useBrowser } from '../helpers/browser';

const fixture = useBrowser();

async function expectBigWithPicture(button: Locator) {
  expect((await button.innerText()).trim()).toBe('Lopeta');
  const box = (await button.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);
  expect(box.width).toBeGreaterThanOrEqual(44);
  expect(await button.locator('svg, img').count(), 'a picture beside the word').toBe(1);
}

describe('Lopeta', () => {
  it('on a shared tablet: on the home page and in the header, and it signs the client out', async () => {
    const base = baseUrl();
    const page = await fixture.newPage({ javaScriptEnabled: false });
    await signInClient(page, base, 'aino', { device: 'shared' });
    const home = page.locator('main form[action="/logout"] button[type=submit]');
    await expectBigWithPicture(home);
    expect((await home.boundingBox())!.height, 'the home page one is big').toBeGreaterThanOrEqual(72);
    await expectBigWithPicture(page.locator('header form[action="/logout"] button[type=submit]'));
    await clickAndWait(page, home);
    expect(path(page)).toBe('/?signed-out=1');
    await page.goto(`${base}/client`);
    expect(path(page)).not.toBe('/client');

    // In the header of a deeper page too.
    await signInClient(page, base, 'aino', { device: 'shared' });
    await page.goto(`${base}/client/plan`);
    const header = page.locator('header form[action="/logout"] button[type=submit]');
    await expectBigWithPicture(header);
    await clickAndWait(page, header);
    expect(path(page)).toBe('/?signed-out=1');
    await page.goto(`${base}/client/plan`);
    expect(path(page)).not.toBe('/client/plan');
  });

  it('in a family member’s header too', async () => {
    const base = baseUrl();
    const page = await fixture.newPage();
    await signInStaff(page, base, STAFF.familyMessages);
    expect(path(page)).toBe('/family');
    await expectBigWithPicture(page.locator('header form[action="/logout"] button[type=submit]'));
    await clickAndWait(page, page.locator('header form[action="/logout"] button[type=submit]'));
    expect(path(page)).toBe('/?signed-out=1');
  });

  it('is not shown to someone not signed in', async () => {
    const page = await fixture.newPage();
    await page.goto(`${baseUrl()}/card`);
    expect(await page.locator('form[action="/logout"]').count()).toBe(0);
  });
});
