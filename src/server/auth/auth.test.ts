import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { hashPassword, verifyPassword } from './password';
import { hashPin, isValidPin, verifyPin, type PinPicture } from './picture-pin';
import { EMAIL_DELAY, lockAfterFailure, lockState, LOCKOUT, UNTIL_UNLOCKED } from './rate-limit';
import { ADDRESS_WINDOW_MS, addressLimited } from './address-limit';
import { createSession, invalidateSession, isExpired, sessionIdFromToken, sessionPolicy, slideExpiry, validateSessionToken } from './session';
import { generateShortCode, issueLoginCard, findCardOwner, normalizeShortCode } from './login-card';
import { getPendingSignIn, pickPicture, signInWithPassword, startCardSignIn } from './sign-in';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one; each hash has its own salt', async () => {
    const a = await hashPassword('oikea hevonen akku niitti');
    const b = await hashPassword('oikea hevonen akku niitti');
    expect(a).not.toEqual(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(await verifyPassword(a, 'oikea hevonen akku niitti')).toBe(true);
    expect(await verifyPassword(a, 'oikea hevonen akku niiti')).toBe(false);
    expect(await verifyPassword('garbage', 'x')).toBe(false);
    // Four deliberately slow hashes (about 0.1 s each on a quiet machine): room for a busy CI box.
  }, 30_000);

  it('reads the cost from the stored hash, so a lower or a raised cost still verifies', async () => {
    // The browser tests' demo database is hashed at a lower cost (tests/helpers/server.ts).
    const cheap = await hashPassword('oikea hevonen akku niitti', { N: 2 ** 10, r: 8, p: 1 });
    expect(cheap).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword(cheap, 'oikea hevonen akku niitti')).toBe(true);
    expect(await verifyPassword(cheap, 'oikea hevonen akku niiti')).toBe(false);
  });
});

describe('picture PIN', () => {
  it('is four known pictures in order', async () => {
    expect(isValidPin(['cat', 'dog', 'sun', 'car'])).toBe(true);
    expect(isValidPin(['cat', 'dog', 'sun'])).toBe(false);
    expect(isValidPin(['cat', 'dog', 'sun', 'unicorn'])).toBe(false);
    const hash = await hashPin(['cat', 'dog', 'sun', 'car']);
    expect(await verifyPin(hash, ['cat', 'dog', 'sun', 'car'])).toBe(true);
    expect(await verifyPin(hash, ['dog', 'cat', 'sun', 'car'])).toBe(false); // order matters
    expect(await verifyPin(hash, ['cat', 'dog', 'sun'])).toBe(false);
  });
});

describe('rate limits and lockout', () => {
  it('allows `limit` tries per address in 10 minutes, counted in the database, then refuses until the window slides', async () => {
    const db = await openTestDb();
    try {
      const t0 = 1_000_000_000;
      const tries = async (ip: string, at: number) => addressLimited(db, ip, at, 3);
      expect([await tries('192.0.2.1', t0), await tries('192.0.2.1', t0 + 1), await tries('192.0.2.1', t0 + 2)]).toEqual([null, null, null]);
      expect(await tries('192.0.2.1', t0 + 3)).toEqual({ ok: false, reason: 'too_many_from_here', minutes: 10 });
      // Another address, and another device of the same IPv6 /64 counts with the first one's network.
      expect(await tries('192.0.2.2', t0 + 3)).toBeNull();
      await db.write((tx) => addressLimited(tx, '2001:db8:1:2::1', t0, 1));
      expect(await addressLimited(db, '2001:db8:1:2::99', t0 + 1, 1)).toMatchObject({ reason: 'too_many_from_here' });
      // A refused try is not counted: the first try leaves the window, and one is let through.
      expect(await tries('192.0.2.1', t0 + ADDRESS_WINDOW_MS + 1)).toBeNull();
      // What another app server on the same database counted holds here too.
      expect(await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM address_attempts WHERE at >= ?', [t0])).toEqual({ n: 6 });
    } finally {
      await closeTestDb(db);
    }
  });

  it('locks briefly after 5 failures and until unlocked after 10', () => {
    expect(lockAfterFailure(4, 0)).toBeNull();
    expect(lockAfterFailure(LOCKOUT.shortLockAfter, 1000)).toBe(1000 + LOCKOUT.shortLockMs);
    expect(lockAfterFailure(LOCKOUT.longLockAfter, 0)).toBe(UNTIL_UNLOCKED);
    expect(lockState(60_000 * 15, 0)).toEqual({ locked: true, untilUnlocked: false, minutesLeft: 15 });
    expect(lockState(UNTIL_UNLOCKED, 0)).toMatchObject({ locked: true, untilUnlocked: true });
    expect(lockState(1000, 1000)).toEqual({ locked: false });
  });

  it('counts a lock that began after the try did from its start: a 15-minute lock is never told as 16', () => {
    // The try began at 0 and waited; meanwhile a later try (at 2 s) locked the account.
    const lockedUntil = 2000 + LOCKOUT.shortLockMs;
    expect(lockState(lockedUntil, 0, 'card')).toEqual({ locked: true, untilUnlocked: false, minutesLeft: 15 });
    expect(lockState(lockedUntil, 60_000, 'card')).toMatchObject({ minutesLeft: 15 });
    expect(lockState(lockedUntil, 62_000, 'card')).toMatchObject({ minutesLeft: 14 });
    // An email account's delay is at most an hour: it is never told as more.
    expect(lockState(2000 + EMAIL_DELAY.maxMs, 0, 'email')).toMatchObject({ minutesLeft: 60 });
  });

  it('delays an email account from the 5th failure, 1 minute doubling up to 1 hour, never for good', () => {
    const minute = 60_000;
    expect(lockAfterFailure(EMAIL_DELAY.after - 1, 0, 'email')).toBeNull();
    expect(lockAfterFailure(5, 1000, 'email')).toBe(1000 + minute);
    expect(lockAfterFailure(6, 0, 'email')).toBe(2 * minute);
    expect(lockAfterFailure(7, 0, 'email')).toBe(4 * minute);
    expect(lockAfterFailure(10, 0, 'email')).toBe(32 * minute);
    expect(lockAfterFailure(11, 0, 'email')).toBe(60 * minute);
    expect(lockAfterFailure(10_000, 0, 'email')).toBe(60 * minute);
  });
});

describe('session policy', () => {
  it('slides forward only after a step, never past the absolute limit', () => {
    const { idleMs } = sessionPolicy('shared');
    const s = { kind: 'shared' as const, expires_at: idleMs, absolute_expires_at: 10 * idleMs };
    expect(slideExpiry(s, 1000)).toBeNull(); // too soon: no write
    expect(slideExpiry(s, idleMs / 2)).toBe(idleMs / 2 + idleMs);
    expect(slideExpiry({ ...s, absolute_expires_at: idleMs + idleMs / 10 }, idleMs)).toBe(idleMs + idleMs / 10);
    expect(isExpired(s, idleMs)).toBe(true);
    expect(isExpired(s, idleMs - 1)).toBe(false);
  });

  it('gives remembered tablets long sessions and shared tablets short ones', () => {
    expect(sessionPolicy('remembered').idleMs).toBeGreaterThan(7 * 24 * 3600_000);
    expect(sessionPolicy('shared').idleMs).toBeLessThanOrEqual(60 * 60_000);
  });
});

describe('login cards', () => {
  it('makes short codes from an alphabet without look-alike letters', () => {
    for (let i = 0; i < 50; i++) expect(generateShortCode()).toMatch(/^[2-9A-HJKMNP-TV-Z]{5}-[2-9A-HJKMNP-TV-Z]{5}$/);
    expect(normalizeShortCode(' abcde 23456 ')).toBe('ABCDE-23456');
  });
});

describe('sessions and sign-in against a database', () => {
  let db: Database;
  let clientId: number;
  beforeAll(async () => {
    db = await openTestDb(async (tx) => {
      clientId = (await tx.run("INSERT INTO people (role, full_name, preferred_name, pin_hash, created_at) VALUES ('client', 'Testi Asiakas', 'Testi', ?, 0)", [await hashPin(['sun', 'sun', 'fish', 'ball'])])).lastID;
      await tx.run("INSERT INTO people (role, full_name, preferred_name, email, password_hash, created_at) VALUES ('worker', 'Testi Ohjaaja', 'Testi', 'ohjaaja@testi.fi', ?, 0)", [await hashPassword('pitkä salasana 123')]);
    });
  });
  afterAll(() => closeTestDb(db));

  it('stores only the SHA-256 of the token and gives a new token at every sign-in', async () => {
    const a = await createSession(db, clientId, 'shared');
    const b = await createSession(db, clientId, 'shared');
    expect(a.token).not.toEqual(b.token);
    const rows = await db.all<{ id: string }>('SELECT id FROM sessions WHERE person_id = ?', [clientId]);
    expect(rows.map((r) => r.id)).toContain(sessionIdFromToken(a.token));
    expect(rows.map((r) => r.id)).not.toContain(a.token);
    expect((await validateSessionToken(db, a.token))?.person.preferred_name).toBe('Testi');
    await invalidateSession(db, a.session.id);
    expect(await validateSessionToken(db, a.token)).toBeNull();
  });

  it('ends an idle session and deletes it', async () => {
    const { token, session } = await createSession(db, clientId, 'shared', 0);
    expect(await validateSessionToken(db, token, session.expires_at + 1)).toBeNull();
    expect(await db.get('SELECT 1 FROM sessions WHERE id = ?', [session.id])).toBeUndefined();
  });

  it('signs a worker in with the password; failures delay it, with the same answer as for an unknown email', async () => {
    const ok = await signInWithPassword(db, 'OHJAAJA@testi.fi', 'pitkä salasana 123', '10.0.0.1');
    expect(ok).toMatchObject({ ok: true, role: 'worker' });
    const results = [];
    for (let i = 0; i < EMAIL_DELAY.after; i++) results.push(await signInWithPassword(db, 'ohjaaja@testi.fi', 'väärä', '10.0.0.2'));
    expect(results.at(-1)).toEqual({ ok: false, reason: 'password_rejected', detail: 'wrong_password' });
    // Even the right password is refused while delayed, and the answer does not say so.
    expect(await signInWithPassword(db, 'ohjaaja@testi.fi', 'pitkä salasana 123', '10.0.0.3')).toEqual({ ok: false, reason: 'password_rejected', detail: 'locked' });
    expect(await signInWithPassword(db, 'nobody@testi.fi', 'väärä', '10.0.0.3')).toEqual({ ok: false, reason: 'password_rejected', detail: 'unknown_account' });
    const row = await db.get<{ failed_sign_ins: number; locked_until: number }>("SELECT failed_sign_ins, locked_until FROM people WHERE email = 'ohjaaja@testi.fi'");
    expect(row!.failed_sign_ins, 'tries while delayed are not checked, so not counted').toBe(EMAIL_DELAY.after);
    expect(row!.locked_until - Date.now()).toBeLessThanOrEqual(EMAIL_DELAY.firstMs);
    await db.write((tx) => tx.run("UPDATE people SET failed_sign_ins = 0, locked_until = NULL WHERE email = 'ohjaaja@testi.fi'"));
  }, 30_000);

  it('counts parallel wrong passwords before checking them: 7 at once, 5 are checked, the delay is 1 minute', async () => {
    await db.write((tx) => tx.run("UPDATE people SET failed_sign_ins = 0, locked_until = NULL WHERE email = 'ohjaaja@testi.fi'"));
    const before = Date.now();
    const results = await Promise.all(Array.from({ length: 7 }, (_, i) => signInWithPassword(db, 'ohjaaja@testi.fi', `väärä ${i}`, '10.0.5.1')));
    expect(results.filter((r) => !r.ok && r.reason === 'password_rejected' && r.detail === 'wrong_password')).toHaveLength(EMAIL_DELAY.after);
    expect(results.filter((r) => !r.ok && r.reason === 'password_rejected' && r.detail === 'locked')).toHaveLength(7 - EMAIL_DELAY.after);
    const row = await db.get<{ failed_sign_ins: number; locked_until: number }>("SELECT failed_sign_ins, locked_until FROM people WHERE email = 'ohjaaja@testi.fi'");
    expect(row!.failed_sign_ins).toBe(EMAIL_DELAY.after);
    expect(row!.locked_until).toBeLessThanOrEqual(Date.now() + EMAIL_DELAY.firstMs);
    expect(row!.locked_until).toBeGreaterThanOrEqual(before + EMAIL_DELAY.firstMs);
    await db.write((tx) => tx.run("UPDATE people SET failed_sign_ins = 0, locked_until = NULL WHERE email = 'ohjaaja@testi.fi'"));
  }, 30_000);

  it('a success takes back the failures before it, not those counted while it was checked', async () => {
    await db.write((tx) => tx.run("UPDATE people SET failed_sign_ins = 2, locked_until = NULL WHERE email = 'ohjaaja@testi.fi'"));
    // The right password is counted as the 3rd try; two wrong ones are counted 4th and 5th while
    // it is checked. (They start once the 3rd is counted: on PostgreSQL three writes begun at once
    // may be counted in any order, and a wrong one counted first would rightly be taken back.)
    const rightTry = signInWithPassword(db, 'ohjaaja@testi.fi', 'pitkä salasana 123', '10.0.6.1');
    const failures = async () => (await db.get<{ n: number }>("SELECT failed_sign_ins AS n FROM people WHERE email = 'ohjaaja@testi.fi'"))!.n;
    while ((await failures()) < 3) await new Promise((r) => setTimeout(r, 2));
    const [right, ...wrong] = await Promise.all([
      rightTry,
      signInWithPassword(db, 'ohjaaja@testi.fi', 'väärä a', '10.0.6.2'),
      signInWithPassword(db, 'ohjaaja@testi.fi', 'väärä b', '10.0.6.3'),
    ]);
    expect(right).toMatchObject({ ok: true });
    expect(wrong.every((r) => !r.ok)).toBe(true);
    const row = await db.get<{ failed_sign_ins: number }>("SELECT failed_sign_ins FROM people WHERE email = 'ohjaaja@testi.fi'");
    expect(row!.failed_sign_ins).toBe(2);
    await db.write((tx) => tx.run("UPDATE people SET failed_sign_ins = 0, locked_until = NULL WHERE email = 'ohjaaja@testi.fi'"));
  }, 30_000);

  it('signs a client in with a card and the four pictures; a revoked card stops working', async () => {
    const card = await issueLoginCard(db, clientId, null);
    expect(await findCardOwner(db, 'short_code', card.shortCode.toLowerCase())).toMatchObject({ client_id: clientId });
    const start = await startCardSignIn(db, 'secret', card.secret, '10.0.1.1');
    if (!start.ok) throw new Error('card refused');
    for (const pick of ['sun', 'sun', 'fish'] as const) {
      expect(await pickPicture(db, start.pendingToken, { pick }, true, '10.0.1.1')).toMatchObject({ ok: true, done: false });
    }
    expect((await getPendingSignIn(db, start.pendingToken))?.picks).toEqual(['sun', 'sun', 'fish']);
    const done = await pickPicture(db, start.pendingToken, { pick: 'ball' }, true, '10.0.1.1');
    expect(done).toMatchObject({ ok: true, role: 'client' });
    if (done.ok && 'session' in done) expect(done.session.kind).toBe('remembered');

    const newer = await issueLoginCard(db, clientId, null);
    expect(await startCardSignIn(db, 'secret', card.secret, '10.0.1.1')).toMatchObject({ ok: false, reason: 'unknown_card' });
    expect(await startCardSignIn(db, 'short_code', newer.shortCode, '10.0.1.1')).toMatchObject({ ok: true });
  });

  it('clears the picks after a wrong PIN so the client starts again', async () => {
    const card = await issueLoginCard(db, clientId, null);
    const start = await startCardSignIn(db, 'short_code', card.shortCode, '10.0.2.1');
    if (!start.ok) throw new Error('card refused');
    for (const pick of ['cat', 'cat', 'cat'] as const) await pickPicture(db, start.pendingToken, { pick }, false, '10.0.2.1');
    expect(await pickPicture(db, start.pendingToken, { pick: 'cat' }, false, '10.0.2.1')).toMatchObject({ ok: false, reason: 'wrong' });
    expect((await getPendingSignIn(db, start.pendingToken))?.picks).toEqual([]);
  });

  it('checks one of nine parallel fourth pictures on one pending sign-in; the others change nothing', async () => {
    await db.write((tx) => tx.run('UPDATE people SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?', [clientId]));
    const card = await issueLoginCard(db, clientId, null);
    const start = await startCardSignIn(db, 'short_code', card.shortCode, '10.0.7.1');
    if (!start.ok) throw new Error('card refused');
    for (const pick of ['sun', 'sun', 'fish'] as const) await pickPicture(db, start.pendingToken, { pick }, false, '10.0.7.1');
    const fourth = ['cat', 'dog', 'sun', 'car', 'apple', 'tree', 'flower', 'ball', 'fish'] as const;
    const results = await Promise.all(fourth.map((pick) => pickPicture(db, start.pendingToken, { pick }, false, '10.0.7.1')));
    const checked = results.filter((r) => !(r.ok && 'done' in r));
    expect(checked, JSON.stringify(results)).toHaveLength(1);
    const failures = (await db.get<{ failed_sign_ins: number }>('SELECT failed_sign_ins FROM people WHERE id = ?', [clientId]))!.failed_sign_ins;
    expect(failures + results.filter((r) => r.ok && 'token' in r).length).toBe(1);
    await db.write((tx) => tx.run('UPDATE people SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?', [clientId]));
  }, 30_000);

  it('a tap while the fourth picture is checked changes nothing; a check left unfinished for 30 s no longer holds the sign-in', async () => {
    const card = await issueLoginCard(db, clientId, null);
    const start = await startCardSignIn(db, 'short_code', card.shortCode, '10.0.9.1');
    if (!start.ok) throw new Error('card refused');
    const id = sessionIdFromToken(start.pendingToken);
    const now = Date.now();
    await db.write((tx) => tx.run('UPDATE pending_sign_ins SET picks = ? WHERE id = ?', [`checking:${now - 1000}`, id]));
    expect(await pickPicture(db, start.pendingToken, { pick: 'dog' }, false, '10.0.9.1', now)).toEqual({ ok: true, done: false });
    expect((await db.get<{ picks: string }>('SELECT picks FROM pending_sign_ins WHERE id = ?', [id]))?.picks).toBe(`checking:${now - 1000}`);
    await db.write((tx) => tx.run('UPDATE pending_sign_ins SET picks = ? WHERE id = ?', [`checking:${now - 31_000}`, id]));
    expect(await pickPicture(db, start.pendingToken, { pick: 'dog' }, false, '10.0.9.1', now)).toEqual({ ok: true, done: false });
    expect((await getPendingSignIn(db, start.pendingToken, now))?.picks).toEqual(['dog']);
  });

  it('counts wrong PINs of 12 parallel pending sign-ins before checking them: 5 checked, then the lock', async () => {
    await db.write((tx) => tx.run('UPDATE people SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?', [clientId]));
    const card = await issueLoginCard(db, clientId, null);
    const tokens: string[] = [];
    for (let i = 0; i < 12; i++) {
      const start = await startCardSignIn(db, 'short_code', card.shortCode, '10.0.8.1');
      if (!start.ok) throw new Error('card refused');
      for (const pick of ['cat', 'cat', 'cat'] as const) await pickPicture(db, start.pendingToken, { pick }, false, '10.0.8.1');
      tokens.push(start.pendingToken);
    }
    const results = await Promise.all(tokens.map((token) => pickPicture(db, token, { pick: 'cat' }, false, '10.0.8.1')));
    const row = await db.get<{ failed_sign_ins: number; locked_until: number }>('SELECT failed_sign_ins, locked_until FROM people WHERE id = ?', [clientId]);
    expect(row!.failed_sign_ins).toBe(LOCKOUT.shortLockAfter);
    expect(results.filter((r) => !r.ok && r.reason === 'wrong')).toHaveLength(LOCKOUT.shortLockAfter - 1);
    expect(results.filter((r) => !r.ok && r.reason === 'locked')).toHaveLength(12 - (LOCKOUT.shortLockAfter - 1));
    // Each is told the 15 minutes of the one lock, even a try that began before the one that set it.
    const minutes = results.map((r) => (!r.ok && r.reason === 'locked' ? r.lock.minutesLeft : null)).filter((m) => m !== null);
    expect(minutes).toEqual(minutes.map(() => LOCKOUT.shortLockMs / 60_000));
    await db.write((tx) => tx.run('UPDATE people SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?', [clientId]));
  }, 30_000);

  it('tells a try that began before another try locked the account the lock\'s 15 minutes, not 16', async () => {
    // On PostgreSQL a try that loses a race runs again, so a later try's lock can be there when it looks.
    const card = await issueLoginCard(db, clientId, null);
    const start = await startCardSignIn(db, 'short_code', card.shortCode, '10.0.10.1');
    if (!start.ok) throw new Error('card refused');
    for (const pick of ['cat', 'cat', 'cat'] as const) await pickPicture(db, start.pendingToken, { pick }, false, '10.0.10.1');
    const began = Date.now();
    await db.write((tx) => tx.run('UPDATE people SET failed_sign_ins = ?, locked_until = ? WHERE id = ?', [LOCKOUT.shortLockAfter, began + 2000 + LOCKOUT.shortLockMs, clientId]));
    expect(await pickPicture(db, start.pendingToken, { pick: 'cat' }, false, '10.0.10.1', began)).toEqual({
      ok: false,
      reason: 'locked',
      lock: { locked: true, untilUnlocked: false, minutesLeft: LOCKOUT.shortLockMs / 60_000 },
    });
    await db.write((tx) => tx.run('UPDATE people SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?', [clientId]));
  });

  it('leads a client without a PIN to choose one: a mismatch starts again, a match saves it and signs in', async () => {
    const newcomer = (await db.write((tx) => tx.run("INSERT INTO people (role, full_name, preferred_name, created_at) VALUES ('client', 'Uusi Asiakas', 'Uusi', 0)"))).lastID;
    const card = await issueLoginCard(db, newcomer, null);
    const start = await startCardSignIn(db, 'secret', card.secret, '10.0.3.1');
    if (!start.ok) throw new Error(`card refused: ${start.reason}`);
    const tap = (pick: PinPicture, remember = false) => pickPicture(db, start.pendingToken, { pick }, remember, '10.0.3.1');
    expect((await getPendingSignIn(db, start.pendingToken))?.choosing).toEqual({ first: [], again: [] });

    for (const pick of ['tree', 'tree', 'ball', 'sun'] as const) expect(await tap(pick)).toEqual({ ok: true, done: false });
    for (const pick of ['tree', 'tree', 'ball'] as const) await tap(pick);
    expect((await getPendingSignIn(db, start.pendingToken))?.choosing).toEqual({ first: ['tree', 'tree', 'ball', 'sun'], again: ['tree', 'tree', 'ball'] });
    // The last picture differs: nothing is saved, no failure is counted, both rounds start again.
    expect(await tap('car')).toEqual({ ok: false, reason: 'pin_mismatch' });
    expect((await getPendingSignIn(db, start.pendingToken))?.choosing).toEqual({ first: [], again: [] });
    const afterMismatch = await db.get<{ pin_hash: string | null; failed_sign_ins: number }>('SELECT pin_hash, failed_sign_ins FROM people WHERE id = ?', [newcomer]);
    expect(afterMismatch).toEqual({ pin_hash: null, failed_sign_ins: 0 });

    for (const pick of ['apple', 'fish', 'apple', 'dog', 'apple', 'fish', 'apple'] as const) await tap(pick);
    const done = await tap('dog', true);
    expect(done).toMatchObject({ ok: true, role: 'client' });
    if (done.ok && 'session' in done) expect(done.session.kind).toBe('remembered');
    const saved = await db.get<{ pin_hash: string }>('SELECT pin_hash FROM people WHERE id = ?', [newcomer]);
    expect(await verifyPin(saved!.pin_hash, ['apple', 'fish', 'apple', 'dog'])).toBe(true);
    expect(await getPendingSignIn(db, start.pendingToken)).toBeNull();

    // From now on the card asks for the pictures chosen.
    const again = await startCardSignIn(db, 'short_code', card.shortCode, '10.0.3.2');
    if (!again.ok) throw new Error('card refused');
    expect((await getPendingSignIn(db, again.pendingToken))?.choosing).toBeNull();
  });

  it('does not overwrite a PIN chosen meanwhile on another tablet', async () => {
    const newcomer = (await db.write((tx) => tx.run("INSERT INTO people (role, full_name, preferred_name, created_at) VALUES ('client', 'Toinen Asiakas', 'Toinen', 0)"))).lastID;
    const card = await issueLoginCard(db, newcomer, null);
    const starts = [await startCardSignIn(db, 'secret', card.secret, '10.0.4.1'), await startCardSignIn(db, 'secret', card.secret, '10.0.4.2')];
    const [a, b] = starts.map((s) => (s.ok ? s.pendingToken : ''));
    for (const pick of ['cat', 'cat', 'cat', 'cat', 'cat', 'cat', 'cat'] as const) await pickPicture(db, b, { pick }, false, '10.0.4.2');
    for (const pick of ['sun', 'sun', 'sun', 'sun', 'sun', 'sun', 'sun', 'sun'] as const) await pickPicture(db, a, { pick }, false, '10.0.4.1');
    // Tablet A saved sun×4; tablet B's sign-in ends (start again with the card), and its taps
    // count as no failed tries at the PIN that A chose.
    expect(await pickPicture(db, b, { pick: 'cat' }, false, '10.0.4.2')).toEqual({ ok: false, reason: 'pending_expired' });
    expect((await db.get<{ failed_sign_ins: number }>('SELECT failed_sign_ins FROM people WHERE id = ?', [newcomer]))?.failed_sign_ins).toBe(0);
    const saved = await db.get<{ pin_hash: string }>('SELECT pin_hash FROM people WHERE id = ?', [newcomer]);
    expect(await verifyPin(saved!.pin_hash, ['sun', 'sun', 'sun', 'sun'])).toBe(true);
  });
});
