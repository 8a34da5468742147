/**
 * The loop that delivers the push outbox, as MailSender delivers mail (../mail/sender.ts): woken
 * when a push is queued and every `pollMs`, it takes each due push with a lease, checks it once
 * more (recheckPush), sends it encrypted to the browser's push service (RFC 8291, signed with the
 * portal's VAPID key, RFC 8292) and records the answer. 404/410 end the subscription at once,
 * with no retries; a service that is down is tried again after growing delays.
 */
import type { Database } from '@server/db';
import { retryDelay } from '@domain/mail/retry';
import { pushOutcome } from '@domain/push/delivery';
import { claimPush, duePushes, endSubscription, markPushAttemptFailed, markPushDropped, markPushSent, nextPushDueAt, onPushQueued, recheckPush, type PushRow, type VapidKeys } from './store';

/** Sends one encrypted push; answers the push service's status (or throws for no answer). */
export type PushTransport = (
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } },
  payload: string,
  options: { vapidDetails: { subject: string; publicKey: string; privateKey: string }; TTL: number; timeout: number },
) => Promise<{ statusCode: number }>;

export interface PushSenderOptions {
  pollMs: number;
  retryBaseMs: number;
  leaseMs: number;
  /** The VAPID subject: a mailto: or https: address the push service may contact. */
  subject: string;
  keys: VapidKeys;
}

/** A day: a tablet off for a weekend gets no stale "new message" on Monday (the page shows it anyway). */
const TTL_SECONDS = 24 * 60 * 60;

function failureOf(error: unknown): { status: number | undefined; text: string } {
  const e = error as { statusCode?: number; code?: string; message?: string; body?: string };
  const text = [e.code, e.statusCode, e.message?.split('\n')[0]].filter(Boolean).join(' ').slice(0, 300) || 'unknown error';
  return { status: e.statusCode, text };
}

export class PushSender {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly transport: PushTransport,
    private readonly options: PushSenderOptions,
  ) {}

  start(): this {
    onPushQueued(() => this.wake());
    this.wake();
    return this;
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.deliverDue()
      .catch((err: unknown) => console.error('Omapolku push: the push outbox could not be read:', err))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        } else void this.sleep();
      });
  }

  private async sleep(): Promise<void> {
    if (this.stopped) return;
    const next = await nextPushDueAt(this.db).catch(() => null);
    const wait = next === null ? this.options.pollMs : Math.min(this.options.pollMs, Math.max(0, next - Date.now()) + 5);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), wait);
    this.timer.unref();
  }

  private async deliverDue(): Promise<void> {
    for (;;) {
      const now = Date.now();
      const due = await duePushes(this.db, now);
      if (due.length === 0 || this.stopped) return;
      for (const row of due) {
        if (this.stopped) return;
        if (!(await claimPush(this.db, row, now, this.options.leaseMs))) continue;
        const drop = await recheckPush(this.db, row);
        if (drop !== null) {
          await markPushDropped(this.db, row.id, drop);
          continue;
        }
        await this.attempt(row);
      }
    }
  }

  private async attempt(row: PushRow): Promise<void> {
    let status: number | undefined;
    let text = '';
    try {
      status = (await this.transport({ endpoint: row.endpoint, keys: { p256dh: row.p256dh, auth: row.auth } }, row.payload, {
        vapidDetails: { subject: this.options.subject, publicKey: this.options.keys.publicKey, privateKey: this.options.keys.privateKey },
        TTL: TTL_SECONDS,
        timeout: Math.min(30_000, this.options.leaseMs),
      })).statusCode;
    } catch (error) {
      ({ status, text } = failureOf(error));
    }
    switch (pushOutcome(status)) {
      case 'sent':
        await markPushSent(this.db, row.id);
        return;
      case 'gone':
        // The browser's subscription is no more: end it, so no later message is queued for it.
        await endSubscription(this.db, row.subscription_id, 'gone');
        await markPushDropped(this.db, row.id, 'gone', text || String(status));
        return;
      case 'refused':
        await markPushAttemptFailed(this.db, row.id, text || String(status), null);
        return;
      case 'retry': {
        const delay = retryDelay(row.attempts + 1, this.options.retryBaseMs);
        await markPushAttemptFailed(this.db, row.id, text || String(status), delay === null ? null : Date.now() + delay);
      }
    }
  }

  /** Stops taking pushes; waits for the one being sent. */
  async stop(): Promise<void> {
    this.stopped = true;
    onPushQueued(null);
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
