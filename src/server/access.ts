import type { Database } from './db';
import type { SessionActor } from './auth/session';
import { todayInHelsinki } from '@domain/time/helsinki';
import type { AccessAction } from '@domain/logs/catalogue';

/**
 * The one place that decides who may do what to which client's data, and that writes the
 * access-log row when someone other than the client reads it. Pages never trust an id from
 * the URL or a form without asking here first.
 */
export type Role = SessionActor['person']['role'];
export type AccessBasis = 'self' | 'named_worker' | 'substitute' | 'family' | 'admin';

/**
 * Which roles' pages live under which path; any other role gets the 403 page. The most specific
 * prefix comes first. A client's record pages (/worker/clients/…) are shared by the client's
 * workers and the admins of the client's unit: admins keep plans current when a worker is away,
 * and one editor for both roles means one set of rules. Which client a worker or admin may open
 * is then decided per request by `relationTo`.
 */
export const ROLE_AREAS: readonly (readonly [prefix: string, roles: readonly Role[]])[] = [
  ['/worker/clients', ['worker', 'admin']],
  ['/worker/register', ['worker', 'admin']],
  ['/worker/messages', ['worker', 'admin']],
  ['/worker/help', ['worker', 'admin']],
  // A person's own account: a client has no password (their card and PIN are the staff's to manage).
  ['/settings/password', ['family', 'worker', 'admin']],
  ['/settings/sessions', ['family', 'worker', 'admin']],
  // Two-step sign-in is for staff: family members sign in with email and password only.
  ['/settings/two-step', ['worker', 'admin']],
  // Notifications by mail are for workers (of their clients) and family members (of the people
  // they help); an admin's unit has its outbox page instead.
  ['/settings/notifications', ['family', 'worker']],
  ['/client', ['client']],
  ['/family', ['family']],
  ['/worker', ['worker']],
  ['/admin', ['admin']],
];

export const HOME_OF: Record<Role, string> = {
  client: '/client',
  family: '/family',
  worker: '/worker',
  admin: '/admin',
};

/** The roles allowed under this path, or null when the path is open to everyone signed in or not. */
export function areaRoles(pathname: string): readonly Role[] | null {
  for (const [prefix, roles] of ROLE_AREAS) {
    if (pathname === prefix || pathname.startsWith(prefix + '/')) return roles;
  }
  return null;
}

/** How `actor` is related to `clientId` today, or null when not at all. */
export async function relationTo(db: Database, actor: SessionActor['person'], clientId: number, today = todayInHelsinki()): Promise<AccessBasis | null> {
  if (actor.role === 'client') return actor.id === clientId ? 'self' : null;
  if (actor.role === 'family') {
    const link = await db.get(
      `SELECT 1 FROM family_links WHERE family_id = ? AND client_id = ? AND ended_at IS NULL
          AND (ends_on IS NULL OR ends_on >= ?)`,
      [actor.id, clientId, today],
    );
    return link ? 'family' : null;
  }
  if (actor.role === 'worker') {
    const row = await db.get<{ kind: 'named' | 'substitute' }>(
      `SELECT kind FROM client_workers WHERE worker_id = ? AND client_id = ? AND starts_on <= ?
          AND (ends_on IS NULL OR ends_on >= ?) ORDER BY kind = 'named' DESC LIMIT 1`,
      [actor.id, clientId, today, today],
    );
    return row ? (row.kind === 'named' ? 'named_worker' : 'substitute') : null;
  }
  const sameUnit = await db.get(`SELECT 1 FROM people WHERE id = ? AND role = 'client' AND unit_id = ?`, [clientId, actor.unit_id]);
  return sameUnit ? 'admin' : null;
}

/**
 * `relationTo` for many clients at once, in one query (a list such as the daily register asks
 * once, not once a row): each client's basis, and no entry for a client the actor is not related to.
 */
export async function relationsTo(db: Database, actor: SessionActor['person'], clientIds: readonly number[], today = todayInHelsinki()): Promise<Map<number, AccessBasis>> {
  const bases = new Map<number, AccessBasis>();
  const ids = [...new Set(clientIds)];
  if (ids.length === 0) return bases;
  const marks = ids.map(() => '?').join(', ');
  if (actor.role === 'client') {
    if (ids.includes(actor.id)) bases.set(actor.id, 'self');
  } else if (actor.role === 'family') {
    const rows = await db.all<{ client_id: number }>(
      `SELECT DISTINCT client_id FROM family_links WHERE family_id = ? AND ended_at IS NULL
          AND (ends_on IS NULL OR ends_on >= ?) AND client_id IN (${marks})`,
      [actor.id, today, ...ids],
    );
    for (const r of rows) bases.set(r.client_id, 'family');
  } else if (actor.role === 'worker') {
    // ('named' sorts before 'substitute': a worker who is both is the named worker.)
    const rows = await db.all<{ client_id: number; kind: 'named' | 'substitute' }>(
      `SELECT client_id, MIN(kind) AS kind FROM client_workers
        WHERE worker_id = ? AND starts_on <= ? AND (ends_on IS NULL OR ends_on >= ?) AND client_id IN (${marks})
        GROUP BY client_id`,
      [actor.id, today, today, ...ids],
    );
    for (const r of rows) bases.set(r.client_id, r.kind === 'named' ? 'named_worker' : 'substitute');
  } else {
    const rows = await db.all<{ id: number }>(`SELECT id FROM people WHERE role = 'client' AND unit_id = ? AND id IN (${marks})`, [actor.unit_id, ...ids]);
    for (const r of rows) bases.set(r.id, 'admin');
  }
  return bases;
}

/**
 * May `actor` read this client's records (plan, goals, photos)? The basis, or null for "no".
 * Does not log: pages call `canReadClient`, which logs; this is for parts of a page already
 * logged (such as the place photo on a plan page).
 */
export async function recordsBasis(db: Database, actor: SessionActor['person'], clientId: number): Promise<AccessBasis | null> {
  const basis = await relationTo(db, actor, clientId);
  // A family link for messages only (Maisa/MyChart-style proxy levels) does not open the records.
  if (basis === 'family' && (await familyLevel(db, actor.id, clientId)) === 'messages') return null;
  return basis;
}

/**
 * May `actor` read this client's data? Logs the view when the reader is not the client.
 * Returns the basis (for the log and the page) or null for "no" (the caller answers 403).
 */
export async function canReadClient(db: Database, actor: SessionActor['person'], clientId: number, action: AccessAction, path: string): Promise<AccessBasis | null> {
  const basis = await recordsBasis(db, actor, clientId);
  if (basis && basis !== 'self') {
    await db.write((tx) =>
      tx.run('INSERT INTO access_log (at, actor_id, client_id, action, basis, path) VALUES (?, ?, ?, ?, ?, ?)', [
        Date.now(),
        actor.id,
        clientId,
        action,
        basis,
        path,
      ]),
    );
  }
  return basis;
}

/**
 * Logs one view of several clients' data at once (a list such as the daily register), one row a
 * client, in one transaction. The caller has checked each client with `relationTo` already.
 */
export async function logViews(db: Database, actor: SessionActor['person'], views: { clientId: number; basis: AccessBasis }[], action: AccessAction, path: string): Promise<void> {
  const others = views.filter((v) => v.basis !== 'self');
  if (others.length === 0) return;
  const at = Date.now();
  await db.write(async (tx) => {
    for (const v of others) {
      await tx.run('INSERT INTO access_log (at, actor_id, client_id, action, basis, path) VALUES (?, ?, ?, ?, ?, ?)', [at, actor.id, v.clientId, action, v.basis, path]);
    }
  });
}

/** The level of a family member's current link to a client (one that opens the records wins if there are several). */
export async function familyLevel(db: Database, familyId: number, clientId: number, today = todayInHelsinki()): Promise<string | undefined> {
  const row = await db.get<{ level: string }>(
    `SELECT level FROM family_links WHERE family_id = ? AND client_id = ? AND ended_at IS NULL
        AND (ends_on IS NULL OR ends_on >= ?) ORDER BY level = 'messages' LIMIT 1`,
    [familyId, clientId, today],
  );
  return row?.level;
}

/**
 * Who may change this client's consents, and as what: the client themself, a family member
 * whose link rests on a legal role (guardian, edunvalvoja) and opens the records, or a worker or
 * admin of the client recording a consent or withdrawal made on paper. A family link resting
 * only on the client's agreement lets its holder see consents, never change them.
 */
export async function consentChangeRight(db: Database, actor: SessionActor['person'], clientId: number, today = todayInHelsinki()): Promise<'client' | 'legal_representative' | 'worker' | null> {
  const basis = await relationTo(db, actor, clientId, today);
  if (basis === 'self') return 'client';
  if (basis === 'named_worker' || basis === 'substitute' || basis === 'admin') return 'worker';
  if (basis === 'family') {
    const legal = await db.get(
      `SELECT 1 FROM family_links WHERE family_id = ? AND client_id = ? AND ended_at IS NULL AND (ends_on IS NULL OR ends_on >= ?)
          AND basis = 'guardian' AND level <> 'messages'`,
      [actor.id, clientId, today],
    );
    return legal ? 'legal_representative' : null;
  }
  return null;
}

/**
 * Logs a list page that shows several clients' data (names with reading needs, the start of a
 * message): one row per client shown, with the basis worked out here, so list pages need not
 * know it. Only for clients the caller's query already limited to the reader's own.
 */
export async function logListView(db: Database, actor: SessionActor['person'], clientIds: number[], action: AccessAction, path: string, today = todayInHelsinki()): Promise<void> {
  if (clientIds.length === 0 || (actor.role !== 'worker' && actor.role !== 'admin')) return;
  if (actor.role === 'admin') {
    await logViews(db, actor, clientIds.map((clientId) => ({ clientId, basis: 'admin' as const })), action, path);
    return;
  }
  // A worker: each client's basis (named or substitute) from one query, not one per client.
  const bases = await relationsTo(db, actor, clientIds, today);
  await logViews(db, actor, [...bases].map(([clientId, basis]) => ({ clientId, basis })), action, path);
}

/** A worker's or admin's tie to a client (named worker, substitute, the unit's admin), or null. */
export async function staffRelation(db: Database, actor: SessionActor['person'], clientId: number): Promise<'named_worker' | 'substitute' | 'admin' | null> {
  if (!Number.isSafeInteger(clientId)) return null;
  const basis = await relationTo(db, actor, clientId);
  return basis === 'named_worker' || basis === 'substitute' || basis === 'admin' ? basis : null;
}
