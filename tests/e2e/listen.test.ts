/**
 * Kuuntele reads the page's main content aloud in the page's language, only when pressed, and
 * stops on request. Headless Chromium has no voices, so a stand-in for speechSynthesis records
 * what the page asks it to say, and plays each utterance's start and end events; it has voices
 * for the languages it is given, and records which words the page highlights while each
 * utterance is spoken.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, chooseLanguage, signInClient, useBrowser } from '../helpers/browser';
import { RECORDING_SPEECH, type Spoken } from '../helpers/speech';

const heardOf = (page: Page) => page.evaluate(() => (window as unknown as { heard: Spoken[] }).heard);
const queuedOf = (page: Page) => page.evaluate(() => (window as unknown as { spoken: { text: string }[] }).spoken.map((s) => s.text));

describe('Kuuntele (read aloud)', () => {
  const fixture = useBrowser();

  it('reads the main content in the page language on request, marks what it reads, and stops', async () => {
    const page = await fixture.newPage();
    // Slow enough that the reading is still going on while the test looks at the button.
    await page.addInitScript(RECORDING_SPEECH, { voiceLangs: ['fi-FI', 'sv-FI'], ms: 400 });
    await signInClient(page, baseUrl(), 'aino', { device: 'own' });

    const button = page.locator('[data-listen]');
    await expect.poll(() => button.isVisible()).toBe(true);
    // Never automatic: nothing is said before the button is pressed.
    expect(await page.evaluate(() => (window as unknown as { spoken: unknown[] }).spoken.length)).toBe(0);

    await button.click();
    await expect.poll(() => page.locator('#main .reading').count()).toBe(1);
    const spoken = await page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken);
    expect(spoken.map((s) => s.text)).toContain('Hei Aino!');
    expect(spoken.map((s) => s.text)).toContain('Suunnitelma');
    expect(new Set(spoken.map((s) => s.lang))).toEqual(new Set(['fi-FI']));
    // The page tools (text size, language) are not part of what is read.
    expect(spoken.map((s) => s.text).join(' ')).not.toContain('Tekstin koko');
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    expect((await button.textContent())?.trim()).toBe('Lopeta');

    await button.click();
    expect(await page.locator('#main .reading').count()).toBe(0);
    expect(await button.getAttribute('aria-pressed')).toBe('false');

    // In Swedish the same button speaks Swedish.
    await chooseLanguage(page, 'sv');
    await page.evaluate(() => ((window as unknown as { spoken: unknown[] }).spoken.length = 0));
    await page.locator('[data-listen]').click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { spoken: { lang: string }[] }).spoken.length)).toBeGreaterThan(0);
    const swedish = await page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken);
    expect(swedish.map((s) => s.text)).toContain('Hej Aino!');
    expect(new Set(swedish.map((s) => s.lang))).toEqual(new Set(['sv-FI']));
    await chooseLanguage(page, 'fi');
  });

  it('reads sentence by sentence, in order, highlighting each sentence while it is spoken, and clears the highlight at the end', async () => {
    const page = await fixture.signedIn(baseUrl(), 'aino');
    await page.addInitScript(RECORDING_SPEECH, { voiceLangs: ['fi-FI'] });
    await page.goto(`${baseUrl()}/help/sign-in`);
    // A paragraph of the page with more than one sentence: it is read as separate sentences.
    const paragraph = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('#main p')].map((p) => p.innerText.replace(/\s+/g, ' ').trim()).find((t) => /[.!?] \S/.test(t)),
    );
    expect(paragraph, 'a paragraph with two sentences on /help/sign-in').toBeTruthy();

    await page.locator('[data-listen]').click();
    const queued = await queuedOf(page);
    await expect.poll(async () => (await heardOf(page)).length, { timeout: 20_000 }).toBe(queued.length);
    const heard = await heardOf(page);
    // Every utterance is one sentence (or one heading or tile name), spoken in the page's order
    // with the Finnish voice, and the highlight shows exactly the words being spoken.
    expect(heard.map((h) => h.text)).toEqual(queued);
    for (const h of heard) {
      expect(h.voice).toBe('fi-FI');
      expect(h.highlighted?.replace(/\s+/g, ' ').trim(), `the highlight while "${h.text}" is spoken`).toBe(h.text);
    }
    const sentences = paragraph!.split(/(?<=[.!?]) /);
    const at = queued.indexOf(sentences[0]);
    expect(at, `"${sentences[0]}" is read as a sentence of its own`).toBeGreaterThanOrEqual(0);
    expect(queued.slice(at, at + sentences.length)).toEqual(sentences);

    // At the end: no highlight, no marked block, and the button is Kuuntele again.
    await expect.poll(() => page.locator('[data-listen]').getAttribute('aria-pressed')).toBe('false');
    expect(await page.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('listen-sentence'))).toBe(false);
    expect(await page.locator('#main .reading').count()).toBe(0);
  });

  it('on a tablet with no voice for the language says so in words, and says nothing', async () => {
    const page = await fixture.signedIn(baseUrl(), 'aino');
    // An English voice only: no Finnish or Swedish one.
    await page.addInitScript(RECORDING_SPEECH, { voiceLangs: ['en-GB'] });
    await page.goto(`${baseUrl()}/client`);
    const button = page.locator('[data-listen]');
    await button.click();
    const words = page.locator('[data-listen-no-voice]');
    await expect.poll(() => words.textContent()).toBe('Tämä tabletti ei osaa lukea suomea ääneen.');
    expect(await words.isVisible()).toBe(true);
    expect(await queuedOf(page)).toEqual([]);
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    expect((await button.textContent())?.trim()).toBe('Kuuntele');

    // No voices at all (the list stays empty): the same, after a short wait for the list.
    await page.addInitScript(RECORDING_SPEECH, { voiceLangs: [] });
    await chooseLanguage(page, 'sv');
    await page.locator('[data-listen]').click();
    await expect.poll(() => page.locator('[data-listen-no-voice]').textContent(), { timeout: 5_000 }).toBe('Den här surfplattan kan inte läsa svenska högt.');
    expect(await queuedOf(page)).toEqual([]);
    await chooseLanguage(page, 'fi');
  });
});
