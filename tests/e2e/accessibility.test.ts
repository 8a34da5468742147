/**
 * axe (WCAG 2.2 A/AA, and AAA contrast on easy-read pages) and 44×44 px targets on every page,
 * in Finnish, Swedish and English, as a signed-out visitor, a client, a family member, a worker
 * and an admin. SPEC.md: "axe-core finds 0 violations on every page, in every role and language."
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, chooseLanguage, path, signInClient, signInStaff, STAFF, useBrowser } from '../helpers/browser';
import { expectNoAxeViolations, expectTargetSizes } from '../helpers/axe';

const LANGS = ['fi', 'sv', 'en'] as const;
type Who = 'anon' | 'client' | 'family' | 'worker' | 'admin';

interface PageCase {
  who: Who;
  path: string;
  /** Easy-read page: AAA contrast and 44 px targets. */
  client: boolean;
  status: number;
  /** Where the page ends up after redirects (default: path). */
  lands?: string;
}

const CASES: PageCase[] = [
  // Signed out: the front door, sign-in steps, help, about, not found.
  { who: 'anon', path: '/', client: true, status: 200 },
  { who: 'anon', path: '/card', client: true, status: 200 },
  { who: 'anon', path: '/k/demo-card-matti-virtanen-0001', client: true, status: 200, lands: '/card/pin' },
  { who: 'anon', path: '/login', client: true, status: 200 },
  { who: 'anon', path: '/help', client: true, status: 200 },
  { who: 'anon', path: '/help/sign-in', client: true, status: 200 },
  { who: 'anon', path: '/help/glossary', client: true, status: 200 },
  { who: 'anon', path: '/about', client: true, status: 200 },
  { who: 'anon', path: '/no-such-page', client: true, status: 404 },
  // A client (Matti).
  { who: 'client', path: '/client', client: true, status: 200 },
  { who: 'client', path: '/client/me', client: true, status: 200 },
  { who: 'client', path: '/client/plan', client: true, status: 200 },
  { who: 'client', path: '/help', client: true, status: 200 },
  { who: 'client', path: '/help/what-is-omapolku', client: true, status: 200 },
  { who: 'client', path: '/help/sign-in', client: true, status: 200 },
  { who: 'client', path: '/help/pictures', client: true, status: 200 },
  { who: 'client', path: '/help/glossary', client: true, status: 200 },
  { who: 'client', path: '/about', client: true, status: 200 },
  { who: 'client', path: '/client/no-such-area', client: true, status: 404 },
  { who: 'client', path: '/worker', client: true, status: 403 },
  // Family, worker and admin homes. Worker and admin pages are standard (not easy-read) pages.
  { who: 'family', path: '/family', client: true, status: 200 },
  { who: 'worker', path: '/worker', client: false, status: 200 },
  { who: 'worker', path: '/admin', client: true, status: 403 },
  { who: 'admin', path: '/admin', client: false, status: 200 },
];

const browser = useBrowser();
const base = baseUrl();
const pages = {} as Record<Who, Page>;

/** Browser messages that only repeat the status of an error page we asked for on purpose. */
const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of (403|404)/;

beforeAll(async () => {
  for (const who of ['anon', 'client', 'family', 'worker', 'admin'] as const) pages[who] = await browser.newPage();
  // Own tablet: the shared-tablet idle warning must not pop up in the middle of a long check.
  await signInClient(pages.client, base, 'matti', { device: 'own' });
  await signInStaff(pages.family, base, STAFF.family);
  expect(path(pages.family)).toBe('/family');
  await signInStaff(pages.worker, base, STAFF.worker);
  expect(path(pages.worker)).toBe('/worker');
  await signInStaff(pages.admin, base, STAFF.admin);
  expect(path(pages.admin)).toBe('/admin');
});

afterAll(async () => {
  // The language is saved on the accounts: leave the shared demo data in Finnish.
  for (const who of ['client', 'family', 'worker', 'admin'] as const) {
    const page = pages[who];
    if (!page) continue;
    await page.goto(`${base}/help`);
    await chooseLanguage(page, 'fi');
  }
});

describe.each(LANGS)('in %s', (lang) => {
  beforeAll(async () => {
    // Staff pages have no language buttons: the easy-read help page has them for everyone.
    for (const who of Object.keys(pages) as Who[]) {
      await pages[who].goto(`${base}/help`);
      await chooseLanguage(pages[who], lang);
    }
  });

  test.each(CASES)(`$who $path`, async ({ who, path: target, client, status, lands }) => {
    const page = pages[who];
    const problems = browser.problems(page);
    problems.errors.length = 0;
    const response = await page.goto(base + target);
    expect(response, 'the page should answer').not.toBeNull();
    expect(path(page)).toBe(lands ?? target);
    expect(response!.status()).toBe(status);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    expect(await page.locator('h1').count()).toBe(1);

    await expectNoAxeViolations(page, { client });
    if (client) await expectTargetSizes(page);

    // Islands must run under the Content-Security-Policy (no refused scripts, no errors).
    const errors = problems.errors.filter((e) => !EXPECTED_CONSOLE.test(e));
    expect(errors, `console errors on ${target}`).toEqual([]);
  });
});
