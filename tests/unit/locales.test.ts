import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, tFor, langFromAcceptLanguage } from '../../src/server/i18n';

const root = path.resolve('locales');

function keysOf(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? keysOf(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function keysOfLanguage(lang: string): string[] {
  return fs
    .readdirSync(path.join(root, lang))
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => keysOf(JSON.parse(fs.readFileSync(path.join(root, lang, f), 'utf8'))).map((k) => `${f.replace('.json', '')}:${k}`))
    .sort();
}

describe('locales', () => {
  it('has every key in every language, and nothing extra', () => {
    const fi = keysOfLanguage('fi');
    expect(fi.length).toBeGreaterThan(100);
    for (const lang of LANGUAGES) expect(keysOfLanguage(lang), lang).toEqual(fi);
  });

  it('has no empty strings', () => {
    for (const lang of LANGUAGES) {
      for (const file of fs.readdirSync(path.join(root, lang))) {
        const flat = JSON.stringify(JSON.parse(fs.readFileSync(path.join(root, lang, file), 'utf8')));
        expect(flat, `${lang}/${file}`).not.toMatch(/:""/);
      }
    }
  });

  it('gives each request its own fixed language without touching the others', () => {
    const fi = tFor('fi');
    const sv = tFor('sv');
    expect(fi('client:greeting', { name: 'Matti' })).toBe('Hei Matti!');
    expect(sv('client:greeting', { name: 'Matti' })).toBe('Hej Matti!');
    expect(fi('client:greeting', { name: 'Matti' })).toBe('Hei Matti!');
    expect(tFor('en')('common:idle.time', { count: 1 })).toBe('You have 1 minute left.');
    expect(tFor('en')('common:idle.time', { count: 2 })).toBe('You have 2 minutes left.');
  });

  it('picks a language from the browser, Finnish when in doubt', () => {
    expect(langFromAcceptLanguage('sv-FI,sv;q=0.9,en;q=0.5')).toBe('sv');
    expect(langFromAcceptLanguage('de-DE,en;q=0.3')).toBe('en');
    expect(langFromAcceptLanguage('de-DE')).toBe('fi');
    expect(langFromAcceptLanguage(null)).toBe('fi');
  });
});
