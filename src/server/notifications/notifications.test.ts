/**
 * Notifications against a real database (issue 17): written in the cause's own transaction (a
 * rolled-back cause leaves none), once per cause and recipient, by the scheduler at the chosen
 * times on working days only, safely when it runs twice or again after a restart; a substitute
 * gets them for their period; family members by their link and the client's consent; and the
 * last check before sending drops a mail that no longer holds.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '@server/db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { sendMessage } from '@server/messages/store';
import { createAbsenceReport } from '@server/attendance/store';
import { endFamilyLink, withdrawConsent } from '@server/consents/store';
import { MailSender } from '@server/mail/sender';
import type { OutboxRow } from '@server/mail/outbox';
import { helsinkiTime, HOUR_MS } from '@domain/notifications/schedule';
import { notifyDue } from './scheduler';
import { recheckNotification } from './recheck';
import { saveSettings } from './store';

const at = (day: string, time: string) => helsinkiTime(day, time);
// 2026-12-01 is a Tuesday; 2026-12-05 a Saturday; 2026-12-07 the Monday after.
const TUE = '2026-12-01';
const LIISA = 2;
const PEKKA = 3;
const MATTI = 10;
const JUKKA = 11;
const MAIJA = 20;
const EERO = 21;
const CONV_MATTI = 100;
const CONV_JUKKA = 101;

let db: Database;
let keys = 0;

beforeEach(async () => {
  db = await openTestDb(async (tx) => {
    await tx.run("INSERT INTO units (id, name, municipality, created_at) VALUES (1, 'Paja', 'Pori', 0)");
    const person = (id: number, role: string, name: string, email: string | null, language = 'fi') =>
      tx.run('INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, language, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0)', [id, role === 'family' ? null : 1, role, name, name.split(' ')[0], email, language]);
    await person(LIISA, 'worker', 'Liisa Ohjaaja', 'liisa@example.test');
    await person(PEKKA, 'worker', 'Pekka Valmentaja', 'pekka@example.test', 'sv');
    await person(MATTI, 'client', 'Matti Virtanen', null);
    await person(JUKKA, 'client', 'Jukka Niemi', null);
    await person(MAIJA, 'family', 'Maija Virtanen', 'maija@example.test');
    await person(EERO, 'family', 'Eero Virtanen', 'eero@example.test', 'en');
    await tx.run("INSERT INTO client_workers (client_id, worker_id, kind, starts_on, created_at) VALUES (?, ?, 'named', '2024-01-01', 0), (?, ?, 'named', '2024-01-01', 0)", [MATTI, LIISA, JUKKA, LIISA]);
    await tx.run("INSERT INTO family_links (id, family_id, client_id, basis, level, created_at) VALUES (1, ?, ?, 'client_agreement', 'full', 0), (2, ?, ?, 'client_agreement', 'messages', 0)", [MAIJA, MATTI, EERO, MATTI]);
    await tx.run('INSERT INTO conversations (id, client_id, created_at) VALUES (?, ?, 0), (?, ?, 0)', [CONV_MATTI, MATTI, CONV_JUKKA, JUKKA]);
  });
});
afterEach(() => closeTestDb(db));

const outbox = () => db.all<OutboxRow>('SELECT * FROM outbox ORDER BY id');
const mailsTo = async (email: string) => (await outbox()).filter((m) => m.to_address === email);
const staffMails = async () => (await outbox()).filter((m) => m.kind.startsWith('notify-'));
const ledger = () => db.all<{ person_id: number; cause: string; kind: string }>('SELECT person_id, cause, kind FROM notifications ORDER BY id');

function clientSays(conversationId: number, clientId: number, when: number, body = 'Saanko tehdä linnunpöntön?') {
  return sendMessage(db, { conversationId, senderId: clientId, kind: 'text', body, fromClientSide: true, key: `k-${++keys}` }, when);
}
function workerSays(conversationId: number, when: number, body = 'Hei! Kyllä saat.') {
  return sendMessage(db, { conversationId, senderId: LIISA, kind: 'text', body, fromClientSide: false, key: `k-${++keys}` }, when);
}
const worker = (messages: 'now' | 'hour' | 'digest' | 'off', over: Partial<{ absences: 'now' | 'digest' | 'off'; consents: boolean; reviews: boolean; times: string[] }> = {}) => ({
  messages,
  absences: over.absences ?? 'off',
  consents: over.consents ?? false,
  reviews: over.reviews ?? false,
  times: over.times ?? ['08:00', '13:00'],
});

describe("a client's message waiting for an answer", () => {
  it('at once: queued in the same transaction as the message, once per wait; a rolled-back message queues nothing', async () => {
    await saveSettings(db, LIISA, worker('now'));
    await expect(db.write(async (tx) => {
      await tx.run("INSERT INTO messages (conversation_id, sender_id, kind, body, from_client_side, idempotency_key, created_at) VALUES (?, ?, 'text', 'x', 1, 'rolled', ?)", [CONV_MATTI, MATTI, at(TUE, '09:00')]);
      throw new Error('the change failed');
    })).rejects.toThrow('the change failed');
    expect(await outbox()).toEqual([]);

    await clientSays(CONV_MATTI, MATTI, at(TUE, '09:00'));
    const [mail] = await outbox();
    expect(mail).toMatchObject({ to_address: 'liisa@example.test', kind: 'notify-message', subject: 'Omapolussa on uusi viesti', status: 'waiting', language: 'fi' });
    expect(mail.text_body).toContain('Asiakkaan viesti odottaa vastaustasi.');
    expect(mail.text_body).toContain('/worker/messages');
    expect(JSON.parse(mail.recheck!)).toEqual({ check: 'staff', person: LIISA, client: MATTI, message: expect.any(Number) });
    // The same wait (a second message before an answer) is the same cause: nothing more.
    await clientSays(CONV_MATTI, MATTI, at(TUE, '09:05'), 'Vastaa pian.');
    expect(await outbox()).toHaveLength(1);
    // The scheduler finds it told.
    expect(await notifyDue(db, at(TUE, '11:00'))).toBe(0);
    // An answer ends the wait; the next message begins a new one.
    await workerSays(CONV_MATTI, at(TUE, '09:30'));
    await clientSays(CONV_MATTI, MATTI, at(TUE, '10:00'), 'Kiitos!');
    expect(await mailsTo('liisa@example.test')).toHaveLength(2);
    expect((await ledger()).filter((l) => l.person_id === LIISA).map((l) => l.kind)).toEqual(['message', 'message']);
  });

  it('after an hour: nothing before the hour, one mail after it, whatever the scheduler does again', async () => {
    await saveSettings(db, LIISA, worker('hour'));
    await clientSays(CONV_MATTI, MATTI, at(TUE, '09:00'));
    expect(await outbox()).toEqual([]);
    expect(await notifyDue(db, at(TUE, '09:59'))).toBe(0);
    expect(await notifyDue(db, at(TUE, '10:01'))).toBe(1);
    // Two schedulers at once (two servers, a restart that overlaps) and later looks: still one.
    await Promise.all([notifyDue(db, at(TUE, '10:02')), notifyDue(db, at(TUE, '10:02'))]);
    await notifyDue(db, at(TUE, '15:00'));
    const mails = await outbox();
    expect(mails).toHaveLength(1);
    expect(mails[0].text_body).toContain('Asiakkaan viesti on odottanut vastausta yli tunnin.');
  });

  it('on a day off: told at the first summary time of the next working day', async () => {
    await saveSettings(db, LIISA, worker('now', { times: ['09:00'] }));
    await clientSays(CONV_MATTI, MATTI, at('2026-12-05', '10:00'));
    expect(await outbox()).toEqual([]);
    expect(await notifyDue(db, at('2026-12-06', '12:00'))).toBe(0); // Sunday, Independence Day
    expect(await notifyDue(db, at('2026-12-07', '08:59'))).toBe(0);
    expect(await notifyDue(db, at('2026-12-07', '09:00'))).toBe(1);
  });
});

describe('the summary at the chosen times', () => {
  beforeEach(async () => {
    await saveSettings(db, LIISA, worker('digest', { absences: 'digest', consents: true, reviews: true }));
    await db.write(async (tx) => {
      // A consent ending within 30 days, one ending later, one withdrawn; a review due in two weeks.
      await tx.run(
        `INSERT INTO consents (id, client_id, recipient_type, recipient_name, starts_on, ends_on, given_by, given_as, created_at)
         VALUES (1, ?1, 'housing', 'Koivukoti', '2026-01-01', '2026-12-20', ?1, 'client', 0), (2, ?1, 'kela', '', '2026-01-01', '2027-06-01', ?1, 'client', 0),
                (3, ?1, 'workplace', 'Kulma', '2026-01-01', '2026-12-10', ?1, 'client', 0)`,
        [MATTI],
      );
      await tx.run("INSERT INTO consent_endings (consent_id, reason, ended_by, ended_as, ended_at) VALUES (3, 'withdrawn', ?, 'client', 0)", [MATTI]);
      await tx.run(
        `INSERT INTO plan_versions (id, client_id, version, service_type, place_name, starts_on, review_on, created_at)
         VALUES (1, ?, 1, 'tyotoiminta', 'Paja', '2025-01-01', '2026-12-15', 0), (2, ?, 1, 'tyotoiminta', 'Paja', '2025-01-01', '2027-12-15', 0)`,
        [MATTI, JUKKA],
      );
    });
  });

  it('tells each new thing once, at 8.00 and 13.00 on working days, in counts only', async () => {
    await clientSays(CONV_MATTI, MATTI, at(TUE, '07:30'));
    await clientSays(CONV_JUKKA, JUKKA, at(TUE, '07:40'));
    await createAbsenceReport(db, { clientId: JUKKA, reason: 'sick', words: 'Kuumetta', days: [TUE], key: 'r-1', by: JUKKA }, at(TUE, '07:45'));
    expect(await mailsTo('liisa@example.test')).toEqual([]);
    expect(await notifyDue(db, at(TUE, '07:59'))).toBe(0);

    expect(await notifyDue(db, at(TUE, '08:00'))).toBe(1);
    const [first] = await mailsTo('liisa@example.test');
    expect(first).toMatchObject({ kind: 'notify-digest', subject: 'Omapolun kooste kello 8.00', mail_key: `digest-${LIISA}-${TUE}-08:00` });
    expect(first.text_body).toContain('2 asiakkaan viestit odottavat vastausta.');
    expect(first.text_body).toContain('1 uusi poissaoloilmoitus.');
    expect(first.text_body).toContain('1 lupa päättyy 30 päivän sisällä.');
    expect(first.text_body).toContain('1 suunnitelman arviointi on pian tai myöhässä.');
    for (const word of ['Matti', 'Jukka', 'Virtanen', 'Niemi', 'Koivukoti', 'linnunpöntön', 'Kuumetta']) expect(first.text_body).not.toContain(word);

    // The same round again, and after a restart (a new look): nothing.
    expect(await notifyDue(db, at(TUE, '08:05'))).toBe(0);
    expect(await notifyDue(db, at(TUE, '12:59'))).toBe(0);
    // A new wait after 8.00 is in the 13.00 summary; what was told at 8.00 is not told again.
    await workerSays(CONV_MATTI, at(TUE, '09:00'));
    await clientSays(CONV_MATTI, MATTI, at(TUE, '10:00'), 'Entä huomenna?');
    expect(await notifyDue(db, at(TUE, '13:00'))).toBe(1);
    const second = (await mailsTo('liisa@example.test'))[1];
    expect(second.subject).toBe('Omapolun kooste kello 13.00');
    expect(second.text_body).toContain('1 asiakkaan viesti odottaa vastausta.');
    expect(second.text_body).not.toContain('lupa');
    expect(second.text_body).not.toContain('poissaolo');
    // Nothing new at Wednesday's 8.00: a summary time with nothing to tell sends nothing.
    expect(await notifyDue(db, at('2026-12-02', '08:00'))).toBe(0);
    expect(await db.all('SELECT day, time, mail_key FROM notification_rounds WHERE person_id = ? ORDER BY day, time', [LIISA])).toEqual([
      { day: TUE, time: '08:00', mail_key: `digest-${LIISA}-${TUE}-08:00` },
      { day: TUE, time: '13:00', mail_key: `digest-${LIISA}-${TUE}-13:00` },
      { day: '2026-12-02', time: '08:00', mail_key: null },
    ]);
  });

  it('sends none on a Saturday or a public holiday; what waits is in the next working day’s first summary', async () => {
    await clientSays(CONV_MATTI, MATTI, at('2026-12-04', '15:00'));
    expect(await notifyDue(db, at('2026-12-05', '08:30'))).toBe(0);
    expect(await notifyDue(db, at('2026-12-06', '13:30'))).toBe(0);
    expect(await notifyDue(db, at('2026-12-07', '08:01'))).toBe(1);
    expect((await mailsTo('liisa@example.test'))[0].text_body).toContain('1 asiakkaan viesti odottaa vastausta.');
  });

  it('a summary time missed while the server was down is looked at once, late', async () => {
    await clientSays(CONV_MATTI, MATTI, at(TUE, '07:30'));
    expect(await notifyDue(db, at(TUE, '10:30'))).toBe(1);
    expect((await mailsTo('liisa@example.test'))[0].subject).toBe('Omapolun kooste kello 8.00');
    expect(await notifyDue(db, at(TUE, '10:31'))).toBe(0);
  });
});

describe('a substitute', () => {
  it("gets the notifications of their cover's period, and the worker away gets none then", async () => {
    await saveSettings(db, LIISA, worker('now'));
    await saveSettings(db, PEKKA, worker('now'));
    await db.write(async (tx) => {
      await tx.run("INSERT INTO substitute_covers (id, unit_id, worker_id, substitute_id, starts_on, ends_on, form_key, created_by, created_at) VALUES (1, 1, ?, ?, '2026-12-01', '2026-12-04', 'cover-1', ?, 0)", [LIISA, PEKKA, LIISA]);
      await tx.run("INSERT INTO client_workers (client_id, worker_id, kind, starts_on, ends_on, created_at, cover_id) VALUES (?, ?, 'substitute', '2026-12-01', '2026-12-04', 0, 1)", [MATTI, PEKKA]);
    });
    await clientSays(CONV_MATTI, MATTI, at('2026-11-30', '10:00'));
    expect((await staffMails()).map((m) => m.to_address)).toEqual(['liisa@example.test']);
    await workerSays(CONV_MATTI, at('2026-11-30', '11:00'));
    await clientSays(CONV_MATTI, MATTI, at(TUE, '10:00'));
    expect((await staffMails()).map((m) => m.to_address)).toEqual(['liisa@example.test', 'pekka@example.test']);
    // Pekka reads Swedish. His mail would go now, in his period.
    const toPekka = (await staffMails())[1];
    expect(toPekka.subject).toBe('Det finns ett nytt meddelande i Omapolku');
    expect(await recheckNotification(db, toPekka, at(TUE, '10:30'))).toBe(null);
    // Jukka is not in the cover: Liisa still gets his.
    await clientSays(CONV_JUKKA, JUKKA, at(TUE, '10:10'));
    expect((await staffMails()).map((m) => m.to_address)).toEqual(['liisa@example.test', 'pekka@example.test', 'liisa@example.test']);
    await workerSays(CONV_MATTI, at(TUE, '11:00'));
    await clientSays(CONV_MATTI, MATTI, at('2026-12-07', '10:00'));
    expect((await staffMails()).at(-1)!.to_address).toBe('liisa@example.test');
    // The mail to Pekka, had it waited until his period was over, is not sent then.
    expect(await recheckNotification(db, toPekka, at('2026-12-07', '10:00'))).toBe('not_tied');
  });
});

describe('an absence report', () => {
  it('for today or the next working day: a worker who chose "at once" is told at once, not of a later day', async () => {
    await saveSettings(db, LIISA, worker('off', { absences: 'now' }));
    await createAbsenceReport(db, { clientId: MATTI, reason: 'sick', words: '', days: ['2026-12-03'], key: 'r-later', by: MATTI }, at(TUE, '07:00'));
    expect(await outbox()).toEqual([]);
    await createAbsenceReport(db, { clientId: MATTI, reason: 'doctor', words: '', days: ['2026-12-02'], key: 'r-tomorrow', by: MATTI }, at(TUE, '07:00'));
    const [mail] = await outbox();
    expect(mail).toMatchObject({ kind: 'notify-absence', subject: 'Omapolussa on uusi poissaoloilmoitus' });
    expect(mail.text_body).toContain('/worker');
    // A double tap of the same report adds nothing.
    await createAbsenceReport(db, { clientId: MATTI, reason: 'doctor', words: '', days: ['2026-12-02'], key: 'r-tomorrow', by: MATTI }, at(TUE, '07:00'));
    expect(await outbox()).toHaveLength(1);
    expect(await notifyDue(db, at(TUE, '09:00'))).toBe(0);
  });

  it('made on Saturday for Monday: told at Monday’s first summary time', async () => {
    await saveSettings(db, LIISA, worker('off', { absences: 'now', times: ['07:00'] }));
    await createAbsenceReport(db, { clientId: MATTI, reason: 'sick', words: '', days: ['2026-12-07'], key: 'r-sat', by: MATTI }, at('2026-12-05', '18:00'));
    expect(await outbox()).toEqual([]);
    expect(await notifyDue(db, at('2026-12-07', '06:59'))).toBe(0);
    expect(await notifyDue(db, at('2026-12-07', '07:00'))).toBe(1);
    expect((await outbox())[0].kind).toBe('notify-absence');
  });
});

describe('family members', () => {
  it("are told of a worker's reply by link, once until they have read it, in their own language, with no client data", async () => {
    await workerSays(CONV_MATTI, at(TUE, '09:00'), 'Matti, tule huomenna kahdeksalta.');
    const mails = await outbox();
    expect(mails.map((m) => [m.to_address, m.kind, m.subject])).toEqual([
      ['maija@example.test', 'family-message', 'Omapolussa on uusi viesti'],
      ['eero@example.test', 'family-message', 'There is a new message in Omapolku'],
    ]);
    expect(mails[0].text_body).toContain('Ohjaaja kirjoitti sen.');
    expect(mails[0].text_body).toContain('/family');
    for (const m of mails) for (const word of ['Matti', 'Virtanen', 'kahdeksalta', String(MATTI)]) expect(m.text_body).not.toContain(word);
    // A second reply before anyone read the first: no second mail.
    await workerSays(CONV_MATTI, at(TUE, '09:10'));
    expect(await outbox()).toHaveLength(2);
    // Read (by Matti or a family member): the next reply is told again.
    await db.write((tx) => tx.run('UPDATE messages SET read_at = ? WHERE conversation_id = ? AND from_client_side = 0', [at(TUE, '10:00'), CONV_MATTI]));
    await workerSays(CONV_MATTI, at(TUE, '11:00'));
    expect(await outbox()).toHaveLength(4);
    // A family member who said no gets none; one whose link ended gets none.
    await saveSettings(db, MAIJA, { messages: 'off', absences: 'now', consents: false, reviews: false, times: [] });
    await endFamilyLink(db, { clientId: MATTI, linkId: 2, by: LIISA, staff: true }, at(TUE, '11:30'));
    await db.write((tx) => tx.run('UPDATE messages SET read_at = ? WHERE read_at IS NULL', [at(TUE, '11:40')]));
    await workerSays(CONV_MATTI, at(TUE, '12:00'));
    expect(await outbox()).toHaveLength(4);
  });

  it("are told of the client's absence only with the client's consent, and never on a messages-only link", async () => {
    await createAbsenceReport(db, { clientId: MATTI, reason: 'sick', words: '', days: ['2026-12-10'], key: 'r-1', by: MATTI }, at(TUE, '08:00'));
    expect(await outbox()).toEqual([]);
    // A consent for the family's schedule that names Maija; Eero's link is for messages only.
    await db.write(async (tx) => {
      await tx.run("INSERT INTO consents (id, client_id, recipient_type, recipient_name, starts_on, ends_on, given_by, given_as, created_at) VALUES (7, ?, 'family', 'Maija Virtanen', '2026-11-01', '2027-06-01', ?, 'client', 0)", [MATTI, MATTI]);
      await tx.run("INSERT INTO consent_information (consent_id, info_type) VALUES (7, 'schedule')");
    });
    await createAbsenceReport(db, { clientId: MATTI, reason: 'sick', words: 'Flunssa', days: ['2026-12-11'], key: 'r-2', by: MATTI }, at(TUE, '08:10'));
    const mails = await outbox();
    expect(mails.map((m) => [m.to_address, m.kind, m.subject])).toEqual([['maija@example.test', 'family-absence', 'Omapolussa on uusi ilmoitus']]);
    expect(mails[0].text_body).not.toContain('Flunssa');
    // Withdrawn before it was sent: dropped at sending.
    expect(await recheckNotification(db, mails[0], at(TUE, '08:20'))).toBe(null);
    await withdrawConsent(db, { clientId: MATTI, consentId: 7, by: MATTI, as: 'client' }, at(TUE, '08:30'));
    expect(await recheckNotification(db, mails[0], at(TUE, '08:40'))).toBe('no_consent');
    await createAbsenceReport(db, { clientId: MATTI, reason: 'sick', words: '', days: ['2026-12-14'], key: 'r-3', by: MATTI }, at(TUE, '09:00'));
    expect(await outbox()).toHaveLength(1);
  });
});

describe('the last check before sending', () => {
  it('drops a family mail whose link ended while it waited, with the reason, and sends the others', async () => {
    await workerSays(CONV_MATTI, Date.now());
    await endFamilyLink(db, { clientId: MATTI, linkId: 1, by: MATTI }, Date.now());
    const sent: string[] = [];
    const sender = new MailSender(db, { via: 'smtp', close() {}, send: async (row) => void sent.push(row.to_address) }, { pollMs: 50, retryBaseMs: 50, beforeSend: (row) => recheckNotification(db, row) }).start();
    try {
      const end = Date.now() + 5000;
      while ((await outbox()).some((m) => m.status === 'waiting') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await sender.stop();
    }
    expect(sent).toEqual(['eero@example.test']);
    expect((await outbox()).map((m) => [m.to_address, m.status, m.dropped_reason])).toEqual([
      ['maija@example.test', 'dropped', 'link_ended'],
      ['eero@example.test', 'sent', null],
    ]);
  });

  it("drops a worker's mail about a wait that was answered meanwhile", async () => {
    await saveSettings(db, LIISA, worker('now'));
    await clientSays(CONV_MATTI, MATTI, Date.now() - HOUR_MS);
    const [mail] = await outbox();
    expect(await recheckNotification(db, mail)).toBe(null);
    await workerSays(CONV_MATTI, Date.now());
    expect(await recheckNotification(db, mail)).toBe('answered');
    // An invitation or any mail without a check always goes.
    expect(await recheckNotification(db, { recheck: null })).toBe(null);
  });
});
