/**
 * A push sender for the server's unit tests, sending to the loopback push service
 * (tests/helpers/push-endpoint.ts): quick polls and retries, and an HTTPS agent that trusts the
 * service's own certificate (the built server trusts it through NODE_EXTRA_CA_CERTS instead).
 */
import https from 'node:https';
import webpush from 'web-push';
import type { Database } from '@server/db/database';
import { PushSender, type PushTransport } from '@server/push/sender';
import { vapidKeys } from '@server/push/store';
import type { TestPushService } from './push-endpoint';

export async function startTestPushSender(db: Database, service: TestPushService, retryBaseMs = 50): Promise<PushSender> {
  const agent = new https.Agent({ ca: service.ca });
  const transport: PushTransport = (subscription, payload, options) => webpush.sendNotification(subscription, payload, { ...options, agent });
  return new PushSender(db, transport, { pollMs: 100, retryBaseMs, leaseMs: 3000, subject: 'mailto:omapolku@example.test', keys: await vapidKeys(db) }).start();
}
