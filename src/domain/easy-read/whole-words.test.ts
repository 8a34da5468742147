import { describe, expect, it } from 'vitest';
import { keepWordsWhole } from './whole-words';

describe('keepWordsWhole', () => {
  it('puts a word with a hyphen, dash or minus inside it in a span that keeps it on one line', () => {
    expect(keepWordsWhole('<p>Kello 8.30–14.00 tänään</p>')).toBe('<p>Kello <span class="whole">8.30–14.00</span> tänään</p>');
    expect(keepWordsWhole('<li>TE-palvelut voivat auttaa</li>')).toBe('<li><span class="whole">TE-palvelut</span> voivat auttaa</li>');
    expect(keepWordsWhole('<strong>−€95.20</strong>')).toBe('<strong><span class="whole">−€95.20</span></strong>');
  });

  it('knows the dashes written as numeric references, and counts a reference as one character', () => {
    expect(keepWordsWhole('<p>Kello 8.30&#8211;14.00 tänään</p>')).toBe('<p>Kello <span class="whole">8.30&#8211;14.00</span> tänään</p>');
    expect(keepWordsWhole('<b>&#8722;&#8364;95.20</b>')).toBe('<b><span class="whole">&#8722;&#8364;95.20</span></b>');
    expect(keepWordsWhole('<p>Ma &#8211; Pe, 5 &#8364;</p>')).toBe('<p>Ma &#8211; Pe, 5 &#8364;</p>');
    // 30 characters on the screen, though 42 in the HTML: still kept whole.
    const word = `${'a'.repeat(14)}&#8211;${'b'.repeat(15)}`;
    expect(keepWordsWhole(`<p>${word}</p>`)).toBe(`<p><span class="whole">${word}</span></p>`);
  });

  it('leaves other words, dashes between words and the text of tags alone', () => {
    const html = '<p class="a-b" data-x="8.30–14.00">Ma – Pe, 5 € &amp; kaikki. Loppu-</p>';
    expect(keepWordsWhole(html)).toBe(html);
  });

  it('does not touch scripts, form values, pictures or islands, and lets a long typed address wrap', () => {
    const html =
      '<script>const a = b-c;</script><textarea>TE-palvelut</textarea><svg><text>Ma-Pe</text></svg>' +
      '<astro-island props="{}"><span>TE-palvelut</span></astro-island><select><option>a-b</option></select>' +
      '<p>https://example.org/a-very-long-address-someone-typed/in-a-message</p>';
    expect(keepWordsWhole(html)).toBe(html);
    expect(keepWordsWhole('<astro-island></astro-island><p>TE-palvelut</p>')).toBe('<astro-island></astro-island><p><span class="whole">TE-palvelut</span></p>');
  });

  it('passes over comments whole, treats a "<" without ">" as text, and a self-closed <svg/> as closed', () => {
    expect(keepWordsWhole('<!-- <script> TE-palvelut --><p>Ma-Pe</p>')).toBe('<!-- <script> TE-palvelut --><p><span class="whole">Ma-Pe</span></p>');
    expect(keepWordsWhole('<p>1 < 2 ja TE-palvelut')).toBe('<p>1 < 2 ja <span class="whole">TE-palvelut</span>');
    expect(keepWordsWhole('<svg/><p>8.30–14.00</p>')).toBe('<svg/><p><span class="whole">8.30–14.00</span></p>');
    expect(keepWordsWhole('<SCRIPT>a-b</SCRIPT><p>a-b</p>')).toBe('<SCRIPT>a-b</SCRIPT><p><span class="whole">a-b</span></p>');
  });

  it('finds each dash where it stands: in an attribute, in a comment with ">" in it, or in text between pictures', () => {
    expect(keepWordsWhole('<p>Ma-Pe <a href="/a-b" title="x-y">TE-palvelut</a></p>')).toBe(
      '<p><span class="whole">Ma-Pe</span> <a href="/a-b" title="x-y"><span class="whole">TE-palvelut</span></a></p>',
    );
    expect(keepWordsWhole('<!-- a > b-c --><p>a-b</p>')).toBe('<!-- a > b-c --><p><span class="whole">a-b</span></p>');
    expect(keepWordsWhole('<svg><svg><text>a-b</text></svg><text>c-d</text></svg><p>e-f</p><svg><text>g-h</text></svg>')).toBe(
      '<svg><svg><text>a-b</text></svg><text>c-d</text></svg><p><span class="whole">e-f</span></p><svg><text>g-h</text></svg>',
    );
  });
});
