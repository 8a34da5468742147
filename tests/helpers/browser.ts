/**
 * The run's Chromium for a test file, a fresh browser context (own cookies) per page, and the
 * sign-in steps every test needs. Sign-in goes through the real pages, as a person would.
 */
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page, type Response } from 'playwright-core';
import { DEMO_PASSWORD, demoClient, demoStaff } from '@server/demo/people';
import { LAUNCH_OPTIONS } from './chromium';

export { DEMO_PASSWORD };

/** A demo client (src/server/demo/people.json) as the sign-in steps need it. */
function client(key: string) {
  const c = demoClient(key);
  return { name: c.preferred, fullName: c.name, code: c.shortCode, qr: `/k/${c.secret}`, pin: c.pin } as const;
}

export const CLIENTS = {
  matti: client('matti'),
  aino: client('aino'),
  jukka: client('jukka'),
  ville: client('ville'),
} as const;
export type ClientKey = keyof typeof CLIENTS;

/** Sign-in emails of the demo staff and family members, by the part they play in the tests. */
export const STAFF = {
  admin: demoStaff('helena').email,
  worker: demoStaff('liisa').email,
  substitute: demoStaff('pekka').email,
  workerB: demoStaff('sanna').email,
  adminB: demoStaff('olli').email,
  family: demoStaff('maija').email,
  /** Matti's brother: a link for messages only. */
  familyMessages: demoStaff('eero').email,
  /** Matti's edunvalvoja: a read-only link resting on a legal role, so she may change consents. */
  familyGuardian: demoStaff('anja').email,
} as const;

export function baseUrl(): string {
  return inject('omapolkuBaseUrl');
}

/**
 * The run's shared Chromium (started by global setup, tests/helpers/chromium.ts), or one of its
 * own when there is none. Each file's pages still get browser contexts of their own.
 */
export async function launchBrowser(): Promise<Browser> {
  const shared = inject('omapolkuBrowserWs');
  return shared ? chromium.connect(shared) : chromium.launch(LAUNCH_OPTIONS);
}

export interface NewPageOptions {
  javaScriptEnabled?: boolean;
  viewport?: { width: number; height: number };
  locale?: string;
  /** Cookies (a sign-in) to start with, from another context's storageState(). */
  storageState?: BrowserContextOptions['storageState'];
}

export interface PageProblems {
  /** Console errors and page errors, e.g. a script the CSP refused or an island that threw. */
  errors: string[];
}

export interface BrowserFixture {
  browser(): Browser;
  /** A new page in its own context (no cookies shared with other pages). Default 768×1024. */
  newPage(options?: NewPageOptions): Promise<Page>;
  /** Another page in the same context as `page` (same cookies, so the same sign-in). */
  pageBeside(page: Page): Promise<Page>;
  /** Console and page errors seen on a page made by newPage or pageBeside. */
  problems(page: Page): PageProblems;
  /**
   * A new page (own context) signed in as a demo client on an own tablet, or as a staff or family
   * member by email, on the person's home page. The file's first page of that person signs in
   * through the real pages; later ones start with that session's cookies, so a test that is not
   * about signing in does not wait for the PIN or password steps again. Not for a test that
   * signs the person out or ends their sessions.
   */
  signedIn(base: string, who: ClientKey | { email: string }, options?: NewPageOptions): Promise<Page>;
}

/** Call once at the top of a test file: one browser for the file, every context closed after. */
export function useBrowser(): BrowserFixture {
  let browser: Browser | undefined;
  const contexts = new Set<BrowserContext>();
  const problemsOf = new WeakMap<Page, PageProblems>();
  const sessions = new Map<string, Promise<Awaited<ReturnType<BrowserContext['storageState']>>>>();

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    // (A connected browser only disconnects: the run's Chromium stays for the next file.)
    await browser?.close();
  });

  async function track(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.setDefaultNavigationTimeout(20_000);
    const problems: PageProblems = { errors: [] };
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.errors.push(`${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.errors.push(`${page.url()}: ${err.message}`));
    problemsOf.set(page, problems);
    return page;
  }

  async function newPage({ javaScriptEnabled = true, viewport = { width: 768, height: 1024 }, locale = 'fi-FI', storageState }: NewPageOptions = {}) {
    if (!browser) throw new Error('The browser is not running yet (use it inside tests or hooks).');
    const context = await browser.newContext({ javaScriptEnabled, viewport, locale, storageState });
    contexts.add(context);
    context.on('close', () => contexts.delete(context));
    return track(context);
  }

  return {
    browser() {
      if (!browser) throw new Error('The browser is not running yet (use it inside tests or hooks).');
      return browser;
    },
    newPage,
    async signedIn(base, who, options = {}) {
      const key = `${base} ${typeof who === 'string' ? who : who.email}`;
      const known = sessions.get(key);
      if (known) {
        // On the person's home page, where a sign-in ends, as the first page of that person is.
        const page = await newPage({ ...options, storageState: await known });
        await page.goto(`${base}/`);
        expect(path(page), `the session of ${key}`).not.toBe('/');
        return page;
      }
      const page = await newPage(options);
      const state = (async () => {
        if (typeof who === 'string') await signInClient(page, base, who, { device: 'own' });
        else {
          await signInStaff(page, base, who.email);
          expect(path(page), `signing in as ${who.email}`).not.toMatch(/^\/login/);
        }
        return page.context().storageState();
      })();
      sessions.set(key, state);
      // A failed sign-in is not kept: the next test tries again (and shows its own failure).
      state.catch(() => sessions.delete(key));
      await state;
      return page;
    },
    pageBeside(page: Page) {
      return track(page.context());
    },
    problems(page: Page) {
      return problemsOf.get(page) ?? { errors: [] };
    },
  };
}

/**
 * Does something that loads a new document (a form POST and its redirect, a link) and waits
 * until that document has loaded. Works with JavaScript off too.
 */
export async function andWaitForLoad(page: Page, action: () => Promise<unknown>): Promise<void> {
  const loaded = page.waitForEvent('load');
  await action();
  await loaded;
}

export async function clickAndWait(page: Page, target: Locator): Promise<void> {
  await andWaitForLoad(page, () => target.click());
}

export function path(page: Page): string {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

/** Taps the picture buttons one by one on /card/pin; each tap is a POST and a redirect. */
export async function tapPictures(page: Page, pictures: readonly string[]): Promise<void> {
  for (const picture of pictures) {
    await clickAndWait(page, page.locator(`button[name=pick][value="${picture}"]`));
  }
}

export interface ClientSignInOptions {
  /** shared (default): idle end with a warning; own: "remember this tablet". */
  device?: 'shared' | 'own';
  /** qr (default): open the card's QR address; code: type the short code on /card. */
  via?: 'qr' | 'code';
  /** Pictures to tap instead of the right PIN. */
  pin?: readonly string[];
  /** Check that the client's home opened (default true; turn off for a wrong PIN). */
  expectHome?: boolean;
}

/** Opens the card step (QR address or short code) and stops on /card/pin. */
export async function startCardSignIn(page: Page, base: string, who: ClientKey, via: 'qr' | 'code' = 'qr'): Promise<Response | null> {
  const client = CLIENTS[who];
  let response: Response | null;
  if (via === 'qr') {
    response = await page.goto(base + client.qr);
  } else {
    await page.goto(`${base}/card`);
    await page.locator('input[name=code]').fill(client.code);
    await clickAndWait(page, page.locator('form[action="/card"] button[type=submit]'));
    response = null;
  }
  return response;
}

/** Signs a client in through the card and the picture PIN, as the person would on a tablet. */
export async function signInClient(page: Page, base: string, who: ClientKey, options: ClientSignInOptions = {}): Promise<void> {
  const { device = 'shared', via = 'qr', pin = CLIENTS[who].pin, expectHome = true } = options;
  await startCardSignIn(page, base, who, via);
  expect(path(page), 'the card step should lead to the picture PIN').toBe('/card/pin');
  await page.locator(`input[name=device][value=${device}]`).check();
  await tapPictures(page, pin);
  if (expectHome) {
    expect(path(page)).toBe('/client');
  }
}

/** Signs a family member, worker or admin in with email and password. */
export async function signInStaff(page: Page, base: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${base}/login`);
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(password);
  await clickAndWait(page, page.locator('form[action="/login"] button[type=submit]'));
}

/** Presses a sign-out button ("Kirjaudu ulos" on /client/me and in the staff header). */
export async function signOut(page: Page): Promise<void> {
  await clickAndWait(page, page.locator('form[action="/logout"] button[type=submit]').first());
}

/** Chooses a language with the page tools at the bottom of an easy-read page. */
export async function chooseLanguage(page: Page, lang: 'fi' | 'sv' | 'en'): Promise<void> {
  await clickAndWait(page, page.locator(`button[name=lang][value=${lang}]`));
  const now = await page.locator('html').getAttribute('lang');
  if (now !== lang) throw new Error(`Choosing the language ${lang} on ${page.url()} left the page in ${now}`);
}

export async function h1(page: Page): Promise<string> {
  return ((await page.locator('h1').first().textContent()) ?? '').trim();
}
