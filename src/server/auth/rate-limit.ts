/**
 * Sign-in limits. Two layers:
 * - per client address (address-limit.ts; IPv6 per /64), in the database: a sliding window of
 *   attempts, so one device cannot try thousands of cards or passwords;
 * - per account, in the database: after repeated failures the account locks for a while,
 *   then until a worker unlocks it. No CAPTCHA: it would shut out our own users.
 */
/**
 * Locks after failed sign-ins, counted per account. A failure is counted when the attempt
 * begins (in the same write that checks the lock), so parallel tries cannot all slip in
 * before the first lock is written.
 *
 * - A client needs their card's secret to try at all: 5 failures lock for 15 minutes, 10 until
 *   a worker or admin opens the lock.
 * - An email account can be tried by anyone who knows the address, so it never locks for good
 *   (that would let anyone shut a worker out): from the 5th failure each one delays the next
 *   try, 1 minute doubling up to 1 hour. An admin of the unit can open it sooner.
 */
export const LOCKOUT = {
  /** Failures in a row before the first, short lock. */
  shortLockAfter: 5,
  shortLockMs: 15 * 60 * 1000,
  /** Failures in a row before a worker must unlock the account (clients only). */
  longLockAfter: 10,
} as const;

export const EMAIL_DELAY = {
  after: 5,
  firstMs: 60 * 1000,
  maxMs: 60 * 60 * 1000,
} as const;

/** Far future: a lock that only a worker's unlock removes. */
export const UNTIL_UNLOCKED = 8_640_000_000_000_000;

export type AccountKind = 'card' | 'email';

/** The lock to set with a failed attempt, given the failures so far including this one. */
export function lockAfterFailure(failures: number, now: number, kind: AccountKind = 'card'): number | null {
  if (kind === 'email') {
    if (failures < EMAIL_DELAY.after) return null;
    const doublings = Math.min(failures - EMAIL_DELAY.after, 20);
    return now + Math.min(EMAIL_DELAY.firstMs * 2 ** doublings, EMAIL_DELAY.maxMs);
  }
  if (failures >= LOCKOUT.longLockAfter) return UNTIL_UNLOCKED;
  if (failures >= LOCKOUT.shortLockAfter && failures % LOCKOUT.shortLockAfter === 0) return now + LOCKOUT.shortLockMs;
  return null;
}

/**
 * Whether failures left standing after a success still call for the lock that is set: a
 * success erases the failures counted before it, not those counted while it was checked.
 */
export function lockStands(remainingFailures: number, kind: AccountKind): boolean {
  return remainingFailures >= (kind === 'email' ? EMAIL_DELAY.after : LOCKOUT.shortLockAfter);
}

export type LockState = { locked: false } | { locked: true; untilUnlocked: boolean; minutesLeft: number };

/** The longest a lock with an end can last, per kind of account (lockAfterFailure). */
const LONGEST_TIMED_LOCK_MS: Record<AccountKind, number> = { card: LOCKOUT.shortLockMs, email: EMAIL_DELAY.maxMs };

/**
 * Whether `lockedUntil` locks the account at `now`, and for how many whole minutes more.
 *
 * `now` is when the try began. A lock that another, later try set while this one waited (in
 * SQLite's write queue, or run again after a serialization failure on PostgreSQL) began after
 * that, so counting from `now` would tell a client "16 minutes" for a 15-minute lock. Given the
 * account's kind, the minutes count from no earlier than the lock's earliest possible start: its
 * end minus the longest lock of the kind (exact for a card account, whose timed lock is always
 * 15 minutes).
 */
export function lockState(lockedUntil: number | null, now: number, kind?: AccountKind): LockState {
  if (lockedUntil === null || lockedUntil <= now) return { locked: false };
  if (lockedUntil >= UNTIL_UNLOCKED) return { locked: true, untilUnlocked: true, minutesLeft: 0 };
  const from = kind ? Math.max(now, lockedUntil - LONGEST_TIMED_LOCK_MS[kind]) : now;
  return { locked: true, untilUnlocked: false, minutesLeft: Math.ceil((lockedUntil - from) / 60_000) };
}

