/**
 * WCAG 2.2 in the browser, two parts that run side by side:
 *
 * 1. Every page of the route fixture (tests/helpers/route-fixture.ts: every route of src/pages
 *    that shows a page, as the people it lists), in Finnish, Swedish and English: axe (WCAG 2.2
 *    A/AA, and AAA contrast 7:1 on easy-read pages) and 44×44 px targets, one page in one
 *    language per test: axe-core finds 0 violations on every page, in every role and language.
 *    People are signed in by session rows written before the server starts, as for the
 *    authorization matrix; the sign-in pages are checked here as pages, and signing in through
 *    them is for sign-in.test.ts and the other flows.
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
import { SESSION_COOKIE } from '@server/auth/session';
import { LANG_COOKIE } from '@server/preferences';
import { h1, path, signInClient, useBrowser } from '../helpers/browser';
import { expectNoAxeViolations, expectTargetSizes } from '../helpers/axe';
import { fillIn, prepareRouteFixture, type RouteFixtureData } from '../helpers/authz';
import { axeViews, type Actor, type SignedIn } from '../helpers/route-fixture';
import { startServer, type RunningServer } from '../helpers/server';

const LANGS = ['fi', 'sv', 'en'] as const;
const VIEWS = axeViews();

const browser = useBrowser();
// Its own server: the language choices below are saved on the demo accounts.
let server: RunningServer;
let base: string;
const fixture: RouteFixtureData = { context: {}, personId: {} as Record<SignedIn, number>, cookies: {} as Record<SignedIn, string> };
// The idle-end server: 1 minute idle, warning 50 s before the end.
let idleServer: RunningServer;
let idleBase: string;
const IDLE_MS = 60_000;
const WARNING_MS = 50_000;

/** Browser messages that only repeat the status of an error page we asked for on purpose. */
const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of (403|404|410|500)/;

beforeAll(async () => {
  [server, idleServer] = await Promise.all([
    startServer({ prepareDb: (dbFile) => prepareRouteFixture(dbFile, fixture).then(() => {}) }),
    startServer({ env: { OMAPOLKU_SHARED_IDLE_MINUTES: '1', OMAPOLKU_IDLE_WARNING_SECONDS: '50' } }),
  ]);
  base = server.baseUrl;
  idleBase = idleServer.baseUrl;
});

afterAll(async () => {
  await Promise.all([server?.stop(), idleServer?.stop()]);
});

/**
 * Pages signed in as each person (the fixture's session), reused from check to check: a page that
 * goes on to the next address keeps its renderer and its cache, where a new context for every
 * check would start both anew (most of the time of a short check). A page is given back after a
 * check that passed; one that failed is closed, so nothing it was left in carries over.
 */
const idlePages = new Map<Actor, Page[]>();

async function withPageAs(who: Actor, lang: (typeof LANGS)[number], cookie: { name: string; value: string } | undefined, check: (page: Page) => Promise<void>): Promise<void> {
  let page = idlePages.get(who)?.pop();
  if (!page) {
    page = await browser.newPage();
    if (who !== 'anonymous') {
      await page.context().addCookies([{ name: SESSION_COOKIE, value: fixture.cookies[who].slice(`${SESSION_COOKIE}=`.length), url: base }]);
    }
  }
  // Signed out, the device's cookies are all there is: a pending card sign-in from /k/… must not
  // reach the next page. (Signed in, the language is the one saved on the account.)
  if (who === 'anonymous') await page.context().clearCookies();
  await page.context().addCookies([{ name: LANG_COOKIE, value: lang, url: base }]);
  // A view's own cookie (a half-done sign-in): only for this check.
  if (cookie) await page.context().addCookies([{ ...cookie, url: base }]);
  await check(page);
  idlePages.set(who, [...(idlePages.get(who) ?? []), page]);
}

/** Saves the language on the account, as the language buttons do. */
async function chooseLanguageOf(who: SignedIn, lang: (typeof LANGS)[number]): Promise<void> {
  const response = await fetch(`${base}/settings/language`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: fixture.cookies[who], origin: base, 'content-type': 'application/x-www-form-urlencoded' },
    body: `lang=${lang}`,
  });
  expect(response.status, `choosing ${lang} as ${who}`).toBe(303);
}

/**
 * axe is CPU work in the page's renderer: two pages at a time keep both cores of a small test
 * machine busy without starving the server.
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

describe.concurrent('every page in every language', () => {
  describe.sequential.each(LANGS)('in %s', (lang) => {
    beforeAll(async () => {
      const signedIn = [...new Set(VIEWS.map((v) => v.as))].filter((who): who is SignedIn => who !== 'anonymous');
      for (const who of signedIn) await chooseLanguageOf(who, lang);
    });

    for (const { pattern, as: who, url: template, status, lands, easyRead, cookie } of VIEWS) {
      test.concurrent(`${who}: ${template === pattern ? pattern : `${pattern} (${template})`}`, () =>
        slot(() =>
          withPageAs(who, lang, cookie && { name: cookie.name, value: fillIn(cookie.value, fixture.context) }, async (page) => {
            // (The page's earlier checks may have left console messages: only this one's count.)
            const earlier = browser.problems(page).errors.length;
            const url = fillIn(template, fixture.context);
            const response = await page.goto(base + url);
            expect(response, 'the page should answer').not.toBeNull();
            expect(path(page)).toBe(fillIn(lands, fixture.context));
            expect(response!.status()).toBe(status);
            expect(await page.locator('html').getAttribute('lang')).toBe(lang);
            expect(await page.locator('h1').count()).toBe(1);

            await expectNoAxeViolations(page, { client: easyRead });
            if (easyRead) await expectTargetSizes(page);

            // Islands must run under the Content-Security-Policy (no refused scripts, no errors).
            const errors = browser.problems(page).errors.slice(earlier).filter((e) => !EXPECTED_CONSOLE.test(e));
            expect(errors, `console errors on ${url}`).toEqual([]);
          }),
        ),
      );
    }
  });
});
