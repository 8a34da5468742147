import type { Database } from '@server/db';
import type { SessionActor } from '@server/auth/session';
import type { RequestInfo } from '@server/security/events';
import { logListView, relationTo } from '@server/access';
import { reviewDates } from '@server/plan/store';
import { endingSoonForWorker } from '@server/consents/store';
import { todayInHelsinki } from '@domain/time/helsinki';
import { workingDaysAfter } from '@domain/attendance';
import { reportedAbsencesAhead, type ReportedAhead } from '@server/attendance/register-store';
import { clientsOfWorker, fullNameOf, unlockAccount, type ClientListRow } from './store';

/**
 * The worker's home page (/worker): today's clients with their reading needs, review dates and
 * locks, the consents about to end, the absences reported for the next days, and the unlock of a
 * client's sign-in.
 */

export interface WorkerHome {
  clients: ClientListRow[];
  /** The review date of each client's current plan. */
  reviews: Map<number, string>;
  ending: Awaited<ReturnType<typeof endingSoonForWorker>>;
  /** Absences reported for today and the next working days (ABSENCE_WORKING_DAYS), earliest first. */
  absences: ReportedAhead[];
}

/** How many working days after today the home lists reported absences for. */
export const ABSENCE_WORKING_DAYS = 5;

/**
 * What the home page shows. Names with reading needs and review dates are the clients' data:
 * each client listed is written to the access log.
 */
export async function workerHome(db: Database, worker: SessionActor['person'], path: string, today = todayInHelsinki()): Promise<WorkerHome> {
  const clients = await clientsOfWorker(db, worker.id, today);
  const ids = clients.map((c) => c.id);
  const reviews = await reviewDates(db, ids);
  await logListView(db, worker, ids, 'client list', path, today);
  const ending = await endingSoonForWorker(db, worker.id, today);
  const absences = await reportedAbsencesAhead(db, ids, today, workingDaysAfter(today, ABSENCE_WORKING_DAYS).at(-1)!);
  return { clients, reviews, ending, absences };
}

/**
 * Opens the sign-in lock of a client. The id comes from a form: only a client this worker works
 * with today (named worker or substitute) may be unlocked. The client's name, or null for "not yours".
 */
export async function unlockClientOfWorker(db: Database, worker: SessionActor['person'], clientId: number, request: RequestInfo): Promise<string | null> {
  const basis = Number.isSafeInteger(clientId) ? await relationTo(db, worker, clientId) : null;
  if (basis !== 'named_worker' && basis !== 'substitute') return null;
  await unlockAccount(db, clientId, worker.id, request);
  return (await fullNameOf(db, clientId)) ?? '';
}
