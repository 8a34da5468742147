/**
 * Two-step sign-in for staff (issue 16, point 7), on a server of this file's own, in real
 * Chromium with axe on every new page:
 * - a worker enrols on "Kaksivaiheinen tunnistus" (from Oma tili): the QR code, read from the
 *   rendered pixels as a phone's camera would, holds the same key as the text beside it; one
 *   code turns it on and the 10 recovery codes are shown once;
 * - the next sign-in asks the code after the password, with no session before it; a wrong code
 *   and an already used one are refused; a recovery code works once;
 * - the unit admin resets the worker's second step (asked first; audited, in the security log,
 *   the worker's sessions end), and requires two-step sign-in of the unit's staff: a worker who
 *   has not enrolled enrols right after the password; a family member still signs in with the
 *   password alone;
 * - repeated wrong codes delay the account, as wrong passwords do.
 * Codes are made here from the key with @oslojs/otp, as an authenticator app makes them.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import jsQR from 'jsqr';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { clickAndWait, h1, path, signInStaff, STAFF, useBrowser } from '../helpers/browser';
import { expectNoAxeViolations, expectTargetSizes } from '../helpers/axe';
import { useServerWithClients } from '../helpers/own-server';
import { querySql } from '../helpers/server';

const browser = useBrowser();
const { server } = useServerWithClients();
const laptop = { viewport: { width: 1280, height: 800 } };

const stepNow = () => Math.floor(Date.now() / 30_000);
const codeFor = (key: Uint8Array, step: number) => generateHOTP(key, BigInt(step), 6);
/** A 6-digit code that no step near now accepts. */
function wrongCodeFor(key: Uint8Array): string {
  const near = [-2, -1, 0, 1, 2].map((d) => codeFor(key, stepNow() + d));
  return ['000000', '111111', '222222', '333333'].find((c) => !near.includes(c))!;
}

const idOf = async (email: string) => (await querySql<{ id: number }>(server.dbFile, 'SELECT id FROM people WHERE email = ?', [email]))[0].id;
const failuresOf = async (email: string) => (await querySql<{ n: number }>(server.dbFile, 'SELECT failed_sign_ins AS n FROM people WHERE email = ?', [email]))[0].n;
/** The person's security events after `afterId`, oldest first. */
async function eventsOf(personId: number, afterId = 0): Promise<{ kind: string; reason: string; by_id: number | null }[]> {
  return querySql(server.dbFile, 'SELECT kind, reason, by_id FROM security_events WHERE person_id = ? AND id > ? ORDER BY id', [personId, afterId]);
}
const lastEventId = async () => (await querySql<{ id: number }>(server.dbFile, 'SELECT COALESCE(MAX(id), 0) AS id FROM security_events'))[0].id;
const errorText = async (page: Page) => (await page.locator('#error-summary').innerText()).replace(/\s+/g, ' ');
const hasSession = async (page: Page) => (await page.context().cookies(server.baseUrl)).some((c) => c.name === 'omapolku_session');

/** The key as the page writes it for typing by hand, decoded as an app would. */
async function keyOnPage(page: Page): Promise<{ text: string; key: Uint8Array }> {
  const text = (await page.locator('[data-secret]').innerText()).replace(/\s+/g, '');
  expect(text).toMatch(/^[A-Z2-7]{32}$/);
  return { text, key: decodeBase32IgnorePadding(text) };
}

/** Reads the QR code from the rendered pixels, as a phone's camera would. */
async function readQr(page: Page): Promise<string | null> {
  const png = await page.locator('.two-step-qr').screenshot();
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height)?.data ?? null;
}

/** Email and password on /login, on a device of its own. */
async function passwordStep(email: string, page?: Page): Promise<Page> {
  const device = page ?? (await browser.newPage(laptop));
  await signInStaff(device, server.baseUrl, email);
  return device;
}

async function typeCode(page: Page, code: string): Promise<void> {
  await page.locator('#code').fill(code);
  await clickAndWait(page, page.locator('main form button[type=submit]'));
}

/** What the workers have in their apps and on paper: the key, the last step used, the recovery codes. */
const liisa: { key: Uint8Array; lastStep: number; recoveryCodes: string[] } = { key: new Uint8Array(), lastStep: 0, recoveryCodes: [] };
const pekka: { key: Uint8Array; lastStep: number } = { key: new Uint8Array(), lastStep: 0 };

describe('a worker with two-step sign-in', () => {
  it('signs in with the password alone while it is off, and enrols from Oma tili: the QR code and the text hold the same key, one code turns it on, the recovery codes show once', async () => {
    const page = await passwordStep(STAFF.worker);
    // While it is off, the password alone signs in, as it always did.
    expect(path(page)).toBe('/worker');
    expect((await page.context().cookies(server.baseUrl)).map((c) => c.name)).toEqual(['omapolku_session']);
    const id = await idOf(STAFF.worker);
    const before = await lastEventId();
    await clickAndWait(page, page.locator('header a', { hasText: 'Oma tili' }));
    await clickAndWait(page, page.locator('main a', { hasText: 'Kaksivaiheinen tunnistus' }));
    expect(path(page)).toBe('/settings/two-step');
    expect(await h1(page)).toBe('Kaksivaiheinen tunnistus');
    expect(await page.locator('[data-two-step]').getAttribute('data-two-step')).toBe('off');
    await expectNoAxeViolations(page, { client: false });

    const { text, key } = await keyOnPage(page);
    const uri = await readQr(page);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Omapolku:liisa\.ohjaaja%40demo\.omapolku\.fi\?/);
    const params = new URL(uri!).searchParams;
    expect([params.get('secret'), params.get('issuer'), params.get('digits'), params.get('period'), params.get('algorithm')]).toEqual([text, 'Omapolku', '6', '30', 'SHA1']);
    expect(await page.locator('.two-step-qr svg').getAttribute('aria-label')).toBe('QR-koodi tunnistussovellukselle');
    // A reload shows the same key (the app may have read it already).
    await page.reload();
    expect((await keyOnPage(page)).text).toBe(text);

    await typeCode(page, wrongCodeFor(key));
    expect(await errorText(page)).toContain('Koodi ei ole oikein. Kirjoita sovelluksen uusin koodi.');
    expect(await page.title()).toMatch(/^Virhe: /);

    const step = stepNow();
    await typeCode(page, codeFor(key, step));
    expect(await page.locator('#notice').innerText()).toContain('Kaksivaiheinen tunnistus on nyt käytössä.');
    expect(await page.locator('[data-two-step]').getAttribute('data-two-step')).toBe('on');
    const codes = await page.locator('ol.recovery-codes code').allInnerTexts();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    expect(await page.locator('[data-recovery-left]').getAttribute('data-recovery-left')).toBe('10');
    await expectNoAxeViolations(page, { client: false });
    // Shown once: the page opened again has no codes (and the database has only their hashes).
    await page.goto(`${server.baseUrl}/settings/two-step`);
    expect(await page.locator('ol.recovery-codes').count()).toBe(0);
    const stored = JSON.stringify(await querySql(server.dbFile, 'SELECT * FROM recovery_codes WHERE person_id = ?', [id])) + JSON.stringify(await querySql(server.dbFile, 'SELECT * FROM two_step'));
    for (const code of codes) expect(stored).not.toContain(code.replace('-', ''));
    expect(stored).not.toContain(text);
    expect(server.output()).not.toContain(text);
    expect(await eventsOf(id, before)).toEqual([{ kind: 'two_step_enrolled', reason: 'in_settings', by_id: null }]);
    Object.assign(liisa, { key, lastStep: step, recoveryCodes: codes });
  });

  it('asks the code after the password, before any session: a wrong code and a used one are refused', async () => {
    const id = await idOf(STAFF.worker);
    const before = await lastEventId();
    const page = await passwordStep(STAFF.worker);
    expect(path(page)).toBe('/login/code');
    expect(await hasSession(page)).toBe(false);
    expect(await h1(page)).toBe('Kirjoita koodi');
    await expectNoAxeViolations(page, { client: true });
    await expectTargetSizes(page);
    // Without the session, the staff pages send it to sign in.
    const beside = await browser.pageBeside(page);
    await beside.goto(`${server.baseUrl}/worker`);
    expect(path(beside)).toBe('/login');
    await beside.close();

    await typeCode(page, wrongCodeFor(liisa.key));
    expect(path(page)).toBe('/login/code');
    expect(await errorText(page)).toContain('Koodi ei ollut oikein. Kirjoita uusin koodi sovelluksesta.');
    expect(await page.title()).toMatch(/^Virhe: /);
    await expectNoAxeViolations(page, { client: true });
    // The code that turned it on is used: refused, though its step may still be in the window.
    await typeCode(page, codeFor(liisa.key, liisa.lastStep));
    expect(await errorText(page)).toContain('Koodi ei ollut oikein.');
    // The password's try and both wrong codes are counted, as wrong passwords are.
    expect(await failuresOf(STAFF.worker)).toBe(3);
    expect(await hasSession(page)).toBe(false);

    const next = liisa.lastStep + 1;
    await typeCode(page, codeFor(liisa.key, next));
    expect(path(page)).toBe('/worker');
    expect(await hasSession(page)).toBe(true);
    expect((await page.context().cookies(server.baseUrl)).map((c) => c.name)).not.toContain('omapolku_second_step');
    expect(await failuresOf(STAFF.worker)).toBe(0);
    liisa.lastStep = next;

    // The same code again, on another device a moment later: used, so refused.
    const other = await passwordStep(STAFF.worker);
    await typeCode(other, codeFor(liisa.key, next));
    expect(await errorText(other)).toContain('Koodi ei ollut oikein.');
    expect(await hasSession(other)).toBe(false);
    expect(await eventsOf(id, before)).toEqual([
      { kind: 'sign_in_failed', reason: 'wrong_code', by_id: null },
      { kind: 'sign_in_failed', reason: 'wrong_code', by_id: null },
      { kind: 'sign_in', reason: 'two_step', by_id: null },
      { kind: 'sign_in_failed', reason: 'wrong_code', by_id: null },
    ]);
  });

  it('takes a recovery code once, then tells how many are left', async () => {
    const id = await idOf(STAFF.worker);
    const before = await lastEventId();
    const page = await passwordStep(STAFF.worker);
    // As written on paper: upper case, the dash as a space.
    await typeCode(page, liisa.recoveryCodes[0].toUpperCase().replace('-', ' '));
    expect(path(page)).toBe('/settings/two-step?recovery=used');
    expect(await page.locator('#notice').innerText()).toContain('Kirjauduit varakoodilla. Käyttämättömiä varakoodeja on 9.');

    const again = await passwordStep(STAFF.worker);
    await typeCode(again, liisa.recoveryCodes[0]);
    expect(await errorText(again)).toContain('Koodi ei ollut oikein.');
    expect(await eventsOf(id, before)).toEqual([
      { kind: 'recovery_code_used', reason: 'at_sign_in', by_id: null },
      { kind: 'sign_in', reason: 'recovery_code', by_id: null },
      { kind: 'sign_in_failed', reason: 'wrong_code', by_id: null },
    ]);
    // The way back to the password.
    await clickAndWait(again, again.locator('main a', { hasText: 'Takaisin kirjautumiseen' }));
    expect(path(again)).toBe('/login');
  });
});

describe('the unit admin', () => {
  it('resets a worker’s second step after asking: audited, in the security log, and the worker’s sessions end', async () => {
    const liisaId = await idOf(STAFF.worker);
    const adminId = await idOf(STAFF.admin);
    const worker = await passwordStep(STAFF.worker);
    await typeCode(worker, liisa.recoveryCodes[1]);
    expect(path(worker)).toBe('/settings/two-step?recovery=used');
    const before = await lastEventId();
    const sessions = async () => (await querySql<{ n: number }>(server.dbFile, 'SELECT COUNT(*) AS n FROM sessions WHERE person_id = ?', [liisaId]))[0].n;

    const admin = await browser.signedIn(server.baseUrl, { email: STAFF.admin }, laptop);
    await admin.goto(`${server.baseUrl}/admin/people/${liisaId}`);
    expect(await admin.locator('[data-two-step]').innerText()).toBe('Kaksivaiheinen tunnistus: käytössä');
    await clickAndWait(admin, admin.locator('button', { hasText: 'Nollaa kaksivaiheinen tunnistus' }));
    expect(await admin.locator('#confirm').innerText()).toContain('Nollataanko kaksivaiheinen tunnistus: Liisa Ohjaaja?');
    await expectNoAxeViolations(admin, { client: false });
    // Only asked so far.
    await worker.reload();
    expect(path(worker)).toBe('/settings/two-step?recovery=used');

    const had = await sessions();
    expect(had).toBeGreaterThanOrEqual(1);
    await clickAndWait(admin, admin.locator('#confirm button.danger'));
    expect(admin.url()).toContain(`/admin/people/${liisaId}?saved=twoStepReset`);
    expect(await sessions()).toBe(0);
    expect(await admin.locator('#two-step ~ p.notice').first().innerText()).toContain('Kaksivaiheinen tunnistus nollattiin. Henkilön kirjautumiset päättyivät.');
    expect(await admin.locator('[data-two-step]').innerText()).toBe('Kaksivaiheinen tunnistus: ei käytössä');
    await worker.goto(`${server.baseUrl}/worker`);
    expect(path(worker)).toBe('/login?ended=1');

    const audit = await querySql<{ actor_id: number; target_id: number; old_value: string; new_value: string }>(
      server.dbFile,
      "SELECT actor_id, target_id, old_value, new_value FROM admin_audit WHERE action = 'reset two-step'",
    );
    expect(audit).toEqual([{ actor_id: adminId, target_id: liisaId, old_value: `{"two_step":1,"sessions":${had}}`, new_value: '{"two_step":0,"sessions":0}' }]);
    expect(await eventsOf(liisaId, before)).toEqual([
      { kind: 'two_step_reset', reason: 'by_admin', by_id: adminId },
      { kind: 'sessions_ended', reason: 'two_step_reset', by_id: adminId },
    ]);
    // In words on the unit's logs.
    await admin.goto(`${server.baseUrl}/admin/audit`);
    expect(await admin.locator('main').innerText()).toContain('Kaksivaiheisen tunnistuksen nollaus');
    await admin.goto(`${server.baseUrl}/admin/security?kind=two_step_reset`);
    expect(await admin.locator('main tbody').innerText()).toContain('Kaksivaiheinen tunnistus nollattu');

    // The password alone signs her in again (the unit does not require the second step).
    await passwordStep(STAFF.worker, worker);
    expect(path(worker)).toBe('/worker');
  });

  it('requires two-step sign-in of the unit’s staff: a worker enrols right after the password; family members do not', async () => {
    const adminId = await idOf(STAFF.admin);
    const unit = await querySql<{ unit_id: number }>(server.dbFile, 'SELECT unit_id FROM people WHERE id = ?', [adminId]);
    const admin = await browser.signedIn(server.baseUrl, { email: STAFF.admin }, laptop);
    await admin.goto(`${server.baseUrl}/admin/units`);
    const box = admin.getByLabel('Vaadi kaksivaiheinen tunnistus henkilökunnalta');
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await clickAndWait(admin, admin.locator('#unit-two-step button[type=submit]'));
    expect(path(admin)).toBe('/admin/units?saved=twoStep');
    expect(await admin.getByLabel('Vaadi kaksivaiheinen tunnistus henkilökunnalta').isChecked()).toBe(true);
    await expectNoAxeViolations(admin, { client: false });
    const audit = await querySql<{ actor_id: number; target_id: number; old_value: string; new_value: string }>(
      server.dbFile,
      "SELECT actor_id, target_id, old_value, new_value FROM admin_audit WHERE action = 'set two-step requirement'",
    );
    expect(audit).toEqual([{ actor_id: adminId, target_id: unit[0].unit_id, old_value: '{"staff_two_step":0}', new_value: '{"staff_two_step":1}' }]);

    const pekkaId = await idOf(STAFF.substitute);
    const before = await lastEventId();
    const page = await passwordStep(STAFF.substitute);
    expect(path(page)).toBe('/login/enrol');
    expect(await hasSession(page)).toBe(false);
    expect(await h1(page)).toBe('Ota kaksivaiheinen tunnistus käyttöön');
    await expectNoAxeViolations(page, { client: true });
    await expectTargetSizes(page);
    const { text, key } = await keyOnPage(page);
    expect(new URL((await readQr(page))!).searchParams.get('secret')).toBe(text);

    await typeCode(page, wrongCodeFor(key));
    expect(path(page)).toBe('/login/enrol');
    expect(await errorText(page)).toContain('Koodi ei ollut oikein.');
    expect((await keyOnPage(page)).text).toBe(text);
    expect(await hasSession(page)).toBe(false);

    const step = stepNow();
    await typeCode(page, codeFor(key, step));
    expect(await h1(page)).toBe('Varakoodit');
    expect(await page.locator('ol.recovery-codes code').count()).toBe(10);
    expect(await hasSession(page)).toBe(true);
    await expectNoAxeViolations(page, { client: true });
    await expectTargetSizes(page);
    await clickAndWait(page, page.locator('main a', { hasText: 'Jatka' }));
    expect(path(page)).toBe('/worker');
    expect(await eventsOf(pekkaId, before)).toEqual([
      { kind: 'two_step_enrolled', reason: 'at_sign_in', by_id: null },
      { kind: 'sign_in', reason: 'two_step', by_id: null },
    ]);
    // Required: it cannot be turned off.
    await page.goto(`${server.baseUrl}/settings/two-step`);
    expect(await page.locator('main').innerText()).toContain('Et voi poistaa kaksivaiheista tunnistusta käytöstä, koska yksikkösi vaatii sen.');
    expect(await page.locator('#off_code').count()).toBe(0);

    // A family member of the unit's client: the password alone, as before.
    const family = await passwordStep(STAFF.familyMessages);
    expect(path(family)).toBe('/family');
    pekka.key = key;
    pekka.lastStep = step;
  });

  it('repeated wrong codes delay the account, as wrong passwords do; a right code waits too', async () => {
    const id = await idOf(STAFF.substitute);
    const before = await lastEventId();
    const page = await passwordStep(STAFF.substitute);
    expect(path(page)).toBe('/login/code');
    const wrong = wrongCodeFor(pekka.key);
    // The password's try is the 1st failure until the code is right: the 4th wrong code is the 5th.
    for (let i = 0; i < 3; i++) {
      await typeCode(page, wrong);
      expect(await errorText(page)).toContain('Koodi ei ollut oikein.');
    }
    await typeCode(page, wrong);
    expect(await errorText(page)).toContain('Liian monta väärää koodia. Odota 1 minuutti. Yritä sitten uudelleen.');
    await typeCode(page, codeFor(pekka.key, pekka.lastStep + 1));
    expect(await errorText(page)).toContain('Liian monta väärää koodia.');
    expect(path(page)).toBe('/login/code');
    expect(await hasSession(page)).toBe(false);
    const events = await eventsOf(id, before);
    expect(events.filter((e) => e.reason === 'wrong_code')).toHaveLength(4);
    expect(events.slice(-2)).toEqual([
      { kind: 'locked', reason: 'for_a_while', by_id: null },
      { kind: 'sign_in_failed', reason: 'locked', by_id: null },
    ]);
  });
});
