/**
 * The staff guide (content/staff-guide, shown at /worker/help): every section exists in fi, sv
 * and en, with the same place in the order, so a reader who switches language finds the same guide.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '@domain/language';

const DIR = fileURLToPath(new URL('../../content/staff-guide', import.meta.url));
const orderOf = (lang: string, file: string) => /^order:\s*(\d+)$/m.exec(readFileSync(join(DIR, lang, file), 'utf8'))?.[1];

describe('the staff guide', () => {
  const files = Object.fromEntries(LANGUAGES.map((lang) => [lang, readdirSync(join(DIR, lang)).filter((f) => f.endsWith('.md')).sort()]));

  it('has the same sections in every language', () => {
    expect(files.fi.length).toBeGreaterThan(0);
    for (const lang of LANGUAGES) expect(files[lang], lang).toEqual(files.fi);
  });

  it('keeps each section in the same place in every language', () => {
    for (const file of files.fi) {
      const orders = LANGUAGES.map((lang) => orderOf(lang, file));
      expect(orders[0], file).toBeDefined();
      expect(new Set(orders).size, file).toBe(1);
    }
  });
});
