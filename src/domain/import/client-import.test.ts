import { describe, expect, it } from 'vitest';
import { headerKey, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, previewClientCsv, previewClientCsvText, type ImportContext } from './client-import';

const ctx: ImportContext = {
  unit: { id: 7, name: 'Työkeskus Pajakulma' },
  otherUnitNames: ['Avotyöpiste Kivijalka'],
  workers: [
    { id: 21, email: 'liisa.ohjaaja@demo.omapolku.fi', fullName: 'Liisa Ohjaaja' },
    { id: 22, email: 'Pekka.Valmentaja@demo.omapolku.fi', fullName: 'Pekka Valmentaja' },
  ],
  clientNames: ['Matti Virtanen'],
};
const HEADER = 'nimi;kutsumanimi;kieli;yksikkö;omaohjaajan sähköposti';
const preview = (...lines: string[]) => previewClientCsvText(lines.join('\r\n'), ctx);
const errorsOf = (...lines: string[]) => preview(HEADER, ...lines).rows.map((r) => r.errors);

describe('client CSV import: columns', () => {
  it('reads Finnish headers and creates what each row says', () => {
    const result = preview(HEADER, 'Aino Äänekoski;Aikku;ruotsi;Työkeskus Pajakulma;liisa.ohjaaja@demo.omapolku.fi', 'Jussi Öhman;;en;;pekka.valmentaja@demo.omapolku.fi');
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.client, r.unitName, r.workerName])).toEqual([
      [2, { unitId: 7, fullName: 'Aino Äänekoski', preferredName: 'Aikku', language: 'sv', namedWorkerId: 21, asiakasnumero: null }, 'Työkeskus Pajakulma', 'Liisa Ohjaaja'],
      // No preferred name: the first name; no unit: the admin's own; email in any case.
      [3, { unitId: 7, fullName: 'Jussi Öhman', preferredName: 'Jussi', language: 'en', namedWorkerId: 22, asiakasnumero: null }, 'Työkeskus Pajakulma', 'Pekka Valmentaja'],
    ]);
  });

  it('reads English and Swedish headers in any order, with , as the separator and only a name required', () => {
    const english = previewClientCsvText('Named_Worker_Email,Name,Language\r\nliisa.ohjaaja@demo.omapolku.fi,Ville Sjöström,fi\r\n', ctx);
    expect(english.separator).toBe(',');
    expect(english.rows[0].client).toEqual({ unitId: 7, fullName: 'Ville Sjöström', preferredName: 'Ville', language: 'fi', namedWorkerId: 21, asiakasnumero: null });
    const swedish = previewClientCsvText('Namn;Språk;Enhet\nÅsa Öhman;svenska;työkeskus  pajakulma', ctx);
    expect(swedish.rows[0].client).toEqual({ unitId: 7, fullName: 'Åsa Öhman', preferredName: 'Åsa', language: 'sv', namedWorkerId: null, asiakasnumero: null });
    // Only the name: Finnish and no named worker (a warning, not an error).
    const nameOnly = previewClientCsvText('NIMI\nMaija Mallikas', ctx);
    expect(nameOnly.rows[0]).toMatchObject({ client: { language: 'fi', namedWorkerId: null, asiakasnumero: null }, warnings: ['noWorker'], errors: [] });
    expect(headerKey(' Omaohjaajan  sähköposti: ')).toBe('omaohjaajan sähköposti');
  });

  it('refuses a file with an unknown, repeated or missing column before reading any row', () => {
    expect(previewClientCsvText('nimi;kutsumanimi;puhelin\nA;B;040', ctx)).toMatchObject({ ok: false, problems: [{ code: 'unknownColumn', header: 'puhelin' }], rows: [] });
    expect(previewClientCsvText('nimi;name\nA;B', ctx).problems).toEqual([{ code: 'duplicateColumn', header: 'name' }]);
    expect(previewClientCsvText('kieli;yksikkö\nfi;X', ctx).problems).toEqual([{ code: 'missingNameColumn' }]);
  });

  it('refuses an empty file, a header without rows, too many rows and an open quote', () => {
    expect(previewClientCsvText('\r\n', ctx).problems).toEqual([{ code: 'noRows' }]);
    expect(previewClientCsvText(`${HEADER}\r\n;;;;\r\n`, ctx).problems).toEqual([{ code: 'noRows' }]);
    const many = [HEADER, ...Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => `Asiakas ${i}`)].join('\n');
    expect(previewClientCsvText(many, ctx).problems).toEqual([{ code: 'tooManyRows', count: IMPORT_MAX_ROWS + 1 }]);
    const justEnough = [HEADER, ...Array.from({ length: IMPORT_MAX_ROWS }, (_, i) => `Asiakas ${i}`)].join('\n');
    expect(previewClientCsvText(justEnough, ctx).ok).toBe(true);
    expect(previewClientCsvText(`${HEADER}\n"Aino;sv`, ctx).problems).toEqual([{ code: 'unclosedQuote', line: 2 }]);
  });
});

describe('client CSV import: asiakasnumero', () => {
  it('reads the client number, and refuses one the unit has already or one twice in the file', () => {
    const withNumbers: ImportContext = { ...ctx, asiakasnumerot: ['A-1'] };
    const result = previewClientCsvText(['nimi;asiakasnumero', 'Aino Laine;100245', 'Eero Koski;', 'Olli Pelto;A-1', 'Ville Mäki; 100245 '].join('\n'), withNumbers);
    expect(result.rows.map((r) => r.client?.asiakasnumero ?? null)).toEqual(['100245', null, null, null]);
    expect(result.rows.map((r) => r.errors)).toEqual([[], [], [{ code: 'asiakasnumeroTaken' }], [{ code: 'asiakasnumeroDuplicate', line: 2 }]]);
    expect(previewClientCsvText('Name;Client number\nX Y;' + '9'.repeat(31), ctx).rows[0].errors).toEqual([{ code: 'tooLong', column: 'asiakasnumero', max: 30 }]);
  });
});

describe('client CSV import: row errors', () => {
  it('finds a missing name', () => {
    expect(errorsOf(';Aikku;fi;;', '   ;;;;liisa.ohjaaja@demo.omapolku.fi')).toEqual([[{ code: 'nameMissing' }], [{ code: 'nameMissing' }]]);
  });

  it('accepts fi, sv, en and their names in Finnish, Swedish and English, and nothing else', () => {
    const ok = ['fi', 'SV', 'en', 'suomi', 'Ruotsi', 'englanti', 'finska', 'English'].map((l, i) => `Asiakas ${i};;${l};;`);
    expect(errorsOf(...ok).flat()).toEqual([]);
    expect(errorsOf('A;;saksa;;', 'B;;de;;')).toEqual([[{ code: 'languageUnknown' }], [{ code: 'languageUnknown' }]]);
  });

  it('tells an unknown unit from a unit the admin does not manage', () => {
    expect(errorsOf('A;;fi;Työkeskus Pajakulma;', 'B;;fi;Pajakulma;', 'C;;fi;Avotyöpiste Kivijalka;')).toEqual([[], [{ code: 'unitUnknown' }], [{ code: 'unitNotYours' }]]);
  });

  it('accepts only a worker of the unit as the named worker', () => {
    expect(errorsOf('A;;fi;;sanna.sivu@demo.omapolku.fi', 'B;;fi;;helena.vastaava@demo.omapolku.fi', 'C;;fi;;ei-sahkoposti')).toEqual([
      [{ code: 'workerNotInUnit' }],
      [{ code: 'workerNotInUnit' }],
      [{ code: 'workerNotInUnit' }],
    ]);
  });

  it('finds a name twice in the file (case and spaces aside) and points at the first', () => {
    const result = preview(HEADER, 'Aino Laine;;fi;;', 'Jukka Niemi;;fi;;', 'aino  LAINE;;sv;;');
    expect(result.ok).toBe(false);
    expect(result.rows.map((r) => r.errors)).toEqual([[], [], [{ code: 'duplicate', line: 2 }]]);
  });

  it('warns, without refusing, of a name the unit already has', () => {
    const result = preview(HEADER, 'matti virtanen;;fi;;liisa.ohjaaja@demo.omapolku.fi');
    expect(result.ok).toBe(true);
    expect(result.rows[0].warnings).toEqual(['sameNameInUnit']);
  });

  it('refuses values too long for their column instead of cutting them', () => {
    const long = 'A'.repeat(121);
    const result = preview(HEADER, `${long};${'B'.repeat(61)};fi;${'C'.repeat(121)};${'d'.repeat(250)}@x.fi`);
    expect(result.rows[0].errors).toEqual([
      { code: 'tooLong', column: 'name', max: 120 },
      { code: 'tooLong', column: 'preferredName', max: 60 },
      { code: 'tooLong', column: 'unit', max: 120 },
      { code: 'tooLong', column: 'workerEmail', max: 254 },
    ]);
    expect(preview(HEADER, `${'A'.repeat(120)};;;;`).ok).toBe(true);
  });

  it('finds a value without a column (a name with an unquoted separator), and a broken character', () => {
    expect(errorsOf('Virtanen; Matti;Matti;fi;;liisa.ohjaaja@demo.omapolku.fi').map((e) => e.map((x) => x.code))).toEqual([['extraField', 'languageUnknown', 'unitUnknown']]);
    expect(errorsOf('J\uFFFDrvinen;;fi;;')).toEqual([[{ code: 'brokenCharacter', column: 'name' }]]);
    // Empty trailing fields (Excel's ;;;) are no error.
    expect(errorsOf('Aino;;fi;;;;;')).toEqual([[]]);
  });

  it('gives a quoted name with the separator and a line end as one line of text', () => {
    const result = preview(HEADER, '"Virtanen; Matti\r\nJuhani";Matti;fi;;');
    expect(result.rows[0].client?.fullName).toBe('Virtanen; Matti Juhani');
  });

  it('lists every error of a row and still reads the other rows', () => {
    const result = preview(HEADER, ';;klingon;Kivijalka;nobody@x.fi', 'Aino Laine;;;;');
    expect(result.rows[0].errors.map((e) => e.code)).toEqual(['nameMissing', 'languageUnknown', 'unitUnknown', 'workerNotInUnit']);
    expect(result.rows[1].client?.fullName).toBe('Aino Laine');
  });
});

describe('client CSV import: files', () => {
  const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

  it('reads a Windows-1252 file and a UTF-8 file with a byte order mark to the same rows', () => {
    const text = `${HEADER}\r\nÄänekoski Sjöström;Åke;suomi;;liisa.ohjaaja@demo.omapolku.fi\r\n`;
    const fromExcel = previewClientCsv(latin1(text), ctx);
    const fromUtf8 = previewClientCsv(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]), ctx);
    expect(fromExcel.encoding).toBe('windows-1252');
    expect(fromUtf8.encoding).toBe('utf-8');
    expect(fromExcel.rows[0].client).toEqual({ unitId: 7, fullName: 'Äänekoski Sjöström', preferredName: 'Åke', language: 'fi', namedWorkerId: 21, asiakasnumero: null });
    expect(fromUtf8.rows).toEqual(fromExcel.rows);
    // The text handed back for the commit step is the decoded one, without the byte order mark.
    expect(fromUtf8.text).toBe(text);
  });

  it('refuses an empty file, a too big file and a file that is not text', () => {
    expect(previewClientCsv(new Uint8Array(), ctx).problems).toEqual([{ code: 'emptyFile' }]);
    expect(previewClientCsv(new Uint8Array(IMPORT_MAX_BYTES + 1).fill(0x41), ctx).problems).toEqual([{ code: 'tooBig' }]);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(previewClientCsv(png, ctx)).toMatchObject({ ok: false, problems: [{ code: 'notText' }] });
  });
});
