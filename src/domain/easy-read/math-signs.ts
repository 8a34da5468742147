/**
 * Signs of a written sum, which easy-read pages do not use (docs/easy-read.md): a sum is said in
 * sentences ("Olit töissä 17 päivää. Saat 5,60 € jokaisesta päivästä. Se on yhteensä 95,20 €."),
 * and an amount taken off is said so ("Se otetaan pois rahastasi"), not with a minus.
 * Matches times, the minus sign (U+2212), equals, and a hyphen-minus used as a minus before a
 * number ("-12 €"); not the hyphen inside a word ("TE-palvelut") or between numbers.
 */
export const MATH_SIGNS = /[×\u2212=]|(?<![\p{L}\p{N}])-\s?\d/u;

/** The signs of a sum in a text, each with a little of the text around it, for a test's message. */
export function mathSignsIn(text: string): string[] {
  const global = new RegExp(MATH_SIGNS.source, 'gu');
  return [...text.matchAll(global)].map((m) => text.slice(Math.max(0, m.index - 20), m.index + 20).replace(/\s+/g, ' '));
}
