/**
 * The staff header (issue 15, point 18): a language switch on every staff page that returns to
 * the same page in the new language and is saved on the account, and "Apua" opening the short
 * staff guide (/worker/help) in the reader's language, not the clients' easy-read help.
 * Without JavaScript: the switch is a plain form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { andWaitForLoad, clickAndWait, h1, path, signInClient, signInStaff, STAFF, useBrowser } from '../helpers/browser';
import { expectNoAxeViolations } from '../helpers/axe';
import { startServer, type RunningServer } from '../helpers/server';
import { todayInHelsinki } from '@domain/time/helsinki';

const browser = useBrowser();
// Its own server: the test changes the language saved on Liisa's account.
let server: RunningServer;
let base: string;

beforeAll(async () => {
  server = await startServer();
  base = server.baseUrl;
});
afterAll(async () => {
  await server?.stop();
});

const switchButton = (page: Page, lang: string) => page.locator(`header.staff-bar form[action="/settings/language"] button[name=lang][value=${lang}]`);
const pressed = async (page: Page) =>
  page.locator('header.staff-bar form[action="/settings/language"] button[aria-pressed=true]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('value')));
const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');

describe('the staff header', () => {
  it('switches a worker to Swedish on the same page, and the choice follows her to another browser', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false, viewport: { width: 1366, height: 900 } });
    await signInStaff(page, base, STAFF.worker);
    const day = todayInHelsinki();
    await page.goto(`${base}/worker/register?day=${day}`);
    expect(await h1(page)).toBe('Päivän läsnäolot');
    expect(await pressed(page)).toEqual(['fi']);
    // Each language is named in itself, marked with its own language.
    for (const [lang, name] of [['fi', 'Suomi'], ['sv', 'Svenska'], ['en', 'English']] as const) {
      expect((await switchButton(page, lang).innerText()).trim()).toBe(name);
      expect(await switchButton(page, lang).getAttribute('lang')).toBe(lang);
    }

    await clickAndWait(page, switchButton(page, 'sv'));
    expect(path(page), 'back on the same page, the same day').toBe(`/worker/register?day=${day}`);
    expect(await htmlLang(page)).toBe('sv');
    expect(await h1(page)).toBe('Dagens närvaro');
    expect(await pressed(page)).toEqual(['sv']);

    // Another page stays Swedish (the device's cookie and the account).
    await page.goto(`${base}/worker/messages`);
    expect(await h1(page)).toBe('Meddelanden');

    // A fresh browser with a Finnish locale and no cookies: the account's language wins.
    const other = await browser.newPage({ javaScriptEnabled: false, locale: 'fi-FI' });
    await signInStaff(other, base, STAFF.worker);
    expect(path(other)).toBe('/worker');
    expect(await htmlLang(other)).toBe('sv');
    expect(await h1(other)).toBe('Mina kunder');

    // By keyboard: the buttons are in the tab order and Enter presses them.
    await switchButton(other, 'en').focus();
    await andWaitForLoad(other, () => other.keyboard.press('Enter'));
    expect(path(other)).toBe('/worker');
    expect(await htmlLang(other)).toBe('en');
    expect(await h1(other)).toBe('My clients');
  });

  it('"Apua" opens the staff guide in the chosen language, for workers and admins', async () => {
    // JavaScript on here: axe runs in the page.
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signInStaff(page, base, STAFF.substitute);
    await clickAndWait(page, page.locator('header.staff-bar nav a', { hasText: 'Apua' }));
    expect(path(page)).toBe('/worker/help');
    expect(await h1(page)).toBe('Ohje henkilökunnalle');
    const sections = await page.locator('main section.guide-section h2').allInnerTexts();
    expect(sections).toContain('Päivän läsnäolot');
    expect(sections).toContain('Kuukauden hyväksyntä ja palkanmaksu');
    // Every contents link leads to a section of the page.
    for (const href of await page.locator('.guide-contents a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
      expect(await page.locator(`main section${href}`).count(), href!).toBe(1);
    }

    await clickAndWait(page, switchButton(page, 'sv'));
    expect(path(page)).toBe('/worker/help');
    expect(await htmlLang(page)).toBe('sv');
    expect(await h1(page)).toBe('Anvisning för personalen');
    expect(await page.locator('main section.guide-section h2').allInnerTexts()).toContain('Dagens närvaro');
    await expectNoAxeViolations(page, { client: false });

    // Another staff page in Swedish: its "Hjälp" opens the Swedish guide.
    await page.goto(`${base}/worker/messages`);
    await clickAndWait(page, page.locator('header.staff-bar nav a', { hasText: 'Hjälp' }));
    expect(path(page)).toBe('/worker/help');
    expect(await h1(page)).toBe('Anvisning för personalen');

    const admin = await browser.newPage({ javaScriptEnabled: false });
    await signInStaff(admin, base, STAFF.admin);
    await clickAndWait(admin, admin.locator('header.staff-bar nav a', { hasText: 'Apua' }));
    expect(path(admin)).toBe('/worker/help');
    expect(await h1(admin)).toBe('Ohje henkilökunnalle');
  });

  it('a client does not get the staff guide; their own Apua is the easy-read help', async () => {
    const page = await browser.newPage();
    await signInClient(page, base, 'aino', { device: 'own' });
    const response = await page.goto(`${base}/worker/help`);
    expect(response?.status()).toBe(403);
    expect(await page.content()).not.toContain('Ohje henkilökunnalle');

    await page.goto(`${base}/client`);
    const help = page.locator('a[href="/help"]').first();
    await clickAndWait(page, help);
    expect(path(page)).toBe('/help');
    expect(await page.content()).not.toContain('Ohje henkilökunnalle');
  });
});
