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
/**
 * A hyphen, a dash or a minus with something after it in the same word: a place a line may break.
 * The dashes may be written as numeric references ("8.30&#8211;14.00": src/server/latin1-html.ts
 * writes them so, to keep a page a one-byte string).
 */
const BREAKS_INSIDE = /(?:[-\u2010\u2011\u2012\u2013\u2014\u2212]|&#(?:820[89]|821[012]|8722);)\S/;
/** A numeric character reference: one character on the screen. */
const REFERENCE = /&#\d+;/g;

/** The same, searched from a position onward (lastIndex). */
const BREAKS_FROM = new RegExp(BREAKS_INSIDE.source, 'g');
/**
 * The opening tag of a left-alone element, read at a tag's "<" (sticky): most tags fail at their
 * first letter, and nothing is sliced or lowercased for them (issue 19: this runs for every tag
 * of every easy-read page).
 */
const LEAVE_ALONE_OPENING = new RegExp(`<(${LEAVE_ALONE.join('|')})(?![\\w-])`, 'iy');
/** Each left-alone element's opening or closing tag, searched from a position onward. */
const LEAVE_ALONE_TAG = new Map(LEAVE_ALONE.map((name) => [name, new RegExp(`<(/?)${name}(?![\\w-])`, 'gi')]));

/** How many characters a word of the HTML shows: a reference is one. */
function shownLength(word: string): number {
  return word.includes('&#') ? word.replace(REFERENCE, '.').length : word.length;
}

/**
 * Just past the closing tag of the left-alone element whose opening tag ends at `from` (copies of
 * the same element inside it counted), or -1 when it never closes. Its inside is passed over in
 * one search: the pictures are most of a page's tags, and nothing in them is touched (issue 19).
 */
function endOfElement(html: string, name: string, from: number): number {
  const tag = LEAVE_ALONE_TAG.get(name)!;
  tag.lastIndex = from;
  let depth = 1;
  for (let found = tag.exec(html); found; found = tag.exec(html)) {
    const end = html.indexOf('>', found.index + 1);
    if (end === -1) return -1;
    if (found[1]) {
      if (--depth === 0) return end + 1;
    } else if (html[end - 1] !== '/') {
      depth++;
    }
    tag.lastIndex = end + 1;
  }
  return -1;
}

/**
 * One pass from "<" to "<" with indexOf: a page of 30 KB has a few hundred tags and only a few
 * words with a dash, so the text between tags is only tested, and copied into a new string only
 * around a word that changes (this runs on every easy-read page: issue 19 measured a split into
 * every tag and text at 5 % of a client page's server time).
 */
export function keepWordsWhole(html: string): string {
  let out = '';
  let copied = 0;
  let pos = 0;
  // Where the next hyphen or dash with something after it is (searched in the whole page, tags
  // too, and again only once passed): text before it needs no look at all.
  let nextBreak = -1;
  while (pos < html.length) {
    // The next comment (passed over whole: it may hold "<" or ">") or tag (up to its ">"). A "<"
    // with no ">" after it is text, and so is the rest of the page then.
    const lt = html.indexOf('<', pos);
    const commentEnd = lt === -1 || !html.startsWith('<!--', lt) ? -1 : html.indexOf('-->', lt + 4);
    const tagEnd = lt === -1 ? -1 : commentEnd !== -1 ? commentEnd + 3 : html.indexOf('>', lt + 1) + 1;
    const textEnd = tagEnd > 0 ? lt : html.length;
    if (nextBreak < pos) {
      BREAKS_FROM.lastIndex = pos;
      nextBreak = BREAKS_FROM.exec(html)?.index ?? html.length;
    }
    if (textEnd > nextBreak) {
      const text = html.slice(pos, textEnd);
      if (BREAKS_INSIDE.test(text)) {
        const changed = text.replace(/\S+/g, (word) => (shownLength(word) <= LONGEST && BREAKS_INSIDE.test(word) ? `<span class="whole">${word}</span>` : word));
        if (changed !== text) {
          out += html.slice(copied, pos) + changed;
          copied = textEnd;
        }
      }
    }
    if (tagEnd <= 0) break;
    pos = tagEnd;
    if (commentEnd === -1) {
      LEAVE_ALONE_OPENING.lastIndex = lt;
      const opening = LEAVE_ALONE_OPENING.exec(html);
      if (opening && html[tagEnd - 2] !== '/') {
        const name = opening[1].toLowerCase();
        // An element left alone: on after its end (an element that never ends keeps the rest).
        pos = endOfElement(html, name, tagEnd);
        if (pos === -1) break;
      }
    }
  }
  return copied === 0 ? html : out + html.slice(copied);
}
