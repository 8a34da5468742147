import type { Database } from '../db';
import type { SessionActor } from '../auth/session';
import { issueLoginCardInTx, type IssuedCard } from '../auth/login-card';
import { lockState } from '../auth/rate-limit';
import { logListView } from '../access';
import { clientsOfUnit, type UnitClientRow } from '../people/store';
import { NO_REQUEST, writeWithEvents, type RequestInfo } from '../security/events';
import { field } from '../forms';
import { audit } from './audit';
import { postedFormKey } from './form-keys';
import type { CardClient } from './login-cards';
import { signInState, type SignInState } from '@domain/sign-in/state';

/**
 * "Tulosta kortit" (issue 15, point 13): login cards for many clients of the admin's unit in one
 * post, printed together, each card on its own A6 page (src/pages/admin/cards.astro).
 *
 * - The post names the clients (`client`, one field per checkbox; the confirmation carries them
 *   as one `clients` list) and the form's key. One card_batches row per key (migration 0017):
 *   a double tap, a reload of the answer or ten posts at once make one set of cards. A replay is
 *   answered "already made" and issues nothing: the cards' secrets were shown once, on the first
 *   answer, and are stored only as hashes.
 * - A chosen client whose card is in use is not given a new card silently: the first post is
 *   answered with the question (ConfirmPanel) naming them; only `confirm=yes` replaces those
 *   cards. As with a worn card, the client's tablets stay signed in: a lost card is replaced on
 *   the client's own card page, which ends their sessions.
 * - Every id must be an active client of the admin's unit; one that is not refuses the whole
 *   post (403), nothing made.
 */
export type Admin = SessionActor['person'];

/** At most this many cards in one post (a unit's clients fit; a runaway form does not). */
export const BATCH_MAX = 200;

export interface ListedClient extends UnitClientRow {
  state: SignInState;
}

/** The unit's clients with their sign-in state, optionally only those in one state; each listed client is logged. */
export async function unitClientsWithState(db: Database, admin: Admin, only: SignInState | null, path: string, now = Date.now()): Promise<{ all: number; clients: ListedClient[] }> {
  if (admin.unit_id === null) return { all: 0, clients: [] };
  const rows = (await clientsOfUnit(db, admin.unit_id)).map((c) => ({
    ...c,
    state: signInState({ hasCard: c.has_card === 1, hasPin: c.has_pin === 1, locked: lockState(c.locked_until, now).locked }),
  }));
  const clients = only ? rows.filter((c) => c.state === only) : rows;
  // Names with reading needs, review dates and sign-in states are the clients' data: each listed client is logged.
  await logListView(db, admin, clients.map((c) => c.id), 'client list', path);
  return { all: rows.length, clients };
}

export interface PrintedCard {
  client: CardClient;
  card: IssuedCard;
}

export type BatchAnswer =
  | { kind: 'forbidden' }
  | { kind: 'error'; code: 'noneChosen' | 'tooMany' | 'formUsed'; chosen: number[] }
  | { kind: 'confirm'; chosen: number[]; inUse: { id: number; full_name: string }[] }
  | { kind: 'printed'; cards: PrintedCard[]; replaced: number }
  | { kind: 'replay'; cards: number; at: number };

/** The chosen ids of the post: every `client` field and the `clients` list; null when one is not an id. */
export function chosenIds(form: FormData): number[] | null {
  const written = [...form.getAll('client'), ...String(form.get('clients') ?? '').split(',')].map((v) => String(v).trim()).filter((v) => v !== '');
  if (written.some((v) => !/^[1-9][0-9]{0,15}$/.test(v))) return null;
  return [...new Set(written.map(Number))];
}

const CLIENT_COLUMNS = `id, unit_id, full_name, preferred_name, avatar, photo_id, language,
  CASE WHEN pin_hash IS NOT NULL THEN 1 ELSE 0 END AS has_pin, failed_sign_ins, locked_until`;

export async function issueCardBatch(db: Database, admin: Admin, form: FormData, request: RequestInfo = NO_REQUEST, now = Date.now()): Promise<BatchAnswer> {
  if (admin.role !== 'admin' || admin.unit_id === null) return { kind: 'forbidden' };
  const unitId = admin.unit_id;
  const chosen = chosenIds(form);
  if (chosen === null) return { kind: 'forbidden' };
  const key = postedFormKey(form);
  const replayOf = async (q: Pick<Database, 'get'>): Promise<BatchAnswer | undefined> => {
    const first = await q.get<{ created_by: number; cards: number; created_at: number }>('SELECT created_by, cards, created_at FROM card_batches WHERE form_key = ?', [key]);
    if (!first) return undefined;
    return first.created_by === admin.id ? { kind: 'replay', cards: first.cards, at: first.created_at } : { kind: 'error', code: 'formUsed', chosen };
  };
  const earlier = await replayOf(db);
  if (earlier) return earlier;
  if (chosen.length === 0) return { kind: 'error', code: 'noneChosen', chosen };
  if (chosen.length > BATCH_MAX) return { kind: 'error', code: 'tooMany', chosen };
  const marks = chosen.map(() => '?').join(', ');
  const mine = await db.all<{ id: number; full_name: string; in_use: number }>(
    `SELECT id, full_name, CASE WHEN EXISTS (SELECT 1 FROM login_cards lc WHERE lc.client_id = people.id AND lc.revoked_at IS NULL) THEN 1 ELSE 0 END AS in_use
       FROM people WHERE role = 'client' AND active = 1 AND unit_id = ? AND id IN (${marks}) ORDER BY full_name`,
    [unitId, ...chosen],
  );
  if (mine.length !== chosen.length) return { kind: 'forbidden' };
  const inUse = mine.filter((c) => c.in_use === 1).map(({ id, full_name }) => ({ id, full_name }));
  const confirmed = field(form, 'confirm', 3) === 'yes';
  // A card in use may be this very key's, made by a post of it that committed a moment ago (ten
  // posts at once): that is a replay, not a question. Its batch is visible now, as its card is.
  if (inUse.length > 0 && !confirmed) return (await replayOf(db)) ?? { kind: 'confirm', chosen: mine.map((c) => c.id), inUse };

  return writeWithEvents(db, async (tx, log): Promise<BatchAnswer> => {
    // Again inside the transaction: posts of one key wait for each other here, and only the first makes cards.
    const again = await replayOf(tx);
    if (again) return again;
    const clients = await tx.all<CardClient & { in_use: number }>(
      `SELECT ${CLIENT_COLUMNS}, CASE WHEN EXISTS (SELECT 1 FROM login_cards lc WHERE lc.client_id = people.id AND lc.revoked_at IS NULL) THEN 1 ELSE 0 END AS in_use
         FROM people WHERE role = 'client' AND active = 1 AND unit_id = ? AND id IN (${marks}) ORDER BY full_name`,
      [unitId, ...chosen],
    );
    if (clients.length !== chosen.length) return { kind: 'forbidden' };
    // A card put in use since the question (or without one being asked) is not replaced unasked.
    if (!confirmed && clients.some((c) => c.in_use === 1)) {
      return { kind: 'confirm', chosen: clients.map((c) => c.id), inUse: clients.filter((c) => c.in_use === 1).map(({ id, full_name }) => ({ id, full_name })) };
    }
    const { lastID: batchId } = await tx.run('INSERT INTO card_batches (unit_id, form_key, created_by, created_at, cards) VALUES (?, ?, ?, ?, ?)', [unitId, key, admin.id, now, clients.length]);
    await audit(tx, { actorId: admin.id, unitId, action: 'issue login cards', targetType: 'card_batch', targetId: batchId, new: { client_ids: clients.map((c) => c.id), replaced: clients.filter((c) => c.in_use === 1).map((c) => c.id) } }, now);
    const cards: PrintedCard[] = [];
    for (const { in_use, ...client } of clients) {
      const old = in_use === 1 ? await tx.get<{ id: number }>('SELECT id FROM login_cards WHERE client_id = ? AND revoked_at IS NULL ORDER BY id DESC LIMIT 1', [client.id]) : undefined;
      const card = await issueLoginCardInTx(tx, client.id, admin.id, now);
      await tx.run('UPDATE login_cards SET batch_id = ? WHERE id = ?', [batchId, card.cardId]);
      await audit(tx, {
        actorId: admin.id,
        unitId,
        action: 'issue login card',
        targetType: 'login_card',
        targetId: card.cardId,
        old: old ? { card_id: old.id } : null,
        new: { card_id: card.cardId, client_id: client.id, batch_id: batchId, ...(old ? { reason: 'worn' } : {}) },
      }, now);
      await log({ kind: 'card_issued', reason: old ? 'worn' : 'first', person: { id: client.id, role: 'client', unit_id: unitId }, by: admin.id, request });
      cards.push({ client, card });
    }
    return { kind: 'printed', cards, replaced: clients.filter((c) => c.in_use === 1).length };
  }, now);
}
