import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Database, Tx } from '../db';
import { config } from '../config';
import { NO_REQUEST, writeWithEvents, type RequestInfo } from '../security/events';
import { smallerOf } from '@server/db/dialect';

/**
 * Sessions after Lucia's current design (lucia-auth.com/sessions): a random token goes into
 * the cookie, only its SHA-256 is stored, the session slides forward while used and ends at
 * an absolute limit whatever happens.
 */
export type SessionKind = 'staff' | 'remembered' | 'shared';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** How long each kind lives without use (sliding) and at most (absolute). */
export function sessionPolicy(kind: SessionKind): { idleMs: number; absoluteMs: number } {
  switch (kind) {
    case 'staff':
      return { idleMs: 8 * 60 * MINUTE, absoluteMs: 12 * 60 * MINUTE };
    case 'remembered':
      // A client's own tablet: signing in is hard work, so it stays signed in for long.
      return { idleMs: 30 * DAY, absoluteMs: 180 * DAY };
    case 'shared':
      return { idleMs: config.sharedIdleMinutes * MINUTE, absoluteMs: 12 * 60 * MINUTE };
  }
}

export interface SessionRow {
  id: string;
  person_id: number;
  kind: SessionKind;
  created_at: number;
  expires_at: number;
  absolute_expires_at: number;
}

export const SESSION_COOKIE = 'omapolku_session';

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Pure: the session's new expiry after a request at `now`, or null if it need not move yet. */
export function slideExpiry(session: Pick<SessionRow, 'kind' | 'expires_at' | 'absolute_expires_at'>, now: number): number | null {
  const { idleMs } = sessionPolicy(session.kind);
  const target = Math.min(now + idleMs, session.absolute_expires_at);
  // Write at most about once a minute (short sessions) or once a day (long ones): a write per
  // page view would make every read a disk flush.
  const step = Math.min(idleMs / 15, DAY);
  return target - session.expires_at >= step ? target : null;
}

/** How often "last used" is written at most. */
export const LAST_USED_STEP_MS = 5 * MINUTE;

/** Pure: whether a session's "last used" mark is old enough to write again. */
export function usedMarkDue(lastUsedAt: number | null, now: number): boolean {
  return lastUsedAt === null || now - lastUsedAt >= LAST_USED_STEP_MS;
}

export function isExpired(session: Pick<SessionRow, 'expires_at' | 'absolute_expires_at'>, now: number): boolean {
  return now >= session.expires_at || now >= session.absolute_expires_at;
}

/** Creates a session; returns the token for the cookie (never stored). */
export async function createSession(db: Database, personId: number, kind: SessionKind, now = Date.now()): Promise<{ token: string; session: SessionRow }> {
  return db.write((tx) => insertSession(tx, personId, kind, now));
}

/** `createSession` inside the caller's write transaction (with the step that signs the person in). */
export async function insertSession(tx: Tx, personId: number, kind: SessionKind, now = Date.now()): Promise<{ token: string; session: SessionRow }> {
  const token = generateSessionToken();
  const { idleMs, absoluteMs } = sessionPolicy(kind);
  const session: SessionRow = {
    id: sessionIdFromToken(token),
    person_id: personId,
    kind,
    created_at: now,
    expires_at: now + idleMs,
    absolute_expires_at: now + absoluteMs,
  };
  await tx.run(
    'INSERT INTO sessions (id, person_id, kind, created_at, expires_at, absolute_expires_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [session.id, personId, kind, now, session.expires_at, session.absolute_expires_at, now],
  );
  return { token, session };
}

export interface SessionActor {
  sessionId: string;
  kind: SessionKind;
  expiresAt: number;
  person: {
    id: number;
    unit_id: number | null;
    role: 'client' | 'family' | 'worker' | 'admin';
    full_name: string;
    preferred_name: string;
    avatar: string;
    language: 'fi' | 'sv' | 'en';
    text_size: 100 | 125 | 150;
  };
}

/**
 * Looks up the session of a cookie token in one query, slides it if due, and deletes it when
 * it has expired or the person was deactivated.
 */
export async function validateSessionToken(db: Database, token: string, now = Date.now(), request: RequestInfo = NO_REQUEST): Promise<SessionActor | null> {
  const id = sessionIdFromToken(token);
  const row = await db.get<SessionRow & SessionActor['person'] & { active: number; user_agent: string; last_used_at: number | null }>(
    `SELECT s.id, s.person_id, s.kind, s.created_at, s.expires_at, s.absolute_expires_at, s.user_agent, s.last_used_at,
            p.unit_id, p.role, p.full_name, p.preferred_name, p.avatar, p.language, p.text_size, p.active
       FROM sessions s JOIN people p ON p.id = s.person_id WHERE s.id = ?`,
    [id],
  );
  if (!row) return null;
  if (isExpired(row, now) || row.active !== 1) {
    // The end is a security event (idle end, time limit, or a deactivated person), in the same
    // transaction as the deletion, so a session that ends once is logged once.
    const reason = row.active !== 1 ? 'deactivated' : now >= row.absolute_expires_at ? 'time_limit' : 'idle';
    await writeWithEvents(db, async (tx, log) => {
      const { changes } = await tx.run('DELETE FROM sessions WHERE id = ?', [id]);
      if (changes === 1) await log({ kind: 'session_ended', reason, person: { id: row.person_id, role: row.role, unit_id: row.unit_id }, request });
    }, now);
    return null;
  }
  const slid = slideExpiry(row, now);
  // The device and "last used" for the person's list of sessions (/settings/sessions): the
  // device is written at the first request after signing in (every sign-in route ends in a
  // redirect), "last used" with a slide or at most every few minutes.
  const device = row.user_agent === '' && request.userAgent !== '' ? request.userAgent : null;
  if (slid !== null || device !== null || usedMarkDue(row.last_used_at, now)) {
    await db.write((tx) =>
      tx.run('UPDATE sessions SET expires_at = ?, last_used_at = ?, user_agent = COALESCE(?, user_agent) WHERE id = ?', [slid ?? row.expires_at, now, device, id]),
    );
    if (slid !== null) row.expires_at = slid;
  }
  return {
    sessionId: id,
    kind: row.kind,
    expiresAt: row.expires_at,
    person: {
      id: row.person_id,
      unit_id: row.unit_id,
      role: row.role,
      full_name: row.full_name,
      preferred_name: row.preferred_name,
      avatar: row.avatar,
      language: row.language,
      text_size: row.text_size,
    },
  };
}

/** Moves a session's idle end forward now (the "Jatka" button), within its absolute limit. */
export async function extendSession(db: Database, sessionId: string, kind: SessionKind, now = Date.now()): Promise<number> {
  const { idleMs } = sessionPolicy(kind);
  return db.write(async (tx) => {
    await tx.run(`UPDATE sessions SET expires_at = ${smallerOf(db, '?', 'absolute_expires_at')} WHERE id = ?`, [now + idleMs, sessionId]);
    const row = await tx.get<{ expires_at: number }>('SELECT expires_at FROM sessions WHERE id = ?', [sessionId]);
    return row?.expires_at ?? now;
  });
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
  await db.write((tx) => tx.run('DELETE FROM sessions WHERE id = ?', [sessionId]));
}

export async function invalidateAllSessions(db: Database, personId: number): Promise<void> {
  await db.write((tx) => tx.run('DELETE FROM sessions WHERE person_id = ?', [personId]));
}

/** The cookie lives until the absolute limit; the server enforces the idle end. */
export function sessionCookieOptions(absoluteExpiresAt: number) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.secureCookies,
    path: '/',
    expires: new Date(absoluteExpiresAt),
  };
}
