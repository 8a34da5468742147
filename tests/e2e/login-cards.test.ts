/**
 * Login cards, picture PIN reset and the first-time picture PIN (issue 7), on a server of this
 * file's own (cards are issued and PINs reset here):
 * - an admin of the client's unit issues a new card; the answer is the printable card with the
 *   short code and a QR code (read back from the rendered page with a QR decoder, as a tablet's
 *   camera would), shown once only; the new card signs the client in, the old one stops at once;
 * - a reset PIN ends the client's sessions, and at the next sign-in the client chooses new
 *   pictures (four, then the same four again; a mismatch starts again), in fi, sv and en (axe on
 *   every step, one language a test), and without JavaScript;
 * - an admin opens a lock; another unit's admin is refused everything and changes nothing;
 *   bad ids get 404 or 403, never a 500;
 * - the printed card: only the card prints (a screenshot is left in /tmp/card-print.png).
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import jsQR from 'jsqr';
import { chooseLanguage, CLIENTS, clickAndWait, h1, path, STAFF, tapPictures, useBrowser } from '../helpers/browser';
import { expectNoAxeViolations, expectTargetSizes } from '../helpers/axe';
import { useServerWithClients } from '../helpers/own-server';
import { querySql, runSql } from '../helpers/server';
import { tableDigests, changedTables } from '../helpers/authz';

const browser = useBrowser();
// Jukka has failed 10 times in a row: locked until someone opens the lock (rate-limit.ts).
const UNTIL_UNLOCKED = 8_640_000_000_000_000;
const { server, ids } = useServerWithClients({
  prepareDb: async (file) => {
    const photo = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c04000' } }).jpeg().toBuffer();
    await runSql(file, [
      ["UPDATE people SET failed_sign_ins = 10, locked_until = ? WHERE full_name = 'Jukka Niemi'", [UNTIL_UNLOCKED]],
      // Matti has a photo of his own and reads Swedish: his card shows the photo and speaks Swedish.
      ["INSERT INTO photos (mime, bytes, width, height, client_id, created_by, created_at) SELECT 'image/jpeg', ?, 64, 64, id, id, 0 FROM people WHERE full_name = 'Matti Virtanen'", [photo]],
      ["UPDATE people SET language = 'sv', photo_id = (SELECT MAX(id) FROM photos) WHERE full_name = 'Matti Virtanen'"],
      // Ville's picture PIN was reset: his next sign-in chooses new pictures (the axe tests of those steps).
      ["UPDATE people SET pin_hash = NULL WHERE full_name = 'Ville Koski'"],
    ]);
  },
});

const SHORT_CODE = /^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}$/;
const cardPath = (id: number | string) => `/admin/people/${id}/card`;
const issueButton = (page: Page) => page.locator('form:has(input[name=action][value=issue]) button[type=submit]');

/** The card issued for Aino in the first test; the later tests sign her in with it. */
const ainoCard = { url: '', shortCode: '' };

function adminPage(email: string = STAFF.admin, javaScriptEnabled = true): Promise<Page> {
  return browser.signedIn(server.baseUrl, { email }, { viewport: { width: 1280, height: 800 }, javaScriptEnabled });
}

async function sessionCookie(page: Page): Promise<string> {
  const cookie = (await page.context().cookies(server.baseUrl)).find((c) => c.name === 'omapolku_session');
  if (!cookie) throw new Error('not signed in');
  return `${cookie.name}=${cookie.value}`;
}

/** A form POST as the browser sends it (Astro's origin check wants the Origin header). */
function postForm(cookie: string, url: string, body: string): Promise<Response> {
  return fetch(server.baseUrl + url, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, origin: server.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

/** Reads the QR code on the page the way a camera would: from the rendered pixels. */
async function readQr(page: Page): Promise<string | null> {
  // The code and the white card around it, as a camera would see it.
  const box = (await page.locator('.login-card svg.qr').boundingBox())!;
  const png = await page.screenshot({ clip: { x: Math.max(0, box.x - 16), y: Math.max(0, box.y - 16), width: box.width + 32, height: box.height + 32 } });
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height)?.data ?? null;
}

async function auditCount(action: string, targetId?: number): Promise<number> {
  const rows = await querySql<{ n: number }>(
    server.dbFile,
    `SELECT COUNT(*) AS n FROM admin_audit WHERE action = ?${targetId === undefined ? '' : ' AND target_id = ?'}`,
    targetId === undefined ? [action] : [action, targetId],
  );
  return rows[0].n;
}

async function cardCount(clientId: number): Promise<number> {
  return (await querySql<{ n: number }>(server.dbFile, 'SELECT COUNT(*) AS n FROM login_cards WHERE client_id = ?', [clientId]))[0].n;
}

/** Types a card's short code on /card, as a helper would. */
async function enterShortCode(page: Page, code: string): Promise<void> {
  await page.goto(`${server.baseUrl}/card`);
  await page.locator('input[name=code]').fill(code);
  await clickAndWait(page, page.locator('form[action="/card"] button[type=submit]'));
}

describe('issuing a login card', () => {
  test('the admin issues a new card: printable with photo or picture, name, short code and a QR code that opens the card', async () => {
    const base = server.baseUrl;
    const page = await adminPage();
    // From the unit's client list, as the admin finds it now.
    await page.goto(`${base}/admin/clients`);
    await clickAndWait(page, page.locator(`a[href="${cardPath(ids.aino)}"]`));
    expect(await h1(page)).toBe('Kirjautuminen: Aino Laine');
    expect(await page.locator('[data-card-state]').getAttribute('data-card-state')).toBe('valid');
    expect(await page.locator('[data-pin-state]').getAttribute('data-pin-state')).toBe('set');
    await expectNoAxeViolations(page, { client: false });

    const audits = await auditCount('issue login card');
    await page.check('#why-worn');
    // A new card in place of one in use is asked first (tests/e2e/confirmations.test.ts).
    await clickAndWait(page, issueButton(page));
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(cardPath(ids.aino)));
    await clickAndWait(page, page.locator('#confirm button.danger'));
    const response = await answer;
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe('no-store');
    expect(await h1(page)).toBe('Uusi kirjautumiskortti: Aino Laine');

    const card = page.locator('.login-card');
    expect(await card.getAttribute('lang')).toBe('fi');
    expect(await card.locator('.card-name').innerText()).toBe('Aino');
    // No photo uploaded for Aino: her picture instead.
    expect(await card.locator('.card-owner svg.card-photo').count()).toBe(1);
    const shortCode = (await card.locator('[data-short-code]').innerText()).trim();
    expect(shortCode).toMatch(SHORT_CODE);
    expect(await card.locator('svg.qr').getAttribute('role')).toBe('img');
    const steps = await card.locator('.card-steps li').allInnerTexts();
    expect(steps.map((s) => s.trim())).toEqual(['Näytä kortti tabletin kameralle tai kirjoita koodi.', 'Paina omat kuvasi.', 'Nyt näet oman sivusi.']);
    expect(await card.locator('.card-steps svg').count(), 'a picture beside every step').toBe(3);
    // With JavaScript the print button shows; the note about the browser's print command is there anyway.
    expect(await page.locator('button[data-print]').isVisible()).toBe(true);
    expect(await page.locator('main').innerText()).toContain('Ctrl+P');

    const url = await readQr(page);
    expect(url, 'the QR code must be readable').not.toBeNull();
    expect(url).toMatch(new RegExp(`^${base.replace(/[.]/g, '\\.')}/k/[a-z2-7]{52}$`));
    Object.assign(ainoCard, { url, shortCode });
    expect(await auditCount('issue login card')).toBe(audits + 1);
    await expectNoAxeViolations(page, { client: false });

    // Printed: the card only, nothing of the page around it.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.staff-bar').isVisible()).toBe(false);
    expect(await page.locator('.card-print-notes').isVisible()).toBe(false);
    expect(await page.locator('main h1').isVisible()).toBe(false);
    expect(await card.isVisible()).toBe(true);
    writeFileSync('/tmp/card-print.png', await page.screenshot({ fullPage: true }));
    const box = (await card.boundingBox())!;
    // 88 × 130 mm at 96 px per inch: fits A6 paper with 8 mm margins.
    expect(Math.round(box.width)).toBe(Math.round((88 / 25.4) * 96));
    expect(box.height).toBeLessThanOrEqual((132 / 25.4) * 96);
    expect(await readQr(page), 'the printed QR code must be readable').toBe(url);
    await page.emulateMedia({ media: 'screen' });
    expect(browser.problems(page).errors, 'no script refused by the CSP, no script error').toEqual([]);

    // A reload sends the form again: no new card, and the code is not shown again.
    const reloaded = await page.reload();
    expect(reloaded?.status()).toBe(409);
    expect(await page.locator('body').innerText()).not.toContain(shortCode);
    expect(await page.locator('.login-card').count()).toBe(0);
    expect(await page.locator('[role=alert]').innerText()).toContain('Kortti on jo vaihdettu');
    expect(await auditCount('issue login card')).toBe(audits + 1);
  });

  test('the old card stops at once; the new card signs the client in by its QR address and by its short code', async () => {
    const base = server.baseUrl;
    const old = await fetch(base + CLIENTS.aino.qr, { redirect: 'manual' });
    expect(old.status).toBe(404);
    const page = await browser.newPage();
    await enterShortCode(page, CLIENTS.aino.code);
    expect(path(page)).toBe('/card');
    expect(await page.locator('#error-summary').innerText()).toContain('Tätä korttia ei löydy.');

    await page.goto(ainoCard.url);
    expect(path(page)).toBe('/card/pin');
    expect(await h1(page)).toBe('Valitse omat kuvasi');
    await tapPictures(page, CLIENTS.aino.pin);
    expect(path(page)).toBe('/client');
    expect(await h1(page)).toBe('Hei Aino!');

    const other = await browser.newPage();
    // Small letters and no dash, as a helper might type it.
    await enterShortCode(other, ainoCard.shortCode.replace('-', '').toLowerCase());
    expect(path(other)).toBe('/card/pin');
    await tapPictures(other, CLIENTS.aino.pin);
    expect(await h1(other)).toBe('Hei Aino!');
  });

  test('the same form sent twice (a double click) issues one card, and only the first answer shows its code', async () => {
    const page = await adminPage();
    const cookie = await sessionCookie(page);
    const html = await (await fetch(server.baseUrl + cardPath(ids.matti), { headers: { cookie } })).text();
    const replaces = /name="replaces" value="(\d+)"/.exec(html)?.[1];
    expect(replaces).toMatch(/^\d+$/);
    const before = await cardCount(ids.matti);

    const first = await postForm(cookie, cardPath(ids.matti), `action=issue&replaces=${replaces}&why=worn&confirm=yes`);
    const second = await postForm(cookie, cardPath(ids.matti), `action=issue&replaces=${replaces}&why=worn&confirm=yes`);
    const [firstText, secondText] = [await first.text(), await second.text()];
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const code = /data-short-code[^>]*>([^<]+)</.exec(firstText)?.[1];
    expect(code).toMatch(SHORT_CODE);
    // The card speaks the client's language, whatever the admin's.
    expect(firstText).toContain('<section class="login-card" lang="sv"');
    expect(firstText).toContain('Visa kortet för surfplattans kamera eller skriv koden.');
    expect(second.status).toBe(409);
    expect(secondText).not.toContain(code!);
    expect(secondText).not.toContain('data-short-code');
    expect(await cardCount(ids.matti)).toBe(before + 1);
  });
});

describe('resetting the picture PIN and choosing new pictures', () => {
  test('a reset signs the client out; at the next sign-in they choose 4 pictures and confirm them, and a language change keeps the taps', async () => {
    const base = server.baseUrl;
    const client = await browser.newPage();
    await client.goto(ainoCard.url);
    await client.locator('input[name=device][value=own]').check();
    await tapPictures(client, CLIENTS.aino.pin);
    expect(path(client)).toBe('/client');

    const admin = await adminPage();
    await admin.goto(base + cardPath(ids.aino));
    const resets = await auditCount('reset picture pin', ids.aino);
    await clickAndWait(admin, admin.locator('form:has(input[name=action][value="reset-pin"]) button[type=submit]'));
    await clickAndWait(admin, admin.locator('#confirm button.danger'));
    expect(path(admin)).toBe(`${cardPath(ids.aino)}?done=reset`);
    expect(await admin.locator('[role=status]').innerText()).toContain('Kuva-PIN on nollattu.');
    expect(await admin.locator('[data-pin-state]').getAttribute('data-pin-state')).toBe('unset');
    expect(await auditCount('reset picture pin', ids.aino)).toBe(resets + 1);
    await expectNoAxeViolations(admin, { client: false });

    // The client's session ended with the reset, even on an own tablet.
    await client.goto(`${base}/client`);
    expect(path(client)).toMatch(/^\/card(\?|$)/);

    // Step 2 of 3: the first round, with the chosen pictures shown in order.
    await enterShortCode(client, ainoCard.shortCode);
    expect(path(client)).toBe('/card/pin');
    expect(await h1(client)).toBe('Valitse 4 kuvaa');
    expect(await client.locator('.step').innerText()).toBe('Vaihe 2 / 3');
    await expectNoAxeViolations(client, { client: true });
    await expectTargetSizes(client);
    await tapPictures(client, ['sun', 'ball']);
    expect(await client.locator('.pin-chosen li').allInnerTexts()).toEqual(['Aurinko', 'Pallo'].map((s) => expect.stringContaining(s)));
    expect(await client.locator('[role=status]').innerText()).toContain('2 / 4');
    await expectNoAxeViolations(client, { client: true });
    await expectTargetSizes(client);
    // (axe in Swedish and English: the test after this one.)
    for (const [lang, title] of [['sv', 'Välj 4 bilder'], ['en', 'Choose 4 pictures']] as const) {
      await chooseLanguage(client, lang);
      expect(path(client)).toBe('/card/pin');
      expect(await h1(client)).toBe(title);
      expect(await client.locator('.pin-chosen li').count(), 'the taps survive the language change').toBe(2);
    }
    await chooseLanguage(client, 'fi');

    // Step 3 of 3: the same pictures again, shown only as a count.
    await tapPictures(client, ['sun', 'car']);
    expect(await h1(client)).toBe('Paina samat kuvat uudelleen');
    expect(await client.locator('.step').innerText()).toBe('Vaihe 3 / 3');
    expect(await client.locator('.pin-chosen').count()).toBe(0);
    expect(await client.locator('.pin-slots li.filled').count()).toBe(0);
    await expectNoAxeViolations(client, { client: true });
    await expectTargetSizes(client);
    await tapPictures(client, ['sun', 'ball']);
    for (const [lang, title] of [['sv', 'Tryck på samma bilder igen'], ['en', 'Press the same pictures again']] as const) {
      await chooseLanguage(client, lang);
      expect(await h1(client)).toBe(title);
      expect(await client.locator('.pin-slots li.filled').count()).toBe(2);
    }
    await chooseLanguage(client, 'fi');

    // A mismatch: an easy error, and both rounds start again.
    await tapPictures(client, ['car', 'sun']);
    expect(path(client)).toBe('/card/pin');
    expect(await client.title()).toMatch(/^Virhe/);
    const error = (await client.locator('#error-summary').innerText()).replace(/\s+/g, ' ');
    expect(error).toContain('Kuvat eivät olleet samat.');
    expect(error).toContain('Valitse 4 kuvaa uudelleen.');
    expect(await h1(client)).toBe('Valitse 4 kuvaa');
    expect(await client.locator('.pin-chosen').count()).toBe(0);
    await expectNoAxeViolations(client, { client: true });
    await expectTargetSizes(client);
    expect((await querySql<{ pin_hash: string | null }>(server.dbFile, 'SELECT pin_hash FROM people WHERE id = ?', [ids.aino]))[0].pin_hash).toBeNull();

    // Choose again, with one slip taken back, confirm, and the client is in (on an own tablet).
    await tapPictures(client, ['dog', 'flower', 'cat']);
    await clickAndWait(client, client.locator('button[name=undo]'));
    await tapPictures(client, ['dog', 'fish']);
    expect(await h1(client)).toBe('Paina samat kuvat uudelleen');
    await client.locator('input[name=device][value=own]').check();
    await tapPictures(client, ['dog', 'flower', 'dog', 'fish']);
    expect(path(client)).toBe('/client');
    expect(await h1(client)).toBe('Hei Aino!');
    const sessions = await querySql<{ kind: string }>(server.dbFile, 'SELECT kind FROM sessions WHERE person_id = ?', [ids.aino]);
    expect(sessions.map((s) => s.kind)).toEqual(['remembered']);

    // The next sign-in asks for the new pictures; the old ones are wrong now.
    const next = await browser.newPage();
    await next.goto(ainoCard.url);
    expect(await h1(next)).toBe('Valitse omat kuvasi');
    await tapPictures(next, CLIENTS.aino.pin);
    expect(await next.locator('#error-summary').innerText()).toContain('Kuvat eivät olleet oikein.');
    await tapPictures(next, ['dog', 'flower', 'dog', 'fish']);
    expect(await h1(next)).toBe('Hei Aino!');
  });

  // Every step of choosing new pictures in Swedish and English, one language a test: Ville's PIN
  // was reset before the server started (prepareDb), so his card leads to the choice at once.
  test.each(['sv', 'en'] as const)('every step of choosing new pictures passes axe with 44 px targets in %s', async (lang) => {
    const client = await browser.newPage();
    await client.goto(server.baseUrl + CLIENTS.ville.qr);
    await chooseLanguage(client, lang);
    expect(path(client)).toBe('/card/pin');
    const step = async (what: string) => {
      expect(await client.locator('html').getAttribute('lang'), what).toBe(lang);
      await expectNoAxeViolations(client, { client: true });
      await expectTargetSizes(client);
    };
    await step('the first round');
    await tapPictures(client, ['sun', 'ball']);
    await step('two pictures chosen');
    await tapPictures(client, ['sun', 'car']);
    await step('the same pictures again');
    await tapPictures(client, ['car', 'sun', 'ball', 'dog']);
    expect(await client.title()).toMatch(/^(Fel|Error)/);
    await step('a mismatch');
  });

  test('choosing new pictures works without JavaScript', async () => {
    const admin = await adminPage(STAFF.admin, false);
    await admin.goto(server.baseUrl + cardPath(ids.matti));
    await clickAndWait(admin, admin.locator('form:has(input[name=action][value="reset-pin"]) button[type=submit]'));
    await clickAndWait(admin, admin.locator('#confirm button.danger'));
    expect(await admin.locator('[data-pin-state]').getAttribute('data-pin-state')).toBe('unset');
    // The print page without JavaScript: no print button, the note tells to use the browser's print.
    await admin.check('#why-worn');
    await clickAndWait(admin, issueButton(admin));
    await clickAndWait(admin, admin.locator('#confirm button.danger'));
    expect(await admin.locator('button[data-print]').isVisible()).toBe(false);
    expect(await admin.locator('main').innerText()).toContain('Tulosta selaimen tulostustoiminnolla');
    const shortCode = (await admin.locator('[data-short-code]').innerText()).trim();
    // Matti's own photo on his card, served to the admin of his unit.
    const [{ photo_id: photoId }] = await querySql<{ photo_id: number }>(server.dbFile, 'SELECT photo_id FROM people WHERE id = ?', [ids.matti]);
    const src = await admin.locator('.login-card img.card-photo').getAttribute('src');
    expect(src).toBe(`/photos/${photoId}`);
    const photo = await fetch(server.baseUrl + src!, { headers: { cookie: await sessionCookie(admin) } });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');

    const client = await browser.newPage({ javaScriptEnabled: false });
    await enterShortCode(client, shortCode);
    expect(await h1(client)).toBe('Valitse 4 kuvaa');
    await tapPictures(client, ['tree', 'tree', 'apple', 'apple']);
    expect(await h1(client)).toBe('Paina samat kuvat uudelleen');
    await tapPictures(client, ['tree', 'tree', 'apple', 'apple']);
    expect(path(client)).toBe('/client');
    expect(await h1(client)).toBe('Hej Matti!');
  });
});

describe('the lock, and who may do any of this', () => {
  test('the admin opens a lock, and the client signs in again', async () => {
    const base = server.baseUrl;
    const client = await browser.newPage();
    await client.goto(base + CLIENTS.jukka.qr);
    expect((await client.locator('#error-summary').innerText()).replace(/\s+/g, ' ')).toContain('Tili on lukossa');

    const admin = await adminPage();
    await admin.goto(base + cardPath(ids.jukka));
    expect(await admin.locator('[data-lock-state]').getAttribute('data-lock-state')).toBe('locked');
    expect(await admin.locator('[data-lock-state]').innerText()).toContain('kunnes lukitus avataan');
    const unlocks = await auditCount('unlock sign-in', ids.jukka);
    await clickAndWait(admin, admin.locator('form:has(input[name=action][value=unlock]) button[type=submit]'));
    expect(await admin.locator('[role=status]').innerText()).toBe('Lukitus on avattu.');
    expect(await admin.locator('[data-lock-state]').getAttribute('data-lock-state')).toBe('open');
    expect(await admin.locator('form:has(input[name=action][value=unlock])').count(), 'nothing left to open').toBe(0);
    expect(await auditCount('unlock sign-in', ids.jukka)).toBe(unlocks + 1);
    await expectNoAxeViolations(admin, { client: false });

    await client.goto(base + CLIENTS.jukka.qr);
    await tapPictures(client, CLIENTS.jukka.pin);
    expect(await h1(client)).toBe('Hei Jukka!');
  });

  test("another unit's admin gets 403 on the page and on every form, and nothing changes", async () => {
    const olli = await adminPage(STAFF.adminB);
    const cookie = await sessionCookie(olli);
    const helena = await sessionCookie(await adminPage());
    const html = await (await fetch(server.baseUrl + cardPath(ids.aino), { headers: { cookie: helena } })).text();
    const replaces = /name="replaces" value="(\d+)"/.exec(html)![1];
    await runSql(server.dbFile, [['UPDATE people SET failed_sign_ins = 3 WHERE id = ?', [ids.aino]]]);

    const before = await tableDigests(server.dbFile);
    const page = await olli.goto(server.baseUrl + cardPath(ids.aino));
    expect(page?.status()).toBe(403);
    expect(await olli.locator('body').innerText()).not.toContain('Aino');
    for (const body of [`action=issue&replaces=${replaces}&why=lost`, 'action=reset-pin', 'action=unlock', '']) {
      const answer = await postForm(cookie, cardPath(ids.aino), body);
      expect(answer.status, body || 'empty form').toBe(403);
      expect(await answer.text()).not.toContain('Aino Laine');
    }
    // (Each refusal is itself a security event; nothing else changes.)
    expect(changedTables(before, await tableDigests(server.dbFile)).filter((t) => t !== 'security_events')).toEqual([]);
  });

  test('bad ids get 404 or 403, never a 500', async () => {
    const helena = await sessionCookie(await adminPage());
    const [liisa] = await querySql<{ id: number }>(server.dbFile, "SELECT id FROM people WHERE email = 'liisa.ohjaaja@demo.omapolku.fi'");
    const cases: [id: string | number, status: number][] = [
      [999_999, 404],
      [liisa.id, 404], // a worker's id given as a client's
      ['abc', 404],
      ['0', 404],
      ['-1', 404],
      ['1e3', 404],
      [ids.ville, 403], // a client of another unit
    ];
    for (const [id, status] of cases) {
      const get = await fetch(server.baseUrl + cardPath(id), { headers: { cookie: helena }, redirect: 'manual' });
      expect(get.status, `GET ${cardPath(id)}`).toBe(status);
      for (const body of ['action=issue&replaces=0', 'action=reset-pin', 'action=unlock']) {
        const post = await postForm(helena, cardPath(id), body);
        expect(post.status, `POST ${cardPath(id)} ${body}`).toBe(status);
      }
    }
    // A form with no action, or a "replaces" that is no number, is told to use the buttons.
    for (const body of ['', 'action=shred', 'action=issue&replaces=abc', 'action=issue']) {
      const post = await postForm(helena, cardPath(ids.jukka), body);
      expect(post.status, body || 'empty form').toBe(400);
      expect(await post.text()).toContain('Valitse toiminto sivun painikkeista.');
    }
  });
});
