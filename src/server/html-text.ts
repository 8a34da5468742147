/**
 * Text written into HTML by the server's own code (pictures, QR codes, dashes kept one-byte),
 * where Astro's escaping is not at hand.
 */

const HTML_SPECIAL = /[&<>"']/g;
const ESCAPED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or an attribute's value as HTML: "&", "<", ">" and both quotes escaped, as Astro escapes text. */
export function escapeHtml(text: string): string {
  return text.replace(HTML_SPECIAL, (ch) => ESCAPED[ch]);
}

/**
 * Text as HTML whose every character is Latin-1: "&", "<", ">" and quotes escaped as Astro
 * escapes text, and every character above U+00FF (the dash of "8.30–14.00", "–" in a title, "€")
 * written as a numeric character reference ("&#8211;"), which the browser reads as the very same
 * character: what is shown, read aloud, copied and found in the page does not change.
 *
 * Why (issue 19): V8 keeps a string whose characters all fit in one byte as a one-byte string;
 * one character above U+00FF makes it two-byte, and so every string it is joined into: one dash
 * in the title made the whole page two-byte, and turning a two-byte page into UTF-8 bytes costs
 * four times as much (a tenth of `/client/attendance`'s server time). A client page's own words
 * are Latin-1 but for a few dashes, written with this helper and `set:html`, and the money
 * pages' euro signs (left as they are: those pages are well within their time).
 *
 * The result is built from single characters, not slices: a slice or a replace() of a two-byte
 * string is two-byte again, whatever it holds.
 */
const ABOVE_LATIN1 = /[^\x00-\xff]/;

export function latin1Html(text: string): string {
  const escaped = escapeHtml(text);
  if (!ABOVE_LATIN1.test(escaped)) return escaped;
  let html = '';
  // for…of walks code points, so an emoji's two halves become one reference.
  for (const ch of escaped) {
    const code = ch.codePointAt(0)!;
    html += code > 0xff ? `&#${code};` : ch;
  }
  return html;
}
