/**
 * Invitation and password-reset links (issue 16). A link is `<portal>/invite/<token>` or
 * `<portal>/reset/<token>`; the token is 25 random bytes and only its SHA-256 is stored
 * (account_tokens), like a session's. The mail that carries it is queued in the same transaction
 * as the token, so an invitation exists exactly when its mail does.
 *
 * An invitation works for 7 days, a reset for 1 hour; each once. A new one cancels the person's
 * earlier ones of the same purpose, so only the newest link works.
 */
import type { Database, Tx } from '@server/db';
import { tFor, type Lang } from '@server/i18n';
import { queueMail } from '@server/mail';
import { printSecurityEvents, recordSecurityEvent, type EventPerson, type RequestInfo, type SecurityEventRecord } from '@server/security/events';
import { generateSessionToken, sessionIdFromToken } from './session';
import { hashPassword } from './password';

export type TokenPurpose = 'invitation' | 'reset';

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  invitation: 7 * 24 * 60 * 60_000,
  reset: 60 * 60_000,
};

/** Where a link leads; the page's path holds the token, so the logs show only this prefix. */
export const TOKEN_PATH: Record<TokenPurpose, string> = { invitation: '/invite/', reset: '/reset/' };

export interface TokenPerson {
  id: number;
  email: string;
  preferred_name: string;
  language: Lang;
  unit_id: number | null;
  role: string;
}

/**
 * Makes a link for the person and queues its mail, inside the caller's transaction. `unitId` is
 * the unit whose admins see the mail in their outbox (a family account has no unit of its own).
 */
export async function issueToken(
  tx: Tx,
  person: TokenPerson,
  purpose: TokenPurpose,
  o: { by: number | null; unitId: number | null; baseUrl: string },
  now = Date.now(),
): Promise<{ tokenId: number }> {
  await tx.run('UPDATE account_tokens SET cancelled_at = ? WHERE person_id = ? AND purpose = ? AND used_at IS NULL AND cancelled_at IS NULL', [now, person.id, purpose]);
  const token = generateSessionToken();
  const tokenId = (
    await tx.run('INSERT INTO account_tokens (person_id, purpose, token_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [
      person.id,
      purpose,
      sessionIdFromToken(token),
      o.by,
      now,
      now + TOKEN_LIFETIME_MS[purpose],
    ])
  ).lastID;
  const t = tFor(person.language);
  const link = `${o.baseUrl}${TOKEN_PATH[purpose]}${token}`;
  const values = { name: person.preferred_name, link, days: 7, minutes: 60 };
  await queueMail(
    tx,
    {
      key: `${purpose}-token-${tokenId}`,
      unitId: o.unitId,
      recipientId: person.id,
      to: person.email,
      language: person.language,
      kind: purpose,
      subject: t(`mail:${purpose}.subject`),
      text: t(`mail:${purpose}.text`, values),
    },
    now,
  );
  return { tokenId };
}

export interface TokenRow {
  id: number;
  person_id: number;
  purpose: TokenPurpose;
  expires_at: number;
  used_at: number | null;
  cancelled_at: number | null;
}

/** The person a link belongs to, if it still works (the same null for unknown, used, old or cancelled). */
export async function personOfToken(db: Database | Tx, token: string, purpose: TokenPurpose, now = Date.now()): Promise<(TokenPerson & { tokenId: number; full_name: string }) | null> {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
  // ("tokenId" in quotes: PostgreSQL folds an unquoted name to lower case, and the link would never be used up.)
  const row = await db.get<TokenPerson & { tokenId: number; full_name: string }>(
    `SELECT p.id, p.email, p.preferred_name, p.full_name, p.language, p.unit_id, p.role, t.id AS "tokenId"
       FROM account_tokens t JOIN people p ON p.id = t.person_id
      WHERE t.token_hash = ? AND t.purpose = ? AND t.used_at IS NULL AND t.cancelled_at IS NULL AND t.expires_at > ? AND p.active = 1`,
    [sessionIdFromToken(token), purpose, now],
  );
  return row ?? null;
}

/**
 * Sets the person's own password through a working link, once: the link is used up, every
 * session of the person ends (a reset must shut out whoever knew the old password), the
 * sign-in counters are cleared, and the event is logged. Null when the link no longer works
 * (used a moment ago in another tab, say).
 */
export async function setPasswordWithToken(
  db: Database,
  token: string,
  purpose: TokenPurpose,
  password: string,
  request: RequestInfo,
  now = Date.now(),
): Promise<{ person: EventPerson; event: SecurityEventRecord } | null> {
  const hash = await hashPassword(password);
  return db.write(async (tx) => {
    const person = await personOfToken(tx, token, purpose, now);
    if (!person) return null;
    const { changes } = await tx.run('UPDATE account_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL', [now, person.tokenId]);
    if (changes !== 1) return null;
    await tx.run('UPDATE people SET password_hash = ?, failed_sign_ins = 0, locked_until = NULL WHERE id = ?', [hash, person.id]);
    await tx.run('DELETE FROM sessions WHERE person_id = ?', [person.id]);
    const eventPerson = { id: person.id, role: person.role, unit_id: person.unit_id };
    const event = await recordSecurityEvent(
      tx,
      purpose === 'invitation'
        ? { kind: 'invitation_accepted', reason: 'by_person', person: eventPerson, request }
        : { kind: 'password_reset', reason: 'by_link', person: eventPerson, request },
      now,
    );
    return { person: eventPerson, event };
  });
}

export type InvitationState = 'active' | 'sent' | 'expired' | 'cancelled' | 'none';

/** "Käytössä" (a password is set), "Kutsu lähetetty", "Kutsu vanhentunut" … for the person page. */
export async function invitationState(db: Database, personId: number, now = Date.now()): Promise<{ state: InvitationState; sentAt: number | null; expiresAt: number | null }> {
  const person = await db.get<{ has_password: number }>('SELECT CASE WHEN password_hash IS NOT NULL THEN 1 ELSE 0 END AS has_password FROM people WHERE id = ?', [personId]);
  const last = await db.get<TokenRow & { created_at: number }>(
    "SELECT id, person_id, purpose, created_at, expires_at, used_at, cancelled_at FROM account_tokens WHERE person_id = ? AND purpose = 'invitation' ORDER BY id DESC LIMIT 1",
    [personId],
  );
  if (person?.has_password) return { state: 'active', sentAt: last?.created_at ?? null, expiresAt: null };
  if (!last) return { state: 'none', sentAt: null, expiresAt: null };
  const state: InvitationState = last.cancelled_at !== null ? 'cancelled' : last.expires_at <= now ? 'expired' : 'sent';
  return { state, sentAt: last.created_at, expiresAt: last.expires_at };
}

/** An admin's "Peruuta kutsu": the person's open invitation stops working. */
export async function cancelInvitation(tx: Tx, personId: number, now = Date.now()): Promise<boolean> {
  const { changes } = await tx.run("UPDATE account_tokens SET cancelled_at = ? WHERE person_id = ? AND purpose = 'invitation' AND used_at IS NULL AND cancelled_at IS NULL", [now, personId]);
  return changes > 0;
}

/**
 * The admin's "Lähetä kutsu uudelleen": a new link (the old one stops working) and its mail.
 * Not for an account that has its password, and not twice within a minute (a double tap sends
 * one mail).
 */
export async function resendInvitation(
  db: Database,
  person: TokenPerson,
  o: { by: number; unitId: number; baseUrl: string; request: RequestInfo },
  now = Date.now(),
): Promise<'sent' | 'hasPassword' | 'justSent'> {
  const events: SecurityEventRecord[] = [];
  const answer = await db.write(async (tx) => {
    const row = await tx.get<{ has_password: number; last: number | null }>(
      "SELECT CASE WHEN p.password_hash IS NOT NULL THEN 1 ELSE 0 END AS has_password, (SELECT max(created_at) FROM account_tokens WHERE person_id = p.id AND purpose = 'invitation' AND cancelled_at IS NULL AND expires_at > ?) AS last FROM people p WHERE p.id = ?",
      [now, person.id],
    );
    if (!row || row.has_password) return 'hasPassword' as const;
    if (row.last !== null && now - row.last < 60_000) return 'justSent' as const;
    await issueToken(tx, person, 'invitation', { by: o.by, unitId: o.unitId, baseUrl: o.baseUrl }, now);
    events.push(await recordSecurityEvent(tx, { kind: 'invitation_sent', reason: 'resent', person: { id: person.id, role: person.role, unit_id: person.unit_id }, by: o.by, unitId: o.unitId, request: o.request }, now));
    return 'sent' as const;
  });
  printSecurityEvents(events);
  return answer;
}

/** The admin's "Peruuta kutsu": the open link stops working (logged). */
export async function cancelInvitationOf(db: Database, person: TokenPerson, o: { by: number; unitId: number; request: RequestInfo }, now = Date.now()): Promise<boolean> {
  const events: SecurityEventRecord[] = [];
  const cancelled = await db.write(async (tx) => {
    if (!(await cancelInvitation(tx, person.id, now))) return false;
    events.push(await recordSecurityEvent(tx, { kind: 'invitation_cancelled', reason: 'by_admin', person: { id: person.id, role: person.role, unit_id: person.unit_id }, by: o.by, unitId: o.unitId, request: o.request }, now));
    return true;
  });
  printSecurityEvents(events);
  return cancelled;
}
