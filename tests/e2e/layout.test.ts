/**
 * The look docs/design.md and docs/easy-read.md ask for, measured in the browser: big tiles in 2 columns on
 * a portrait tablet and 3 in landscape, body text of at least 18 px with line height 1.5, the
 * text-size control growing the text, and no sideways scrolling at 320 px (WCAG 1.4.10).
 * Screenshots of each state go to /tmp/shots/ for people to look at (not committed).
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, clickAndWait, signInClient, useBrowser } from '../helpers/browser';

const SHOTS = '/tmp/shots';
const fixture = useBrowser();

async function tileColumns(page: Page): Promise<{ columns: number; minHeight: number; pictureSize: number }> {
  return page.evaluate(() => {
    const tiles = [...document.querySelectorAll<HTMLElement>('.tiles .tile')];
    const lefts = new Set(tiles.map((t) => Math.round(t.getBoundingClientRect().left)));
    return {
      columns: lefts.size,
      minHeight: Math.min(...tiles.map((t) => t.getBoundingClientRect().height)),
      pictureSize: Math.min(...tiles.map((t) => t.querySelector('svg')!.getBoundingClientRect().width)),
    };
  });
}

async function bodyText(page: Page): Promise<{ fontSize: number; lineHeight: number }> {
  return page.evaluate(() => {
    const style = getComputedStyle(document.querySelector('#main p')!);
    return { fontSize: parseFloat(style.fontSize), lineHeight: parseFloat(style.lineHeight) / parseFloat(style.fontSize) };
  });
}

describe('client home layout', () => {
  it('shows six big tiles, 2 columns in portrait and 3 in landscape, with large calm text', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const page = await fixture.newPage({ viewport: { width: 768, height: 1024 } });
    await signInClient(page, baseUrl(), 'matti', { device: 'own' });
    await page.locator('[data-listen]').waitFor({ state: 'visible' });
    await page.screenshot({ path: `${SHOTS}/client.png` });
    await page.screenshot({ path: `${SHOTS}/client-full.png`, fullPage: true });

    expect(await page.locator('.tiles .tile').count()).toBe(6);
    const portrait = await tileColumns(page);
    expect(portrait.columns).toBe(2);
    expect(portrait.minHeight).toBeGreaterThanOrEqual(160);
    expect(portrait.pictureSize).toBeGreaterThanOrEqual(72);
    const text = await bodyText(page);
    expect(text.fontSize).toBeGreaterThanOrEqual(18);
    expect(text.lineHeight).toBeGreaterThanOrEqual(1.5);

    await page.setViewportSize({ width: 1024, height: 768 });
    expect((await tileColumns(page)).columns).toBe(3);
    await page.screenshot({ path: `${SHOTS}/client-landscape.png` });

    // The largest text size makes the text half as big again, and the page still fits.
    await page.setViewportSize({ width: 768, height: 1024 });
    await clickAndWait(page, page.locator('button[name=size][value="150"]'));
    expect((await bodyText(page)).fontSize).toBeCloseTo(text.fontSize * 1.5, 0);
    await page.screenshot({ path: `${SHOTS}/client-150.png`, fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await clickAndWait(page, page.locator('button[name=size][value="100"]'));
  });

  it('reflows to 320 px without sideways scrolling (WCAG 1.4.10)', async () => {
    const page = await fixture.newPage({ viewport: { width: 320, height: 640 } });
    await signInClient(page, baseUrl(), 'matti', { device: 'own' });
    for (const path of ['/client', '/help', '/client/me']) {
      await page.goto(baseUrl() + path);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), path).toBe(true);
    }
    await page.goto(baseUrl() + '/client');
    expect((await tileColumns(page)).columns).toBe(1);
    await page.screenshot({ path: `${SHOTS}/client-320.png`, fullPage: true });
  });
});
