import { describe, expect, it } from 'vitest';
import { finnishGenitive } from './finnish-genitive';

describe('finnishGenitive', () => {
  it('makes the genitive of common first names', () => {
    expect(['Matti', 'Aino', 'Jukka', 'Ville', 'Liisa', 'Seppo', 'Antti', 'Kaisu', 'Väinö'].map(finnishGenitive)).toEqual([
      'Matin', 'Ainon', 'Jukan', 'Villen', 'Liisan', 'Sepon', 'Antin', 'Kaisun', 'Väinön',
    ]);
  });

  it('handles -nen and consonant endings', () => {
    expect(finnishGenitive('Virtanen')).toBe('Virtasen');
    expect(finnishGenitive('Aleksander')).toBe('Aleksanderin');
    expect(finnishGenitive('')).toBe('');
  });
});
