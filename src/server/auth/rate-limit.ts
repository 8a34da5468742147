/**
 * Sign-in limits. Two layers:
 * - per IP address, in memory: a sliding window of attempts, so one device cannot try
 *   thousands of cards or passwords (restarts forget it; the per-account layer does not);
 * - per account, in the database: after repeated failures the account locks for a while,
 *   then until a worker unlocks it. No CAPTCHA: it would shut out our own users.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an attempt; returns false (and records nothing) when the key is over its limit. */
  take(key: string): boolean {
    const t = this.now();
    const recent = (this.hits.get(key) ?? []).filter((at) => at > t - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(t);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.sweep(t);
    return true;
  }

  /** Milliseconds until the next attempt is allowed (0 if allowed now). */
  retryAfter(key: string): number {
    const t = this.now();
    const recent = (this.hits.get(key) ?? []).filter((at) => at > t - this.windowMs);
    return recent.length < this.limit ? 0 : recent[0] + this.windowMs - t;
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private sweep(t: number): void {
    for (const [key, times] of this.hits) if (times.every((at) => at <= t - this.windowMs)) this.hits.delete(key);
  }
}

export const LOCKOUT = {
  /** Failures in a row before the first, short lock. */
  shortLockAfter: 5,
  shortLockMs: 15 * 60 * 1000,
  /** Failures in a row before a worker must unlock the account. */
  longLockAfter: 10,
} as const;

/** Far future: a lock that only a worker's unlock removes. */
export const UNTIL_UNLOCKED = 8_640_000_000_000_000;

/** The lock to set after a failed attempt, given the failures so far including this one. */
export function lockAfterFailure(failures: number, now: number): number | null {
  if (failures >= LOCKOUT.longLockAfter) return UNTIL_UNLOCKED;
  if (failures >= LOCKOUT.shortLockAfter && failures % LOCKOUT.shortLockAfter === 0) return now + LOCKOUT.shortLockMs;
  return null;
}

export type LockState = { locked: false } | { locked: true; untilUnlocked: boolean; minutesLeft: number };

export function lockState(lockedUntil: number | null, now: number): LockState {
  if (lockedUntil === null || lockedUntil <= now) return { locked: false };
  if (lockedUntil >= UNTIL_UNLOCKED) return { locked: true, untilUnlocked: true, minutesLeft: 0 };
  return { locked: true, untilUnlocked: false, minutesLeft: Math.ceil((lockedUntil - now) / 60_000) };
}

/** Per-IP limits for the sign-in forms, shared by every sign-in route of this process. */
export const signInLimiter = new SlidingWindowLimiter(
  Number(process.env.OMAPOLKU_IP_SIGNIN_LIMIT ?? 30),
  10 * 60 * 1000,
);
