import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PICTURE_CONCEPTS } from '@domain/pictures/concepts';
import { CONCEPT_ICONS, PICTURE_SIZES, PIN_ICONS, compactBody, iconBody, pictureMarkup, weekdayPicture } from './pictures';

/**
 * The register of pictures (docs/design.md#pictures): one picture means one thing. Checked here
 * on the register itself; tests/e2e/pictures.test.ts checks the pages draw through it.
 */
describe('the picture register', () => {
  it('gives every concept exactly one picture, and no two concepts the same picture', () => {
    expect(Object.keys(CONCEPT_ICONS).sort()).toEqual([...PICTURE_CONCEPTS].sort());
    const byIcon = new Map<string, string[]>();
    for (const [concept, icon] of Object.entries(CONCEPT_ICONS)) byIcon.set(icon, [...(byIcon.get(icon) ?? []), concept]);
    const shared = [...byIcon].filter(([, concepts]) => concepts.length > 1).map(([icon, concepts]) => `${icon}: ${concepts.join(', ')}`);
    expect(shared, 'icons standing for more than one concept').toEqual([]);
  });

  it('keeps the pictures of the picture code apart from the concepts', () => {
    const conceptBodies = new Set(Object.values(CONCEPT_ICONS).map(iconBody));
    for (const [pin, icon] of Object.entries(PIN_ICONS)) expect(conceptBodies.has(iconBody(icon)), pin).toBe(false);
  });

  it('writes on each picture what it stands for: a concept, a content picture or a picture-code picture', () => {
    expect(pictureMarkup({ concept: 'thanks', alt: '' })).toContain('data-concept="thanks"');
    expect(pictureMarkup({ icon: 'hot-beverage', fallback: 'goals', alt: '' })).toContain('data-picture="content"');
    // A stored name the catalogue no longer has is drawn as its fallback concept, and says so.
    expect(pictureMarkup({ icon: 'no-such-picture', fallback: 'goals', alt: '' })).toContain('data-concept="goals"');
    expect(pictureMarkup({ pin: 'cat', alt: '' })).toContain('data-picture="pin"');
    expect(String(weekdayPicture(1, 'maanantai'))).toContain('data-picture="weekday"');
  });

  it('has a size in rem on easy-read pages for every picture size, equal to the px size at normal text', () => {
    const css = fs.readFileSync(new URL('../styles/client.css', import.meta.url), 'utf8');
    const root = /html \{ font-size: (\d+)%; \}/.exec(css);
    expect(root).not.toBeNull();
    const rootPx = (16 * Number(root![1])) / 100;
    for (const size of PICTURE_SIZES) {
      const rule = new RegExp(`\\.picture\\[width="${size}"\\] \\{ width: ([\\d.]+)rem; height: ([\\d.]+)rem; \\}`).exec(css);
      expect(rule, `client.css rule for size ${size}`).not.toBeNull();
      expect(Number(rule![1]) * rootPx).toBeCloseTo(size);
      expect(Number(rule![2]) * rootPx).toBeCloseTo(size);
    }
  });

  it('draws a page’s own pictures through a concept: a picture by icon name is only a stored choice of a worker', () => {
    // The content path ({ icon }) is for pictures a worker chose (a goal's, a place's, the
    // picker's list): its name comes from the database or the catalogue, never written in code,
    // which would pass by the register (and the browser test leaves content pictures out).
    const src = fileURLToPath(new URL('..', import.meta.url));
    const found: string[] = [];
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    for (const file of files(src).filter((f) => /\.(astro|ts|tsx)$/.test(f) && !/\.test\.ts$/.test(f))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:picture|pictureMarkup)\(\{\s*icon:\s*([^,]+),/g)) {
        if (/['"`]/.test(m[1])) found.push(`${path.relative(src, file)}: icon ${m[1].trim()}`);
      }
      if (!file.endsWith(path.join('server', 'pictures.ts')) && /\b(CONCEPT_ICONS|PIN_ICONS|iconBody(WithUniqueIds)?)\b/.test(text) && !file.endsWith(path.join('ListenButton', 'icons.ts'))) {
        found.push(`${path.relative(src, file)}: reads the icon tables itself`);
      }
    }
    expect(found).toEqual([]);
  });

  it('keeps coordinates to one decimal without changing how path data reads', () => {
    expect(compactBody('<path d="M24 14.094h24v16.302H24z"/>')).toBe('<path d="M24 14.1h24v16.3H24z"/>');
    // Two numbers written together ("3.1" and ".25", "1.25" and ".5"): still two numbers.
    expect(compactBody('<path d="m3.1.25 1.25.5"/>')).toBe('<path d="m3.1.3 1.3.5"/>');
    expect(compactBody('<path d="l-.04-0.06 0.049.75"/>')).toBe('<path d="l-.0-.1 .0.8"/>');
    // Only coordinates: colours, ids and opacity stay as they are.
    expect(compactBody('<ellipse cx="49" cy="36.509" fill="#a57939" opacity=".35" id="a1.234"/>')).toBe('<ellipse cx="49" cy="36.5" fill="#a57939" opacity=".35" id="a1.234"/>');
    expect(iconBody(CONCEPT_ICONS.home)).not.toMatch(/\d\.\d{2}/);
  });
});
