import { describe, expect, it } from 'vitest';
import { escapeHtml, latin1Html } from './html-text';

describe('escapeHtml', () => {
  it('escapes the five characters that end text or an attribute, and nothing else', () => {
    expect(escapeHtml(`<a href="x">Matti's & Aino's</a> – ä`)).toBe('&lt;a href=&quot;x&quot;&gt;Matti&#39;s &amp; Aino&#39;s&lt;/a&gt; – ä');
  });
});

describe('latin1Html', () => {
  it('escapes as text is escaped and writes characters above U+00FF as references', () => {
    expect(latin1Html('Kello 8.30–14.00')).toBe('Kello 8.30&#8211;14.00');
    expect(latin1Html('Läsnäolo – Omapolku')).toBe('Läsnäolo &#8211; Omapolku');
    expect(latin1Html('<b>"A" & \'B\'</b>')).toBe('&lt;b&gt;&quot;A&quot; &amp; &#39;B&#39;&lt;/b&gt;');
    expect(latin1Html('−12,50 € 😀')).toBe('&#8722;12,50 &#8364; &#128512;');
  });

  it('gives back Latin-1 text unchanged but for escaping', () => {
    expect(latin1Html('Hei Matti! Työpäivä ÅÄÖ')).toBe('Hei Matti! Työpäivä ÅÄÖ');
  });

  it('reads back as the same text in a browser: every reference is the character it replaced', () => {
    const text = 'Aino – “lainaus” … 8.30–14.00 −5 € 😀 ä';
    const decoded = latin1Html(text).replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
    expect(decoded).toBe(text);
  });
});
