/**
 * The Finnish genitive of a first name, for phrases such as "Matin puolesta" (on Matti's behalf).
 * Covers the common patterns of Finnish first names: a vowel ending takes -n, with the double
 * consonant of the last syllable made single (Matti → Matin, Jukka → Jukan, Seppo → Sepon);
 * -nen becomes -sen (Virtanen → Virtasen); another consonant ending takes -in (Aleksander →
 * Aleksanderin). Rarer names may come out imperfect, never unreadable.
 */
export function finnishGenitive(name: string): string {
  const word = name.trim();
  if (!word) return word;
  if (/nen$/i.test(word)) return `${word.slice(0, -3)}sen`;
  if (/[aeiouyäöå]$/i.test(word)) {
    const gradated = word.replace(/(kk|pp|tt)([aeiouyäö])$/i, (_m, double: string, vowel: string) => `${double[0]}${vowel}`);
    return `${gradated}n`;
  }
  return `${word}in`;
}
