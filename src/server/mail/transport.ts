/**
 * How a mail leaves: over SMTP with nodemailer when OMAPOLKU_SMTP_URL is set, otherwise as an
 * .eml file in OMAPOLKU_OUTBOX_DIR (data/outbox), which any mail program opens and the admin's
 * outbox page shows. Both build the same message: a plain-text part (and HTML when given), the
 * recipient's language in Content-Language, and the outbox key as Message-ID.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { OutboxRow } from './outbox';

export interface MailTransport {
  via: 'smtp' | 'file';
  send(row: OutboxRow): Promise<void>;
  close(): void;
}

/** The Message-ID of a queued mail: the same on every attempt, so a resent copy can be seen as one. */
export function messageIdOf(key: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'omapolku.invalid';
  return `<${key.replace(/[^A-Za-z0-9._-]/g, '-')}@${domain}>`;
}

function messageOf(row: OutboxRow, from: string): SendMailOptions {
  return {
    from,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    ...(row.html_body ? { html: row.html_body } : {}),
    messageId: messageIdOf(row.mail_key, from),
    headers: { 'Content-Language': row.language, 'Auto-Submitted': 'auto-generated' },
  };
}

export function smtpTransport(url: string, from: string): MailTransport {
  // One connection at a time is plenty for a unit's mail, and it keeps the order of sending.
  const transporter = nodemailer.createTransport(url);
  return {
    via: 'smtp',
    async send(row) {
      await transporter.sendMail(messageOf(row, from));
    },
    close: () => transporter.close(),
  };
}

export function fileTransport(dir: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    via: 'file',
    async send(row) {
      const info = await transporter.sendMail(messageOf(row, from));
      mkdirSync(dir, { recursive: true });
      const name = `${String(row.id).padStart(6, '0')}-${row.kind}.eml`;
      // Written whole, then renamed: a reader never sees half a mail.
      const temporary = path.join(dir, `.${name}.tmp`);
      writeFileSync(temporary, info.message as Buffer);
      renameSync(temporary, path.join(dir, name));
    },
    close: () => transporter.close(),
  };
}
