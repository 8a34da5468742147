/**
 * One picture means one thing (issue 14; docs/design.md#pictures), and pictures grow with the text.
 *
 * 1. Every client and family page, as the clients and family members of the route fixture
 *    (tests/helpers/route-fixture.ts: every easy-read route, with the extra views the
 *    accessibility sweep looks at, so a new page is covered without a list here), plus the steps
 *    of the two wizards behind their forms. Each picture on a page says what it stands for
 *    (src/server/pictures.ts writes `data-concept`, or `data-picture` for a content picture a
 *    worker chose, a picture of the picture code and a weekday's calendar page). The test fails
 *    when a picture says nothing, names no concept of the register, is not the register's picture
 *    of its concept, or when across the whole set one picture stands for two concepts or one
 *    concept is drawn with two pictures, or a picture is shown with no words beside it. Content
 *    pictures are left out of the comparison of pictures and concepts: they
 *    show what the worker's own words beside them say (a goal's title), and a worker may choose
 *    any picture of the catalogue, one the register uses too.
 * 2. At the larger text sizes a picture is larger than at normal size, and a goal step's state is
 *    told in words beside its picture, on screen, not only to screen readers.
 *
 * Its own server: the text size is saved on an account here.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { SESSION_COOKIE } from '@server/auth/session';
import { LANG_COOKIE } from '@server/preferences';
import { PICTURE_CONCEPTS } from '@domain/pictures/concepts';
import { CONCEPT_ICONS, iconBody } from '@server/pictures';
import { andWaitForLoad, useBrowser } from '../helpers/browser';
import { fillIn, prepareRouteFixture, type RouteFixtureData } from '../helpers/authz';
import { ROUTES, axeViews, type SignedIn } from '../helpers/route-fixture';
import { startServer, type RunningServer } from '../helpers/server';

/** The clients and family members of the fixture: Matti and Aino, Maija, Eero and Anja. */
const READERS: readonly SignedIn[] = ['clientA', 'clientB', 'familyFull', 'familyMessages', 'familyReadOnly'];

const browser = useBrowser();
let server: RunningServer;
let base: string;
const fixture: RouteFixtureData = { context: {}, personId: {} as Record<SignedIn, number>, cookies: {} as Record<SignedIn, string> };

beforeAll(async () => {
  server = await startServer({ prepareDb: (dbFile) => prepareRouteFixture(dbFile, fixture).then(() => {}) });
  base = server.baseUrl;
});
afterAll(async () => {
  await server?.stop();
});

/** Saves the language on the account, as the language buttons do. */
async function chooseLanguageOf(who: SignedIn, lang: 'fi' | 'sv'): Promise<void> {
  const response = await fetch(`${base}/settings/language`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: fixture.cookies[who], origin: base, 'content-type': 'application/x-www-form-urlencoded' },
    body: `lang=${lang}`,
  });
  expect(response.status, `choosing ${lang} as ${who}`).toBe(303);
}

/** Every easy-read page a reader opens: each route's GET as each reader it answers with 200, and the sweep's extra views. */
function pagesOf(who: SignedIn): string[] {
  const urls = new Set<string>();
  for (const row of Object.values(ROUTES)) {
    if (row.look === 'easy-read' && row.GET?.expect[who] === 200) urls.add(row.GET.url);
  }
  for (const view of axeViews()) {
    if (view.as === who && view.easyRead && view.status === 200) urls.add(view.url);
  }
  return [...urls].sort();
}

/** One page per reader, signed in by the fixture's session, reused from address to address. */
const pages = new Map<SignedIn, Page>();
async function pageOf(who: SignedIn, lang: 'fi' | 'sv'): Promise<Page> {
  let page = pages.get(who);
  if (!page) {
    page = await browser.newPage();
    await page.context().addCookies([{ name: SESSION_COOKIE, value: fixture.cookies[who].slice(`${SESSION_COOKIE}=`.length), url: base }]);
    pages.set(who, page);
  }
  await page.context().addCookies([{ name: LANG_COOKIE, value: lang, url: base }]);
  return page;
}

interface Seen {
  /** data-concept, or for a weekday picture weekday-<n>. */
  concept: string | null;
  /** data-picture: content, pin or weekday. */
  kind: string | null;
  /** The picture itself: its inner SVG, without the per-copy id suffixes. */
  body: string;
  /** Words around it, to say where it was. */
  near: string;
  /** Shown with no words in its own element or the one around it: a picture telling alone. */
  alone: boolean;
}

/** Every picture (outermost svg) in the page's body, and what it says it stands for. */
async function picturesOn(page: Page): Promise<Seen[]> {
  // The islands and the browser-only components (Kuuntele, the voice recorder) draw their pictures
  // once mounted: Astro takes the `ssr` attribute off each island then, and
  // src/islands/client-only.ts marks each place it has mounted.
  await page.waitForFunction(() => !document.querySelector('astro-island[ssr], [data-client-only]:not([data-mounted])'));
  return page.evaluate(() =>
    [...document.body.querySelectorAll('svg')]
      .filter((svg) => !svg.parentElement?.closest('svg'))
      .map((svg) => {
        const kind = svg.getAttribute('data-picture');
        const weekday = svg.getAttribute('data-weekday');
        return {
          concept: svg.getAttribute('data-concept') ?? (kind === 'weekday' && weekday ? `weekday-${weekday}` : null),
          kind,
          // (Greedy: the suffix is the last -<digits> of an id.)
          body: svg.innerHTML.replace(/(\bid="[^"]+)-\d+"/g, '$1"').replace(/((?:href="#|url\(#)[^")]+)-\d+(?=[")])/g, '$1'),
          near: (svg.parentElement?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60),
          alone:
            svg.getBoundingClientRect().width > 0 &&
            !(svg.parentElement?.innerText ?? '').trim() &&
            !(svg.parentElement?.parentElement?.innerText ?? '').trim(),
        };
      }),
  );
}

/**
 * The register's picture of each concept as the browser writes it out again (innerHTML gives
 * `<path …></path>` for the source's `<path …/>`), so that it compares with what a page shows.
 */
let registerBodies: Map<string, string> | undefined;
async function registerBody(page: Page, concept: string): Promise<string | undefined> {
  registerBodies ??= new Map(
    await page.evaluate((sources) => {
      const holder = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      return sources.map(([c, body]): [string, string] => {
        holder.innerHTML = body;
        return [c, holder.innerHTML];
      });
    }, PICTURE_CONCEPTS.map((c): [string, string] => [c, iconBody(CONCEPT_ICONS[c])])),
  );
  return registerBodies.get(concept);
}

describe('one picture means one thing on every client and family page', () => {
  /** concept → bodies, body → concepts, with where each pair was seen. */
  async function sweep(lang: 'fi' | 'sv', readers: readonly SignedIn[]) {
    const problems: string[] = [];
    const bodiesOf = new Map<string, Map<string, string>>();
    const conceptsOf = new Map<string, Map<string, string>>();
    let count = 0;
    const record = async (page: Page, where: string, seen: Seen[]) => {
      for (const p of seen) {
        count++;
        const at = `${where} near "${p.near}"`;
        if (p.alone) problems.push(`${at}: a picture with no words beside it`);
        if (p.kind === 'content' || p.kind === 'pin') continue;
        if (!p.concept) {
          problems.push(`${at}: a picture that says nothing of what it stands for`);
          continue;
        }
        if (!p.concept.startsWith('weekday-')) {
          const registered = await registerBody(page, p.concept);
          if (registered === undefined) problems.push(`${at}: "${p.concept}" is no concept of the register`);
          else if (registered !== p.body) problems.push(`${at}: "${p.concept}" is drawn with another picture than the register's`);
        }
        if (!bodiesOf.has(p.concept)) bodiesOf.set(p.concept, new Map());
        bodiesOf.get(p.concept)!.set(p.body, at);
        if (!conceptsOf.has(p.body)) conceptsOf.set(p.body, new Map());
        conceptsOf.get(p.body)!.set(p.concept, at);
      }
    };

    // Two readers at a time (each with a page of their own), the pictures compared after.
    const seenBy = new Map<SignedIn, Array<[string, Seen[]]>>();
    const visit = async (who: SignedIn) => {
      const page = await pageOf(who, lang);
      const seen: Array<[string, Seen[]]> = [];
      for (const url of pagesOf(who)) {
        const response = await page.goto(`${base}${fillIn(url, fixture.context)}`);
        expect(response?.status(), `${who} ${url}`).toBe(200);
        seen.push([`${who} ${url}`, await picturesOn(page)]);
      }
      if (who === 'clientA' || who === 'familyReadOnly') {
        for (const [step, pictures] of await wizardSteps(page, who)) seen.push([`${who} ${step}`, pictures]);
      }
      seenBy.set(who, seen);
    };
    const queue = [...readers];
    await Promise.all([0, 1].map(async () => {
      for (let who = queue.shift(); who; who = queue.shift()) await visit(who);
    }));
    const anyPage = await pageOf(readers[0], lang);
    for (const who of readers) for (const [where, seen] of seenBy.get(who)!) await record(anyPage, where, seen);

    for (const [concept, bodies] of bodiesOf) {
      if (bodies.size > 1) problems.push(`concept "${concept}" is drawn with ${bodies.size} pictures: ${[...bodies.values()].join('; ')}`);
    }
    for (const [, concepts] of conceptsOf) {
      if (concepts.size > 1) problems.push(`one picture stands for ${[...concepts.keys()].join(', ')}: ${[...concepts.values()].join('; ')}`);
    }
    return { problems, count, concepts: new Set(bodiesOf.keys()) };
  }

  test('in Finnish, as Matti, Aino, Maija, Eero and Anja: every picture drawn through the register, one picture per concept', async () => {
    const { problems, count, concepts } = await sweep('fi', READERS);
    expect(problems).toEqual([]);
    // The sweep really saw the pages (a broken selector would find nothing and pass).
    expect(count).toBeGreaterThan(400);
    // Among them the pictures the issue found sharing a meaning, now each its own (the Kuuntele
    // island's too, drawn in the browser).
    for (const concept of ['consents', 'thanks', 'listen', 'voice-message', 'clock', 'late', 'not-yet', 'check', 'reminder', 'question', 'other-reason', 'help', 'history', 'access-log', 'report']) {
      expect(concepts, concept).toContain(concept);
    }
  }, 120_000);

  test('in Swedish, as Matti: the same pictures', async () => {
    // Signed in, the language is the one saved on the account (the cookie is for signed-out pages).
    await chooseLanguageOf('clientA', 'sv');
    try {
      const page = await pageOf('clientA', 'sv');
      await page.goto(`${base}/client`);
      expect(await page.locator('html').getAttribute('lang')).toBe('sv');
      const { problems, count } = await sweep('sv', ['clientA']);
      expect(problems).toEqual([]);
      expect(count).toBeGreaterThan(150);
    } finally {
      await chooseLanguageOf('clientA', 'fi');
    }
  }, 90_000);
});

/**
 * The steps of the absence report and of giving a consent, which a GET does not show: walked
 * forward through their forms up to the last question, never sent (nothing is saved).
 */
async function wizardSteps(page: Page, who: SignedIn): Promise<Array<[string, Seen[]]>> {
  const steps: Array<[string, Seen[]]> = [];
  const next = () => andWaitForLoad(page, () => page.locator('button[name=nav][value=next]').click());
  if (who === 'clientA') {
    await page.goto(`${base}/client/attendance/report`);
    await page.locator('input[name=when][value=pick]').check();
    await next();
    steps.push(['report: pick days', await picturesOn(page)]);
    await page.goto(`${base}/client/attendance/report`);
    await page.locator('input[name=when][value=tomorrow]').check();
    await next();
    steps.push(['report: reason', await picturesOn(page)]);
    await page.locator('input[name=reason][value=other]').check();
    await next();
    steps.push(['report: check and send', await picturesOn(page)]);
  }
  const give = who === 'clientA' ? `${base}/client/consents/give` : `${base}${fillIn('/family/{A}/consents/give', fixture.context)}`;
  await page.goto(give);
  await page.locator('input[name=recipient][value=kela]').check();
  await next();
  steps.push(['consent: what information', await picturesOn(page)]);
  await page.locator('input[name=info][value=contact]').check();
  await next();
  steps.push(['consent: how long', await picturesOn(page)]);
  await page.locator('input[name=duration][value=year]').check();
  await next();
  steps.push(['consent: check', await picturesOn(page)]);
  expect(await page.locator('button[name=nav][value=confirm]').count(), 'the consent wizard reached its last step').toBe(1);
  return steps;
}

describe('pictures grow with the text, and never tell a state alone', () => {
  async function setTextSize(who: SignedIn, size: 100 | 125 | 150): Promise<void> {
    const response = await fetch(`${base}/settings/text-size`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: fixture.cookies[who], origin: base, 'content-type': 'application/x-www-form-urlencoded' },
      body: `size=${size}`,
    });
    expect(response.status).toBe(303);
  }

  /** The rendered width of a few pictures on a page, by a selector each. */
  async function widths(page: Page, selectors: string[]): Promise<number[]> {
    return Promise.all(selectors.map(async (s) => (await page.locator(s).first().boundingBox())!.width));
  }

  test('at Iso and Isompi the pictures are larger than at normal size, and at normal size as large as before', async () => {
    const page = await pageOf('clientB', 'fi');
    // A step picture (36 px), the page's own picture (72), a header picture (36) and the Kuuntele button's.
    const selectors = ['.steps li svg.picture', '.heading-with-picture svg.picture', 'header svg[data-concept=help]', 'button[data-listen] svg'];
    const at: Record<number, number[]> = {};
    try {
      for (const size of [100, 125, 150] as const) {
        await setTextSize('clientB', size);
        await page.goto(`${base}/client/goals`);
        expect(await page.locator('html').getAttribute('class')).toBe(size === 100 ? null : `text-${size}`);
        at[size] = await widths(page, selectors);
      }
    } finally {
      await setTextSize('clientB', 100);
    }
    expect(at[100]).toEqual([36, 72, 36, 36]);
    for (let i = 0; i < selectors.length; i++) {
      expect(at[125][i], `${selectors[i]} at 125 %`).toBeCloseTo(at[100][i] * 1.25, 0);
      expect(at[150][i], `${selectors[i]} at 150 %`).toBeCloseTo(at[100][i] * 1.5, 0);
    }
  }, 60_000);

  test('a goal step says Tehty or Ei vielä in visible words beside its picture', async () => {
    const page = await pageOf('clientA', 'fi');
    for (const url of ['/client/goals', fillIn('/family/{A}/goals', fixture.context)]) {
      const reader = url.startsWith('/family') ? await pageOf('familyFull', 'fi') : page;
      await reader.goto(`${base}${url}`);
      const steps = reader.locator('.steps li');
      const states = await steps.evaluateAll((items) =>
        items.map((li) => {
          const svg = li.querySelector('svg')!;
          const word = li.querySelector('.step-state') as HTMLElement;
          const a = svg.getBoundingClientRect();
          const b = word.getBoundingClientRect();
          return {
            state: li.getAttribute('data-step-state'),
            concept: svg.getAttribute('data-concept'),
            word: (word.textContent ?? '').replace(/\s+/g, ' ').trim(),
            // Seen: a real box, on the picture's line, right after it.
            visible: b.width > 20 && b.height > 10 && b.top < a.bottom && b.bottom > a.top && b.left >= a.right && b.left - a.right < 40,
          };
        }),
      );
      expect(states.length, url).toBeGreaterThan(2);
      expect(new Set(states.map((s) => s.state))).toEqual(new Set(['done', 'not-yet']));
      for (const s of states) {
        expect(s, url).toEqual({ state: s.state, concept: s.state === 'done' ? 'check' : 'not-yet', word: s.state === 'done' ? 'Tehty:' : 'Ei vielä:', visible: true });
      }
    }
  }, 30_000);
});
