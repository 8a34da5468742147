/**
 * The per-address layer of the sign-in limits (rate-limit.ts has the per-account layer): at most
 * OMAPOLKU_IP_SIGNIN_LIMIT tries from one client address (IPv6: per /64) in 10 minutes, over
 * every sign-in route, a reset request and an SSO start counting as one.
 *
 * Counted in the database (address_attempts), so that every app server behind a load balancer
 * sees the same count and a restart forgets nothing. A try inside a caller's transaction (the
 * fourth picture, a two-step code) is counted in that transaction.
 */
import type { Database, Tx } from '@server/db';
import { config } from '../config';
import { limiterKey } from '@server/security/client-address';

export const ADDRESS_WINDOW_MS = 10 * 60 * 1000;

export type AddressLimited = { ok: false; reason: 'too_many_from_here'; minutes: number };

async function take(tx: Tx, key: string, limit: number, now: number): Promise<number> {
  const since = now - ADDRESS_WINDOW_MS;
  // Now and then, the old tries of every address go (the index on `at` finds them).
  if (Math.random() < 0.02) await tx.run('DELETE FROM address_attempts WHERE at <= ?', [since]);
  const recent = await tx.get<{ n: number; first: number | null }>('SELECT COUNT(*) AS n, MIN(at) AS first FROM address_attempts WHERE address_key = ? AND at > ?', [key, since]);
  if (recent && recent.n >= limit) return Math.max(1, (recent.first ?? now) + ADDRESS_WINDOW_MS - now);
  await tx.run('INSERT INTO address_attempts (address_key, at) VALUES (?, ?)', [key, now]);
  return 0;
}

/**
 * Counts a try from `ip`; null when it may go on, or the refusal with the minutes to wait. Runs
 * in `q` when it is a transaction, else in a write of its own.
 */
export async function addressLimited(q: Database | Tx, ip: string, now = Date.now(), limit = config.ipSignInLimit): Promise<AddressLimited | null> {
  const key = limiterKey(ip);
  const waitMs = 'write' in q ? await q.write((tx) => take(tx, key, limit, now)) : await take(q, key, limit, now);
  return waitMs === 0 ? null : { ok: false, reason: 'too_many_from_here', minutes: Math.ceil(waitMs / 60_000) };
}
