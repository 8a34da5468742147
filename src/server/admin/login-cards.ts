import type { Database } from '../db';
import type { SessionActor } from '../auth/session';
import { issueLoginCardInTx, type IssuedCard } from '../auth/login-card';
import { audit } from './audit';
import { NO_REQUEST, writeWithEvents, type RequestInfo } from '../security/events';

/**
 * A unit admin's work on a client's sign-in: new login cards, resetting the picture PIN and
 * opening a lock. Each change writes its admin_audit row in the same transaction.
 *
 * Who may: only an admin of the client's own unit. The page asks `clientForCardAdmin` first and
 * passes the client on; the writes below check the unit again inside their transaction, so an
 * id changed between the check and the write (or a client moved to another unit) is refused.
 */
export type Admin = SessionActor['person'];

export interface CardClient {
  id: number;
  unit_id: number;
  full_name: string;
  preferred_name: string;
  avatar: string;
  photo_id: number | null;
  language: 'fi' | 'sv' | 'en';
  has_pin: number;
  failed_sign_ins: number;
  locked_until: number | null;
}

export type ClientLookup = { ok: true; client: CardClient } | { ok: false; status: 403 | 404 };

const CLIENT_COLUMNS = `id, unit_id, full_name, preferred_name, avatar, photo_id, language,
  CASE WHEN pin_hash IS NOT NULL THEN 1 ELSE 0 END AS has_pin, failed_sign_ins, locked_until`;

/** Parses an id from the URL: only a positive whole number is an id (no "1e3", no "-1"). */
export function parseId(value: string | undefined): number | null {
  return value && /^[1-9][0-9]{0,15}$/.test(value) ? Number(value) : null;
}

/**
 * The client behind an id, for an admin: 404 when the id is nobody's or not an active client's
 * (a worker's id, say), 403 when the client belongs to another unit.
 */
export async function clientForCardAdmin(db: Database, admin: Admin, clientId: number | null): Promise<ClientLookup> {
  if (admin.role !== 'admin' || admin.unit_id === null) return { ok: false, status: 403 };
  if (clientId === null) return { ok: false, status: 404 };
  const client = await db.get<CardClient>(`SELECT ${CLIENT_COLUMNS} FROM people WHERE id = ? AND role = 'client' AND active = 1`, [clientId]);
  if (!client) return { ok: false, status: 404 };
  if (client.unit_id !== admin.unit_id) return { ok: false, status: 403 };
  return { ok: true, client };
}

export interface CardRow {
  id: number;
  issued_at: number;
  issued_by_name: string | null;
  revoked_at: number | null;
}

/** The client's cards, newest first: at most one is valid (revoked_at NULL). */
export async function cardsOf(db: Database, clientId: number): Promise<CardRow[]> {
  return db.all<CardRow>(
    `SELECT c.id, c.issued_at, p.full_name AS issued_by_name, c.revoked_at
       FROM login_cards c LEFT JOIN people p ON p.id = c.issued_by
      WHERE c.client_id = ? ORDER BY c.issued_at DESC, c.id DESC`,
    [clientId],
  );
}

/** The id of the client's valid card, or 0 when there is none (the form's "replaces" value). */
export function currentCardId(cards: readonly CardRow[]): number {
  return cards.find((c) => c.revoked_at === null)?.id ?? 0;
}

export type IssueResult = { ok: true; card: IssuedCard; sessionsEnded: number } | { ok: false; reason: 'stale' | 'forbidden' | 'why_missing' };

/**
 * Why a card is replaced. A lost card may be in someone else's hands, and a client's own tablet
 * stays signed in for months: "lost" also ends every session of the client, at once. A worn-out
 * card was never out of the client's hands, so their tablet stays signed in.
 */
export const CARD_CHANGE_REASONS = ['lost', 'worn'] as const;
export type CardChangeReason = (typeof CARD_CHANGE_REASONS)[number];
export function isCardChangeReason(value: string): value is CardChangeReason {
  return (CARD_CHANGE_REASONS as readonly string[]).includes(value);
}

/**
 * Issues a new card, revoking the valid one, if the valid card is still the one the admin saw
 * (`replaces`: its id, 0 for none). A form sent twice (a double click, a reload of the answer)
 * finds that card already replaced and issues nothing: the card printed from the first answer
 * keeps working. Its secret and short code exist only in the returned value: only hashes are
 * stored, so the page that shows them is the only place they ever appear.
 *
 * Replacing a valid card needs its reason (`why`); a first card has none (null). With "lost" the
 * client's sessions and half-done sign-ins end in the same transaction, with their audit row
 * and security event.
 */
export async function issueCardAsAdmin(
  db: Database,
  admin: Admin,
  clientId: number,
  replaces: number,
  why: CardChangeReason | null,
  request: RequestInfo = NO_REQUEST,
  now = Date.now(),
): Promise<IssueResult> {
  return writeWithEvents(db, async (tx, log) => {
    const client = await tx.get<{ unit_id: number }>("SELECT unit_id FROM people WHERE id = ? AND role = 'client' AND active = 1", [clientId]);
    if (!client || client.unit_id !== admin.unit_id) return { ok: false, reason: 'forbidden' } as const;
    const current = await tx.get<{ id: number }>('SELECT id FROM login_cards WHERE client_id = ? AND revoked_at IS NULL ORDER BY id DESC LIMIT 1', [clientId]);
    if ((current?.id ?? 0) !== replaces) return { ok: false, reason: 'stale' } as const;
    if (current && why === null) return { ok: false, reason: 'why_missing' } as const;
    const card = await issueLoginCardInTx(tx, clientId, admin.id, now);
    const person = { id: clientId, role: 'client', unit_id: client.unit_id };
    await audit(tx, {
      actorId: admin.id,
      unitId: client.unit_id,
      action: 'issue login card',
      targetType: 'login_card',
      targetId: card.cardId,
      old: current ? { card_id: current.id } : null,
      new: { card_id: card.cardId, client_id: clientId, ...(current ? { reason: why } : {}) },
    }, now);
    await log({ kind: 'card_issued', reason: current ? why! : 'first', person, by: admin.id, request });
    let sessionsEnded = 0;
    if (current && why === 'lost') {
      sessionsEnded = (await tx.run('DELETE FROM sessions WHERE person_id = ?', [clientId])).changes;
      await tx.run('DELETE FROM pending_sign_ins WHERE client_id = ?', [clientId]);
      await audit(tx, {
        actorId: admin.id,
        unitId: client.unit_id,
        action: 'end sessions: card lost',
        targetType: 'person',
        targetId: clientId,
        old: { sessions: sessionsEnded },
        new: { sessions: 0 },
      }, now);
      await log({ kind: 'sessions_ended', reason: 'card_lost', person, by: admin.id, request });
    }
    return { ok: true, card, sessionsEnded } as const;
  }, now);
}

export type ChangeResult = { ok: true; changed: boolean } | { ok: false; reason: 'forbidden' };

/**
 * Forgets the client's picture PIN: at the next sign-in with their card they choose new pictures.
 * Their sessions end everywhere and half-done sign-ins are dropped, since both rested on the old
 * PIN. The lock after failed tries is cleared too: it guarded the old PIN, which no longer exists,
 * and a locked client could not reach the step where they choose the new one.
 */
export async function resetPinAsAdmin(db: Database, admin: Admin, clientId: number, request: RequestInfo = NO_REQUEST, now = Date.now()): Promise<ChangeResult> {
  return writeWithEvents(db, async (tx, log) => {
    const before = await tx.get<{ unit_id: number; has_pin: number; failed_sign_ins: number; locked_until: number | null }>(
      "SELECT unit_id, CASE WHEN pin_hash IS NOT NULL THEN 1 ELSE 0 END AS has_pin, failed_sign_ins, locked_until FROM people WHERE id = ? AND role = 'client' AND active = 1",
      [clientId],
    );
    if (!before || before.unit_id !== admin.unit_id) return { ok: false, reason: 'forbidden' } as const;
    await tx.run('UPDATE people SET pin_hash = NULL, failed_sign_ins = 0, locked_until = NULL WHERE id = ?', [clientId]);
    const { changes: sessionsEnded } = await tx.run('DELETE FROM sessions WHERE person_id = ?', [clientId]);
    await tx.run('DELETE FROM pending_sign_ins WHERE client_id = ?', [clientId]);
    const changed = before.has_pin === 1 || sessionsEnded > 0 || before.failed_sign_ins > 0 || before.locked_until !== null;
    if (changed) {
      await audit(tx, {
        actorId: admin.id,
        unitId: before.unit_id,
        action: 'reset picture pin',
        targetType: 'person',
        targetId: clientId,
        old: { pin_set: before.has_pin === 1, sessions: sessionsEnded, failed_sign_ins: before.failed_sign_ins, locked_until: before.locked_until },
        new: { pin_set: false, sessions: 0, failed_sign_ins: 0, locked_until: null },
      }, now);
      await log({ kind: 'pin_reset', reason: 'by_admin', person: { id: clientId, role: 'client', unit_id: before.unit_id }, by: admin.id, request });
    }
    return { ok: true, changed } as const;
  }, now);
}

/** Opens a lock after failed sign-ins (as a worker can for their own clients). */
export async function unlockAsAdmin(db: Database, admin: Admin, clientId: number, request: RequestInfo = NO_REQUEST, now = Date.now()): Promise<ChangeResult> {
  return writeWithEvents(db, async (tx, log) => {
    const before = await tx.get<{ unit_id: number; failed_sign_ins: number; locked_until: number | null }>(
      "SELECT unit_id, failed_sign_ins, locked_until FROM people WHERE id = ? AND role = 'client' AND active = 1",
      [clientId],
    );
    if (!before || before.unit_id !== admin.unit_id) return { ok: false, reason: 'forbidden' } as const;
    // Nothing to open is no change, and gets no audit row.
    if (before.failed_sign_ins === 0 && before.locked_until === null) return { ok: true, changed: false } as const;
    await tx.run('UPDATE people SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?', [clientId]);
    await audit(tx, {
      actorId: admin.id,
      unitId: before.unit_id,
      action: 'unlock sign-in',
      targetType: 'person',
      targetId: clientId,
      old: { failed_sign_ins: before.failed_sign_ins, locked_until: before.locked_until },
      new: { failed_sign_ins: 0, locked_until: null },
    }, now);
    await log({ kind: 'unlocked', reason: 'by_admin', person: { id: clientId, role: 'client', unit_id: before.unit_id }, by: admin.id, request });
    return { ok: true, changed: true } as const;
  }, now);
}
