/**
 * The last check before a notification is sent (issue 17, point 2: "checked when the mail is
 * sent, not only when it is queued"). A mail may wait in the outbox for minutes or hours (the
 * mail server is down, a retry is due later); meanwhile a family link may end, a consent be
 * withdrawn, a worker's substitute period end or the message be answered. The sender asks here
 * just before each attempt, and a mail that no longer holds is dropped with the reason (the
 * outbox page says it in words) instead of being sent.
 */
import type { Database } from '@server/db';
import type { OutboxRow } from '@server/mail/outbox';
import { consentCoversFamilyMember, levelSeesAbsences } from '@domain/notifications/family';
import { todayInHelsinki } from '@domain/time/helsinki';
import { activeWorker, familyOfClient, familyScheduleConsents, reportInForce, stillWaiting, workersOfClient } from './store';
import type { Recheck } from './mails';

export type DropReason = 'inactive' | 'not_tied' | 'link_ended' | 'level' | 'no_consent' | 'answered' | 'cancelled' | 'turned_off';

function parse(text: string | null): Recheck | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as Recheck;
  } catch {
    return null;
  }
}

/** Why this mail must not go now, or null to send it. A mail without a check always goes. */
export async function recheckNotification(db: Database, row: Pick<OutboxRow, 'recheck'>, now = Date.now()): Promise<DropReason | null> {
  const r = parse(row.recheck);
  if (!r) return null;
  const today = todayInHelsinki(now);
  switch (r.check) {
    case 'worker':
      return (await activeWorker(db, r.person)) ? null : 'inactive';
    case 'staff': {
      const worker = await activeWorker(db, r.person);
      if (!worker) return 'inactive';
      if ((await workersOfClient(db, r.client, today, r.person)).length === 0) return 'not_tied';
      if (r.message !== undefined) {
        if (worker.settings.messages === 'off') return 'turned_off';
        if (!(await stillWaiting(db, r.message))) return 'answered';
      }
      if (r.report !== undefined) {
        if (worker.settings.absences === 'off') return 'turned_off';
        if (!(await reportInForce(db, r.report))) return 'cancelled';
      }
      return null;
    }
    case 'family': {
      const [member] = await familyOfClient(db, r.client, today, r.person);
      if (!member) return 'link_ended';
      return member.settings.messages === 'off' ? 'turned_off' : null;
    }
    case 'family_absence': {
      const [member] = await familyOfClient(db, r.client, today, r.person);
      if (!member) return 'link_ended';
      if (!levelSeesAbsences(member.level)) return 'level';
      if (!consentCoversFamilyMember(await familyScheduleConsents(db, r.client, today), member)) return 'no_consent';
      if (member.settings.absences === 'off') return 'turned_off';
      return (await reportInForce(db, r.report)) ? null : 'cancelled';
    }
  }
}
