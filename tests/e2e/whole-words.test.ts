/**
 * No word is ever broken (issue 14): for a weak reader "Närvara-nde" is two other words. Every
 * client and family page of the route fixture (tests/helpers/route-fixture.ts, as the people it
 * lists), in Finnish, Swedish and English, at every text size (100, 125, 150 %), on a portrait
 * tablet (768 px) and a small phone (320 px): every word of the page (the text split on white
 * space) is measured with Range.getClientRects(), and a word whose boxes lie on two lines is a
 * failure, named with its page and the element it is in.
 *
 * Kept fast: the people are signed in by session rows written before the server starts (as for
 * the accessibility sweep), the language and text size are saved on their accounts the way the
 * page tools do it, one page per person goes from address to address, the 320 px look is the same
 * document made narrower, and one page.evaluate measures every word of a look.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { SESSION_COOKIE } from '@server/auth/session';
import { useBrowser } from '../helpers/browser';
import { fillIn, prepareRouteFixture, type RouteFixtureData } from '../helpers/authz';
import { axeViews, type SignedIn } from '../helpers/route-fixture';
import { startServer, type RunningServer } from '../helpers/server';

const LANGS = ['fi', 'sv', 'en'] as const;
const SIZES = [100, 125, 150] as const;
const WIDTHS = [768, 320] as const;

/** The client's and family members' pages (the easy-read pages of the signed-in), as the fixture shows them. */
const VIEWS = axeViews().filter((v) => /^\/(client|family)(\/|$)/.test(v.pattern) && v.status === 200 && v.as !== 'anonymous');
const PEOPLE = [...new Set(VIEWS.map((v) => v.as as SignedIn))];

const browser = useBrowser();
// Its own server: the language and text size are saved on the demo accounts.
let server: RunningServer;
let base: string;
const fixture: RouteFixtureData = { context: {}, personId: {} as Record<SignedIn, number>, cookies: {} as Record<SignedIn, string> };
/**
 * A lane is one page going from address to address: a person with many pages (the client) gets
 * two, so that the sweep takes as long as its longest lane, not as long as the client's pages.
 */
interface Lane {
  who: SignedIn;
  page: Page;
  views: typeof VIEWS;
}
const lanes: Lane[] = [];
const PAGES_PER_LANE = 9;
const started = Date.now();

beforeAll(async () => {
  server = await startServer({ prepareDb: (dbFile) => prepareRouteFixture(dbFile, fixture).then(() => {}) });
  base = server.baseUrl;
  for (const who of PEOPLE) {
    const views = VIEWS.filter((v) => v.as === who);
    const count = Math.ceil(views.length / PAGES_PER_LANE);
    for (let i = 0; i < count; i++) {
      const page = await browser.newPage({ viewport: { width: WIDTHS[0], height: 1024 } });
      await page.context().addCookies([{ name: SESSION_COOKIE, value: fixture.cookies[who].slice(`${SESSION_COOKIE}=`.length), url: base }]);
      lanes.push({ who, page, views: views.filter((_, n) => n % count === i) });
    }
  }
}, 60_000);

afterAll(async () => {
  // The time the whole sweep takes, for the report (the file should stay near a minute).
  console.log(`whole-words: ${VIEWS.length} views × ${LANGS.length} languages × ${SIZES.length} sizes × ${WIDTHS.length} widths in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await server?.stop();
});

/** Saves a preference on the account, as the buttons at the bottom of an easy-read page do. */
async function choose(who: SignedIn, path: '/settings/language' | '/settings/text-size', body: string): Promise<void> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: fixture.cookies[who], origin: base, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  expect(response.status, `${body} as ${who}`).toBe(303);
}

interface Broken {
  word: string;
  /** The element the word is in: tag, id and classes. */
  where: string;
  lines: number;
}

/**
 * Every word of the page whose boxes lie on more than one line. Runs in the page: a word's rects
 * on one line overlap vertically (a zero from the plain-zero font may sit a pixel apart);
 * rects that do not overlap are on different lines. Hidden text has no rects, text for screen
 * readers only (.visually-hidden, 1 px wide) is not read by the eye, and pictures are not words.
 */
function brokenWords(): Promise<Broken[]> {
  return document.fonts.ready.then(() => {
    const found: Broken[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style, noscript, template, svg, .visually-hidden')) continue;
      for (const match of node.data.matchAll(/\S+/g)) {
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
        const lines: DOMRect[] = [];
        for (const rect of rects) {
          if (!lines.some((line) => rect.top < line.bottom - 1 && rect.bottom > line.top + 1)) lines.push(rect);
        }
        if (lines.length > 1) {
          const classes = [...parent.classList].map((c) => `.${c}`).join('');
          found.push({ word: match[0], where: `${parent.tagName.toLowerCase()}${parent.id ? `#${parent.id}` : ''}${classes}`, lines: lines.length });
        }
      }
    }
    return found;
  });
}

test('the measure finds a word broken the way the old calendar cells broke them, and passes whole ones', async () => {
  const page = await browser.newPage();
  await page.setContent(
    '<div style="width: 60px; font-size: 20px; overflow-wrap: anywhere">Närvarande</div>' +
      '<div style="width: 60px; font-size: 20px">Sjuk Loma</div>' +
      '<span class="visually-hidden" style="position: absolute; width: 1px; overflow: hidden">måndag 2.11.</span>',
  );
  expect(await page.evaluate(brokenWords)).toEqual([{ word: 'Närvarande', where: 'div', lines: expect.any(Number) }]);
});

test('every zero on a client page is the plain one (issue 14), and only the zero differs from Atkinson', async () => {
  const { page } = lanes[0];
  await page.goto(`${base}/client/attendance`);
  const face = await page.evaluate(async () => {
    await document.fonts.ready;
    const zero = [...document.fonts].find((f) => f.family.replace(/"/g, '') === 'Omapolku Plain Zero');
    return { family: getComputedStyle(document.body).fontFamily, status: zero?.status, range: zero?.unicodeRange };
  });
  expect(face.family.startsWith('"Omapolku Plain Zero"'), face.family).toBe(true);
  expect(face.status, 'the font loads (the Content-Security-Policy lets it)').toBe('loaded');
  expect(face.range).toBe('U+30');
  // The same characters drawn with the page's fonts and with Atkinson alone: the zero differs, an eight does not.
  const drawn = async (text: string, family: string) => {
    await page.evaluate(([t, f]) => {
      document.getElementById('zero-probe')?.remove();
      const probe = Object.assign(document.createElement('div'), { id: 'zero-probe', textContent: t });
      probe.style.cssText = `position: fixed; top: 0; left: 0; z-index: 99; padding: 4px; background: #fff; font-size: 60px; font-family: ${f}`;
      document.body.append(probe);
    }, [text, family]);
    return (await page.locator('#zero-probe').screenshot()).toString('base64');
  };
  expect(await drawn('0', 'inherit')).not.toBe(await drawn('0', 'var(--font)'));
  expect(await drawn('8', 'inherit')).toBe(await drawn('8', 'var(--font)'));
  await page.evaluate(() => document.getElementById('zero-probe')?.remove());
});

for (const lang of LANGS) {
  for (const size of SIZES) {
    test(`no word is broken on the client and family pages in ${lang} at ${size} %, 768 and 320 px wide`, async () => {
      const failures: string[] = [];
      let measured = 0;
      for (const who of PEOPLE) {
        await choose(who, '/settings/language', `lang=${lang}`);
        await choose(who, '/settings/text-size', `size=${size}`);
      }
      await Promise.all(
        lanes.map(async ({ who, page, views }) => {
          for (const view of views) {
            const url = fillIn(view.url, fixture.context);
            await page.setViewportSize({ width: WIDTHS[0], height: 1024 });
            const response = await page.goto(base + url);
            expect(response?.status(), `${url} as ${who}`).toBe(200);
            expect(await page.locator('html').getAttribute('lang'), `${url} as ${who}`).toBe(lang);
            expect(await page.locator('html').getAttribute('class'), `${url} as ${who}`).toBe(size === 100 ? null : `text-${size}`);
            for (const width of WIDTHS) {
              await page.setViewportSize({ width, height: 1024 });
              const broken = await page.evaluate(brokenWords);
              measured++;
              for (const b of broken) failures.push(`${url} (${who}, ${width} px): "${b.word}" on ${b.lines} lines in <${b.where}>`);
            }
          }
        }),
      );
      expect(measured).toBe(VIEWS.length * WIDTHS.length);
      expect(failures, `words broken across lines in ${lang} at ${size} %`).toEqual([]);
    }, 60_000);
  }
}
