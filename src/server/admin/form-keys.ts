import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '../db';
import { field } from '../forms';

/**
 * Idempotency keys of the staff create forms (add a person, a new unit, a rate, a substitute),
 * the same mechanism as messages and consents: a key made when the form is rendered, looked up
 * inside the write transaction that creates the record, stored with a unique constraint in that
 * same transaction. The first post of a key creates the record; every replay (a double click, a
 * resent form, ten at once) is answered with what the first one created. The keys live in one
 * table, `form_keys`, because these forms create rows in four different tables (see
 * migrations/0009_form_keys.sql).
 */
export type FormKind = 'person' | 'unit' | 'rate' | 'substitute' | 'plan' | 'goal' | 'goal_step' | 'goal_comment';

export const FORM_KEY_FIELD = 'key';

/** A fresh key for a form being rendered. */
export const newFormKey = (): string => randomUUID();

/** The posted key; a form without one (our forms always send one) gets a new one, so it still works once. */
export function postedFormKey(form: FormData): string {
  return field(form, FORM_KEY_FIELD, 100) || randomUUID();
}

export interface KeyOwner {
  kind: FormKind;
  key: string;
  actorId: number;
}

export type KeyedResult<E extends string> = { id: number; replay: boolean } | { error: E | 'formUsed' };

/** What the first post of this key created: its record, 'formUsed' when that was someone else's post. */
async function firstPostOf(db: Database | Tx, k: KeyOwner): Promise<{ id: number } | 'formUsed' | undefined> {
  const row = await db.get<{ record_id: number; actor_id: number }>('SELECT record_id, actor_id FROM form_keys WHERE kind = ? AND key = ?', [k.kind, k.key]);
  if (!row) return undefined;
  return row.actor_id === k.actorId ? { id: row.record_id } : 'formUsed';
}

/**
 * Before showing a form error: was this post a replay of a form that already created its
 * record? Then the replay is answered as the first post was, not with an error that the first
 * post itself caused ("this email is taken" by the person it just added).
 */
export async function recordOfKey(db: Database, k: KeyOwner): Promise<number | undefined> {
  const first = await firstPostOf(db, k);
  return first && first !== 'formUsed' ? first.id : undefined;
}

/**
 * Runs `create` once per key, inside the caller's write transaction. `create` answers with the
 * new record's id or with a form error (then nothing is stored, the key stays unused, and the
 * same form may be sent again once the error is fixed).
 */
export async function createOnce<E extends string>(tx: Tx, k: KeyOwner, create: () => Promise<number | { error: E }>, now = Date.now()): Promise<KeyedResult<E>> {
  const first = await firstPostOf(tx, k);
  if (first === 'formUsed') return { error: 'formUsed' };
  if (first) return { id: first.id, replay: true };
  const created = await create();
  if (typeof created !== 'number') return created;
  await tx.run('INSERT INTO form_keys (kind, key, actor_id, record_id, created_at) VALUES (?, ?, ?, ?, ?)', [k.kind, k.key, k.actorId, created, now]);
  return { id: created, replay: false };
}
