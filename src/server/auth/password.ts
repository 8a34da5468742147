import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashing with scrypt from Node's own crypto: no native add-on to build.
 * Parameters follow OWASP's scrypt option N=2^15, r=8, p=3 (32 MiB per hash, so many
 * sign-ins at once do not exhaust memory). They are stored in the hash string, so they
 * can be raised later without breaking old hashes.
 */
export interface HashCost {
  N: number;
  r: number;
  p: number;
}
export const HASH_COST: Readonly<HashCost> = { N: 2 ** 15, r: 8, p: 3 };
const KEY_LENGTH = 32;

function derive(secret: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFKC'), salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/**
 * Returns `scrypt$N$r$p$salt$hash` (base64). The server always hashes at HASH_COST; only the
 * browser tests' demo database passes a lower cost (tests/helpers/server.ts), so that hundreds of
 * sign-ins do not spend minutes of CPU on the same 32 MiB hash.
 */
export async function hashPassword(secret: string, cost: Readonly<HashCost> = HASH_COST): Promise<string> {
  const { N, r, p } = cost;
  const salt = randomBytes(16);
  const key = await derive(secret, salt, N, r, p);
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(hash: string, secret: string): Promise<boolean> {
  const parts = hash.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const expected = Buffer.from(parts[5], 'base64');
  const actual = await derive(secret, Buffer.from(parts[4], 'base64'), N, r, p);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Staff passwords: long enough to matter, and nothing more (NIST 800-63B: no composition rules). */
export const PASSWORD_MIN_LENGTH = 12;
