/**
 * Kuuntele reads the page's main content aloud in the page's language, only when pressed, and
 * stops on request. Headless Chromium has no voices, so a stand-in for speechSynthesis records
 * what the page asks it to say, and plays each utterance's start and end events.
 */
import { describe, expect, it } from 'vitest';
import { baseUrl, chooseLanguage, signInClient, useBrowser } from '../helpers/browser';

const RECORDING_SPEECH = () => {
  const spoken: { text: string; lang: string }[] = [];
  const queue: SpeechSynthesisUtterance[] = [];
  let cancelled = false;
  (window as unknown as { spoken: typeof spoken }).spoken = spoken;
  const synth = {
    speak(u: SpeechSynthesisUtterance) {
      spoken.push({ text: u.text, lang: u.lang });
      queue.push(u);
      cancelled = false;
      // Utterances play one after another, as in a real browser.
      if (queue.length === 1) setTimeout(playNext, 10);
    },
    cancel() {
      cancelled = true;
      queue.length = 0;
    },
    getVoices: () => [],
  };
  function playNext() {
    const u = queue[0];
    if (!u || cancelled) return;
    u.onstart?.(new Event('start') as SpeechSynthesisEvent);
    setTimeout(() => {
      queue.shift();
      u.onend?.(new Event('end') as SpeechSynthesisEvent);
      playNext();
    }, 30);
  }
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
};

describe('Kuuntele (read aloud)', () => {
  const fixture = useBrowser();

  it('reads the main content in the page language on request, marks what it reads, and stops', async () => {
    const page = await fixture.newPage();
    await page.addInitScript(RECORDING_SPEECH);
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
});
