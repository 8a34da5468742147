/**
 * Role separation: each role opens only its own area. Another role's area answers 403 with the
 * easy-read "Et pääse tälle sivulle" page; a signed-out visitor is sent to sign in.
 * (axe and target sizes of the 403 page: accessibility.test.ts.)
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, path, signInClient, signInStaff, STAFF, useBrowser } from '../helpers/browser';

const browser = useBrowser();
const base = baseUrl();

const AREAS = ['/client', '/family', '/worker', '/admin'] as const;
type Area = (typeof AREAS)[number];

const ROLES: Array<{ role: string; home: Area; signIn: (page: Page) => Promise<void> }> = [
  { role: 'client', home: '/client', signIn: (page) => signInClient(page, base, 'jukka', { device: 'own' }) },
  { role: 'family', home: '/family', signIn: (page) => signInStaff(page, base, STAFF.family) },
  { role: 'worker', home: '/worker', signIn: (page) => signInStaff(page, base, STAFF.worker) },
  { role: 'admin', home: '/admin', signIn: (page) => signInStaff(page, base, STAFF.admin) },
];

async function expectForbidden(page: Page, target: string, home: string): Promise<void> {
  const response = await page.goto(base + target);
  expect(response!.status(), `${target} should answer 403`).toBe(403);
  expect(path(page), 'the 403 page is shown in place, without a redirect').toBe(target);
  expect((await page.locator('h1').innerText()).trim()).toBe('Et pääse tälle sivulle');
  const main = await page.locator('main').innerText();
  expect(main).toContain('Tämä sivu on jollekin toiselle.');
  expect(main).toContain('Kysy apua ohjaajalta.');
  // The way out leads to the person's own home.
  expect(await page.locator('main a.button').getAttribute('href')).toBe(home);
}

describe.each(ROLES)('$role', ({ home, signIn }) => {
  let page: Page;
  beforeAll(async () => {
    page = await browser.newPage();
    await signIn(page);
    expect(path(page)).toBe(home);
  });

  test(`opens ${home}`, async () => {
    const response = await page.goto(base + home);
    expect(response!.status()).toBe(200);
    expect(path(page)).toBe(home);
  });

  for (const area of AREAS.filter((a) => a !== home)) {
    test(`cannot open ${area} (403)`, async () => {
      await expectForbidden(page, area, home);
      // Pages deeper inside the area are closed too.
      const deeper = `${area}/anything`;
      const response = await page.goto(base + deeper);
      expect(response!.status(), `${deeper} should answer 403`).toBe(403);
    });
  }
});

describe('signed out', () => {
  for (const area of AREAS) {
    const signIn = area === '/client' ? '/card' : '/login';
    test(`${area} sends the visitor to ${signIn}`, async () => {
      const page = await browser.newPage();
      const response = await page.goto(base + area);
      expect(path(page)).toBe(signIn);
      expect(response!.status()).toBe(200);
      const first = response!.request().redirectedFrom();
      expect(first?.url()).toBe(base + area);
      expect((await first!.response())!.status()).toBe(303);
    });
  }
});
