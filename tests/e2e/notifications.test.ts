/**
 * Notifications by mail (issue 17) end to end, through a real SMTP server on loopback
 * (tests/helpers/smtp.ts), over one working day of Liisa's. The server's clock is moved
 * (OMAPOLKU_CLOCK_OFFSET_MS, scripts/serve.mjs) to the next working day, and the server is
 * started again on the same database at 8.05, 13.01 and 14.30 of it: the hour's wait and the
 * summaries come without waiting for them, and every restart shows that nothing told before is
 * told again.
 *
 * Liisa chooses her notifications on /settings/notifications (summaries at 8.00 and 13.00,
 * absences at once); Pekka, Jukka's substitute for his period, gets a wait at once, later after
 * an hour. Maija, Eero and Anja (family of Matti, at three link levels, in three languages) get
 * a worker's reply; only Maija, named by Matti's consent, gets his absence report. A link ended
 * while the mail waited for the mail server gets nothing: the mail is dropped at sending, and the
 * admin sees why. A server killed between the commit and the send delivers the mail once after
 * its restart. No mail says anything of any client.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import type { Page } from 'playwright-core';
import { clickAndWait, h1, path, STAFF, useBrowser } from '../helpers/browser';
import { querySql, runSql } from '../helpers/server';
import { useRestartableServerWithSmtp } from '../helpers/own-server';
import { expectNoAxeViolations } from '../helpers/axe';
import { helsinkiTime, nextWorkingDay } from '@domain/notifications/schedule';
import { addDays } from '@domain/attendance/month';
import { todayInHelsinki } from '@domain/time/helsinki';

/** The working day the test lives on, and the server's clock offset to a time of it. */
const today = todayInHelsinki();
const DAY = nextWorkingDay(today);
const clockAt = (time: string) => ({ OMAPOLKU_CLOCK_OFFSET_MS: String(helsinkiTime(DAY, time) - Date.now()) });

const fixture = useBrowser();
const { server, ids, smtp, restart } = useRestartableServerWithSmtp({
  env: { ...clockAt('07:00'), OMAPOLKU_NOTIFY_TICK_MS: '300' },
  async prepareDb(dbFile) {
    await runSql(dbFile, [
      // The demo's waiting message was answered; the reviews are far away but Matti's, in ten days.
      ["UPDATE messages SET handled_at = created_at, handled_how = 'no_reply' WHERE from_client_side = 1 AND handled_at IS NULL"],
      ["UPDATE plan_versions SET review_on = '2030-01-01'"],
      ["UPDATE plan_versions SET review_on = ? WHERE client_id = (SELECT id FROM people WHERE email IS NULL AND preferred_name = 'Matti')", [addDays(DAY, 10)]],
      // Matti's family read Finnish (Maija), Swedish (Eero) and English (Anja).
      ["UPDATE people SET language = 'sv' WHERE email = ?", [STAFF.familyMessages]],
      ["UPDATE people SET language = 'en' WHERE email = ?", [STAFF.familyGuardian]],
      // Pekka is told of a wait at once, nothing else.
      ["INSERT INTO notification_settings (person_id, messages, absences, consents, reviews, digest_times, updated_at) SELECT id, 'now', 'off', 0, 0, '08:00', 0 FROM people WHERE email = ?", [STAFF.substitute]],
    ]);
  },
});
const laptop = { viewport: { width: 1366, height: 768 } };

const to = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.text : '');
const mailsTo = (address: string) => smtp.mails.filter((m) => to(m) === address);
async function mailTo(address: string, count: number, timeoutMs = 15_000): Promise<ParsedMail[]> {
  const end = Date.now() + timeoutMs;
  while (mailsTo(address).length < count) {
    if (Date.now() > end) throw new Error(`expected ${count} mails to ${address}, got ${mailsTo(address).length}:\n${server.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return mailsTo(address);
}
/** Nothing more comes to `address` in a while (the sender and the scheduler look every few hundred ms). */
async function noMoreTo(address: string, count: number, ms = 900): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
  expect(mailsTo(address), `mails to ${address}`).toHaveLength(count);
}

/** A form posted from a person's signed-in page, as their browser posts it. */
async function post(page: Page, url: string, form: Record<string, string>): Promise<void> {
  const response = await page.request.post(`${server.baseUrl}${url}`, { form, headers: { origin: server.baseUrl }, maxRedirects: 0 });
  expect(response.status(), `${url}: ${await response.text().catch(() => '')}`).toBe(303);
}
const clientMessage = (page: Page, body: string) => post(page, '/client/messages', { action: 'text', body, key: randomUUID() });
const report = (page: Page, when: 'today' | 'tomorrow') => post(page, '/client/attendance/report', { step: '3', when, reason: 'sick', words: 'Kuumetta', key: randomUUID() });
const reply = (page: Page, clientId: number, body: string) => post(page, `/worker/messages/client/${clientId}`, { action: 'text', body, key: randomUUID() });

const LIISA = STAFF.worker;
const PEKKA = STAFF.substitute;
const MAIJA = STAFF.family;
const EERO = STAFF.familyMessages;
const ANJA = STAFF.familyGuardian;
const BASE = () => server.baseUrl;

describe('a worker chooses', () => {
  it('on /settings/notifications, reached from the account page; a summary needs a time, said in words, choices kept', async () => {
    const liisa = await fixture.signedIn(server.baseUrl, { email: LIISA }, laptop);
    await liisa.goto(`${server.baseUrl}/settings/password`);
    await clickAndWait(liisa, liisa.locator('main a', { hasText: 'Ilmoitukset sähköpostiin' }));
    expect(path(liisa)).toBe('/settings/notifications');
    expect(await h1(liisa)).toBe('Ilmoitukset sähköpostiin');
    // Until she chooses: after an hour, absences at once, both reminders at 8.00 and 13.00.
    expect(await liisa.locator('input[name=messages][value=hour]').isChecked()).toBe(true);
    expect(await liisa.locator('input[name=times]:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['08:00', '13:00']);
    await expectNoAxeViolations(liisa, { client: false });

    await liisa.locator('input[name=messages][value=digest]').check();
    for (const time of ['08:00', '13:00']) await liisa.locator(`input[name=times][value="${time}"]`).uncheck();
    await clickAndWait(liisa, liisa.locator('#notification-settings button[type=submit]'));
    expect(await liisa.title()).toMatch(/^Virhe: /);
    expect(await liisa.locator('#times-error').textContent()).toContain('Valitse ainakin yksi koosteen aika');
    expect(await liisa.locator('input[name=messages][value=digest]').isChecked()).toBe(true);
    await expectNoAxeViolations(liisa, { client: false });

    for (const time of ['08:00', '13:00']) await liisa.locator(`input[name=times][value="${time}"]`).check();
    await clickAndWait(liisa, liisa.locator('#notification-settings button[type=submit]'));
    expect(path(liisa)).toBe('/settings/notifications?saved=1');
    expect(await liisa.locator('#notice').textContent()).toContain('Ilmoitusasetukset tallennettu.');
    expect(await querySql(server.dbFile, 'SELECT messages, absences, consents, reviews, digest_times FROM notification_settings WHERE person_id = (SELECT id FROM people WHERE email = ?)', [LIISA])).toEqual([
      { messages: 'digest', absences: 'now', consents: 1, reviews: 1, digest_times: '08:00,13:00' },
    ]);
  });
});

describe('at 7.00 on a working day', () => {
  it('a wait is told at once to the substitute who chose so, in his period, and not yet to Liisa (summary)', async () => {
    const jukka = await fixture.signedIn(server.baseUrl, 'jukka');
    await clientMessage(jukka, 'Bussi on myöhässä, tulen kymmeneltä.');
    const [mail] = await mailTo(PEKKA, 1);
    expect(mail.subject).toBe('Omapolussa on uusi viesti');
    expect(mail.text).toContain('Asiakkaan viesti odottaa vastaustasi.');
    expect(mail.text).toContain(`${BASE()}/worker/messages`);
    expect(mail.text).toContain(`${BASE()}/settings/notifications`);
    expect(mail.headers.get('content-language')).toBe('fi');
    await noMoreTo(LIISA, 0, 300);
  });

  it('an absence for today or tomorrow is told to Liisa at once; Matti’s family get nothing without his consent', async () => {
    const matti = await fixture.signedIn(server.baseUrl, 'matti');
    await report(matti, 'today');
    const [mail] = await mailTo(LIISA, 1);
    expect(mail.subject).toBe('Omapolussa on uusi poissaoloilmoitus');
    expect(mail.text).toContain('Poissaolo on tänään tai seuraavana työpäivänä.');
    expect(mail.text).toContain(`${BASE()}/worker\n`);
    await noMoreTo(MAIJA, 0, 300);
  });

  it("a worker's reply is told to each family member once, in their language, until it is read", async () => {
    const liisa = await fixture.signedIn(server.baseUrl, { email: LIISA }, laptop);
    await reply(liisa, ids.matti, 'Hei Matti! Lepää rauhassa, nähdään huomenna.');
    const [maija] = await mailTo(MAIJA, 1);
    const [eero] = await mailTo(EERO, 1);
    const [anja] = await mailTo(ANJA, 1);
    expect([maija.subject, eero.subject, anja.subject]).toEqual(['Omapolussa on uusi viesti', 'Det finns ett nytt meddelande i Omapolku', 'There is a new message in Omapolku']);
    expect(maija.text).toContain('Ohjaaja kirjoitti sen.');
    expect(maija.text).toContain(`${BASE()}/family\n`);
    expect(eero.headers.get('content-language')).toBe('sv');
    expect(anja.text).toContain('A worker wrote it.');
    // A second answer before anyone read the first: no second mail.
    await reply(liisa, ids.matti, 'Muista juoda paljon.');
    await noMoreTo(MAIJA, 1, 600);
  });

  it("the client's absence report goes to the family member his consent names, on a link that shows attendance", async () => {
    await runSql(server.dbFile, [
      [
        `INSERT INTO consents (id, client_id, recipient_type, recipient_name, starts_on, ends_on, given_by, given_as, created_at)
         VALUES (9001, ?1, 'family', 'Maija Virtanen', ?2, ?3, ?1, 'client', 0)`,
        [ids.matti, today, addDays(today, 180)],
      ],
      ["INSERT INTO consent_information (consent_id, info_type) VALUES (9001, 'schedule')"],
    ]);
    const matti = await fixture.signedIn(server.baseUrl, 'matti');
    await report(matti, 'tomorrow');
    const [mail] = await mailTo(MAIJA, 2);
    expect(mailsTo(MAIJA)[1].subject).toBe('Omapolussa on uusi ilmoitus');
    expect(mailsTo(MAIJA)[1].text).toContain('Omapolussa on uusi ilmoitus poissaolosta.');
    expect(mail.subject).toBe('Omapolussa on uusi viesti');
    // Liisa: the report is for tomorrow, so at once too.
    await mailTo(LIISA, 2);
    // Eero (messages only) and Anja (not named) get nothing of it.
    await noMoreTo(EERO, 1, 300);
    await noMoreTo(ANJA, 1, 0);
  });
});

describe('later that day (the server started again with its clock moved)', () => {
  it('8.00: Liisa’s summary with the wait and the reminders; Pekka’s “after an hour”; nothing told again', async () => {
    // Pekka now wants a wait only after an hour; Aino writes to him at 7.0x.
    await runSql(server.dbFile, [["UPDATE notification_settings SET messages = 'hour' WHERE person_id = (SELECT id FROM people WHERE email = ?)", [PEKKA]]]);
    const aino = await fixture.signedIn(server.baseUrl, 'aino');
    await clientMessage(aino, 'Voinko tulla huomenna myöhemmin?');
    await noMoreTo(PEKKA, 1, 600);
    const before = smtp.mails.length;

    await restart(clockAt('08:05'));
    const liisaMails = await mailTo(LIISA, 3);
    const digest = liisaMails[2];
    expect(digest.subject).toBe('Omapolun kooste kello 8.00');
    expect(digest.text).toContain('Omapolussa on uutta.');
    expect(digest.text).toContain('1 asiakkaan viesti odottaa vastausta.');
    expect(digest.text).toContain('1 lupa päättyy 30 päivän sisällä.');
    expect(digest.text).toContain('1 suunnitelman arviointi on pian tai myöhässä.');
    expect(digest.text).not.toContain('poissaolo');
    const [, hour] = await mailTo(PEKKA, 2);
    expect(hour.text).toContain('Asiakkaan viesti on odottanut vastausta yli tunnin.');
    await new Promise((r) => setTimeout(r, 800));
    // Only the two new ones (and other units' summaries): nothing of the morning again.
    const again = smtp.mails.slice(before).filter((m) => [LIISA, PEKKA, MAIJA, EERO, ANJA].includes(to(m)));
    expect(again.map((m) => to(m)).sort()).toEqual([LIISA, PEKKA].sort());
    const ids_ = smtp.mails.map((m) => m.messageId);
    expect(new Set(ids_).size).toBe(ids_.length);
  });

  it('13.00: the summary tells only what is new since 8.00', async () => {
    const matti = await fixture.signedIn(server.baseUrl, 'matti');
    await clientMessage(matti, 'Olen jo parempi. Tulen ehkä huomenna.');
    await noMoreTo(LIISA, 3, 600);
    await restart(clockAt('13:01'));
    const [, , , digest] = await mailTo(LIISA, 4);
    expect(digest.subject).toBe('Omapolun kooste kello 13.00');
    expect(digest.text).toContain('1 asiakkaan viesti odottaa vastausta.');
    expect(digest.text).not.toContain('lupa');
    expect(digest.text).not.toContain('arviointi');
    await noMoreTo(LIISA, 4, 600);
  });

  it('a family link ended while the mail waited for the mail server: nothing sent, and the admin sees why', async () => {
    const matti = await fixture.signedIn(server.baseUrl, 'matti');
    // Matti reads Liisa's answers: the next one is told again.
    await matti.goto(`${server.baseUrl}/client/messages`);
    await smtp.stop();
    const liisa = await fixture.signedIn(server.baseUrl, { email: LIISA }, laptop);
    await reply(liisa, ids.matti, 'Hyvä kuulla! Tervetuloa huomenna.');
    const [{ id: eeroLink }] = await querySql<{ id: number }>(
      server.dbFile,
      'SELECT l.id FROM family_links l JOIN people p ON p.id = l.family_id WHERE p.email = ? AND l.client_id = ? AND l.ended_at IS NULL',
      [EERO, ids.matti],
    );
    await post(matti, `/client/consents/end-link?id=${eeroLink}`, { id: String(eeroLink) });
    await smtp.start();
    await mailTo(MAIJA, 3);
    await mailTo(ANJA, 2);
    const rows = async () => querySql<{ id: number; status: string; dropped_reason: string | null }>(server.dbFile, "SELECT id, status, dropped_reason FROM outbox WHERE to_address = ? AND kind = 'family-message' ORDER BY id", [EERO]);
    const end = Date.now() + 10_000;
    while ((await rows()).at(-1)!.status === 'waiting' && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    const dropped = (await rows()).at(-1)!;
    expect(dropped).toMatchObject({ status: 'dropped', dropped_reason: 'link_ended' });
    expect(mailsTo(EERO)).toHaveLength(1);

    const helena = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, laptop);
    await helena.goto(`${server.baseUrl}/admin/outbox`);
    const row = helena.locator(`tr[data-mail="${dropped.id}"]`);
    expect(await row.getAttribute('data-status')).toBe('dropped');
    expect(await row.innerText()).toContain('Läheiselle: uusi viesti');
    expect(await row.innerText()).toContain('Ei lähetetty');
    expect(await row.innerText()).toContain('Syy: Läheisen linkki asiakkaaseen on päättynyt.');
    expect(await row.locator('button').count()).toBe(0);
    await expectNoAxeViolations(helena, { client: false });
  });

  it('a server killed between the commit and the send delivers the notification once after its restart', async () => {
    // Pekka's two mails of the morning have arrived before the mail server stops: on a busy
    // machine one of them could still be waiting for its next try, and this test would read it.
    await mailTo(PEKKA, 2);
    // Pekka answers Aino; her next message begins a new wait.
    const pekka = await fixture.signedIn(server.baseUrl, { email: PEKKA }, laptop);
    await reply(pekka, ids.aino, 'Voit tulla kymmeneltä.');
    await smtp.stop();
    const aino = await fixture.signedIn(server.baseUrl, 'aino');
    await clientMessage(aino, 'Kiitos vastauksesta!');
    // An hour on: the scheduler commits Pekka's notification, and the mail server is down.
    const at1430 = clockAt('14:30');
    // Only the mail the 14.30 look queues: rows before it are the morning's.
    const [{ last }] = await querySql<{ last: number }>(server.dbFile, 'SELECT COALESCE(MAX(id), 0) AS last FROM outbox');
    await restart(at1430);
    const waiting = async () =>
      querySql<{ mail_key: string; status: string; attempts: number; next_attempt_at: number }>(server.dbFile, "SELECT o.mail_key, o.status, o.attempts, o.next_attempt_at FROM outbox o WHERE o.to_address = ? AND o.kind = 'notify-message' AND o.id > ? ORDER BY o.id DESC LIMIT 1", [PEKKA, last]);
    const end = Date.now() + 10_000;
    while (!((await waiting())[0]?.attempts >= 1 && (await waiting())[0]?.status === 'waiting') && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    const [row] = await waiting();
    expect(row).toMatchObject({ status: 'waiting' });
    expect(row.attempts).toBeGreaterThanOrEqual(1);
    // Committed, not sent: kill -9.
    await restart({}, 'SIGKILL');
    expect(mailsTo(PEKKA)).toHaveLength(2);
    await smtp.start();
    // The failed attempts while the mail server was down set the next one later each time (200 ms,
    // 800 ms, 4 s, 12 s …), and a kill in the middle of an attempt leaves the mail taken until
    // its lease ends (OMAPOLKU_MAIL_LEASE_MS, 3 s in the tests; 2 min in a unit). So wait until
    // it is due again (the server's clock is moved by the offset), and 15 s more.
    const [{ next_attempt_at }] = await waiting();
    const due = Math.max(0, next_attempt_at - (Date.now() + Number(at1430.OMAPOLKU_CLOCK_OFFSET_MS)));
    const [, , crashed] = await mailTo(PEKKA, 3, due + 15_000);
    expect(crashed.messageId).toContain(row.mail_key.replace(/[^A-Za-z0-9._-]/g, '-'));
    await noMoreTo(PEKKA, 3, 1500);
    const ledger = await querySql<{ n: number }>(server.dbFile, "SELECT COUNT(*) AS n FROM notifications WHERE mail_key = ?", [row.mail_key]);
    expect(ledger[0].n).toBe(1);
    expect((await waiting())[0].status).toBe('sent');
  }, 120_000);
});

describe('every notification mail', () => {
  it('says nothing of any client: no name, no words of a message, no id in a link', async () => {
    const clients = await querySql<{ id: number; full_name: string }>(server.dbFile, "SELECT id, full_name FROM people WHERE role = 'client'");
    const words = [...clients.flatMap((c) => c.full_name.split(' ')), 'Kuumetta', 'Bussi', 'myöhässä, tulen', 'Lepää', 'Koivukoti', 'Pajakulman'];
    const notifications = smtp.mails.filter((m) => /Omapolu|Omapolku/.test(m.subject ?? ''));
    expect(notifications.length).toBeGreaterThanOrEqual(13);
    for (const m of notifications) {
      const text = `${m.subject}\n${m.text}`;
      for (const word of words) expect(text, `${to(m)}: ${m.subject}`).not.toContain(word);
      for (const c of clients) expect(text).not.toMatch(new RegExp(`/${c.id}(/|\\b)`));
      expect(m.html).toBe(false);
    }
  });
});
