/**
 * The process's one mail sender, started with the server (src/server/background.ts, which the
 * middleware loads at start): SMTP when configured, otherwise .eml files the admin can read.
 */
import { config } from '@server/config';
import { getDb, type Database } from '@server/db';
import { MailSender } from './sender';
import { fileTransport, smtpTransport } from './transport';
import type { OutboxRow } from './outbox';

let starting: Promise<MailSender | null> | null = null;
let stopped = false;

/** A reason not to send a mail after all (see SenderOptions.beforeSend), or null. */
export type BeforeSend = (db: Database, row: OutboxRow) => Promise<string | null>;

export function startMailSender(beforeSend?: BeforeSend): Promise<MailSender | null> {
  // Once stopped (the server is stopping) it stays stopped: a request still in flight must not start it again.
  if (stopped) return Promise.resolve(null);
  starting ??= getDb()
    .then((db) => {
      const transport = config.smtpUrl ? smtpTransport(config.smtpUrl, config.mailFrom) : fileTransport(config.outboxDir, config.mailFrom);
      return new MailSender(db, transport, {
        pollMs: config.mailPollMs,
        retryBaseMs: config.mailRetryBaseMs,
        leaseMs: config.mailLeaseMs,
        ...(beforeSend && { beforeSend: (row: OutboxRow) => beforeSend(db, row) }),
      }).start();
    })
    .catch((err: unknown) => {
      // The database may be down at start; the first request that opens it tries again.
      console.error('Omapolku mail: the sender did not start:', err);
      starting = null;
      return null;
    });
  return starting;
}

/**
 * Stops the sender for good (the graceful stop, src/server/ops/front.ts): no new mail is
 * taken, and the one being sent is finished. Mails still waiting stay in the outbox table and go
 * out after the next start.
 */
export async function stopMailSender(): Promise<void> {
  stopped = true;
  const sender = await starting;
  starting = null;
  await sender?.stop();
}

export { queueMail, type OutgoingMail } from './outbox';
