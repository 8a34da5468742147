/**
 * Issue 14 on real pages in real Chromium, in fi, sv and en: no client or family page writes a sum
 * with ×, − or = (point 10), and every family page speaks about the client by name, not to the
 * client (point 5): Maija (full link) on every page of Matti's, Eero (messages only) in the
 * conversation, where Matti's own messages are "Matti kirjoitti", never "Sinä".
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chooseLanguage, STAFF, useBrowser } from '../helpers/browser';
import { useServerWithClients } from '../helpers/own-server';
import { TO_THE_CLIENT } from '../helpers/easy-words';
import { mathSignsIn } from '@domain/easy-read/math-signs';
import { addMonths, monthOf } from '@domain/attendance';
import { todayInHelsinki } from '@domain/time/helsinki';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();
const LANGS = ['fi', 'sv', 'en'] as const;
const lastMonth = addMonths(monthOf(todayInHelsinki()), -1);
const CLIENT_PAGES = ['/client', '/client/plan', '/client/goals', '/client/attendance', '/client/money', `/client/money?month=${lastMonth}`, '/client/messages', '/client/consents', '/client/consents/history'];
const mainText = (page: Page) => page.locator('main').innerText();
/**
 * The page's own words, without what people wrote: the worker writes the plan's summary, goals
 * and comments to the client ("Liisa auttaa sinua"), and messages are anyone's words.
 */
const PEOPLES_WORDS = '[data-written-by=worker], .goal h2, .steps, .comment, .answer-history .words, .message-body, .reached strong';
const ownWords = (page: Page) =>
  page.locator('main').evaluate((main, selector) => {
    const copy = main.cloneNode(true) as HTMLElement;
    for (const e of copy.querySelectorAll(`${selector}, script, style, template`)) e.remove();
    return (copy.textContent ?? '').replace(/\s+/g, ' ');
  }, PEOPLES_WORDS);

/**
 * Each character of the page's HTML above U+00FF, with a little of the HTML before it. A client
 * page writes its own dashes as references (src/server/html-text.ts), so that it stays a
 * one-byte string on the server (issue 19); the browser shows the same characters. What people
 * wrote may hold any character, and the money pages keep their euro signs as they are (their
 * many sentences with sums are well within their server time).
 */
function aboveLatin1(html: string): string[] {
  return [...html.matchAll(/[^\x00-\xff]/gu)].map((m) => `${html.slice(Math.max(0, m.index - 40), m.index)}[${m[0]}]`);
}

describe('client and family pages in words', () => {
  it('no client page writes a sum with ×, − or =, and its own words are Latin-1 in its HTML', async () => {
    const matti = await fixture.signedIn(server.baseUrl, 'matti');
    for (const lang of LANGS) {
      await matti.goto(`${server.baseUrl}/client`);
      await chooseLanguage(matti, lang);
      for (const path of CLIENT_PAGES) {
        const response = await matti.goto(`${server.baseUrl}${path}`);
        expect(mathSignsIn(await mainText(matti)), `${lang} ${path}`).toEqual([]);
        if (!path.startsWith('/client/money')) expect(aboveLatin1(await response!.text()), `${lang} ${path}`).toEqual([]);
      }
    }
  });

  it('every family page speaks about Matti by name, in every language', async () => {
    const maija = await fixture.signedIn(server.baseUrl, { email: STAFF.family });
    const pages = ['plan', 'goals', 'attendance', 'money', `money?month=${lastMonth}`, 'consents', 'messages'].map((p) => `/family/${ids.matti}/${p}`);
    for (const lang of LANGS) {
      await maija.goto(`${server.baseUrl}/family`);
      await chooseLanguage(maija, lang);
      expect(mathSignsIn(await mainText(maija)), `${lang} /family`).toEqual([]);
      for (const path of pages) {
        await maija.goto(`${server.baseUrl}${path}`);
        const text = await ownWords(maija);
        expect(mathSignsIn(text), `${lang} ${path}`).toEqual([]);
        expect(text.match(TO_THE_CLIENT[lang])?.[0] ?? null, `${lang} ${path}: ${text}`).toBeNull();
        expect(text, `${lang} ${path}`).toContain('Matti');
      }
    }
    // In Finnish, the money month is said in sentences about Matti.
    await chooseLanguage(maija, 'fi');
    await maija.goto(`${server.baseUrl}/family/${ids.matti}/money?month=${lastMonth}`);
    expect(await maija.locator('[data-line=work]').innerText()).toMatch(/^Matti oli töissä \d+ päivää\. Hän saa [\d,\u00a0]+€ jokaisesta päivästä\. Se on yhteensä [\d,\u00a0]+€\.$/);
    expect(await maija.locator('.money-total').innerText()).toMatch(/^Tässä kuussa Matti ei saanut rahaa\.\n/);
  });

  it('in the conversation, Matti’s messages are his, for Eero with a messages-only link too', async () => {
    const eero = await fixture.signedIn(server.baseUrl, { email: STAFF.familyMessages });
    await eero.goto(`${server.baseUrl}/family/${ids.matti}/messages`);
    const authors = await eero.locator('li.message.from-client .message-meta strong').allTextContents();
    expect(authors.length).toBeGreaterThan(0);
    expect(authors.every((a) => a === 'Matti kirjoitti'), authors.join(', ')).toBe(true);
    const text = await ownWords(eero);
    expect(text.match(TO_THE_CLIENT.fi)?.[0] ?? null).toBeNull();
    expect(await eero.locator('#write-heading').innerText()).toBe('Kirjoita viesti Matin puolesta');
  });
});
