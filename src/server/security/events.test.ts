import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { hashPassword } from '../auth/password';
import { createSession, validateSessionToken } from '../auth/session';
import { signInWithPassword } from '../auth/sign-in';
import { logSecurityEvent, securityEventsOfUnit, shortUserAgent, writeWithEvents, type RequestInfo } from './events';
import { logPasswordSignIn, passwordSubject } from './sign-in-events';
import { unlockAccount } from '../people/store';

let db: Database;
let unitA: number;
let unitB: number;
let workerA: number;
let familyOfA: number;
const PASSWORD = 'tämä-on-salainen-Sala5ana';
const REQUEST: RequestInfo = { ip: '192.0.2.7', userAgent: shortUserAgent('Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'), path: '/login' };
const NO_FILTER = { kind: null, personId: null, from: null, to: null };

beforeAll(async () => {
  db = await openTestDb();
  const hash = await hashPassword(PASSWORD);
  await db.write(async (tx) => {
    unitA = (await tx.run("INSERT INTO units (name, municipality, created_at) VALUES ('A', 'Pori', 0)")).lastID;
    unitB = (await tx.run("INSERT INTO units (name, municipality, created_at) VALUES ('B', 'Rauma', 0)")).lastID;
    workerA = (await tx.run("INSERT INTO people (unit_id, role, full_name, preferred_name, email, password_hash, created_at) VALUES (?, 'worker', 'Wilma Worker', 'Wilma', 'wilma@testi.fi', ?, 0)", [unitA, hash])).lastID;
    const client = (await tx.run("INSERT INTO people (unit_id, role, full_name, preferred_name, created_at) VALUES (?, 'client', 'Cecilia Client', 'Cecilia', 0)", [unitA])).lastID;
    familyOfA = (await tx.run("INSERT INTO people (unit_id, role, full_name, preferred_name, email, password_hash, created_at) VALUES (NULL, 'family', 'Fanni Family', 'Fanni', 'fanni@testi.fi', ?, 0)", [hash])).lastID;
    await tx.run("INSERT INTO family_links (family_id, client_id, basis, level, created_at, created_by) VALUES (?, ?, 'client_agreement', 'full', 0, ?)", [familyOfA, client, workerA]);
  });
});

afterAll(() => closeTestDb(db));

afterEach(() => vi.restoreAllMocks());

/** Everything written to stdout while `work` runs. */
async function stdoutOf(work: () => Promise<unknown>): Promise<string> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  await work();
  vi.restoreAllMocks();
  return out;
}

describe('the security event log', () => {
  it('refuses UPDATE and DELETE: rows are only ever added', async () => {
    await logSecurityEvent(db, { kind: 'forbidden', reason: 'GET', person: { id: workerA, role: 'worker', unit_id: unitA }, request: { ...REQUEST, path: '/admin' } });
    const [row] = await db.all<{ id: number }>("SELECT id FROM security_events WHERE kind = 'forbidden' ORDER BY id DESC LIMIT 1");
    await expect(db.write((tx) => tx.run("UPDATE security_events SET reason = 'POST' WHERE id = ?", [row.id]))).rejects.toThrow(/append-only/);
    await expect(db.write((tx) => tx.run('DELETE FROM security_events WHERE id = ?', [row.id]))).rejects.toThrow(/append-only/);
    await expect(db.write((tx) => tx.run('DELETE FROM security_events'))).rejects.toThrow(/append-only/);
    expect(await db.get('SELECT id FROM security_events WHERE id = ?', [row.id])).toEqual({ id: row.id });
  });

  it('prints one JSON line per event, only after its transaction commits', async () => {
    const out = await stdoutOf(() =>
      writeWithEvents(db, async (_tx, log) => {
        await log({ kind: 'unlocked', reason: 'by_admin', person: { id: workerA, role: 'worker', unit_id: unitA }, by: workerA, request: REQUEST });
        await log({ kind: 'pin_reset', reason: 'by_admin', person: { id: workerA, role: 'worker', unit_id: unitA }, by: workerA, request: REQUEST });
      }),
    );
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ type: 'security_event', kind: 'unlocked', reason: 'by_admin', person_id: workerA, role: 'worker', unit_id: unitA, ip: '192.0.2.7', user_agent: 'Chrome 131, Android' });

    // A change that rolls back takes its event with it, and prints nothing.
    const count = async () => (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM security_events'))!.n;
    const before = await count();
    const failed = await stdoutOf(() =>
      writeWithEvents(db, async (_tx, log) => {
        await log({ kind: 'pin_reset', reason: 'by_admin', person: null, request: REQUEST });
        throw new Error('the change failed');
      }).catch(() => undefined),
    );
    expect(failed).toBe('');
    expect(await count()).toBe(before);
  });

  it('writes no password, email or session token of a sign-in to the table or stdout', async () => {
    const attempts = [
      ['wilma@testi.fi', 'väärä-salasana-123'],
      ['wilma@testi.fi', PASSWORD],
      // An unknown "email" that is in fact a password typed into the wrong field.
      [PASSWORD, PASSWORD],
    ];
    const tokens: string[] = [];
    const out = await stdoutOf(async () => {
      for (const [email, password] of attempts) {
        const subject = await passwordSubject(db, email);
        const result = await signInWithPassword(db, email, password, REQUEST.ip);
        if (result.ok && 'token' in result) tokens.push(result.token, result.session.id);
        await logPasswordSignIn(db, subject, result, REQUEST);
      }
    });
    expect(tokens).toHaveLength(2);
    const table = JSON.stringify(await db.all('SELECT * FROM security_events'));
    for (const secret of [PASSWORD, 'väärä-salasana-123', 'wilma@testi.fi', ...tokens]) {
      expect(table).not.toContain(secret);
      expect(out).not.toContain(secret);
    }
    const kinds = out.trim().split('\n').map((l) => JSON.parse(l) as { kind: string; reason: string; person_id: number | null });
    expect(kinds).toEqual([
      expect.objectContaining({ kind: 'sign_in_failed', reason: 'wrong_password', person_id: workerA }),
      expect.objectContaining({ kind: 'sign_in', reason: 'password', person_id: workerA }),
      expect.objectContaining({ kind: 'sign_in_failed', reason: 'unknown_email', person_id: null }),
    ]);
  }, 30_000);

  it('logs the lockout that a wrong password causes, once', async () => {
    // Four wrong tries already: the fifth locks the account (scrypt is slow, so not all five here).
    await db.write((tx) => tx.run('UPDATE people SET failed_sign_ins = 4 WHERE id = ?', [familyOfA]));
    const out = await stdoutOf(async () => {
      for (let i = 0; i < 2; i++) {
        const subject = await passwordSubject(db, 'fanni@testi.fi');
        const result = await signInWithPassword(db, 'fanni@testi.fi', `wrong-${i}-password`, REQUEST.ip);
        await logPasswordSignIn(db, subject, result, REQUEST);
      }
    });
    const events = out.trim().split('\n').map((l) => JSON.parse(l) as { kind: string; reason: string });
    expect(events.filter((e) => e.kind === 'locked')).toEqual([expect.objectContaining({ reason: 'for_a_while' })]);
    expect(events.filter((e) => e.kind === 'sign_in_failed').map((e) => e.reason)).toEqual(['wrong_password', 'locked']);
  }, 30_000);

  it("logs a worker's unlock in the same transaction as the unlock, and nothing when nothing was locked", async () => {
    const unlocks = async () => (await db.all('SELECT by_id, reason FROM security_events WHERE kind = ? AND person_id = ?', ['unlocked', familyOfA])) as unknown[];
    expect(await unlocks()).toEqual([]);
    await unlockAccount(db, familyOfA, workerA, REQUEST);
    await unlockAccount(db, familyOfA, workerA, REQUEST);
    expect(await unlocks()).toEqual([{ by_id: workerA, reason: 'by_worker' }]);
    expect(await db.get('SELECT failed_sign_ins, locked_until FROM people WHERE id = ?', [familyOfA])).toEqual({ failed_sign_ins: 0, locked_until: null });
  });

  it('logs a session that ended by idle time, with its person', async () => {
    const { token } = await createSession(db, workerA, 'staff', 1_000);
    expect(await validateSessionToken(db, token, 1_000 + 9 * 3600_000, REQUEST)).toBeNull();
    const [row] = await db.all<{ kind: string; reason: string; person_id: number }>("SELECT kind, reason, person_id FROM security_events WHERE kind = 'session_ended'");
    expect(row).toEqual({ kind: 'session_ended', reason: 'idle', person_id: workerA });
  });

  it("shows a unit's admins their unit's events, and a family member's where they have a client", async () => {
    const a = await securityEventsOfUnit(db, unitA, NO_FILTER, 500, 0);
    const b = await securityEventsOfUnit(db, unitB, NO_FILTER, 500, 0);
    expect(a.some((r) => r.person_id === workerA)).toBe(true);
    expect(a.some((r) => r.person_id === familyOfA)).toBe(true);
    expect(b).toEqual([]);
    const filtered = await securityEventsOfUnit(db, unitA, { ...NO_FILTER, kind: 'locked' }, 500, 0);
    expect(filtered.map((r) => [r.kind, r.person_id])).toEqual([['locked', familyOfA]]);
    const page2 = await securityEventsOfUnit(db, unitA, NO_FILTER, 2, 2);
    expect(page2.map((r) => r.id)).toEqual(a.slice(2, 4).map((r) => r.id));
  });

  it('keeps only the browser and system of a user agent', () => {
    expect(shortUserAgent('Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1')).toBe('Safari 17, iOS');
    expect(shortUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe('Firefox 133, Windows');
    expect(shortUserAgent(null)).toBe('');
  });
});
