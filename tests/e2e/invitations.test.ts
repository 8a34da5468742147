/**
 * Accounts a unit can run (issue 16, points 1–5 and 10): the admin never types a password.
 * Adding a worker or a family member sends an invitation through a real SMTP server that this
 * file starts (tests/helpers/smtp.ts); the person opens the link in Chromium and makes their own
 * password, which must be long and not guessable (the error says why). Links work once, expire,
 * can be sent again or cancelled. "Unohditko salasanan?" sends a reset link with the same answer
 * for any email, and the reset ends the person's other sessions. A mail server that is down
 * delays a mail but never loses it or sends it twice.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import type { Page } from 'playwright-core';
import { clickAndWait, DEMO_PASSWORD, h1, path, signInStaff, STAFF, useBrowser } from '../helpers/browser';
import { querySql, runSql } from '../helpers/server';
import { useServerWithSmtp } from '../helpers/own-server';
import { expectNoAxeViolations } from '../helpers/axe';

const fixture = useBrowser();
const { server, smtp } = useServerWithSmtp();
const laptop = { viewport: { width: 1366, height: 768 } };
const GOOD_PASSWORD = 'kolme vihreää omenaa kellarissa';

function linkIn(mail: ParsedMail, kind: 'invite' | 'reset'): string {
  const match = new RegExp(`${server.baseUrl}/${kind}/([a-z2-7]+)`).exec(mail.text ?? '');
  expect(match, `a ${kind} link in: ${mail.text}`).not.toBeNull();
  return match![0];
}

/**
 * The invitations and reset links of the mail server (their key, the Message-ID, is
 * "<purpose>-token-<id>"): the demo's workers also get notifications (tests/e2e/notifications.test.ts).
 */
const accountMails = () => smtp.mails.filter((m) => /^<(invitation|reset)-token-\d+@/.test(m.messageId ?? ''));

async function mailTo(address: string, count = 1): Promise<ParsedMail[]> {
  const end = Date.now() + 15_000;
  for (;;) {
    const mails = accountMails().filter((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '') === address);
    if (mails.length >= count) return mails;
    if (Date.now() > end) throw new Error(`expected ${count} mails to ${address}, got ${mails.length}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function addPerson(admin: Page, role: 'worker' | 'family', name: string, email: string): Promise<number> {
  await admin.goto(`${server.baseUrl}/admin/people`);
  // No password field: the admin never sees or types one.
  expect(await admin.locator('#password, input[type=password]').count()).toBe(0);
  await admin.locator(`input[name=role][value=${role}]`).check();
  await admin.locator('#full_name').fill(name);
  await admin.locator('#email').fill(email);
  await clickAndWait(admin, admin.locator('form#new-person button[type=submit]'));
  const id = /^\/admin\/people\/(\d+)/.exec(path(admin))?.[1];
  expect(id, `the new person's page, not ${path(admin)}`).toBeDefined();
  return Number(id);
}

async function setPassword(page: Page, password: string, again = password): Promise<void> {
  await page.locator('#new_password').fill(password);
  await page.locator('#new_password_again').fill(again);
  await clickAndWait(page, page.locator('form:has(#new_password) button[type=submit]'));
}

describe('an invitation', () => {
  it('is mailed when the admin adds a worker, and the worker makes their own password with it', async () => {
    const admin = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, laptop);
    const id = await addPerson(admin, 'worker', 'Kaisa Uusi', 'kaisa.uusi@demo.omapolku.fi');
    expect(await admin.locator('[data-invitation]').textContent()).toContain('Kutsu lähetetty');

    const [mail] = await mailTo('kaisa.uusi@demo.omapolku.fi');
    expect(mail.subject).toBe('Kutsu Omapolkuun');
    expect(mail.text).toContain('Hei Kaisa!');
    expect(mail.text).toContain('Linkki toimii 7 päivää.');
    expect(mail.headers.get('content-language')).toBe('fi');
    const link = linkIn(mail, 'invite');
    // Only a hash of the token is stored, and the mail's body was erased once it went out.
    const token = link.split('/').pop()!;
    const stored = await querySql<{ token_hash: string }>(server.dbFile, 'SELECT token_hash FROM account_tokens WHERE person_id = ?', [id]);
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(token);
    // (The mail server said OK a moment before the outbox wrote "sent".)
    const outbox = () => querySql<{ text_body: string; status: string }>(server.dbFile, 'SELECT text_body, status FROM outbox WHERE recipient_id = ?', [id]);
    const end = Date.now() + 5000;
    while ((await outbox())[0]?.status !== 'sent' && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    expect(await outbox()).toEqual([{ text_body: '', status: 'sent' }]);
    expect((await querySql<{ h: string | null }>(server.dbFile, 'SELECT password_hash AS h FROM people WHERE id = ?', [id]))[0].h).toBeNull();

    const kaisa = await fixture.newPage(laptop);
    await kaisa.goto(link);
    expect(await h1(kaisa)).toBe('Tervetuloa, Kaisa! Tee salasana');
    await expectNoAxeViolations(kaisa, { client: true });
    // A common password, one built on her name, two that differ: each refused in words.
    await setPassword(kaisa, 'salasana123456');
    expect(await kaisa.locator('#new_password-error').textContent()).toContain('Tämä salasana on yleinen.');
    expect(await kaisa.locator('#new_password').inputValue()).toBe('');
    await setPassword(kaisa, 'KaisaUusi2026!');
    expect(await kaisa.locator('#new_password-error').textContent()).toContain('Salasanassa on nimesi tai sähköpostisi.');
    await setPassword(kaisa, 'lyhyt');
    expect(await kaisa.locator('#new_password-error').textContent()).toContain('Kirjoita vähintään 12 merkkiä.');
    await setPassword(kaisa, GOOD_PASSWORD, `${GOOD_PASSWORD}!`);
    expect(await kaisa.locator('#new_password_again-error').textContent()).toContain('Salasanat eivät ole samat.');
    await expectNoAxeViolations(kaisa, { client: true });
    await setPassword(kaisa, GOOD_PASSWORD);
    expect(path(kaisa)).toBe('/login?password=made');
    expect(await kaisa.locator('#notice').textContent()).toContain('Salasana on tehty.');
    await signInStaff(kaisa, server.baseUrl, 'kaisa.uusi@demo.omapolku.fi', GOOD_PASSWORD);
    expect(path(kaisa)).toBe('/worker');

    // The link worked once.
    const again = await fixture.newPage(laptop);
    const response = await again.goto(link);
    expect(response?.status()).toBe(410);
    expect(await h1(again)).toBe('Linkki ei toimi enää');

    await admin.reload();
    expect(await admin.locator('[data-invitation]').textContent()).toContain('Käytössä');
    const events = await querySql<{ kind: string; reason: string }>(server.dbFile, 'SELECT kind, reason FROM security_events WHERE person_id = ? ORDER BY id', [id]);
    expect(events.map((e) => `${e.kind}:${e.reason}`)).toEqual(['invitation_sent:new_account', 'invitation_accepted:by_person', 'sign_in:password']);
    // The security log keeps the page, never the token.
    expect(JSON.stringify(await querySql(server.dbFile, 'SELECT path FROM security_events'))).not.toContain(token);
  });

  it('expires, can be sent again (the old link stops working) and cancelled, and a double tap sends one mail', async () => {
    const admin = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, laptop);
    const id = await addPerson(admin, 'family', 'Ritva Läheinen', 'ritva.laheinen@demo.omapolku.fi');
    const [first] = await mailTo('ritva.laheinen@demo.omapolku.fi');
    const firstLink = linkIn(first, 'invite');
    // A family member's mail says nothing of any client.
    for (const name of ['Matti', 'Aino', 'Jukka', 'Virtanen']) expect(first.text).not.toContain(name);

    await runSql(server.dbFile, [['UPDATE account_tokens SET expires_at = ? WHERE person_id = ?', [Date.now() - 1000, id]]]);
    await admin.reload();
    expect(await admin.locator('[data-invitation]').textContent()).toContain('Kutsu vanhentunut');
    const ritva = await fixture.newPage(laptop);
    expect((await ritva.goto(firstLink))?.status()).toBe(410);

    await clickAndWait(admin, admin.locator('button', { hasText: 'Lähetä kutsu uudelleen' }));
    expect(await admin.locator('#account ~ .notice.ok, .notice.ok').first().textContent()).toContain('Kutsu lähetettiin.');
    const [, second] = await mailTo('ritva.laheinen@demo.omapolku.fi', 2);
    const secondLink = linkIn(second, 'invite');
    expect(secondLink).not.toBe(firstLink);
    expect((await ritva.goto(secondLink))?.status()).toBe(200);
    expect((await ritva.goto(firstLink))?.status()).toBe(410);
    // Sent again at once (a double tap): no third mail.
    await clickAndWait(admin, admin.locator('button', { hasText: 'Lähetä kutsu uudelleen' }));
    expect(await admin.locator('.notice.ok').first().textContent()).toContain('Kutsu lähetettiin juuri.');

    await clickAndWait(admin, admin.locator('button', { hasText: 'Peruuta kutsu' }));
    expect(await admin.locator('[data-invitation]').textContent()).toContain('Kutsu peruttu');
    expect((await ritva.goto(secondLink))?.status()).toBe(410);
    await expectNoAxeViolations(admin, { client: false });
    await new Promise((r) => setTimeout(r, 800));
    expect((await mailTo('ritva.laheinen@demo.omapolku.fi', 2)).length).toBe(2);
  });

  it('waits while the mail server is down and arrives once when it is back', async () => {
    const admin = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, laptop);
    await smtp.stop();
    const id = await addPerson(admin, 'worker', 'Veikko Odottaja', 'veikko.odottaja@demo.omapolku.fi');
    const attempts = async () => (await querySql<{ attempts: number; status: string; last_error: string | null }>(server.dbFile, 'SELECT attempts, status, last_error FROM outbox WHERE recipient_id = ?', [id]))[0];
    const end = Date.now() + 10_000;
    while ((await attempts()).attempts < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    const waiting = await attempts();
    expect(waiting.status).toBe('waiting');
    expect(waiting.attempts).toBeGreaterThanOrEqual(2);
    expect(waiting.last_error).toMatch(/ECONNREFUSED|ESOCKET|connect/i);
    await smtp.start();
    await mailTo('veikko.odottaja@demo.omapolku.fi');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await mailTo('veikko.odottaja@demo.omapolku.fi')).toHaveLength(1);
    expect((await attempts()).status).toBe('sent');
  });
});

describe('a forgotten password', () => {
  it('answers the same for any email, mails a link that works once, and the reset ends the other sessions', async () => {
    const liisaBefore = await fixture.newPage(laptop);
    await signInStaff(liisaBefore, server.baseUrl, STAFF.worker);
    expect(path(liisaBefore)).toBe('/worker');

    const page = await fixture.newPage(laptop);
    await page.goto(`${server.baseUrl}/login`);
    await clickAndWait(page, page.locator('a', { hasText: 'Unohditko salasanan?' }));
    expect(path(page)).toBe('/login/forgot');
    await expectNoAxeViolations(page, { client: true });
    await page.locator('#email').fill('ei.ketaan@demo.omapolku.fi');
    await clickAndWait(page, page.locator('form[action^="/login/forgot"] button[type=submit]'));
    const unknownAnswer = await page.locator('#notice').textContent();
    await page.goto(`${server.baseUrl}/login/forgot`);
    await page.locator('#email').fill(STAFF.worker);
    await clickAndWait(page, page.locator('form[action^="/login/forgot"] button[type=submit]'));
    expect(await page.locator('#notice').textContent()).toBe(unknownAnswer);
    expect(unknownAnswer).toContain('Jos sähköposti on Omapolussa, lähetimme siihen linkin.');

    const [mail] = await mailTo(STAFF.worker);
    expect(mail.subject).toBe('Uusi salasana Omapolkuun');
    expect(mail.text).toContain('Linkki toimii 60 minuuttia.');
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.mails.filter((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '') === 'ei.ketaan@demo.omapolku.fi')).toHaveLength(0);
    // Asked again at once: the same answer, and no second mail (one in 5 minutes).
    await page.goto(`${server.baseUrl}/login/forgot`);
    await page.locator('#email').fill(STAFF.worker);
    await clickAndWait(page, page.locator('form[action^="/login/forgot"] button[type=submit]'));
    expect(await page.locator('#notice').textContent()).toBe(unknownAnswer);

    await page.goto(linkIn(mail, 'reset'));
    expect(await h1(page)).toBe('Tee uusi salasana, Liisa');
    await setPassword(page, 'uusi pitkä salasana lumen alla');
    expect(path(page)).toBe('/login?password=reset');
    // The session from before the reset has ended.
    await liisaBefore.goto(`${server.baseUrl}/worker`);
    expect(path(liisaBefore)).toMatch(/^\/login/);
    await signInStaff(page, server.baseUrl, STAFF.worker, DEMO_PASSWORD);
    expect(path(page)).toMatch(/^\/login/);
    await signInStaff(page, server.baseUrl, STAFF.worker, 'uusi pitkä salasana lumen alla');
    expect(path(page)).toBe('/worker');
    await new Promise((r) => setTimeout(r, 500));
    expect(await mailTo(STAFF.worker)).toHaveLength(1);
  });

  it("is mailed in the person's own language", async () => {
    await runSql(server.dbFile, [['UPDATE people SET language = ? WHERE email = ?', ['sv', STAFF.substitute]]]);
    const page = await fixture.newPage(laptop);
    await page.goto(`${server.baseUrl}/login/forgot`);
    await page.locator('#email').fill(STAFF.substitute);
    await clickAndWait(page, page.locator('form[action^="/login/forgot"] button[type=submit]'));
    const [mail] = await mailTo(STAFF.substitute);
    expect(mail.subject).toBe('Nytt lösenord till Omapolku');
    expect(mail.headers.get('content-language')).toBe('sv');
    expect(mail.text).toContain('Länken fungerar i 60 minuter.');
  });
});

describe('the outbox page', () => {
  it("shows the unit's mails with their state, and a failed one can be tried again", async () => {
    const admin = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, laptop);
    const [{ id }] = await querySql<{ id: number }>(server.dbFile, "SELECT id FROM outbox WHERE to_address = 'kaisa.uusi@demo.omapolku.fi'");
    await runSql(server.dbFile, [["UPDATE outbox SET status = 'failed', last_error = '550 mailbox unavailable' WHERE id = ?", [id]]]);
    await admin.goto(`${server.baseUrl}/admin/outbox`);
    const row = admin.locator(`tr[data-mail="${id}"]`);
    expect(await row.getAttribute('data-status')).toBe('failed');
    expect(await row.innerText()).toContain('Epäonnistui');
    expect(await row.innerText()).toContain('Syy: 550 mailbox unavailable');
    // With SMTP, a sent mail's text (with its link) is never shown.
    expect(await admin.locator('details pre.mail-text').count()).toBe(0);
    await expectNoAxeViolations(admin, { client: false });
    const before = accountMails().length;
    await clickAndWait(admin, row.locator('button', { hasText: 'Yritä uudelleen' }));
    expect(await admin.locator('#notice').textContent()).toContain('Viesti lähetetään uudelleen.');
    const end = Date.now() + 10_000;
    while (accountMails().length === before && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    expect(accountMails().length).toBe(before + 1);
    // Another unit's admin sees none of it.
    const olli = await fixture.signedIn(server.baseUrl, { email: STAFF.adminB }, laptop);
    await olli.goto(`${server.baseUrl}/admin/outbox`);
    expect(await olli.locator(`tr[data-mail="${id}"]`).count()).toBe(0);
  });
});
