/**
 * Importing clients from a CSV file (/admin/import), in real Chromium: a file with errors is
 * listed row by row and saves nothing; an Excel (Windows-1252) file and a UTF-8 file are
 * previewed and imported with ä, ö and å intact, their named workers and audit rows; a double
 * tap and a resent form create nothing more; another unit's admin cannot see the result; bad
 * files (none, empty, a picture, 20 MB, garbage posts) get an error and never a 500; axe on the
 * page, the preview and the result.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickAndWait, path, STAFF, useBrowser } from '../helpers/browser';
import { querySql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { expectNoAxeViolations } from '../helpers/axe';

const fixture = useBrowser();
const { server } = useServerWithClients();

const HEADER = 'nimi;kutsumanimi;kieli;yksikkö;omaohjaajan sähköposti';
/** The bytes Excel on a Finnish Windows writes: one byte a letter (Windows-1252 = Latin-1 for these). */
const excelBytes = (text: string) => Buffer.from(text, 'latin1');

async function importPage(email: string = STAFF.admin): Promise<Page> {
  const page = await fixture.signedIn(server.baseUrl, { email }, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.baseUrl}/admin/import`);
  return page;
}

/** Chooses a file (or none) and presses Esikatsele; returns the HTTP status of the answer. */
async function upload(page: Page, file: { name: string; buffer: Buffer; mimeType?: string } | null): Promise<number> {
  // A 20 MB file goes to the browser over the DevTools connection as base64: on a busy machine
  // that alone can take longer than an action's usual 15 s.
  if (file) await page.setInputFiles('#file', { mimeType: 'text/csv', ...file }, { timeout: 60_000 });
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/admin/import');
  await clickAndWait(page, page.getByRole('button', { name: 'Esikatsele' }));
  return (await answer).status();
}

/** Posts a form from inside the page (with its cookies), as a resent or forged form would come. */
function postFromPage(page: Page, fields: Record<string, string>): Promise<number> {
  return page.evaluate(async (body) => (await fetch('/admin/import', { method: 'POST', body: new URLSearchParams(body), redirect: 'manual' })).status, fields);
}

async function counts() {
  const [row] = await querySql<{ clients: number; links: number; audits: number }>(
    server.dbFile,
    "SELECT (SELECT COUNT(*) FROM people WHERE role = 'client') AS clients, (SELECT COUNT(*) FROM client_workers) AS links, (SELECT COUNT(*) FROM admin_audit) AS audits",
  );
  return row;
}

const rowText = async (page: Page, line: number) => (await page.locator(`#row-${line}`).textContent()) ?? '';

describe('client import', () => {
  it('lists every error of a file by row, offers no import and saves nothing', async () => {
    const page = await importPage();
    expect(await page.locator('nav a[href="/admin/import"]').textContent()).toBe('Tuo asiakkaita');
    expect((await page.locator('pre.import-example').textContent())?.toLowerCase()).toContain(HEADER);
    await expectNoAxeViolations(page, { client: false });

    const before = await counts();
    const file = [
      HEADER,
      'Aino Virhe;;fi;Tuntematon Yksikkö;',
      'Eino Virhe;;fi;;sanna.sivu@demo.omapolku.fi',
      'Oona Virhe;;klingon;;',
      ';Nimetön;fi;;',
      'Kaisa Kunnossa;;fi;Työkeskus Pajakulma;liisa.ohjaaja@demo.omapolku.fi',
      'Veera Virhe;;fi;Avotyöpiste Kivijalka;',
    ].join('\r\n');
    expect(await upload(page, { name: 'virheelliset.csv', buffer: Buffer.from(file, 'utf8') })).toBe(400);
    expect(await page.title()).toMatch(/^Virhe: /);
    expect(await rowText(page, 2)).toContain('Yksikköä ”Tuntematon Yksikkö” ei löydy.');
    expect(await rowText(page, 3)).toContain('”sanna.sivu@demo.omapolku.fi” ei ole yksikön Työkeskus Pajakulma ohjaajan sähköposti.');
    expect(await rowText(page, 4)).toContain('Kieltä ”klingon” ei tunneta.');
    expect(await rowText(page, 5)).toContain('Nimi puuttuu.');
    expect(await rowText(page, 6)).toContain('Kunnossa');
    expect(await rowText(page, 7)).toContain('Yksikkö ”Avotyöpiste Kivijalka” ei ole sinun yksikkösi.');
    // The summary at the top names each error with its row and leads to it.
    const summary = page.locator('#error-summary li a');
    expect(await summary.evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['#row-2', '#row-3', '#row-4', '#row-5', '#row-7']);
    expect(await summary.first().textContent()).toContain('Rivi 2: Yksikköä');
    expect(await page.locator('main').textContent()).toContain('5 rivillä on virheitä.');
    // No way to import this file: no button, and a forged commit is refused.
    expect(await page.locator('input[name=ticket]').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Tuo / }).count()).toBe(0);
    expect(await postFromPage(page, { action: 'commit', ticket: 'eyJhZG1pbklkIjoxfQ.forged' })).toBe(400);
    await expectNoAxeViolations(page, { client: false });
    expect(await counts()).toEqual(before);
  });

  it('imports an Excel (Windows-1252) file: preview, import once despite a double tap and a resend, the result with links', async () => {
    const page = await importPage();
    const file = excelBytes(
      [HEADER, 'Äänekoski Sjöström;Äijä;suomi;Työkeskus Pajakulma;liisa.ohjaaja@demo.omapolku.fi', 'Öhman Åsa;;ruotsi;;PEKKA.VALMENTAJA@demo.omapolku.fi', ''].join('\r\n'),
    );
    expect(file.includes(Buffer.from([0xc4, 0xe4]))).toBe(true); // "Ää" really as Windows-1252 bytes
    expect(await upload(page, { name: 'asiakkaat-excel.csv', buffer: file })).toBe(200);
    expect(await page.locator('#preview-heading').textContent()).toBe('Esikatselu: asiakkaat-excel.csv');
    expect(await page.locator('main').textContent()).toContain('Merkistö: Windows-1252 (Excel). Erotin: puolipiste.');
    expect(await rowText(page, 2)).toMatch(/Äänekoski Sjöström.*Äijä.*suomi.*Työkeskus Pajakulma.*Liisa Ohjaaja.*Kunnossa/);
    expect(await rowText(page, 3)).toMatch(/Öhman Åsa.*Öhman.*ruotsi.*Työkeskus Pajakulma.*Pekka Valmentaja/);
    await expectNoAxeViolations(page, { client: false });

    const before = await counts();
    const ticket = await page.locator('input[name=ticket]').inputValue();
    // A double tap: the same form twice at once, then the button itself.
    expect(await Promise.all([postFromPage(page, { action: 'commit', ticket }), postFromPage(page, { action: 'commit', ticket })])).toEqual([0, 0]);
    await clickAndWait(page, page.getByRole('button', { name: 'Tuo 2 asiakasta' }));
    expect(path(page)).toMatch(/^\/admin\/import\?done=\d+$/);
    expect(await page.locator('.notice.ok').textContent()).toBe('2 asiakasta tuotu.');
    expect(await page.locator('main').textContent()).toContain('tarvitsee kirjautumiskortin');
    await expectNoAxeViolations(page, { client: false });

    const created = await querySql<{ id: number; full_name: string; preferred_name: string; language: string; unit: string; worker: string }>(
      server.dbFile,
      `SELECT p.id, p.full_name, p.preferred_name, p.language, u.name AS unit, w.email AS worker
         FROM people p JOIN units u ON u.id = p.unit_id
         JOIN client_workers cw ON cw.client_id = p.id AND cw.kind = 'named' JOIN people w ON w.id = cw.worker_id
        WHERE p.full_name IN ('Äänekoski Sjöström', 'Öhman Åsa') ORDER BY p.id`,
    );
    expect(created.map(({ id: _id, ...c }) => c)).toEqual([
      { full_name: 'Äänekoski Sjöström', preferred_name: 'Äijä', language: 'fi', unit: 'Työkeskus Pajakulma', worker: 'liisa.ohjaaja@demo.omapolku.fi' },
      { full_name: 'Öhman Åsa', preferred_name: 'Öhman', language: 'sv', unit: 'Työkeskus Pajakulma', worker: 'pekka.valmentaja@demo.omapolku.fi' },
    ]);
    expect(await counts()).toEqual({ clients: before.clients + 2, links: before.links + 2, audits: before.audits + 3 });
    const [importAudit] = await querySql<{ actor: string; target_type: string; new_value: string }>(
      server.dbFile,
      "SELECT p.email AS actor, a.target_type, a.new_value FROM admin_audit a JOIN people p ON p.id = a.actor_id WHERE a.action = 'import clients' ORDER BY a.id DESC LIMIT 1",
    );
    expect(importAudit.actor).toBe(STAFF.admin);
    expect(importAudit.target_type).toBe('import');
    expect(JSON.parse(importAudit.new_value)).toMatchObject({ count: 2, file_name: 'asiakkaat-excel.csv', client_ids: created.map((c) => c.id) });

    // The result links to each new client's record, which the admin may open.
    for (const c of created) {
      expect(await page.locator(`a[href="/worker/clients/${c.id}"]`).textContent()).toBe(c.full_name);
      // …and to their person page, where the login card is made.
      expect(await page.locator(`a[href="/admin/people/${c.id}"]`).textContent()).toBe(`Henkilösivu: ${c.full_name}`);
    }
    // Resending the form (the back button and Tuo again) creates nothing and leads to the same result.
    expect(await postFromPage(page, { action: 'commit', ticket })).toBe(0);
    expect(await counts()).toEqual({ clients: before.clients + 2, links: before.links + 2, audits: before.audits + 3 });
    const resultPath = path(page);
    await clickAndWait(page, page.locator(`a[href="/worker/clients/${created[0].id}"]`));
    expect(await page.locator('h1').textContent()).toContain('Äänekoski Sjöström');
    await page.goto(`${server.baseUrl}/admin/people/${created[1].id}`);
    expect(await page.locator('h1').textContent()).toBe('Öhman Åsa');

    // Another unit's admin finds no result behind the same address, and no names.
    const other = await importPage(STAFF.adminB);
    await other.goto(server.baseUrl + resultPath);
    const otherSees = (await other.locator('main').textContent()) ?? '';
    for (const c of created) expect(otherSees).not.toContain(c.full_name);
    // Nor can they use Helena's ticket.
    expect(await postFromPage(other, { action: 'commit', ticket })).toBe(400);
    expect((await counts()).clients).toBe(before.clients + 2);
  });

  it('imports a UTF-8 file without a byte order mark, with , as the separator, English headers and a quoted name', async () => {
    const page = await importPage();
    const file = ['Name,Preferred name,Language,Unit,Named worker email', '"Sjöström, Väinö Öljy",Väinö,en,,liisa.ohjaaja@demo.omapolku.fi', 'Ärrä Åkerlund,,,,'].join('\n');
    expect(await upload(page, { name: 'clients.csv', buffer: Buffer.from(file, 'utf8') })).toBe(200);
    expect(await page.locator('main').textContent()).toContain('Merkistö: UTF-8. Erotin: pilkku.');
    expect(await rowText(page, 3)).toContain('ei omaohjaajaa');
    await clickAndWait(page, page.getByRole('button', { name: 'Tuo 2 asiakasta' }));
    expect(await page.locator('.notice.ok').textContent()).toBe('2 asiakasta tuotu.');
    const rows = await querySql<{ full_name: string; preferred_name: string; language: string; workers: number }>(
      server.dbFile,
      "SELECT full_name, preferred_name, language, (SELECT COUNT(*) FROM client_workers WHERE client_id = p.id) AS workers FROM people p WHERE full_name IN ('Sjöström, Väinö Öljy', 'Ärrä Åkerlund') ORDER BY id",
    );
    expect(rows).toEqual([
      { full_name: 'Sjöström, Väinö Öljy', preferred_name: 'Väinö', language: 'en', workers: 1 },
      { full_name: 'Ärrä Åkerlund', preferred_name: 'Ärrä', language: 'fi', workers: 0 },
    ]);
  });

  // One language a test.
  it.each([
    ['sv', 'Importera 1 klient'],
    ['en', 'Import 1 client'],
  ] as const)('reads as well in %s: every string there, axe on the preview and the result', async (lang, commit) => {
    const page = await importPage(STAFF.adminB);
    // (Olli's own language is saved on his account; Helena stays Finnish for the other tests.)
    expect(await page.evaluate(async (body) => (await fetch('/settings/language', { method: 'POST', body: new URLSearchParams(body), redirect: 'manual' })).status, { lang })).toBe(0);
    await page.goto(`${server.baseUrl}/admin/import`);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    const withErrors = ['namn;språk;enhet;egen handledares e-post', ';fi;;', `Bo ${lang};klingon;Työkeskus Pajakulma;liisa.ohjaaja@demo.omapolku.fi`, 'Lisa;;;sanna.sivu@demo.omapolku.fi', 'lisa;;;'].join('\n');
    await page.setInputFiles('#file', { name: `${lang}.csv`, mimeType: 'text/csv', buffer: Buffer.from(withErrors, 'utf8') });
    await clickAndWait(page, page.locator('form[enctype] button[type=submit]'));
    // A key without a string shows as its own path ("import.errors…"): none may be left.
    expect(await page.locator('main').textContent()).not.toMatch(/\bimport\.[a-zA-Z]/);
    expect(await page.locator('#error-summary li').count()).toBe(5);
    await expectNoAxeViolations(page, { client: false });
    await page.setInputFiles('#file', { name: `${lang}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`name\nÅsa Öberg ${lang}`, 'utf8') });
    await clickAndWait(page, page.locator('form[enctype] button[type=submit]'));
    await clickAndWait(page, page.getByRole('button', { name: commit }));
    expect(path(page)).toMatch(/^\/admin\/import\?done=\d+$/);
    expect(await page.locator('main').textContent()).not.toMatch(/\bimport\.[a-zA-Z]/);
    await expectNoAxeViolations(page, { client: false });
  });

  it('answers no file, an empty file, a picture, a 20 MB file and garbage posts with an error next to the field', async () => {
    const page = await importPage();
    const before = await counts();
    const fileError = async () => (await page.locator('#file-error').textContent()) ?? '';

    expect(await upload(page, null)).toBe(400);
    // (The hidden "Virhe: " tells a screen reader the line is an error.)
    expect(await fileError()).toBe('Virhe: Valitse tiedosto.');
    await expectNoAxeViolations(page, { client: false });

    expect(await upload(page, { name: 'tyhja.csv', buffer: Buffer.alloc(0) })).toBe(400);
    expect(await fileError()).toBe('Virhe: Tiedosto on tyhjä.');

    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    expect(await upload(page, { name: 'kuva.csv', buffer: png })).toBe(400);
    expect(await fileError()).toContain('Tiedosto ei ole CSV-tekstitiedosto.');
    expect(await page.locator('#error-summary').textContent()).toContain('Tiedosto ei ole CSV-tekstitiedosto.');

    expect(await upload(page, { name: 'iso.csv', buffer: Buffer.alloc(20_000_000, 'Aino;fi\n') })).toBe(400);
    expect(await fileError()).toContain('Tiedosto on liian suuri.');

    expect(await upload(page, { name: 'sarakkeet.csv', buffer: Buffer.from('nimi;puhelin\nAino;040 123', 'utf8') })).toBe(400);
    expect(await fileError()).toContain('Tuntematon sarake ”puhelin”.');
    await expectNoAxeViolations(page, { client: false });

    // Excel's "Unicode-teksti" (UTF-16 with a byte order mark, tab-separated) reads too.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('nimi\tkieli\r\nÖljy Äimä\tsv\r\n', 'utf16le')]);
    expect(await upload(page, { name: 'unicode.txt', buffer: utf16, mimeType: 'text/plain' })).toBe(200);
    expect(await rowText(page, 2)).toContain('Öljy Äimä');

    const garbage: [string, Record<string, string>, string][] = [
      ['not multipart at all', { 'content-type': 'multipart/form-data; boundary=x' }, 'no file'],
      ['action=commit&ticket=' + 'x'.repeat(10_000), { 'content-type': 'application/x-www-form-urlencoded' }, 'junk ticket'],
      ['action=commit', { 'content-type': 'application/x-www-form-urlencoded' }, 'no ticket'],
      ['file=just-text', { 'content-type': 'application/x-www-form-urlencoded' }, 'file as text'],
    ];
    for (const [body, headers, what] of garbage) {
      const status = await page.evaluate(async ({ body, headers }) => (await fetch('/admin/import', { method: 'POST', body, headers, redirect: 'manual' })).status, { body, headers });
      expect(status, what).toBe(400);
    }
    expect(await counts()).toEqual(before);
  }, 180_000);
});
