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
 * The dashes may be written as numeric references ("8.30&#8211;14.00": src/server/html-text.ts
 * writes them so, to keep a page a one-byte string).
 */
const BREAKS_INSIDE = /(?:[-\u2010\u2011\u2012\u2013\u2014\u2212]|&#(?:820[89]|821[012]|8722);)\S/;
/** A numeric character reference: one character on the screen. */
const REFERENCE = /&#\d+;/g;

/** The same, searched from a position onward (lastIndex). */
const BREAKS_FROM = new RegExp(BREAKS_INSIDE.source, 'g');
/**
 * A comment or the opening tag of a left-alone element, searched from a position onward: the
 * page is read from dash to dash, and what lies between is only searched for these.
 */
const LEFT_ALONE_FROM = new RegExp(`<(?:!--|(${LEAVE_ALONE.join('|')})(?![\\w-]))`, 'gi');
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
 * Reads the page from one hyphen or dash to the next (a page of 30 KB has a few hundred tags but
 * only a few words with a dash; this runs on every easy-read page: issue 19). At each dash it
 * asks where it stands: after a comment or a left-alone element that starts before it (passed
 * over whole), inside a tag (passed), or in text, whose words are then looked at. Only the text
 * around a word that changes is copied into a new string.
 */
export function keepWordsWhole(html: string): string {
  let out = '';
  let copied = 0;
  let pos = 0;
  // The next comment or left-alone element at or after `pos` (searched again only once passed).
  let alone: RegExpExecArray | null = null;
  let aloneAt = -1;
  while (pos < html.length) {
    BREAKS_FROM.lastIndex = pos;
    const dash = BREAKS_FROM.exec(html);
    if (!dash) break;
    const at = dash.index;
    if (aloneAt < pos) {
      LEFT_ALONE_FROM.lastIndex = pos;
      alone = LEFT_ALONE_FROM.exec(html);
      aloneAt = alone ? alone.index : html.length;
    }
    if (aloneAt < at && alone) {
      // A comment, or an element left alone: on after its end (one that never ends keeps the rest).
      const name = alone[1];
      if (name === undefined) {
        const commentEnd = html.indexOf('-->', aloneAt + 4);
        if (commentEnd === -1) break;
        pos = commentEnd + 3;
      } else {
        const tagEnd = html.indexOf('>', aloneAt + 1) + 1;
        if (tagEnd === 0) break;
        pos = html[tagEnd - 2] === '/' ? tagEnd : endOfElement(html, name.toLowerCase(), tagEnd);
        if (pos === -1) break;
      }
      continue;
    }
    // Inside a tag (an attribute's value) when the last "<" before the dash is after the last
    // ">": on after the tag. A "<" with no ">" after it is text, and so is the rest of the page.
    const lt = html.lastIndexOf('<', at);
    const gt = html.lastIndexOf('>', at);
    const tagEnd = lt > gt ? html.indexOf('>', at) : -1;
    if (tagEnd !== -1) {
      pos = tagEnd + 1;
      continue;
    }
    const textStart = lt > gt ? Math.max(pos, gt + 1) : gt + 1;
    const next = html.indexOf('<', at);
    const textEnd = lt > gt || next === -1 ? html.length : next;
    const text = html.slice(textStart, textEnd);
    const changed = text.replace(/\S+/g, (word) => (shownLength(word) <= LONGEST && BREAKS_INSIDE.test(word) ? `<span class="whole">${word}</span>` : word));
    if (changed !== text) {
      out += html.slice(copied, textStart) + changed;
      copied = textEnd;
    }
    pos = textEnd;
  }
  return copied === 0 ? html : out + html.slice(copied);
}
