import { describe, expect, it } from 'vitest';
import { MATH_SIGNS, mathSignsIn } from './math-signs';

describe('MATH_SIGNS', () => {
  it('finds the signs of a written sum', () => {
    for (const text of ['17 päivää × 5,60 €', 'Ruokamaksu: \u221295,20 €', '5 = 5', 'Korjaus -12,00 €', '(-3 päivää)']) {
      expect(MATH_SIGNS.test(text), text).toBe(true);
    }
  });

  it('leaves words with hyphens, ranges and plain amounts alone', () => {
    for (const text of ['TE-palvelut', 'Anna-Liisa', 'kello 8.30–14.00', 'Saat 95,20 €.', '2026-11-30', 'Vaihe 2 / 4']) {
      expect(MATH_SIGNS.test(text), text).toBe(false);
    }
  });

  it('shows where the signs are', () => {
    expect(mathSignsIn('Saat 0,00 €. Ruoka 17 × 5,60 €')).toEqual(['at 0,00 €. Ruoka 17 × 5,60 €']);
  });
});
