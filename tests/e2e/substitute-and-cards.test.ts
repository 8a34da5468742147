/**
 * Issue 15, points 12 and 13, in the browser.
 *
 * 12. A worker names a colleague of their own unit as substitute for their holiday
 *     (/worker/substitute): the colleague opens the worker's clients only on those days, the
 *     admin sees the unit's covers (/admin/covers) and ends one after a question; a worker of
 *     another unit is not offered, and a forged post naming one is refused.
 * 13. The admin's client list shows the sign-in state and filters by it (a GET form); "Tulosta
 *     kortit" makes the cards of the chosen clients in one post, after a CSV import and from the
 *     client list, prints each card on its own A6 page (page.pdf), makes one set of cards for a
 *     double tap or a resent form, and asks first for a client whose card is in use.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickAndWait, h1, STAFF, useBrowser } from '../helpers/browser';
import { querySql, runSql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { expectNoAxeViolations } from '../helpers/axe';
import { addDays } from '@domain/attendance/month';
import { todayInHelsinki } from '@domain/time/helsinki';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();
const wide = { viewport: { width: 1366, height: 900 } };
const as = (email: string, javaScriptEnabled = true) => fixture.signedIn(server.baseUrl, { email }, { ...wide, javaScriptEnabled });
const one = async <T>(sql: string, params: unknown[] = []) => (await querySql<T>(server.dbFile, sql, params))[0];
const idOf = async (email: string) => (await one<{ id: number }>('SELECT id FROM people WHERE email = ?', [email])).id;

/** The status of a GET of `path` by the person of `page` (their cookies), without following redirects (a redirect reads as 0). */
const statusOf = (page: Page, path: string) => page.evaluate(async (p) => (await fetch(p, { redirect: 'manual' })).status, path);
/** Posts a form from inside the page, as a resent or forged form would come; the status and the page's text. */
const postFrom = (page: Page, path: string, fields: [string, string][]) =>
  page.evaluate(async ([p, body]) => {
    const r = await fetch(p, { method: 'POST', body: new URLSearchParams(body), redirect: 'manual' });
    return { status: r.status, text: await r.text() };
  }, [path, fields] as const);

/** Fills in and sends the "Nimeä sijainen" form. */
async function nameSubstitute(page: Page, substitute: string, from: string, to: string): Promise<void> {
  await page.goto(`${server.baseUrl}/worker/substitute`);
  await page.getByLabel('Sijainen', { exact: true }).selectOption({ label: substitute });
  await page.getByLabel('Ensimmäinen päivä').fill(from);
  await page.getByLabel('Viimeinen päivä').fill(to);
  await clickAndWait(page, page.getByRole('button', { name: 'Nimeä sijainen' }));
}

/** Pages and their sizes in a PDF made by Chromium (one /Type /Page object each, with its MediaBox). */
function pdfPages(pdf: Buffer): { width: number; height: number }[] {
  const text = pdf.toString('latin1');
  const pages = [...text.matchAll(/\/Type\s*\/Page(?![a-zA-Z])[\s\S]*?(?=endobj)/g)].map((m) => m[0]);
  return pages.map((p) => {
    const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(p);
    if (!box) throw new Error('a page without its MediaBox');
    return { width: Number(box[3]) - Number(box[1]), height: Number(box[4]) - Number(box[2]) };
  });
}
// A6 is 105 × 148 mm: 297.6 × 419.5 points.
const A6 = { width: (105 / 25.4) * 72, height: (148 / 25.4) * 72 };
const isA6 = (p: { width: number; height: number }) => Math.abs(p.width - A6.width) < 1.5 && Math.abs(p.height - A6.height) < 1.5;

describe('a substitute for a holiday (point 12)', () => {
  it('Liisa names Pekka for days covering today: Pekka opens her client until the admin ends the cover', async () => {
    const today = todayInHelsinki();
    const pekkaId = await idOf(STAFF.substitute);
    const liisa = await as(STAFF.worker);
    const pekka = await as(STAFF.substitute);
    const mattiPage = `/worker/clients/${ids.matti}`;
    expect(await statusOf(pekka, mattiPage)).toBe(403);

    // The home page leads to the form; a worker of another unit is not offered, nor Liisa herself.
    await liisa.goto(`${server.baseUrl}/worker`);
    await clickAndWait(liisa, liisa.getByRole('link', { name: 'Nimeä sijainen lomasi ajaksi' }));
    expect(await h1(liisa)).toBe('Sijainen lomalleni');
    const offered = await liisa.locator('#sub_worker option').allTextContents();
    expect(offered).toContain('Pekka Valmentaja');
    expect(offered).not.toContain('Sanna Sivu');
    expect(offered).not.toContain('Liisa Ohjaaja');
    await expectNoAxeViolations(liisa, { client: false });

    await nameSubstitute(liisa, 'Pekka Valmentaja', today, addDays(today, 6));
    expect(new URL(liisa.url()).search).toBe('?done=added');
    expect(await liisa.locator('#notice').innerText()).toBe('Sijainen nimettiin.');
    expect(await liisa.locator('[data-covers=mine] tbody tr').count()).toBe(1);
    await expectNoAxeViolations(liisa, { client: false });

    // One cover, one substitute row per client Liisa is named for (Matti and Jukka), its audit row.
    const cover = await one<{ id: number; substitute_id: number; starts_on: string; ends_on: string }>('SELECT id, substitute_id, starts_on, ends_on FROM substitute_covers');
    expect(cover).toMatchObject({ substitute_id: pekkaId, starts_on: today, ends_on: addDays(today, 6) });
    const rows = await querySql<{ client_id: number }>(server.dbFile, "SELECT client_id FROM client_workers WHERE cover_id = ? AND kind = 'substitute' AND worker_id = ? ORDER BY client_id", [cover.id, pekkaId]);
    expect(rows.map((r) => r.client_id).sort()).toEqual([ids.matti, ids.jukka].sort());
    expect((await one<{ n: number }>("SELECT COUNT(*) AS n FROM admin_audit WHERE action = 'add cover' AND target_id = ?", [cover.id])).n).toBe(1);

    // Pekka now opens Matti, and sees the cover on his own page.
    expect(await statusOf(pekka, mattiPage)).toBe(200);
    await pekka.goto(`${server.baseUrl}/worker/substitute`);
    expect(await pekka.locator('[data-covers=for-others]').innerText()).toContain('Liisa Ohjaaja');

    // The admin sees the cover and ends it, asked first (without JavaScript).
    const helena = await as(STAFF.admin, false);
    await helena.goto(`${server.baseUrl}/admin`);
    await clickAndWait(helena, helena.getByRole('link', { name: 'Sijaisuudet lomien ajaksi' }));
    expect(await helena.locator(`[data-cover="${cover.id}"]`).innerText()).toContain('Pekka Valmentaja');
    await clickAndWait(helena, helena.locator(`[data-cover="${cover.id}"] button`));
    expect(await helena.locator('#confirm h3').innerText()).toContain('Pekka Valmentaja ohjaajan Liisa Ohjaaja sijaisena');
    expect(await statusOf(pekka, mattiPage)).toBe(200);
    await clickAndWait(helena, helena.locator('#confirm button.danger'));
    expect(await helena.locator('#notice').innerText()).toBe('Sijaisuus päätettiin.');
    expect(await helena.locator(`[data-cover="${cover.id}"]`).count()).toBe(0);
    expect(await statusOf(pekka, mattiPage)).toBe(403);
    expect(await one('SELECT ended_by FROM substitute_covers WHERE id = ?', [cover.id])).toEqual({ ended_by: await idOf(STAFF.admin) });
    expect((await one<{ n: number }>("SELECT COUNT(*) AS n FROM admin_audit WHERE action = 'end cover' AND target_id = ?", [cover.id])).n).toBe(1);
    // The admin's page with JavaScript, for axe.
    const helenaJs = await as(STAFF.admin);
    await helenaJs.goto(`${server.baseUrl}/admin/covers`);
    await expectNoAxeViolations(helenaJs, { client: false });
  });

  it('a cover gives access only on its days, is made once per form, and the worker can cancel it', async () => {
    const today = todayInHelsinki();
    const liisa = await as(STAFF.worker);
    const pekka = await as(STAFF.substitute);
    await liisa.goto(`${server.baseUrl}/worker/substitute`);
    const key = await liisa.locator('#add-cover input[name=key]').inputValue();
    const pekkaId = String(await idOf(STAFF.substitute));
    const fields: [string, string][] = [['key', key], ['action', 'add'], ['sub_worker', pekkaId], ['starts_on', addDays(today, 2)], ['ends_on', addDays(today, 9)]];
    const covers = async () => (await one<{ n: number }>('SELECT COUNT(*) AS n FROM substitute_covers')).n;
    const before = await covers();
    // A double tap (two at once) and a resend: one cover; each is answered as the first was, with
    // the redirect to the notice (a redirect not followed reads as status 0 in fetch).
    const answers = await Promise.all([postFrom(liisa, '/worker/substitute', fields), postFrom(liisa, '/worker/substitute', fields)]);
    expect(answers.map((a) => a.status)).toEqual([0, 0]);
    expect((await postFrom(liisa, '/worker/substitute', fields)).status).toBe(0);
    expect(await covers()).toBe(before + 1);
    // Not yet: the cover starts the day after tomorrow.
    expect(await statusOf(pekka, `/worker/clients/${ids.matti}`)).toBe(403);
    expect(await statusOf(pekka, `/worker/clients/${ids.jukka}`)).toBe(200); // Jukka's own substitute in the demo

    // Liisa cancels it herself, asked first.
    await liisa.goto(`${server.baseUrl}/worker/substitute`);
    await clickAndWait(liisa, liisa.locator('[data-covers=mine] button'));
    expect(await liisa.locator('#confirm h3').innerText()).toContain('Pekka Valmentaja');
    await expectNoAxeViolations(liisa, { client: false });
    await clickAndWait(liisa, liisa.locator('#confirm button.danger'));
    expect(await liisa.locator('#notice').innerText()).toBe('Sijaisuus päätettiin.');
    // A cover not yet started ends the day before its first day: it never applies.
    const ended = await querySql<{ ends_on: string }>(server.dbFile, 'SELECT cw.ends_on FROM client_workers cw JOIN substitute_covers c ON c.id = cw.cover_id WHERE c.form_key = ?', [key]);
    expect(ended.map((r) => r.ends_on)).toEqual([addDays(today, 1), addDays(today, 1)]);
  });

  it('a worker of another unit is refused: a forged post, and ending a cover of another worker', async () => {
    const today = todayInHelsinki();
    const liisa = await as(STAFF.worker);
    const sanna = await as(STAFF.workerB);
    await liisa.goto(`${server.baseUrl}/worker/substitute`);
    const key = await liisa.locator('#add-cover input[name=key]').inputValue();
    const before = await one<{ covers: number; rows: number }>('SELECT (SELECT COUNT(*) FROM substitute_covers) AS covers, (SELECT COUNT(*) FROM client_workers) AS rows');
    const forged = await postFrom(liisa, '/worker/substitute', [['key', key], ['action', 'add'], ['sub_worker', String(await idOf(STAFF.workerB))], ['starts_on', today], ['ends_on', today]]);
    expect(forged.status).toBe(403);
    // Nor herself, nor the admin.
    expect((await postFrom(liisa, '/worker/substitute', [['key', key], ['action', 'add'], ['sub_worker', String(await idOf(STAFF.worker))], ['starts_on', today], ['ends_on', today]])).status).toBe(403);
    expect((await postFrom(liisa, '/worker/substitute', [['key', key], ['action', 'add'], ['sub_worker', String(await idOf(STAFF.admin))], ['starts_on', today], ['ends_on', today]])).status).toBe(403);
    expect(await one('SELECT (SELECT COUNT(*) FROM substitute_covers) AS covers, (SELECT COUNT(*) FROM client_workers) AS rows')).toEqual(before);

    // A cover of Liisa's: Sanna (another unit) and the other unit's admin cannot end it.
    await nameSubstitute(liisa, 'Pekka Valmentaja', addDays(today, 20), addDays(today, 25));
    const cover = await one<{ id: number }>('SELECT id FROM substitute_covers WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1');
    expect((await postFrom(sanna, '/worker/substitute', [['action', 'end'], ['cover', String(cover.id)], ['confirm', 'yes']])).status).toBe(403);
    const olli = await as(STAFF.adminB);
    expect((await postFrom(olli, '/admin/covers', [['cover', String(cover.id)], ['confirm', 'yes']])).status).toBe(403);
    expect(await one('SELECT ended_at FROM substitute_covers WHERE id = ?', [cover.id])).toEqual({ ended_at: null });
    await olli.goto(`${server.baseUrl}/admin/covers`);
    expect(await olli.locator(`[data-cover="${cover.id}"]`).count()).toBe(0);
  });

  it('the form tells what is wrong: no substitute chosen, the last day before the first', async () => {
    const today = todayInHelsinki();
    const liisa = await as(STAFF.worker, false);
    await liisa.goto(`${server.baseUrl}/worker/substitute`);
    await liisa.getByLabel('Ensimmäinen päivä').fill(addDays(today, 3));
    await liisa.getByLabel('Viimeinen päivä').fill(addDays(today, 1));
    await clickAndWait(liisa, liisa.getByRole('button', { name: 'Nimeä sijainen' }));
    const summary = await liisa.locator('#error-summary').innerText();
    expect(summary).toContain('Valitse sijainen.');
    expect(summary).toContain('Viimeinen päivä ei voi olla ennen ensimmäistä.');
    expect(await liisa.getByLabel('Ensimmäinen päivä').inputValue()).toBe(addDays(today, 3));
  });
});

describe('sign-in states and "Tulosta kortit" (point 13)', () => {
  it('the client list shows each state and filters by it, without JavaScript', async () => {
    // Aino: no card; Jukka: a card but no pictures; Matti: ready. Ville is another unit's.
    await runSql(server.dbFile, [
      ['UPDATE login_cards SET revoked_at = ? WHERE client_id = ? AND revoked_at IS NULL', [Date.now(), ids.aino]],
      ['UPDATE people SET pin_hash = NULL WHERE id = ?', [ids.jukka]],
    ]);
    const helena = await as(STAFF.admin, false);
    await helena.goto(`${server.baseUrl}/admin/clients`);
    const stateOf = async (id: number) => helena.locator(`tr[data-client="${id}"] [data-sign-in]`).innerText();
    expect(await stateOf(ids.aino)).toBe('Ei korttia');
    expect(await stateOf(ids.jukka)).toBe('Kortti tehty, kuvat valitsematta');
    expect(await stateOf(ids.matti)).toBe('Kunnossa');
    const shown = async () => (await helena.locator('tr[data-client]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-client'))))).sort();
    expect(await shown()).toEqual([ids.aino, ids.jukka, ids.matti].sort());

    const filter = async (label: string) => {
      await helena.getByLabel('Kirjautumisen tila').selectOption({ label });
      await clickAndWait(helena, helena.getByRole('button', { name: 'Rajaa', exact: true }));
    };
    await filter('Ei korttia');
    expect(new URL(helena.url()).search).toBe('?state=no_card');
    expect(await shown()).toEqual([ids.aino]);
    await filter('Kortti tehty, kuvat valitsematta');
    expect(await shown()).toEqual([ids.jukka]);
    await filter('Kunnossa');
    expect(await shown()).toEqual([ids.matti]);
    await filter('Lukossa');
    expect(await helena.locator('[data-filter-empty]').count()).toBe(1);
    // Matti locked after failed tries: "Lukossa", which wins over his ready card.
    await runSql(server.dbFile, [['UPDATE people SET failed_sign_ins = 5, locked_until = ? WHERE id = ?', [Date.now() + 3_600_000, ids.matti]]]);
    await helena.reload();
    expect(await shown()).toEqual([ids.matti]);
    expect(await stateOf(ids.matti)).toBe('Lukossa');
    await filter('Kaikki tilat');
    expect(await shown()).toEqual([ids.aino, ids.jukka, ids.matti].sort());
    await runSql(server.dbFile, [['UPDATE people SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?', [ids.matti]]]);

    // The worker's home speaks the same words.
    const liisa = await as(STAFF.worker);
    expect(await liisa.locator('[data-sign-in=no-pin]').innerText()).toBe('Kortti tehty, kuvat valitsematta');
    const helenaJs = await as(STAFF.admin);
    await helenaJs.goto(`${server.baseUrl}/admin/clients?state=no_pictures`);
    await expectNoAxeViolations(helenaJs, { client: false });
  });

  it('after a CSV import, "Tulosta kortit" prints every new client\'s card on its own A6 page, once', async () => {
    const helena = await as(STAFF.admin);
    await helena.goto(`${server.baseUrl}/admin/import`);
    await helena.setInputFiles('#file', { name: 'uudet.csv', mimeType: 'text/csv', buffer: Buffer.from('nimi\nSaara Saarinen\nTeemu Tammi\nUuno Ukkola\n', 'utf8') });
    await clickAndWait(helena, helena.getByRole('button', { name: 'Esikatsele' }));
    await clickAndWait(helena, helena.getByRole('button', { name: 'Tuo 3 asiakasta' }));
    const imported = await querySql<{ id: number }>(server.dbFile, "SELECT id FROM people WHERE full_name IN ('Saara Saarinen', 'Teemu Tammi', 'Uuno Ukkola') ORDER BY id");
    expect(imported).toHaveLength(3);
    // Every new client is chosen already; one is left out.
    const boxes = helena.locator('#card-batch input[name=client]');
    expect(await boxes.count()).toBe(3);
    expect(await boxes.evaluateAll((els) => els.every((e) => (e as HTMLInputElement).checked))).toBe(true);
    await expectNoAxeViolations(helena, { client: false });
    await helena.getByLabel('Valitse Uuno Ukkola').uncheck();
    const key = await helena.locator('#card-batch input[name=key]').inputValue();
    const cards = () => querySql<{ client_id: number; batch_id: number | null }>(server.dbFile, 'SELECT client_id, batch_id FROM login_cards WHERE client_id IN (?, ?, ?) ORDER BY id', imported.map((r) => r.id));

    const posts: string[] = [];
    helena.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/admin/cards') posts.push(r.url());
    });
    await clickAndWait(helena, helena.getByRole('button', { name: 'Tulosta kortit' }));
    expect(posts).toHaveLength(1);
    expect(await h1(helena)).toBe('Tulosta kortit: 2 korttia');
    expect(await helena.locator('.card-batch .login-card').count()).toBe(2);
    expect(await helena.locator('.card-batch .card-name').allInnerTexts()).toEqual(['Saara', 'Teemu']);
    const made = await cards();
    expect(made.map((c) => c.client_id)).toEqual([imported[0].id, imported[1].id]);
    expect(new Set(made.map((c) => c.batch_id)).size).toBe(1);
    expect(made[0].batch_id).not.toBeNull();
    await expectNoAxeViolations(helena, { client: false });

    // The print: one A6 page per card, nothing else.
    const pdf = await helena.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(2);
    expect(pages.every(isA6)).toBe(true);

    // A resent form and a double tap of the same key: no second set of cards.
    const fields: [string, string][] = [['key', key], ['client', String(imported[0].id)], ['client', String(imported[1].id)]];
    const again = await Promise.all([postFrom(helena, '/admin/cards', fields), postFrom(helena, '/admin/cards', fields)]);
    expect(again.map((a) => a.status)).toEqual([409, 409]);
    expect(again[0].text).toContain('Tämä lomake on jo lähetetty');
    expect(again[0].text).not.toContain('data-short-code');
    expect(await cards()).toEqual(made);
    expect((await one<{ n: number }>('SELECT COUNT(*) AS n FROM card_batches WHERE form_key = ?', [key])).n).toBe(1);
    expect((await one<{ n: number }>("SELECT COUNT(*) AS n FROM admin_audit WHERE action = 'issue login cards'")).n).toBe(1);
  });

  it('ten posts of one new form at once make one set of cards', async () => {
    const helena = await as(STAFF.admin);
    await helena.goto(`${server.baseUrl}/admin/cards`);
    const key = await helena.locator('#card-batch input[name=key]').inputValue();
    const uuno = await one<{ id: number }>("SELECT id FROM people WHERE full_name = 'Uuno Ukkola'");
    const answers = await Promise.all(Array.from({ length: 10 }, () => postFrom(helena, '/admin/cards', [['key', key], ['client', String(uuno.id)]])));
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    expect(answers.filter((a) => a.text.includes('data-short-code'))).toHaveLength(1);
    expect((await one<{ n: number }>('SELECT COUNT(*) AS n FROM login_cards WHERE client_id = ?', [uuno.id])).n).toBe(1);
  });

  it('from the client list: a client whose card is in use is asked about first, then all chosen get cards', async () => {
    const helena = await as(STAFF.admin, false);
    await helena.goto(`${server.baseUrl}/admin/clients`);
    const mattiCard = await one<{ id: number }>('SELECT id FROM login_cards WHERE client_id = ? AND revoked_at IS NULL', [ids.matti]);
    const count = async () => (await one<{ n: number }>('SELECT COUNT(*) AS n FROM login_cards')).n;
    const before = await count();

    // Nothing chosen: told so, nothing made.
    await clickAndWait(helena, helena.getByRole('button', { name: 'Tulosta kortit' }));
    expect(await helena.locator('#error-summary').innerText()).toContain('Valitse vähintään yksi asiakas.');
    expect(await count()).toBe(before);

    // "Valitse kaikki" is a link: the list comes back with every box ticked.
    await helena.goto(`${server.baseUrl}/admin/clients?state=no_card`);
    await clickAndWait(helena, helena.getByRole('link', { name: 'Valitse kaikki' }));
    expect(new URL(helena.url()).search).toBe('?state=no_card&all=1');
    expect(await helena.locator('#card-batch input[name=client]:checked').count()).toBe(await helena.locator('#card-batch input[name=client]').count());

    await helena.goto(`${server.baseUrl}/admin/clients`);
    await helena.getByLabel('Valitse Matti Virtanen').check();
    await helena.getByLabel('Valitse Aino Laine').check();
    await clickAndWait(helena, helena.getByRole('button', { name: 'Tulosta kortit' }));
    expect(await helena.locator('#confirm h3').innerText()).toBe('Tehdäänkö uusi kortti käytössä olevan tilalle? Asiakas: Matti Virtanen.');
    expect(await count()).toBe(before);
    const helenaJs = await as(STAFF.admin);
    await helenaJs.goto(`${server.baseUrl}/admin/clients`);
    await helenaJs.getByLabel('Valitse Matti Virtanen').check();
    await clickAndWait(helenaJs, helenaJs.getByRole('button', { name: 'Tulosta kortit' }));
    await expectNoAxeViolations(helenaJs, { client: false });
    expect(await count()).toBe(before);

    // The question's button makes both cards in the one post; Matti's old card ends.
    await clickAndWait(helena, helena.locator('#confirm button.danger'));
    expect(await helena.locator('.card-batch .card-name').allInnerTexts()).toEqual(['Aino', 'Matti']);
    expect(await count()).toBe(before + 2);
    expect(await one('SELECT CASE WHEN revoked_at IS NOT NULL THEN 1 ELSE 0 END AS revoked FROM login_cards WHERE id = ?', [mattiCard.id])).toEqual({ revoked: 1 });
    const pdf = await helena.pdf({ preferCSSPageSize: true });
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(2);
    expect(pages.every(isA6)).toBe(true);
  });

  it('another unit\'s client in the post refuses the whole post, nothing made', async () => {
    const helena = await as(STAFF.admin);
    await helena.goto(`${server.baseUrl}/admin/cards`);
    const key = await helena.locator('#card-batch input[name=key]').inputValue();
    const before = await one<{ n: number }>('SELECT COUNT(*) AS n FROM login_cards');
    const forged = await postFrom(helena, '/admin/cards', [['key', key], ['client', String(ids.aino)], ['client', String(ids.ville)], ['confirm', 'yes']]);
    expect(forged.status).toBe(403);
    expect(await one('SELECT COUNT(*) AS n FROM login_cards')).toEqual(before);
  });
});
