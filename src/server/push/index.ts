/**
 * The process's one push sender (./sender.ts), started with the server beside the mail sender
 * (src/server/background.ts). Starting it makes the VAPID keys if the database has none yet:
 * the first start of a new portal.
 */
import webpush from 'web-push';
import { config } from '@server/config';
import { getDb } from '@server/db';
import { PushSender, type PushTransport } from './sender';
import { vapidKeys } from './store';

let starting: Promise<PushSender | null> | null = null;
let stopped = false;

const webPushTransport: PushTransport = (subscription, payload, options) => webpush.sendNotification(subscription, payload, options);

export function startPushSender(): Promise<PushSender | null> {
  // As the mail sender: once stopped (the server is stopping) it stays stopped.
  if (stopped) return Promise.resolve(null);
  starting ??= getDb()
    .then(async (db) => {
      const keys = await vapidKeys(db);
      return new PushSender(db, webPushTransport, { pollMs: config.mailPollMs, retryBaseMs: config.mailRetryBaseMs, leaseMs: config.mailLeaseMs, subject: config.pushSubject, keys }).start();
    })
    .catch((err: unknown) => {
      console.error('Omapolku push: the sender did not start:', err);
      starting = null;
      return null;
    });
  return starting;
}

export async function stopPushSender(): Promise<void> {
  stopped = true;
  const sender = await starting;
  starting = null;
  await sender?.stop();
}
