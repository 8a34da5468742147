/**
 * The accessibility checks every browser test uses on every page it opens:
 * - axe-core with the WCAG 2.0/2.1/2.2 A and AA rules, and on client (easy-read) pages also the
 *   AAA contrast rule (7:1, WCAG 1.4.6), as docs/design.md asks;
 * - touch targets of at least 44×44 CSS px on client pages (WCAG 2.5.5), with the one exception
 *   WCAG allows: a link inside a sentence or block of text.
 * No axe rule is switched off.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeOptions {
  /** Easy-read page (clients, family, sign-in, help): also AAA contrast 7:1. */
  client: boolean;
}

/** Runs axe on the page as it is now and fails with every violation's rule, help and targets. */
export async function expectNoAxeViolations(page: Page, { client }: AxeOptions): Promise<void> {
  // options() first: withTags() adds runOnly to the same options object; the `rules` entry then
  // switches on the AAA contrast rule on top of the tagged rules. resultTypes: every rule still
  // runs on every element, but only violations are written out in full (passes, incomplete and
  // inapplicable with one node each): the writing out took much of the time of a run.
  const builder = new AxeBuilder({ page })
    .options({ resultTypes: ['violations'], ...(client ? { rules: { 'color-contrast-enhanced': { enabled: true } } } : {}) })
    .withTags(AXE_TAGS)
    // Our pages have no frames, so axe.run in the page checks exactly what the default
    // runPartial/finishRun mode checks, in half the time (no extra blank tab per run). A page
    // that ever gets a frame is checked the default way, frames included.
    .setLegacyMode(page.frames().length === 1);
  const results = await builder.analyze();
  if (client) {
    const ran = [...results.passes, ...results.violations, ...results.incomplete, ...results.inapplicable].some(
      (r) => r.id === 'color-contrast-enhanced',
    );
    expect(ran, 'the AAA contrast rule color-contrast-enhanced must run on client pages').toBe(true);
  }
  const lines = results.violations.flatMap((v) => [
    `• ${v.id} (${v.impact ?? 'no impact'}): ${v.help} – ${v.helpUrl}`,
    ...v.nodes.map((n) => `    ${n.target.map(String).join(' > ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`),
  ]);
  expect(results.violations.length, `axe found violations on ${page.url()}:\n${lines.join('\n')}`).toBe(0);
}

export interface TargetOffender {
  selector: string;
  text: string;
  width: number;
  height: number;
}

/**
 * Every visible interactive element on a client page must be at least 44×44 CSS px.
 * Exempt (WCAG 2.5.5 "Inline"): a link laid out inline inside running text (p, li, dd, td …).
 * A radio button or checkbox counts as big enough when the label wrapping it is (its label is an
 * equivalent, bigger target: tapping it does the same); that label is checked itself.
 */
export async function findSmallTargets(page: Page, minimum = 44): Promise<TargetOffender[]> {
  return page.evaluate((min) => {
    const SELECTOR = 'a[href], button, input:not([type=hidden]), select, textarea, [role=button], summary, label';
    const TEXT_BLOCKS = 'p, li, dd, dt, td, th, figcaption, blockquote';

    function isVisible(el: Element): boolean {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) return false;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) return false;
      if (el.closest('[hidden], [aria-hidden=true], [inert]')) return false;
      // Moved off screen until focused (the skip link) or clipped away: not a target right now.
      const left = rect.left + window.scrollX;
      const top = rect.top + window.scrollY;
      if (left + rect.width <= 0 || top + rect.height <= 0 || left >= document.documentElement.scrollWidth) return false;
      if (style.getPropertyValue('clip') === 'rect(0px, 0px, 0px, 0px)' || style.clipPath === 'inset(50%)') return false;
      return true;
    }

    function isInlineTextLink(el: Element): boolean {
      if (el.tagName !== 'A') return false;
      if (getComputedStyle(el).display !== 'inline') return false;
      const block = el.parentElement?.closest(TEXT_BLOCKS);
      if (!block) return false;
      // Only a link inside a sentence is excepted (WCAG 2.5.8 "inline"): a link alone in its
      // paragraph, like "Peruuta ja palaa" under a form, is a target of its own and needs 44 px.
      return (block.textContent ?? '').replace(/\s+/g, ' ').trim() !== (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    }

    function describe(el: Element): string {
      const parts: string[] = [];
      let node: Element | null = el;
      while (node && node !== document.body && parts.length < 4) {
        let part = node.tagName.toLowerCase();
        if (node.id) {
          part += `#${node.id}`;
          parts.unshift(part);
          break;
        }
        const cls = [...node.classList].slice(0, 2).join('.');
        if (cls) part += `.${cls}`;
        const name = node.getAttribute('name');
        const value = node.getAttribute('value');
        if (name) part += `[name=${name}]`;
        if (value && node.tagName !== 'INPUT') part += `[value=${value}]`;
        else if (value && node.getAttribute('type') === 'radio') part += `[value=${value}]`;
        parts.unshift(part);
        node = node.parentElement;
      }
      return parts.join(' > ');
    }

    const offenders: { selector: string; text: string; width: number; height: number }[] = [];
    for (const el of document.querySelectorAll(SELECTOR)) {
      if (el.tagName === 'LABEL' && !el.querySelector('input, select, textarea')) continue; // only labels wrapping a control
      if (!isVisible(el) || isInlineTextLink(el)) continue;
      const rect = el.getBoundingClientRect();
      let ok = rect.width >= min - 0.01 && rect.height >= min - 0.01;
      if (!ok && el.tagName === 'INPUT' && ['radio', 'checkbox'].includes((el as HTMLInputElement).type)) {
        const label = el.closest('label');
        const box = label?.getBoundingClientRect();
        ok = !!box && box.width >= min - 0.01 && box.height >= min - 0.01;
      }
      if (!ok) {
        offenders.push({
          selector: describe(el),
          text: ((el as HTMLElement).innerText || el.getAttribute('aria-label') || el.getAttribute('value') || '').trim().replace(/\s+/g, ' ').slice(0, 60),
          width: Math.round(rect.width * 10) / 10,
          height: Math.round(rect.height * 10) / 10,
        });
      }
    }
    return offenders;
  }, minimum);
}

/** Fails with the list of targets smaller than 44×44 CSS px (client pages). */
export async function expectTargetSizes(page: Page, minimum = 44): Promise<void> {
  const offenders = await findSmallTargets(page, minimum);
  const list = offenders.map((o) => `• ${o.selector} "${o.text}" is ${o.width}×${o.height} px`).join('\n');
  expect(offenders.length, `targets smaller than ${minimum}×${minimum} CSS px on ${page.url()}:\n${list}`).toBe(0);
}
