/**
 * Keyword search over picture names and tags, for the worker's picture picker. Pure: the
 * catalogue (OpenMoji pictures with Finnish, Swedish and English words from Unicode CLDR) is
 * built on the server and passed in.
 */
export interface SearchablePicture {
  /** The OpenMoji icon name, which is also what a goal or place stores. */
  name: string;
  /** Display names per language (fi, sv, en). */
  labels: Record<string, string>;
  /** Every label and tag in every language, already folded with `foldForSearch`. */
  labelWords: string[];
  tagWords: string[];
  /** Unicode's order: related pictures stay together when scores tie. */
  order: number;
}

/**
 * Lower case without accents, so "kahvi", "Kahvi" and "kahvi " match, and "kayda" finds
 * "käydä" for a worker typing on a keyboard without ä and ö.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().trim();
}

/**
 * How well one query term matches one picture: 0 when it does not match at all. Whole words
 * beat parts of words. Finnish joins words ("polku|pyörä" is a bicycle), and the last part
 * names the thing, so a word ending in the term beats one only starting with it ("pyörä|tuoli").
 */
function termScore(term: string, picture: SearchablePicture): number {
  let best = 0;
  for (const label of picture.labelWords) {
    if (label === term) return 100;
    for (const word of label.split(/[\s:,-]+/)) {
      if (word === term) best = Math.max(best, 90);
      else if (term.length >= 3 && word.endsWith(term)) best = Math.max(best, 75);
      else if (word.startsWith(term)) best = Math.max(best, 60);
      else if (term.length >= 3 && word.includes(term)) best = Math.max(best, 30);
    }
  }
  for (const tag of picture.tagWords) {
    if (tag === term) best = Math.max(best, 70);
    else if (term.length >= 3 && tag.endsWith(term)) best = Math.max(best, 55);
    else if (tag.startsWith(term)) best = Math.max(best, 50);
    else if (term.length >= 4 && tag.includes(term)) best = Math.max(best, 20);
  }
  return best;
}

/**
 * The pictures matching every word of the query, best first. Words may be Finnish, Swedish or
 * English in any mix: a worker who thinks "kahvi" and one who thinks "coffee" find the same cup.
 */
export function searchPictures(catalogue: readonly SearchablePicture[], query: string, limit = 30): SearchablePicture[] {
  const terms = foldForSearch(query).split(/[\s,]+/).filter(Boolean);
  if (terms.length === 0) return [];
  const scored: { picture: SearchablePicture; score: number }[] = [];
  for (const picture of catalogue) {
    let score = 0;
    for (const term of terms) {
      const s = termScore(term, picture);
      if (s === 0) {
        score = 0;
        break;
      }
      score += s;
    }
    if (score > 0) scored.push({ picture, score });
  }
  scored.sort((a, b) => b.score - a.score || a.picture.order - b.picture.order);
  return scored.slice(0, limit).map((s) => s.picture);
}
