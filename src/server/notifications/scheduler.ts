/**
 * The loop that tells what is due with time (issue 17): a wait "after an hour", the summaries at
 * each worker's chosen times on working days, consents ending and plan reviews, and anything
 * that happened on a day off. It looks every `tickMs` (OMAPOLKU_NOTIFY_TICK_MS).
 *
 * It is idempotent, so a restart, a crash or a second server changes nothing: what was told is
 * in the ledger (`notifications`, one row per cause and recipient) and a summary time looked at
 * is in `notification_rounds`; both are written in one transaction with the mail that tells
 * them, and that transaction first asks again, inside itself, what is still untold. A crash
 * before the commit leaves nothing (the next look does it all); after it, everything (the
 * outbox sends the mail, once).
 */
import type { Database, Tx } from '@server/db';
import { backgroundBaseUrl } from '@server/mail/links';
import { REMINDER_DAYS } from '@domain/consent';
import { addDays } from '@domain/attendance/month';
import { reviewState } from '@domain/plan/plan';
import { dueAt, isSoonAbsence, latestRound, LOOKBACK_MS, type Round } from '@domain/notifications/schedule';
import { usesSummary } from '@domain/notifications/settings';
import { helsinkiMoment } from '@domain/time/helsinki';
import {
  activeWorkers,
  clientsOfWorkerToday,
  consentsEnding,
  currentReviews,
  markRound,
  recentReports,
  roundDone,
  tell,
  toldCauses,
  waitingEpisodes,
  type Q,
  type Recipient,
  type Told,
} from './store';
import { singleKey } from './events';
import { workerAbsenceMail, workerDigestMail, workerMessageMail, type DigestCounts } from './mails';

interface Item extends Told {
  /** For a message told on its own: whether it was "after an hour". */
  hour?: boolean;
}

export interface WorkerPlan {
  /** Told each on its own mail now: a wait (at once or after an hour), an absence at once. */
  singles: Item[];
  /** Today's summary time that is due and not looked at yet, with what it tells (maybe nothing). */
  round: { round: Round; items: Item[] } | null;
}

/** What is due for one worker at `now`, and not told yet. Reads only. */
export async function planFor(q: Q, worker: Recipient, now: number): Promise<WorkerPlan> {
  const s = worker.settings;
  const today = helsinkiMoment(now).date;
  const clients = await clientsOfWorkerToday(q, worker.id, today);
  const from = now - LOOKBACK_MS;
  const candidates: { item: Item; due: number | null; digest: boolean }[] = [];

  if (s.messages !== 'off') {
    for (const e of await waitingEpisodes(q, clients, from)) {
      candidates.push({
        item: { personId: worker.id, cause: `message:${e.first_id}`, kind: 'message', clientId: e.client_id, refId: e.first_id, hour: s.messages === 'hour' },
        due: dueAt(e.since, s.messages, s.times),
        digest: s.messages === 'digest',
      });
    }
  }
  if (s.absences !== 'off') {
    for (const r of await recentReports(q, clients, from)) {
      if (r.reported_by === worker.id || !isSoonAbsence(r.days, helsinkiMoment(r.reported_at).date)) continue;
      candidates.push({ item: { personId: worker.id, cause: `absence:${r.id}`, kind: 'absence', clientId: r.client_id, refId: r.id }, due: dueAt(r.reported_at, s.absences, s.times), digest: s.absences === 'digest' });
    }
  }
  const round = usesSummary(s) ? latestRound(now, s.times) : null;
  const roundOpen = round !== null && !(await roundDone(q, worker.id, round.day, round.time));
  const reminders: Item[] = [];
  if (roundOpen && s.consents) {
    for (const c of await consentsEnding(q, clients, today, addDays(today, REMINDER_DAYS))) {
      reminders.push({ personId: worker.id, cause: `consent:${c.id}`, kind: 'consent', clientId: c.client_id, refId: c.id });
    }
  }
  if (roundOpen && s.reviews) {
    for (const v of await currentReviews(q, clients)) {
      if (reviewState(v.review_on, today) === 'ok') continue;
      reminders.push({ personId: worker.id, cause: `review:${v.id}:${v.review_on}`, kind: 'review', clientId: v.client_id, refId: v.id });
    }
  }
  const told = await toldCauses(q, worker.id, [...candidates.map((c) => c.item.cause), ...reminders.map((r) => r.cause)]);
  const due = candidates.filter((c) => !told.has(c.item.cause) && c.due !== null && c.due <= now);
  return {
    singles: due.filter((c) => !c.digest).map((c) => c.item),
    round: roundOpen ? { round: round!, items: [...due.filter((c) => c.digest).map((c) => c.item), ...reminders.filter((r) => !told.has(r.cause))] } : null,
  };
}

const isEmpty = (p: WorkerPlan) => p.singles.length === 0 && p.round === null;

/** Writes one worker's plan, asked again inside the transaction. Answers how many mails were queued. */
async function carryOut(tx: Tx, worker: Recipient, now: number): Promise<number> {
  const plan = await planFor(tx, worker, now);
  const base = backgroundBaseUrl();
  let mails = 0;
  for (const item of plan.singles) {
    const key = singleKey(worker.id, item.cause);
    const mail =
      item.kind === 'message'
        ? workerMessageMail(worker, key, base, item.hour === true, { check: 'staff', person: worker.id, client: item.clientId, message: item.refId })
        : workerAbsenceMail(worker, key, base, { check: 'staff', person: worker.id, client: item.clientId, report: item.refId });
    if (await tell(tx, [item], mail, Date.now())) mails++;
  }
  if (plan.round) {
    const { round, items } = plan.round;
    const key = `digest-${worker.id}-${round.day}-${round.time}`;
    if (!(await markRound(tx, worker.id, round.day, round.time, items.length > 0 ? key : null, Date.now()))) return mails;
    if (items.length > 0) {
      const counts: DigestCounts = { messages: 0, absences: 0, consents: 0, reviews: 0 };
      for (const i of items) counts[i.kind === 'message' ? 'messages' : i.kind === 'absence' ? 'absences' : i.kind === 'consent' ? 'consents' : 'reviews']++;
      if (await tell(tx, items, workerDigestMail(worker, key, base, round.time, counts), Date.now())) mails++;
    }
  }
  return mails;
}

/**
 * One look at every active worker: a read first (most looks find nothing), then, for a worker
 * with something due, the write transaction that asks again and tells it.
 */
export async function notifyDue(db: Database, now = Date.now()): Promise<number> {
  let mails = 0;
  for (const worker of await activeWorkers(db)) {
    if (isEmpty(await planFor(db, worker, now))) continue;
    mails += await db.write((tx) => carryOut(tx, worker, now));
  }
  return mails;
}

export class NotificationScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly tickMs: number,
  ) {}

  start(): this {
    this.tick();
    return this;
  }

  private tick(): void {
    if (this.stopped) return;
    this.running = notifyDue(this.db)
      .then(() => undefined)
      .catch((err: unknown) => console.error('Omapolku notifications: the look for what is due failed:', err))
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        this.timer = setTimeout(() => this.tick(), this.tickMs);
        this.timer.unref();
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
