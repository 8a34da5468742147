import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '@server/db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { NO_REQUEST } from '@server/security/events';
import { requestPasswordReset, RESET_LIMITS } from './reset-request';
import { personOfToken, setPasswordWithToken } from './account-tokens';

let db: Database;
beforeEach(async () => {
  db = await openTestDb(async (tx) => {
    await tx.run("INSERT INTO units (id, name, municipality, created_at) VALUES (1, 'Paja', 'Pori', 0)");
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, email, password_hash, created_at) VALUES (2, 1, 'worker', 'Liisa Ohjaaja', 'Liisa', 'liisa@example.test', 'x', 0)");
    await tx.run("INSERT INTO people (id, unit_id, role, full_name, preferred_name, created_at) VALUES (3, 1, 'client', 'Matti Asiakas', 'Matti', 0)");
  });
});
afterEach(() => closeTestDb(db));

const mails = () => db.all<{ to_address: string; kind: string; text_body: string; created_at: number }>('SELECT to_address, kind, text_body, created_at FROM outbox ORDER BY id');

describe('requestPasswordReset', () => {
  it('queues one reset mail for a known email, nothing for an unknown one, with the same answer', async () => {
    const now = Date.UTC(2026, 10, 30, 8);
    expect(await requestPasswordReset(db, 'nobody@example.test', '10.0.0.1', 'https://omapolku.test', NO_REQUEST, now)).toEqual({ kind: 'sent' });
    expect(await requestPasswordReset(db, ' Liisa@Example.test ', '10.0.0.1', 'https://omapolku.test', NO_REQUEST, now)).toEqual({ kind: 'sent' });
    const [mail, ...rest] = await mails();
    expect(rest).toEqual([]);
    expect(mail).toMatchObject({ to_address: 'liisa@example.test', kind: 'reset' });
    const token = /\/reset\/([a-z2-7]+)/.exec(mail.text_body)![1];
    expect((await personOfToken(db, token, 'reset', now))?.id).toBe(2);
    // An invitation's purpose is not a reset's, and an hour later it is gone.
    expect(await personOfToken(db, token, 'invitation', now)).toBeNull();
    expect(await personOfToken(db, token, 'reset', now + 60 * 60_000 + 1)).toBeNull();
  });

  it('sends at most one mail in 5 minutes and 5 in a day per account', async () => {
    const start = Date.UTC(2026, 10, 30, 8);
    for (let i = 0; i < 12; i++) await requestPasswordReset(db, 'liisa@example.test', `10.0.1.${i}`, 'https://omapolku.test', NO_REQUEST, start + i * 60_000);
    expect(await mails()).toHaveLength(3); // at 0, 5 and 10 minutes
    for (let i = 0; i < 10; i++) await requestPasswordReset(db, 'liisa@example.test', `10.0.2.${i}`, 'https://omapolku.test', NO_REQUEST, start + (20 + i * 10) * 60_000);
    expect(await mails()).toHaveLength(RESET_LIMITS.perDay);
  });

  it('sends nothing for a client (they have no password)', async () => {
    await db.write((tx) => tx.run("UPDATE people SET email = 'matti@example.test' WHERE id = 3"));
    await requestPasswordReset(db, 'matti@example.test', '10.0.0.9', 'https://omapolku.test', NO_REQUEST);
    expect(await mails()).toEqual([]);
  });
});

describe('setPasswordWithToken', () => {
  it('sets the password through a working link once: the link is used up and the sessions end', async () => {
    const now = Date.UTC(2026, 10, 30, 8);
    await requestPasswordReset(db, 'liisa@example.test', '10.0.0.1', 'https://omapolku.test', NO_REQUEST, now);
    const token = /\/reset\/([a-z2-7]+)/.exec((await mails())[0].text_body)![1];
    await db.write((tx) => tx.run("INSERT INTO sessions (id, person_id, kind, created_at, expires_at, absolute_expires_at) VALUES ('old-session', 2, 'staff', 0, ?, ?)", [now + 1, now + 1]));
    // (The link's id comes back under its own name on both engines: PostgreSQL folds an unquoted alias to lower case.)
    expect((await personOfToken(db, token, 'reset', now))?.tokenId).toBeGreaterThan(0);
    const done = await setPasswordWithToken(db, token, 'reset', 'uusi-pitka-salasana-2026', NO_REQUEST, now + 1000);
    expect(done?.person).toEqual({ id: 2, role: 'worker', unit_id: 1 });
    expect(await db.all('SELECT used_at FROM account_tokens')).toEqual([{ used_at: now + 1000 }]);
    expect(await db.get<{ password_hash: string }>('SELECT password_hash FROM people WHERE id = 2')).not.toEqual({ password_hash: 'x' });
    expect(await db.all('SELECT id FROM sessions WHERE person_id = 2')).toEqual([]);
    expect(await setPasswordWithToken(db, token, 'reset', 'toinen-pitka-salasana-2026', NO_REQUEST, now + 2000)).toBeNull();
  });
});
