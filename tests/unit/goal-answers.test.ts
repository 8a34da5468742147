/**
 * The three answers to "Miten menee?" (issue 14, point 11): words a client understands at once,
 * each with a picture of its own. The words are the client's (client.json goals.feeling) and the
 * worker sees the same answer (staff.json goals.feeling).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkText } from '@domain/easy-read/check';
import { FEELING_PICTURE, FEELINGS } from '@domain/plan/plan';
import { isPictureConcept } from '@domain/pictures/concepts';
import { CONCEPT_ICONS } from '@server/pictures';

const LANGS = ['fi', 'sv', 'en'] as const;
const locale = (lang: string, ns: string) => JSON.parse(readFileSync(new URL(`../../locales/${lang}/${ns}.json`, import.meta.url), 'utf8'));
const answers = (lang: string) => locale(lang, 'client').goals.feeling as Record<string, string>;
const words = (text: string) => text.toLowerCase().split(/\s+/u).filter(Boolean);
/** Words that turn an answer into its opposite: easy-read avoids them ("Not good" hides "good"). */
const NEGATIONS = new Set(['ei', 'en', 'inte', 'ej', 'not', 'no']);

describe('the answers to "Miten menee?"', () => {
  for (const lang of LANGS) {
    it(`in ${lang} are short, plain words that pass the easy-read rules`, () => {
      const texts = answers(lang);
      expect(Object.keys(texts).sort()).toEqual([...FEELINGS].sort());
      for (const feeling of FEELINGS) {
        const text = texts[feeling];
        expect(checkText(text), `${lang} ${feeling}: "${text}"`).toEqual([]);
        // Read at a glance: one or two short words, no negation to miss.
        expect(words(text).length, text).toBeLessThanOrEqual(2);
        for (const word of words(text)) {
          expect(word.length, word).toBeLessThanOrEqual(8);
          expect(NEGATIONS.has(word), `"${text}" says it with a negation`).toBe(false);
        }
      }
    });

    it(`in ${lang} look different from each other: no answer shares a word with another`, () => {
      const texts = FEELINGS.map((f) => answers(lang)[f]);
      for (const [i, a] of texts.entries()) {
        for (const b of texts.slice(i + 1)) {
          expect(words(a).filter((w) => words(b).includes(w)), `"${a}" and "${b}"`).toEqual([]);
        }
      }
    });

    it(`in ${lang} are the words the worker sees for the answer`, () => {
      const staff = locale(lang, 'staff').goals.feeling as Record<string, string>;
      for (const feeling of FEELINGS) expect(staff[feeling]).toBe(answers(lang)[feeling].toLowerCase());
    });
  }

  it('each have a picture of their own', () => {
    const concepts = FEELINGS.map((f) => FEELING_PICTURE[f]);
    for (const concept of concepts) expect(isPictureConcept(concept), concept).toBe(true);
    expect(new Set(concepts).size).toBe(FEELINGS.length);
    expect(new Set(concepts.map((c) => CONCEPT_ICONS[c])).size, 'three different faces').toBe(FEELINGS.length);
  });
});
