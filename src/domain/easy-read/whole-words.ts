/**
 * Words with a dash in them kept on one line (issue 14). A browser may break a line after a
 * hyphen or a dash inside a word: "TE-/palvelut", "8.30–/14.00", "−/€95.20". For a weak reader a
 * broken word is a different word, and CSS has no switch for it (hyphens: none only stops the
 * browser's own hyphenation), so on easy-read pages such a word is put in a
 * `<span class="whole">` (white-space: nowrap), which changes nothing else of the text: not what
 * a screen reader reads, not what is copied, not what tests find.
 *
 * Works on the HTML the page renders: only text between tags is touched, never a tag or an
 * attribute, and nothing inside elements where a span does not belong or that a script owns.
 * A word longer than LONGEST (an address someone typed) is left as it is, free to wrap.
 */

/** Elements whose text is left alone: scripts and styles, form values, pictures, islands (their markup is the island's). */
const LEAVE_ALONE = ['script', 'style', 'textarea', 'title', 'option', 'select', 'svg', 'template', 'astro-island', 'pre', 'code'];
const LONGEST = 30;
/** A hyphen, a dash or a minus with something after it in the same word: a place a line may break. */
const BREAKS_INSIDE = /[-\u2010\u2011\u2012\u2013\u2014\u2212]\S/;

export function keepWordsWhole(html: string): string {
  const parts = html.split(/(<!--[\s\S]*?-->|<[^>]*>)/);
  const open: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (i % 2 === 1) {
      const tag = /^<(\/?)([a-zA-Z][\w-]*)/.exec(part);
      if (!tag) continue; // a comment or a doctype
      const name = tag[2].toLowerCase();
      if (!LEAVE_ALONE.includes(name) || part.endsWith('/>')) continue;
      if (tag[1]) {
        const at = open.lastIndexOf(name);
        if (at >= 0) open.length = at;
      } else {
        open.push(name);
      }
      continue;
    }
    if (open.length > 0 || !BREAKS_INSIDE.test(part)) continue;
    parts[i] = part.replace(/\S+/g, (word) => (word.length <= LONGEST && BREAKS_INSIDE.test(word) ? `<span class="whole">${word}</span>` : word));
  }
  return parts.join('');
}
