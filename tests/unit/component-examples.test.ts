/**
 * Every shared component's examples (`src/components/**\/<Name>.examples.ts`, see
 * src/components/examples.ts) rendered with Astro's container API, the way a page renders them
 * (a real `tFor(lang)` in locals), then checked in real Chromium with the shared axe helper
 * (tests/helpers/axe.ts) under the stylesheet of the pages the component sits on: WCAG 2.2 AA
 * everywhere, and on easy-read pages also AAA contrast and 44×44 px targets. A component
 * without examples fails here, so a new one comes with them.
 *
 * One browser and one page for all examples: each example replaces the page's content.
 */
import { readFileSync } from 'node:fs';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
// The renderer itself, not `loadRenderers([getContainerRenderer()])`: that imports the renderer by
// an absolute path, which Vite refuses when node_modules lives outside the project (a worktree).
import preactRenderer from '@astrojs/preact/server.js';
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tFor } from '@server/i18n';
import type { Database } from '@server/db';
import type { Example, Look } from '@components/examples';
import { launchBrowser } from '../helpers/browser';
import { expectNoAxeViolations, expectTargetSizes } from '../helpers/axe';

type AnyExample = Example<Record<string, unknown>>;

const components = import.meta.glob<{ default: AstroComponentFactory }>('/src/components/**/*.astro');
const exampleFiles = import.meta.glob<{ examples: Record<string, AnyExample> }>('/src/components/**/*.examples.ts', { eager: true });
const examplesOf = (component: string) => exampleFiles[component.replace(/\.astro$/, '.examples.ts')]?.examples;

const styles = (...names: string[]) => names.map((n) => readFileSync(new URL(`../../src/styles/${n}`, import.meta.url), 'utf8')).join('\n');
const STYLES: Record<Look, string> = {
  'easy-read': styles('tokens.css', 'client.css'),
  staff: styles('tokens.css', 'staff.css'),
  'login-card': styles('tokens.css', 'staff.css', 'login-card.css'),
};
// The viewports the pages are designed for: a portrait tablet for clients, a laptop for staff.
const VIEWPORT: Record<Look, { width: number; height: number }> = {
  'easy-read': { width: 768, height: 1024 },
  staff: { width: 1280, height: 800 },
  'login-card': { width: 1280, height: 800 },
};

/**
 * The rendered component in a page like the ones it sits on: the layout's main element, the
 * stylesheet, the language. A component that renders a whole page (ErrorPage) gets the style only.
 * Island scripts are dropped: their modules are not served here, and axe checks the server's HTML.
 */
function pageAround(html: string, example: AnyExample, title: string): string {
  const { look, lang = 'fi', within } = example;
  const stripped = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
  const body = within ? `<div class="${within}">${stripped}</div>` : stripped;
  const style = `<style>${STYLES[look]}</style>`;
  if (/^\s*(<!doctype html>\s*)?<html[\s>]/i.test(stripped)) return stripped.replace('</head>', `${style}</head>`);
  const main = look === 'easy-read' ? `<div class="page"><main id="main">${body}</main></div>` : `<main id="main" class="staff">${body}</main>`;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>${style}</head><body>${main}</body></html>`;
}

let container: AstroContainer;
let browser: Browser;
let page: Page;

/**
 * What the middleware would give the component: a real `tFor(lang)`, the reader, a database that
 * throws when read (components receive their data), and `client` throwing as it does outside a
 * client's pages (src/middleware.ts).
 */
async function localsFor(example: AnyExample): Promise<App.Locals> {
  const lang = example.lang ?? 'fi';
  const base: Omit<App.Locals, 'client'> = {
    actor: example.actor ?? null,
    sessionEnded: null,
    lang,
    t: tFor(lang),
    db: NO_DATABASE,
    clientAddress: '127.0.0.1',
    overTls: false,
    // The staff header's count, as the staffHeader middleware step would give it.
    waitingMessages: async () => 2,
  };
  return Object.defineProperty(base, 'client', {
    enumerable: false,
    get() {
      throw new Error('locals.client is only set on a page about one client: pass the client as a prop');
    },
  }) as App.Locals;
}

/** Components receive data as props; one that reads the database says so here, by name. */
const NO_DATABASE = new Proxy({} as Database, {
  get(_, key) {
    throw new Error(`the component read locals.db.${String(key)}: components receive their data as props`);
  },
});

beforeAll(async () => {
  container = await AstroContainer.create();
  container.addServerRenderer({ name: '@astrojs/preact', renderer: preactRenderer });
  container.addClientRenderer({ name: '@astrojs/preact', entrypoint: '@astrojs/preact/client.js' });
  browser = await launchBrowser();
  page = await browser.newPage();
  // Nothing is fetched: a photo's address or a manifest has nowhere to go in a page without a server.
  await page.route('**/*', (route) => route.abort());
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('component examples', () => {
  it('every shared component has an examples file, and every examples file a component', () => {
    const missing = Object.keys(components).filter((c) => Object.keys(examplesOf(c) ?? {}).length === 0);
    expect(missing, 'components without examples (add <Name>.examples.ts beside them)').toEqual([]);
    const orphans = Object.keys(exampleFiles).filter((f) => !components[f.replace(/\.examples\.ts$/, '.astro')]);
    expect(orphans, 'examples files without their component').toEqual([]);
  });

  for (const file of Object.keys(components).sort()) {
    const name = file.replace('/src/components/', '');
    for (const [exampleName, example] of Object.entries(examplesOf(file) ?? {})) {
      it(`${name} › ${exampleName}: ${example.description}`, async () => {
        const { default: Component } = await components[file]();
        const locals = await localsFor(example);
        const html = await container.renderToString(Component, {
          props: example.props,
          locals,
          slots: example.slot ? { default: example.slot } : undefined,
          request: new Request('http://localhost/example'),
        });
        await page.setViewportSize(VIEWPORT[example.look]);
        await page.setContent(pageAround(html, example, `${name} – ${exampleName}`), { waitUntil: 'domcontentloaded' });
        await expectNoAxeViolations(page, { client: example.look === 'easy-read' });
        if (example.look === 'easy-read') await expectTargetSizes(page);
      });
    }
  }
});
