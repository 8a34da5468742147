/**
 * WCAG 2.2 in the browser, two parts that run side by side:
 *
 * 1. Every page, in Finnish, Swedish and English, as a signed-out visitor, a client, a family
 *    member, a worker and an admin: axe (WCAG 2.2 A/AA, and AAA contrast 7:1 on easy-read
 *    pages) and 44×44 px targets. docs/design.md: no axe violations on any page, for any
 *    role, in any language.
 * 2. Timing adjustable (WCAG 2.2.1, 2.2.6) on shared tablets: before the idle end an easy-read
 *    alertdialog asks "Oletko vielä täällä?" with "Jatka". Jatka keeps the session; doing
 *    nothing ends it and the tablet shows the card page with the reason; an "own tablet"
 *    session never asks. Its own server has a 1-minute idle time and the warning 50 s before
 *    the end (so it comes 10 s after sign-in).
 *
 * The idle scenarios spend a real minute mostly waiting, so they run concurrently with the page
 * checks (each in its own browser context and server) instead of adding a minute to the run.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { chooseLanguage, h1, path, signInClient, signInStaff, STAFF, useBrowser } from '../helpers/browser';
import { expectNoAxeViolations, expectTargetSizes } from '../helpers/axe';
import { querySql, startServer, type RunningServer } from '../helpers/server';

const LANGS = ['fi', 'sv', 'en'] as const;
type Who = 'anon' | 'client' | 'family' | 'guardian' | 'worker' | 'admin';

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
  // (The other help pages and /about differ from the client's only by the header, checked here.)
  { who: 'anon', path: '/help', client: true, status: 200 },
  { who: 'anon', path: '/no-such-page', client: true, status: 404 },
  // A client (Matti).
  { who: 'client', path: '/client', client: true, status: 200 },
  { who: 'client', path: '/client/me', client: true, status: 200 },
  { who: 'client', path: '/client/plan', client: true, status: 200 },
  { who: 'client', path: '/client/goals', client: true, status: 200 },
  { who: 'client', path: '/client/attendance', client: true, status: 200 },
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
  { who: 'admin', path: '/admin/clients', client: false, status: 200 },
  { who: 'worker', path: '/admin/clients', client: true, status: 403 },
  // Consents (issue 6). {matti}, {consent} (his Koivukoti consent) and {link} (Maija's link to
  // him) are ids in this server's database.
  { who: 'client', path: '/client/consents', client: true, status: 200 },
  { who: 'client', path: '/client/consents/give', client: true, status: 200 },
  { who: 'client', path: '/client/consents/history', client: true, status: 200 },
  { who: 'client', path: '/client/consents/log', client: true, status: 200 },
  { who: 'client', path: '/client/consents/withdraw?id={consent}', client: true, status: 200 },
  { who: 'client', path: '/client/consents/end-link?id={link}', client: true, status: 200 },
  { who: 'family', path: '/family/{matti}/consents', client: true, status: 200 },
  // Anja, Matti's edunvalvoja, may change his consents: the pages with the buttons and the steps.
  { who: 'guardian', path: '/family/{matti}/consents', client: true, status: 200 },
  { who: 'guardian', path: '/family/{matti}/consents/give', client: true, status: 200 },
  { who: 'guardian', path: '/family/{matti}/consents/withdraw?id={consent}', client: true, status: 200 },
  { who: 'worker', path: '/worker/clients/{matti}/consents', client: false, status: 200 },
  { who: 'worker', path: '/worker/clients/{matti}/family', client: false, status: 200 },
  { who: 'worker', path: '/worker/clients/{matti}/access-log', client: false, status: 200 },
  { who: 'admin', path: '/worker/clients/{matti}/consents', client: false, status: 200 },
  { who: 'admin', path: '/worker/clients/{matti}/access-log', client: false, status: 200 },
  // Admin and onboarding (issue 7).
  { who: 'admin', path: '/admin/people', client: false, status: 200 },
  { who: 'admin', path: '/admin/people/{matti}', client: false, status: 200 },
  { who: 'admin', path: '/admin/people/move', client: false, status: 200 },
  { who: 'admin', path: '/admin/units', client: false, status: 200 },
  { who: 'admin', path: '/admin/audit', client: false, status: 200 },
  // The security events, with the sign-ins and refusals of this very run in it.
  { who: 'admin', path: '/admin/security', client: false, status: 200 },
  { who: 'admin', path: '/admin/security?kind=sign_in&person=&from=2026-01-01&to=', client: false, status: 200 },
  { who: 'admin', path: '/admin/import', client: false, status: 200 },
  { who: 'worker', path: '/admin/people', client: true, status: 403 },
];

const browser = useBrowser();
const pages = {} as Record<Who, Page>;
// Its own server: the language choices below are saved on the demo accounts.
let server: RunningServer;
let base: string;
const ids = { matti: 0, consent: 0, link: 0 };
// The idle-end server: 1 minute idle, warning 50 s before the end.
let idleServer: RunningServer;
let idleBase: string;
const IDLE_MS = 60_000;
const WARNING_MS = 50_000;

/** Browser messages that only repeat the status of an error page we asked for on purpose. */
const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of (403|404)/;

beforeAll(async () => {
  [server, idleServer] = await Promise.all([
    startServer(),
    startServer({ env: { OMAPOLKU_SHARED_IDLE_MINUTES: '1', OMAPOLKU_IDLE_WARNING_SECONDS: '50' } }),
  ]);
  base = server.baseUrl;
  [{ id: ids.matti }] = await querySql<{ id: number }>(server.dbFile, "SELECT id FROM people WHERE full_name = 'Matti Virtanen'");
  [{ id: ids.consent }] = await querySql<{ id: number }>(server.dbFile, "SELECT id FROM consents WHERE client_id = ? AND recipient_name = 'Koivukoti'", [ids.matti]);
  [{ id: ids.link }] = await querySql<{ id: number }>(server.dbFile, "SELECT l.id FROM family_links l JOIN people p ON p.id = l.family_id WHERE p.email = ?", [STAFF.family]);
  idleBase = idleServer.baseUrl;
  for (const who of ['anon', 'client', 'family', 'guardian', 'worker', 'admin'] as const) pages[who] = await browser.newPage();
  // Own tablet: the shared-tablet idle warning must not pop up in the middle of a long check.
  await signInClient(pages.client, base, 'matti', { device: 'own' });
  await signInStaff(pages.family, base, STAFF.family);
  expect(path(pages.family)).toBe('/family');
  await signInStaff(pages.guardian, base, STAFF.familyGuardian);
  expect(path(pages.guardian)).toBe('/family');
  await signInStaff(pages.worker, base, STAFF.worker);
  expect(path(pages.worker)).toBe('/worker');
  await signInStaff(pages.admin, base, STAFF.admin);
  expect(path(pages.admin)).toBe('/admin');
});

afterAll(async () => {
  await Promise.all([server?.stop(), idleServer?.stop()]);
});

/**
 * axe is CPU work in the page's renderer: two pages at a time keep both cores of a small test
 * machine busy without starving the server. Each check opens its own tab in the role's context.
 */
const PARALLEL_CHECKS = 2;
let running = 0;
const waiting: Array<() => void> = [];
async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL_CHECKS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
const dialog = (page: Page) => page.locator('[role=alertdialog]');

describe.concurrent('shared-tablet idle end (WCAG 2.2.1, 2.2.6)', () => {
  test(
    'the warning appears on a shared tablet, and Jatka keeps the session past the idle end',
    async () => {
      const page = await browser.newPage();
      const before = Date.now();
      await signInClient(page, idleBase, 'matti', { device: 'shared' });
      const signedIn = Date.now();

      await dialog(page).waitFor({ state: 'visible', timeout: 15_000 });
      const shownAfter = Date.now() - signedIn;
      expect(shownAfter, 'shown about IDLE − WARNING = 10 s after sign-in').toBeGreaterThan(IDLE_MS - WARNING_MS - 3_000);
      expect(shownAfter).toBeLessThan(15_000);
      expect(await dialog(page).getAttribute('aria-modal')).toBe('true');
      const text = await dialog(page).innerText();
      expect(text).toContain('Oletko vielä täällä?');
      expect(text).toContain('Omapolku sulkeutuu pian, koska et ole käyttänyt sitä.');
      expect(text).toContain('Aikaa on 1 minuutti.');
      const jatka = page.locator('[data-idle-continue]');
      expect((await jatka.innerText()).trim()).toBe('Jatka');
      expect(await jatka.evaluate((el) => el === document.activeElement), 'Jatka gets the focus').toBe(true);
      await expectNoAxeViolations(page, { client: true });
      await expectTargetSizes(page);

      const extended = page.waitForResponse((r) => r.url().endsWith('/session/extend') && r.request().method() === 'POST');
      await jatka.click();
      const response = await extended;
      expect(response.status()).toBe(200);
      const { remainingMs } = (await response.json()) as { remainingMs: number };
      expect(remainingMs).toBeGreaterThan(WARNING_MS);
      await dialog(page).waitFor({ state: 'hidden', timeout: 5_000 });
      expect(path(page)).toBe('/client');

      // Past the end the session would have had without Jatka: still signed in.
      await sleepUntil(before + IDLE_MS + 2_000);
      const reload = await page.reload();
      expect(reload!.status()).toBe(200);
      expect(path(page)).toBe('/client');
      expect(await h1(page)).toBe('Hei Matti!');
      expect(await dialog(page).count()).toBe(0);
      // The island's scripts ran under the Content-Security-Policy without errors.
      expect(browser.problems(page).errors).toEqual([]);
    },
    110_000,
  );

  test(
    'doing nothing ends the shared session: the tablet shows the card page and why',
    async () => {
      const page = await browser.newPage();
      await signInClient(page, idleBase, 'aino', { device: 'shared' });
      const signedIn = Date.now();
      await dialog(page).waitFor({ state: 'visible', timeout: 15_000 });

      await page.waitForURL((url) => url.pathname === '/card' && url.search === '?ended=1', { timeout: IDLE_MS + 20_000 });
      expect(Date.now() - signedIn, 'not before the idle time is over').toBeGreaterThan(IDLE_MS - 5_000);
      const main = await page.locator('main').innerText();
      expect(main).toContain('Omapolku sulkeutui, koska et käyttänyt sitä.');
      expect(main).toContain('Kirjaudu uudelleen.');
      await expectNoAxeViolations(page, { client: true });
      await expectTargetSizes(page);

      // The session is over on the server too.
      await page.goto(`${idleBase}/client`);
      expect(path(page).startsWith('/card')).toBe(true);
      expect(await page.locator('body').innerText()).not.toContain('Hei Aino!');
    },
    110_000,
  );

  test(
    'an own-tablet ("remember me") session never shows the warning',
    async () => {
      const page = await browser.newPage();
      await signInClient(page, idleBase, 'ville', { device: 'own' });
      const signedIn = Date.now();
      // Wait past the moment a shared session would have been warned.
      await sleepUntil(signedIn + IDLE_MS - WARNING_MS + 4_000);
      expect(await dialog(page).count()).toBe(0);
      await page.reload();
      expect(path(page)).toBe('/client');
      expect(await h1(page)).toBe('Hei Ville!');
      expect(await dialog(page).count()).toBe(0);
    },
    60_000,
  );
});

describe.concurrent('every page in every language and role', () => {
  describe.sequential.each(LANGS)('in %s', (lang) => {
    beforeAll(async () => {
      // Staff pages have no language buttons: the easy-read help page has them for everyone.
      for (const who of Object.keys(pages) as Who[]) {
        await pages[who].goto(`${base}/help`);
        await chooseLanguage(pages[who], lang);
      }
    });

    for (const { who, path: target, client, status, lands } of CASES) {
      test.concurrent(`${who}: ${target}`, () =>
        slot(async () => {
          const page = await browser.pageBeside(pages[who]);
          try {
            const url = target.replace(/\{(matti|consent|link)\}/g, (_, name: keyof typeof ids) => String(ids[name]));
            const response = await page.goto(base + url);
            expect(response, 'the page should answer').not.toBeNull();
            expect(path(page)).toBe(lands ?? url);
            expect(response!.status()).toBe(status);
            expect(await page.locator('html').getAttribute('lang')).toBe(lang);
            expect(await page.locator('h1').count()).toBe(1);

            await expectNoAxeViolations(page, { client });
            if (client) await expectTargetSizes(page);

            // Islands must run under the Content-Security-Policy (no refused scripts, no errors).
            const errors = browser.problems(page).errors.filter((e) => !EXPECTED_CONSOLE.test(e));
            expect(errors, `console errors on ${target}`).toEqual([]);
          } finally {
            await page.close();
          }
        }),
      );
    }
  });
});
