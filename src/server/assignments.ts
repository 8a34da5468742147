import type { Database, Tx } from './db';
import { todayInHelsinki } from '@domain/time/helsinki';
import { addDays } from '@domain/attendance';
import { audit } from './admin/audit';

/**
 * Who works with a client: the named worker (one at a time, history kept in client_workers:
 * a change ends the earlier row yesterday and starts a new one today) and substitutes for a
 * period. Changed only by unit admins, each change with its audit row: the admin pages (one
 * client, or many at once when a worker leaves) and the plan editor when an admin saves it.
 */
/**
 * The new named worker from today (the earlier one's assignment ends yesterday; the history stays
 * in client_workers), and the client is told in their conversation: a system message that shows
 * the new worker's name and picture. No audit row and no check of who asks: callers are the
 * audited admin paths of this file only.
 */
async function changeNamedWorker(tx: Tx, clientId: number, workerId: number, now: number): Promise<void> {
  const today = todayInHelsinki(now);
  const current = await tx.get<{ worker_id: number }>(
    `SELECT worker_id FROM client_workers WHERE client_id = ? AND kind = 'named' AND starts_on <= ? AND (ends_on IS NULL OR ends_on >= ?)
      ORDER BY starts_on DESC LIMIT 1`,
    [clientId, today, today],
  );
  if (current?.worker_id === workerId) return;
  await tx.run("UPDATE client_workers SET ends_on = ? WHERE client_id = ? AND kind = 'named' AND (ends_on IS NULL OR ends_on >= ?)", [
    addDays(today, -1),
    clientId,
    today,
  ]);
  await tx.run("INSERT INTO client_workers (client_id, worker_id, kind, starts_on, created_at) VALUES (?, ?, 'named', ?, ?)", [clientId, workerId, today, now]);
  if (!current) return; // the first named worker: nothing changed for the client
  await tx.run('INSERT INTO conversations (client_id, created_at) VALUES (?, ?) ON CONFLICT (client_id) DO NOTHING', [clientId, now]);
  const { id: conversationId } = (await tx.get<{ id: number }>('SELECT id FROM conversations WHERE client_id = ?', [clientId]))!;
  await tx.run("INSERT INTO messages (conversation_id, sender_id, kind, body, from_client_side, created_at) VALUES (?, ?, 'system', 'new-worker', 0, ?)", [
    conversationId,
    workerId,
    now,
  ]);
}

export interface AssignmentRow {
  id: number;
  worker_id: number;
  worker_name: string;
  kind: 'named' | 'substitute';
  starts_on: string;
  ends_on: string | null;
}

/** Every assignment of a client, the newest first: who was named when, and the substitutes. */
export async function assignmentsOf(db: Database, clientId: number): Promise<AssignmentRow[]> {
  return db.all<AssignmentRow>(
    `SELECT cw.id, cw.worker_id, p.full_name AS worker_name, cw.kind, cw.starts_on, cw.ends_on
       FROM client_workers cw JOIN people p ON p.id = cw.worker_id
      WHERE cw.client_id = ? ORDER BY cw.starts_on DESC, cw.id DESC`,
    [clientId],
  );
}

/** The named worker today, if any. */
export async function namedWorkerOf(db: Database, clientId: number, today = todayInHelsinki()): Promise<number | null> {
  const row = await db.get<{ worker_id: number }>(
    `SELECT worker_id FROM client_workers WHERE client_id = ? AND kind = 'named' AND starts_on <= ? AND (ends_on IS NULL OR ends_on >= ?) ORDER BY starts_on DESC LIMIT 1`,
    [clientId, today, today],
  );
  return row?.worker_id ?? null;
}

/**
 * Names another worker for a client from today, with its audit row. Only a unit admin does this
 * (the admin's person page, or the plan editor in an admin's hands): a worker or substitute must
 * never be able to make themselves, or anyone, the named worker.
 */
export async function setNamedWorker(db: Database, a: { clientId: number; workerId: number; unitId: number; actorId: number }, now = Date.now()): Promise<void> {
  await db.write((tx) => setNamedWorkerInTx(tx, a, now));
}

/** `setNamedWorker` inside a transaction the caller already has open (saving a plan). */
export async function setNamedWorkerInTx(tx: Tx, a: { clientId: number; workerId: number; unitId: number; actorId: number }, now = Date.now()): Promise<void> {
  const before = await tx.get<{ worker_id: number }>(
    `SELECT worker_id FROM client_workers WHERE client_id = ? AND kind = 'named' AND starts_on <= ? AND (ends_on IS NULL OR ends_on >= ?) ORDER BY starts_on DESC LIMIT 1`,
    [a.clientId, todayInHelsinki(now), todayInHelsinki(now)],
  );
  if (before?.worker_id === a.workerId) return;
  await changeNamedWorker(tx, a.clientId, a.workerId, now);
  await audit(tx, { actorId: a.actorId, unitId: a.unitId, action: 'change named worker', targetType: 'person', targetId: a.clientId, old: { named_worker_id: before?.worker_id ?? null }, new: { named_worker_id: a.workerId } }, now);
}

/**
 * Moves clients from one named worker to another from today, all in one transaction (a worker
 * leaves: nobody is left half-moved). Only clients whose named worker today is `fromWorkerId`
 * move; the count moved is returned. Each client is told in Viestit.
 */
export async function moveClients(db: Database, m: { fromWorkerId: number; toWorkerId: number; clientIds: number[]; unitId: number; actorId: number }, now = Date.now()): Promise<number> {
  const today = todayInHelsinki(now);
  return db.write(async (tx) => {
    let moved = 0;
    for (const clientId of m.clientIds) {
      const current = await tx.get<{ worker_id: number }>(
        `SELECT cw.worker_id FROM client_workers cw JOIN people p ON p.id = cw.client_id
          WHERE cw.client_id = ? AND p.unit_id = ? AND cw.kind = 'named' AND cw.starts_on <= ? AND (cw.ends_on IS NULL OR cw.ends_on >= ?)
          ORDER BY cw.starts_on DESC LIMIT 1`,
        [clientId, m.unitId, today, today],
      );
      if (current?.worker_id !== m.fromWorkerId) continue;
      await changeNamedWorker(tx, clientId, m.toWorkerId, now);
      await audit(tx, { actorId: m.actorId, unitId: m.unitId, action: 'move client', targetType: 'person', targetId: clientId, old: { named_worker_id: m.fromWorkerId }, new: { named_worker_id: m.toWorkerId } }, now);
      moved++;
    }
    return moved;
  });
}

/**
 * A substitute for a period (inclusive days); the named worker stays named. Runs inside the
 * form's write transaction (with its idempotency key, so a replay of the form is answered as
 * its first post was). The same worker for the same period again, from another form, is an
 * error rather than a second row.
 */
export async function insertSubstitute(
  tx: Tx,
  s: { clientId: number; workerId: number; startsOn: string; endsOn: string; unitId: number; actorId: number },
  now = Date.now(),
): Promise<number | { error: 'substituteExists' }> {
  const same = await tx.get<{ id: number }>(
    "SELECT id FROM client_workers WHERE client_id = ? AND worker_id = ? AND kind = 'substitute' AND starts_on = ? AND ends_on IS ?",
    [s.clientId, s.workerId, s.startsOn, s.endsOn],
  );
  if (same) return { error: 'substituteExists' };
  const id = (
    await tx.run("INSERT INTO client_workers (client_id, worker_id, kind, starts_on, ends_on, created_at) VALUES (?, ?, 'substitute', ?, ?, ?)", [s.clientId, s.workerId, s.startsOn, s.endsOn, now])
  ).lastID;
  await audit(tx, { actorId: s.actorId, unitId: s.unitId, action: 'add substitute', targetType: 'assignment', targetId: id, new: { client_id: s.clientId, worker_id: s.workerId, starts_on: s.startsOn, ends_on: s.endsOn } }, now);
  return id;
}

/** Ends a substitute period yesterday (or removes one that has not started), keeping the row. */
export async function endSubstitute(db: Database, e: { assignmentId: number; clientId: number; unitId: number; actorId: number }, now = Date.now()): Promise<boolean> {
  const yesterday = addDays(todayInHelsinki(now), -1);
  return db.write(async (tx) => {
    const row = await tx.get<{ starts_on: string; ends_on: string | null }>("SELECT starts_on, ends_on FROM client_workers WHERE id = ? AND client_id = ? AND kind = 'substitute'", [e.assignmentId, e.clientId]);
    if (!row) return false;
    // A period already going ends yesterday; one not yet started ends the day before its first
    // day, so it never applies and the row still shows what was planned.
    const newEnd = row.starts_on > yesterday ? addDays(row.starts_on, -1) : yesterday;
    if (row.ends_on !== null && row.ends_on <= newEnd) return true;
    await tx.run('UPDATE client_workers SET ends_on = ? WHERE id = ?', [newEnd, e.assignmentId]);
    await audit(tx, { actorId: e.actorId, unitId: e.unitId, action: 'end substitute', targetType: 'assignment', targetId: e.assignmentId, old: { ends_on: row.ends_on }, new: { ends_on: newEnd } }, now);
    return true;
  });
}
