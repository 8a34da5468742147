/**
 * The loop that delivers the outbox. It wakes when a mail is queued and every `pollMs`, takes
 * each due mail with a short lease (claimMail), sends it, and records the result: sent, or a
 * failed attempt tried again after a growing delay (domain/mail/retry.ts). A mail is never lost:
 * it was committed with its cause and stays due until it is sent. It is sent once: only the
 * claimer sends, and "sent" is written as soon as the server said OK. A notification is checked
 * again just before it goes (`beforeSend`), and dropped with the reason when it no longer holds.
 */
import type { Database } from '@server/db';
import { isPermanentFailure, retryDelay } from '@domain/mail/retry';
import { claimMail, dueMails, markAttemptFailed, markDropped, markSent, nextDueAt, onMailQueued, type OutboxRow } from './outbox';
import type { MailTransport } from './transport';

export interface SenderOptions {
  pollMs: number;
  retryBaseMs: number;
  /** How long a claimed mail is held for one attempt (longer than any SMTP timeout). */
  leaseMs?: number;
  /**
   * Asked just before each attempt: a reason not to send this mail after all (a notification to a
   * family member whose link has ended), or null to send it. The mail is then dropped, not sent.
   */
  beforeSend?: (row: OutboxRow) => Promise<string | null>;
}

/** What a failed attempt records: the reason, never the mail. */
function reasonOf(error: unknown): { text: string; permanent: boolean } {
  const e = error as { code?: string; responseCode?: number; message?: string };
  const permanent = isPermanentFailure(e.responseCode);
  const text = [e.code, e.responseCode, e.message?.split('\n')[0]].filter(Boolean).join(' ').slice(0, 300) || 'unknown error';
  return { text, permanent };
}

export class MailSender {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly transport: MailTransport,
    private readonly options: SenderOptions,
  ) {}

  start(): this {
    onMailQueued(() => this.wake());
    this.wake();
    return this;
  }

  /** Look for due mails now (after the current transaction has committed: reads wait for it). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.deliverDue()
      .catch((err: unknown) => console.error('Omapolku mail: the outbox could not be read:', err))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        } else void this.sleep();
      });
  }

  /** Sleeps until the next waiting mail is due, or `pollMs`, whichever is sooner. */
  private async sleep(): Promise<void> {
    if (this.stopped) return;
    const next = await nextDueAt(this.db).catch(() => null);
    const wait = next === null ? this.options.pollMs : Math.min(this.options.pollMs, Math.max(0, next - Date.now()) + 5);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), wait);
    this.timer.unref();
  }

  private async deliverDue(): Promise<void> {
    const lease = this.options.leaseMs ?? 120_000;
    for (;;) {
      const now = Date.now();
      const due = await dueMails(this.db, now);
      if (due.length === 0 || this.stopped) return;
      for (const row of due) {
        if (this.stopped) return;
        if (!(await claimMail(this.db, row, now, lease))) continue;
        // Checked at the last moment, not only when it was queued: a mail waiting for a mail
        // server that was down must not go to someone who has lost the right to it meanwhile.
        const drop = this.options.beforeSend ? await this.options.beforeSend(row) : null;
        if (drop !== null) {
          await markDropped(this.db, row.id, drop);
          continue;
        }
        try {
          await this.transport.send(row);
        } catch (error) {
          const { text, permanent } = reasonOf(error);
          const delay = permanent ? null : retryDelay(row.attempts + 1, this.options.retryBaseMs);
          await markAttemptFailed(this.db, row.id, text, delay === null ? null : Date.now() + delay);
          continue;
        }
        await markSent(this.db, row.id, this.transport.via);
      }
    }
  }

  /** Stops taking mails; waits for the one being sent. */
  async stop(): Promise<void> {
    this.stopped = true;
    onMailQueued(null);
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.transport.close();
  }
}
