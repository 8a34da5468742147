/**
 * The outbox against a real SMTP server on loopback (tests/helpers/smtp.ts): a mail queued with
 * its cause arrives once, with a plain-text part and its key as Message-ID; a rolled-back cause
 * sends nothing; a mail server that is down is retried until it is back, and the mail arrives
 * once; a sender that stopped mid-way (a restart) leaves nothing behind; without SMTP the mail
 * is an .eml file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '@server/db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { startTestSmtp, type TestSmtp } from '@tests/helpers/smtp';
import { queueMail, retryFailedMail, type OutboxRow, type OutgoingMail } from './outbox';
import { MailSender } from './sender';
import { fileTransport, messageIdOf, smtpTransport } from './transport';

const FROM = 'Omapolku <omapolku@example.test>';
let db: Database;
let smtp: TestSmtp;
const senders: MailSender[] = [];

beforeEach(async () => {
  db = await openTestDb(async (tx) => {
    await tx.run("INSERT INTO units (id, name, municipality, created_at) VALUES (1, 'Paja', 'Pori', 0)");
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, created_at) VALUES (2, 1, 'worker', 'Liisa Ohjaaja', 'Liisa', 'liisa@example.test', 0)");
  });
  smtp = await startTestSmtp();
});
afterEach(async () => {
  for (const s of senders.splice(0)) await s.stop();
  await smtp?.stop();
  await closeTestDb(db);
});

function mail(key: string, extra: Partial<OutgoingMail> = {}): OutgoingMail {
  return { key, unitId: 1, recipientId: 2, to: 'liisa@example.test', language: 'fi', kind: 'invitation', subject: 'Kutsu Omapolkuun', text: 'Avaa Omapolku: https://omapolku.example.test/invite/abc', ...extra };
}

function sender(url = smtp.url, retryBaseMs = 50): MailSender {
  const s = new MailSender(db, smtpTransport(url, FROM), { pollMs: 100, retryBaseMs }).start();
  senders.push(s);
  return s;
}

const rows = () => db.all<OutboxRow>('SELECT * FROM outbox ORDER BY id');

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the outbox', () => {
  it('delivers a queued mail once over SMTP, with a plain-text part, its key as Message-ID, and erases the body after', async () => {
    sender();
    await db.write((tx) => queueMail(tx, mail('invite-7-1')));
    // The same cause again (a double tap, a replayed post) queues nothing more.
    await db.write((tx) => queueMail(tx, mail('invite-7-1')));
    const [arrived] = await smtp.waitFor(1);
    expect(arrived.subject).toBe('Kutsu Omapolkuun');
    expect(arrived.text?.trim()).toBe('Avaa Omapolku: https://omapolku.example.test/invite/abc');
    expect(arrived.from?.text).toContain('omapolku@example.test');
    expect(arrived.messageId).toBe(messageIdOf('invite-7-1', FROM));
    expect(arrived.headers.get('content-language')).toBe('fi');
    await until(async () => (await rows())[0].status === 'sent');
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, delivered_via: 'smtp', body_erased: 1, text_body: '' });
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails).toHaveLength(1);
  });

  it('sends nothing for a change that was rolled back', async () => {
    sender();
    await expect(db.write(async (tx) => {
      await queueMail(tx, mail('rolled-back-1'));
      throw new Error('the change failed');
    })).rejects.toThrow('the change failed');
    await db.write((tx) => queueMail(tx, mail('committed-1', { subject: 'Toinen' })));
    await smtp.waitFor(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails.map((m) => m.subject)).toEqual(['Toinen']);
    expect((await rows()).map((r) => r.mail_key)).toEqual(['committed-1']);
  });

  it('retries with growing delays while the SMTP server is down, and the mail arrives once when it is back', async () => {
    await smtp.stop();
    sender(smtp.url, 100);
    await db.write((tx) => queueMail(tx, mail('while-down-1')));
    await until(async () => (await rows())[0].attempts >= 2);
    const [failing] = await rows();
    expect(failing.status).toBe('waiting');
    expect(failing.last_error).toMatch(/ECONNREFUSED|ESOCKET|connect/i);
    expect(failing.next_attempt_at).toBeGreaterThan(Date.now() - 50);
    await smtp.start();
    await smtp.waitFor(1, 15_000);
    await until(async () => (await rows())[0].status === 'sent');
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.mails).toHaveLength(1);
    expect((await rows())[0].attempts).toBeGreaterThanOrEqual(3);
  });

  it('keeps a mail queued while no sender runs (the server stopped) and sends it once after the restart', async () => {
    await db.write((tx) => queueMail(tx, mail('before-restart-1')));
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.mails).toHaveLength(0);
    expect((await rows())[0].status).toBe('waiting');
    sender();
    await smtp.waitFor(1);
    await until(async () => (await rows())[0].status === 'sent');
    // Two senders (two app servers, or a restart overlapping) never send one mail twice.
    await db.write((tx) => queueMail(tx, mail('two-senders-1')));
    sender();
    await smtp.waitFor(2);
    await new Promise((r) => setTimeout(r, 400));
    expect(smtp.mails.map((m) => m.messageId).sort()).toEqual([messageIdOf('before-restart-1', FROM), messageIdOf('two-senders-1', FROM)].sort());
  });

  it('marks a mail failed when the server refuses it for good, and an admin can try it again', async () => {
    const refusing = new MailSender(db, { via: 'smtp', close() {}, send: async () => Promise.reject(Object.assign(new Error('550 no such user'), { responseCode: 550 })) }, { pollMs: 100, retryBaseMs: 50 }).start();
    senders.push(refusing);
    await db.write((tx) => queueMail(tx, mail('refused-1')));
    await until(async () => (await rows())[0].status === 'failed');
    expect((await rows())[0].last_error).toContain('550');
    await refusing.stop();
    senders.splice(senders.indexOf(refusing), 1);
    sender();
    expect(await retryFailedMail(db, 2, (await rows())[0].id)).toBe(false); // another unit's admin
    expect(await retryFailedMail(db, 1, (await rows())[0].id)).toBe(true);
    await smtp.waitFor(1);
  });
});

describe('the last check before sending', () => {
  it('drops a mail that no longer holds, with the reason, and sends the others; a dropped mail stays and is never sent', async () => {
    const checked: string[] = [];
    const s = new MailSender(db, smtpTransport(smtp.url, FROM), {
      pollMs: 100,
      retryBaseMs: 50,
      beforeSend: async (row) => {
        checked.push(row.mail_key);
        return row.recheck && (JSON.parse(row.recheck) as { ok: boolean }).ok === false ? 'link_ended' : null;
      },
    }).start();
    senders.push(s);
    await db.write(async (tx) => {
      await queueMail(tx, mail('notify-20-reply:1', { kind: 'family-message', recheck: { ok: false } }));
      await queueMail(tx, mail('notify-21-reply:1', { kind: 'family-message', recheck: { ok: true } }));
      await queueMail(tx, mail('invite-9-1'));
    });
    await smtp.waitFor(2);
    await until(async () => (await rows()).every((r) => r.status !== 'waiting'));
    expect((await rows()).map((r) => [r.mail_key, r.status, r.dropped_reason])).toEqual([
      ['notify-20-reply:1', 'dropped', 'link_ended'],
      ['notify-21-reply:1', 'sent', null],
      ['invite-9-1', 'sent', null],
    ]);
    expect(checked.sort()).toEqual(['invite-9-1', 'notify-20-reply:1', 'notify-21-reply:1']);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails).toHaveLength(2);
    // Not an admin's "Yritä uudelleen" either: only a failed mail is tried again.
    expect(await retryFailedMail(db, 1, (await rows())[0].id)).toBe(false);
  });
});

describe('without SMTP', () => {
  it('writes each mail to an .eml file and keeps its body for the outbox page', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omapolku-outbox-'));
    try {
      const s = new MailSender(db, fileTransport(dir, FROM), { pollMs: 100, retryBaseMs: 50 }).start();
      senders.push(s);
      await db.write((tx) => queueMail(tx, mail('file-mail-1', { language: 'sv', subject: 'Inbjudan' })));
      await until(async () => (await rows())[0].status === 'sent');
      const files = fs.readdirSync(dir);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^\d{6}-invitation\.eml$/);
      const eml = fs.readFileSync(path.join(dir, files[0]), 'utf8');
      expect(eml).toContain('Subject: Inbjudan');
      expect(eml).toContain('Content-Language: sv');
      expect(eml).toContain('Avaa Omapolku: https://omapolku.example.test/invite/abc');
      expect((await rows())[0]).toMatchObject({ delivered_via: 'file', body_erased: 0 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
