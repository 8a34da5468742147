import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, detectSeparator, parseCsv } from './csv-read';

/** Windows-1252 bytes of a string with only Latin-1 letters (what Finnish Excel saves). */
const cp1252 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const utf8 = (s: string) => new TextEncoder().encode(s);
const cells = (text: string) => {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(`did not parse: ${parsed.problem}`);
  return parsed.records.map((r) => r.cells);
};

describe('decodeCsvBytes', () => {
  it('reads UTF-8 with a byte order mark, and drops the mark', () => {
    const decoded = decodeCsvBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('nimi\nÄänekoski Öhman')]));
    expect(decoded).toEqual({ ok: true, text: 'nimi\nÄänekoski Öhman', encoding: 'utf-8' });
  });

  it('reads UTF-8 without a byte order mark', () => {
    expect(decodeCsvBytes(utf8('Sjöström;Åsa'))).toEqual({ ok: true, text: 'Sjöström;Åsa', encoding: 'utf-8' });
  });

  it('falls back to Windows-1252 for ä, ö, å and Ä, Ö, Å written by Finnish Excel', () => {
    const bytes = cp1252('Äänekoski;Sjöström;Öhman;Åsa');
    expect(bytes.slice(0, 2)).toEqual(Uint8Array.from([0xc4, 0xe4])); // really one byte a letter
    expect(decodeCsvBytes(bytes)).toEqual({ ok: true, text: 'Äänekoski;Sjöström;Öhman;Åsa', encoding: 'windows-1252' });
  });

  it('reads the bytes where Windows-1252 differs from Latin-1 (€, Š, ž, Excel\'s dash and quotes)', () => {
    // Node 20.18.3+ decodes these as C1 controls (nodejs/node#56542); a name like Šimić or Žukov must not make the file "not text".
    const bytes = Uint8Array.from([...cp1252('Työkeskus '), 0x96, ...cp1252(' Paja;'), 0x8a, ...cp1252('imi'), 0x9e, ...cp1252(';'), 0x93, 0x80, 0x94]);
    expect(decodeCsvBytes(bytes)).toEqual({ ok: true, text: 'Työkeskus – Paja;Šimiž;“€”', encoding: 'windows-1252' });
  });

  it('reads UTF-16 with a byte order mark (Excel "Unicode-teksti"), both byte orders', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('nimi\tkieli\nÖhman\tsv', 'utf16le')]);
    expect(decodeCsvBytes(le)).toEqual({ ok: true, text: 'nimi\tkieli\nÖhman\tsv', encoding: 'utf-16le' });
    const be = Buffer.from(Buffer.from('Öhman', 'utf16le')).swap16();
    expect(decodeCsvBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({ ok: true, text: 'Öhman', encoding: 'utf-16be' });
  });

  it('refuses a picture, UTF-16 without a byte order mark and a zip as not text', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(decodeCsvBytes(png)).toEqual({ ok: false, problem: 'notText' });
    expect(decodeCsvBytes(Buffer.from('nimi;kieli\nMatti;fi', 'utf16le'))).toEqual({ ok: false, problem: 'notText' });
    expect(decodeCsvBytes(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))).toEqual({ ok: false, problem: 'notText' });
    // A byte Windows-1252 leaves unassigned (0x81) is no text either.
    expect(decodeCsvBytes(Uint8Array.from([0x41, 0x81, 0x42]))).toEqual({ ok: false, problem: 'notText' });
  });

  it('stores names typed on a Mac (decomposed ä) the same way as on Windows', () => {
    const decomposed = 'A\u0308a\u0308nekoski';
    const decoded = decodeCsvBytes(utf8(decomposed));
    expect(decoded.ok && decoded.text).toBe('Äänekoski');
  });
});

describe('detectSeparator', () => {
  it('picks the separator of the header line', () => {
    expect(detectSeparator('nimi;kutsumanimi;kieli\nA, B;C;fi')).toBe(';');
    expect(detectSeparator('name,preferred name,language\nA;B,C,fi')).toBe(',');
    expect(detectSeparator('nimi\tkieli')).toBe('\t');
    expect(detectSeparator('"nimi;x",kieli,yksikkö')).toBe(',');
    expect(detectSeparator('nimi')).toBe(';');
  });
});

describe('parseCsv', () => {
  it('splits by ; and by ,', () => {
    expect(cells('a;b;c\n1;2;3')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
    expect(cells('a,b,c\n1,2,3')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
  });

  it('reads quoted fields with separators, quotes and line ends inside', () => {
    expect(cells('nimi;kieli\n"Virtanen; Matti";"fi"\n"Sanoi ""hei""";sv\n"Kaksi\r\nriviä";en')).toEqual([
      ['nimi', 'kieli'],
      ['Virtanen; Matti', 'fi'],
      ['Sanoi "hei"', 'sv'],
      ['Kaksi\r\nriviä', 'en'],
    ]);
    expect(cells('a,b\n"x, y",""')).toEqual([['a', 'b'], ['x, y', '']]);
  });

  it('accepts CRLF, LF and CR line ends, and a last line with or without one', () => {
    expect(cells('a;b\r\n1;2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(cells('a;b\r1;2')).toEqual([['a', 'b'], ['1', '2']]);
    expect(cells('a;b\n1;2')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('leaves out empty lines and rows of empty fields, and keeps the line number of each record', () => {
    const parsed = parseCsv('nimi;kieli\r\n\r\nMatti;fi\r\n;;\r\n  ;\r\n"Aino\nLaine";sv\r\nJukka;en\r\n\r\n');
    expect(parsed).toEqual({
      ok: true,
      separator: ';',
      records: [
        { line: 1, cells: ['nimi', 'kieli'] },
        { line: 3, cells: ['Matti', 'fi'] },
        { line: 6, cells: ['Aino\nLaine', 'sv'] },
        { line: 8, cells: ['Jukka', 'en'] },
      ],
    });
  });

  it('keeps a quote inside an unquoted field, and text after a closing quote', () => {
    expect(cells('a;b\nO"Brien;"x"y')).toEqual([['a', 'b'], ['O"Brien', 'xy']]);
  });

  it('reports a quote that is never closed, with the line where it opened', () => {
    expect(parseCsv('nimi;kieli\nMatti;fi\n"Aino;sv\nJukka;en')).toEqual({ ok: false, problem: 'unclosedQuote', line: 3 });
  });

  it('reads an empty text as no records', () => {
    expect(parseCsv('')).toEqual({ ok: true, separator: ';', records: [] });
    expect(parseCsv('\r\n\r\n')).toEqual({ ok: true, separator: ';', records: [] });
  });
});
