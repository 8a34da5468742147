import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, tFor, langFromAcceptLanguage } from '@server/i18n';
import { IMPORT_COLUMNS, previewClientCsvText, type ImportContext } from '@domain/import/client-import';

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

describe('fast string lookup', () => {
  it('fills {{values}} exactly as i18next does, and leaves plurals to i18next', async () => {
    const { default: i18next } = await import('i18next');
    const fi = tFor('fi');
    expect(fi('client:today.place', { place: 'Paja & <Kahvila>' })).toBe('Paikka: Paja & <Kahvila>');
    expect(fi('client:today.hours', { start: '8.30', end: '14.00' })).toBe('Kello 8.30–14.00');
    expect(fi('auth:pin.attemptsLeft', { count: 1 })).toBe('Voit yrittää vielä 1 kerran.');
    expect(fi('auth:pin.attemptsLeft', { count: 2 })).toBe('Voit yrittää vielä 2 kertaa.');
    // Against a plain i18next instance with the same resources: the same answers.
    const plain = i18next.createInstance();
    const fiResources = Object.fromEntries(
      fs.readdirSync(path.join(root, 'fi')).map((f) => [f.replace('.json', ''), JSON.parse(fs.readFileSync(path.join(root, 'fi', f), 'utf8'))]),
    );
    await plain.init({ lng: 'fi', resources: { fi: fiResources }, interpolation: { escapeValue: false }, showSupportNotice: false } as never);
    for (const [key, options] of [
      ['client:greeting', { name: 'Matti' }],
      ['common:signedInAs', { name: 'Aino' }],
      ['client:help.call', { phone: '050 555 0101' }],
      ['client:today.hours', { start: '8.30', end: '14.00' }],
      ['client:messages.dayAt', { date: 'maanantaina 30.11.', time: '9.12' }],
      ['client:today.hours', { start: '8.30' }],
      ['common:home', undefined],
    ] as const) {
      expect(fi(key, options as never), key).toBe(plain.t(key, options as never));
    }
  });
});

describe('the client import columns', () => {
  // (Moved from src/domain/import: the domain reads no files; here the locales meet the rule.)
  it('are accepted as the page shows them in each language (its example file starts with them)', () => {
    const ctx: ImportContext = { unit: { id: 7, name: 'Työkeskus Pajakulma' }, otherUnitNames: [], workers: [{ id: 21, email: 'liisa.ohjaaja@demo.omapolku.fi', fullName: 'Liisa Ohjaaja' }], clientNames: [] };
    for (const lang of LANGUAGES) {
      const labels = JSON.parse(fs.readFileSync(path.join(root, lang, 'staff.json'), 'utf8')).import.columns as Record<string, string>;
      const header = IMPORT_COLUMNS.map((c) => labels[c]).join(';');
      const result = previewClientCsvText(`${header}\nAino Laine;Aino;fi;;liisa.ohjaaja@demo.omapolku.fi`, ctx);
      expect(result.problems, `${lang}: ${header}`).toEqual([]);
      expect(result.rows[0].client?.namedWorkerId, lang).toBe(21);
    }
  });
});
