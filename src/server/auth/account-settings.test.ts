import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '@server/db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { NO_REQUEST } from '@server/security/events';
import { hashPassword, verifyPassword } from './password';
import { createSession, validateSessionToken } from './session';
import { EMAIL_DELAY } from './rate-limit';
import { changePassword, endAllSessionsOf, endOtherSessions, endOwnSession, sessionHandle, sessionsOf, CHANGE_PASSWORD_ERRORS } from './account-settings';

const OLD = 'vanha salasana joka toimii hyvin';
const NEW = 'kolme vihreää omenaa kellarissa';
let db: Database;
beforeEach(async () => {
  const hash = await hashPassword(OLD);
  db = await openTestDb(async (tx) => {
    await tx.run("INSERT INTO units (id, name, municipality, created_at) VALUES (1, 'Paja', 'Pori', 0)");
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, password_hash, created_at) VALUES (2, 1, 'worker', 'Liisa Ohjaaja', 'Liisa', 'liisa@example.test', ?, 0)", [hash]);
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, password_hash, created_at) VALUES (4, 1, 'admin', 'Anna Admin', 'Anna', 'anna@example.test', 'x', 0)");
  });
});
afterEach(() => closeTestDb(db));

const liisa = { id: 2, role: 'worker', unit_id: 1 };
const events = () => db.all<{ kind: string; reason: string; person_id: number; by_id: number | null }>('SELECT kind, reason, person_id, by_id FROM security_events ORDER BY id');
const sessionIds = async () => (await db.all<{ id: string }>('SELECT id FROM sessions WHERE person_id = 2 ORDER BY id')).map((r) => r.id);

describe('changePassword', () => {
  it('refuses a wrong current password and counts it like a failed sign-in', async () => {
    const now = Date.UTC(2026, 10, 30, 8);
    const { session } = await createSession(db, 2, 'staff', now);
    for (let i = 1; i < EMAIL_DELAY.after; i++) {
      const r = await changePassword(db, { personId: 2, sessionId: session.id }, { current: 'väärä', next: NEW, again: NEW }, NO_REQUEST, now);
      expect(r).toEqual({ ok: false, errors: { current_password: CHANGE_PASSWORD_ERRORS.currentWrong } });
    }
    // The fifth failure sets the delay, and then even the right password waits.
    expect(await changePassword(db, { personId: 2, sessionId: session.id }, { current: 'väärä', next: NEW, again: NEW }, NO_REQUEST, now)).toEqual({ ok: false, errors: { current_password: CHANGE_PASSWORD_ERRORS.locked } });
    expect(await changePassword(db, { personId: 2, sessionId: session.id }, { current: OLD, next: NEW, again: NEW }, NO_REQUEST, now + 1000)).toEqual({ ok: false, errors: { current_password: CHANGE_PASSWORD_ERRORS.locked } });
    const row = await db.get<{ failed_sign_ins: number; locked_until: number; password_hash: string }>('SELECT failed_sign_ins, locked_until, password_hash FROM people WHERE id = 2');
    expect(row!.failed_sign_ins).toBe(EMAIL_DELAY.after);
    expect(row!.locked_until).toBe(now + EMAIL_DELAY.firstMs);
    expect(await verifyPassword(row!.password_hash, OLD)).toBe(true);
  });

  it('refuses a weak or mistyped new password in words and keeps the old one', async () => {
    const { session } = await createSession(db, 2, 'staff');
    const me = { personId: 2, sessionId: session.id };
    expect(await changePassword(db, me, { current: OLD, next: 'salasana', again: 'salasana' }, NO_REQUEST)).toEqual({ ok: false, errors: { new_password: 'auth:setPassword.problems.tooShort' } });
    expect(await changePassword(db, me, { current: OLD, next: 'Liisa Ohjaaja 2026!', again: 'Liisa Ohjaaja 2026!' }, NO_REQUEST)).toEqual({ ok: false, errors: { new_password: 'auth:setPassword.problems.personal' } });
    expect(await changePassword(db, me, { current: OLD, next: NEW, again: NEW + 'x' }, NO_REQUEST)).toEqual({ ok: false, errors: { new_password_again: 'auth:setPassword.problems.different' } });
    // A right current password takes its try back.
    expect((await db.get<{ failed_sign_ins: number }>('SELECT failed_sign_ins FROM people WHERE id = 2'))!.failed_sign_ins).toBe(0);
    const { password_hash } = (await db.get<{ password_hash: string }>('SELECT password_hash FROM people WHERE id = 2'))!;
    expect(await verifyPassword(password_hash, OLD)).toBe(true);
  });

  it('saves the new password, ends the other sessions, keeps this one, and logs it', async () => {
    const here = await createSession(db, 2, 'staff');
    await createSession(db, 2, 'staff');
    await createSession(db, 2, 'staff');
    await createSession(db, 4, 'staff');
    const r = await changePassword(db, { personId: 2, sessionId: here.session.id }, { current: OLD, next: NEW, again: NEW }, NO_REQUEST);
    expect(r).toEqual({ ok: true, otherSessionsEnded: 2 });
    expect(await sessionIds()).toEqual([here.session.id]);
    expect(await db.get('SELECT 1 FROM sessions WHERE person_id = 4')).toBeDefined();
    const { password_hash } = (await db.get<{ password_hash: string }>('SELECT password_hash FROM people WHERE id = 2'))!;
    expect(await verifyPassword(password_hash, NEW)).toBe(true);
    expect(await events()).toEqual([
      { kind: 'password_changed', reason: 'by_person', person_id: 2, by_id: null },
      { kind: 'sessions_ended', reason: 'password_changed', person_id: 2, by_id: null },
    ]);
  });
});

describe('sessions of a person', () => {
  it('lists the sessions with the device and last use, the current one first', async () => {
    const t0 = Date.UTC(2026, 10, 30, 8);
    const a = await createSession(db, 2, 'staff', t0);
    const b = await createSession(db, 2, 'staff', t0 + 60_000);
    await validateSessionToken(db, a.token, t0 + 10 * 60_000, { ip: '', path: '/worker', userAgent: 'Chrome 131, Linux' });
    await validateSessionToken(db, b.token, t0 + 11 * 60_000, { ip: '', path: '/worker', userAgent: 'Firefox 140, Windows' });
    // The device is kept from the first request, not overwritten later.
    await validateSessionToken(db, b.token, t0 + 20 * 60_000, { ip: '', path: '/worker', userAgent: 'Safari 18, macOS' });
    const list = await sessionsOf(db, 2, a.session.id, t0 + 21 * 60_000);
    expect(list).toEqual([
      { handle: sessionHandle(a.session.id), kind: 'staff', device: 'Chrome 131, Linux', createdAt: t0, lastUsedAt: t0 + 10 * 60_000, current: true },
      { handle: sessionHandle(b.session.id), kind: 'staff', device: 'Firefox 140, Windows', createdAt: t0 + 60_000, lastUsedAt: t0 + 20 * 60_000, current: false },
    ]);
    // An expired session is not listed.
    expect(await sessionsOf(db, 2, a.session.id, t0 + 13 * 60 * 60_000)).toEqual([]);
  });

  it('ends one other session, or all others, never the current one nor another person’s', async () => {
    const a = await createSession(db, 2, 'staff');
    const b = await createSession(db, 2, 'staff');
    const c = await createSession(db, 2, 'staff');
    const anna = await createSession(db, 4, 'staff');
    const me = { person: liisa, sessionId: a.session.id };
    expect(await endOwnSession(db, me, sessionHandle(a.session.id), NO_REQUEST)).toBe(false);
    expect(await endOwnSession(db, me, sessionHandle(anna.session.id), NO_REQUEST)).toBe(false);
    expect(await endOwnSession(db, me, 'not a handle', NO_REQUEST)).toBe(false);
    expect(await endOwnSession(db, me, sessionHandle(b.session.id), NO_REQUEST)).toBe(true);
    expect(await sessionIds()).toEqual([a.session.id, c.session.id].sort());
    expect(await endOtherSessions(db, me, NO_REQUEST)).toBe(1);
    expect(await sessionIds()).toEqual([a.session.id]);
    expect(await endOtherSessions(db, me, NO_REQUEST)).toBe(0);
    expect(await db.get('SELECT 1 FROM sessions WHERE id = ?', [anna.session.id])).toBeDefined();
    expect(await events()).toEqual([
      { kind: 'session_ended', reason: 'by_person', person_id: 2, by_id: null },
      { kind: 'sessions_ended', reason: 'by_person', person_id: 2, by_id: null },
    ]);
  });

  it('lets an admin end every session of a person, logged with the admin', async () => {
    await createSession(db, 2, 'staff');
    await createSession(db, 2, 'staff');
    expect(await endAllSessionsOf(db, liisa, { id: 4, unitId: 1 }, NO_REQUEST)).toBe(2);
    expect(await sessionIds()).toEqual([]);
    expect(await events()).toEqual([{ kind: 'sessions_ended', reason: 'by_admin', person_id: 2, by_id: 4 }]);
  });
});
