import type { Database } from '@server/db';
import { moveClients } from '@server/assignments';
import { field } from '@server/forms';
import { errorsUnder, type FieldErrors } from '@domain/forms/field-errors';
import { namedClientsOf, workersOfUnit } from './manage';
import { redirectTo, refused, show, type Admin, type PageAnswer, type Posted } from './page-answer';
import { PERSON_ERRORS } from './people-page';

/**
 * /admin/people/move: moving clients from one named worker to another when a worker leaves.
 * `?from=<worker>` lists the worker's clients (all ticked at first); the post moves the ticked
 * ones to the chosen worker in one transaction, and 303s back with how many moved.
 */
export interface MoveView {
  workers: { id: number; full_name: string }[];
  /** The leaving worker's id as given ('' when none is chosen). */
  from: string;
  to: string;
  clients: { id: number; full_name: string }[];
  /** The clients ticked in a post that came back; null before any post (then all are ticked). */
  picked: string[] | null;
  moved: number | null;
  errors: FieldErrors;
}

export async function movePage(db: Database, me: Admin, posted: Posted, url: URL): Promise<PageAnswer<MoveView>> {
  const unitId = me.unit_id;
  if (unitId === null) return refused();
  const workers = await workersOfUnit(db, unitId);
  let from = url.searchParams.get('from') ?? '';
  let to = '';
  let picked: string[] | null = null;
  const codes: Record<string, string> = {};
  if (posted) {
    const form = await posted();
    from = field(form, 'from', 20);
    to = field(form, 'to', 20);
    picked = form.getAll('client').filter((c): c is string => typeof c === 'string');
    const fromWorker = workers.find((w) => String(w.id) === from);
    const toWorker = workers.find((w) => String(w.id) === to);
    // The leaving worker is chosen in the form above ("from-choice"); the summary leads there.
    if (!fromWorker) codes['from-choice'] = 'workerNotInUnit';
    if (!toWorker) codes.to = 'workerNotInUnit';
    else if (toWorker.id === fromWorker?.id) codes.to = 'sameWorker';
    // The group's first checkbox has the id "client" (ChoiceCards).
    if (picked.length === 0) codes.client = 'pickClients';
    if (Object.keys(codes).length === 0) {
      const moved = await moveClients(db, { fromWorkerId: fromWorker!.id, toWorkerId: toWorker!.id, clientIds: picked.map(Number).filter(Number.isSafeInteger), unitId, actorId: me.id });
      return redirectTo(`/admin/people/move?from=${fromWorker!.id}&moved=${moved}`);
    }
  }
  const fromWorker = workers.find((w) => String(w.id) === from);
  const clients = fromWorker ? await namedClientsOf(db, unitId, fromWorker.id) : [];
  const moved = posted ? null : url.searchParams.get('moved');
  return show(
    { workers, from, to, clients, picked, moved: moved === null ? null : Number(moved) || 0, errors: errorsUnder(PERSON_ERRORS, codes) },
    posted ? 400 : 200,
  );
}
