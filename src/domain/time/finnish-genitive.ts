/**
 * The Finnish genitive of a first name, for "Matin puolesta" (on Matti's behalf), or null when the
 * name is not one whose genitive a rule can be sure of. The caller then says it without inflecting
 * the name ("hänen puolestaan"), because a wrongly inflected name is worse than a plainer sentence.
 *
 * Sure: a name ending in a vowel takes -n, with kk/pp/tt before the last vowel made single
 * (Matti → Matin, Jukka → Jukan, Seppo → Sepon; Aino → Ainon, Ville → Villen); -nen becomes -sen
 * (Virtanen → Virtasen); an ending in another consonant than s takes -in (Aleksander →
 * Aleksanderin, Mikael → Mikaelin). Of a double name the last part is inflected (Anna-Liisa →
 * Anna-Liisan).
 * Not sure (null): an ending in -s (Tuomas → Tuomaksen but Klaus → Klausin), a single k, p or t
 * after l, m, n, r or h before the last vowel (Ahti → Ahdin, Sampo → Sammon, but Arto → Arton),
 * and anything that is not one word of letters.
 */
export function finnishGenitive(name: string): string | null {
  const word = name.trim();
  if (!/^\p{L}+(-\p{L}+)*$/u.test(word)) return null;
  if (/nen$/i.test(word)) return `${word.slice(0, -3)}sen`;
  if (/s$/i.test(word)) return null;
  if (/[aeiouyäöå]$/i.test(word)) {
    if (/(kk|pp|tt)[aeiouyäöå]$/i.test(word)) return `${word.slice(0, -3)}${word.slice(-2)}n`;
    if (/[lmnrh][kpt][aeiouyäöå]$/i.test(word)) return null;
    return `${word}n`;
  }
  return `${word}in`;
}
