/**
 * When the outbox tries a mail again after a failed attempt. The delays grow (a mail server that
 * is down for a minute is retried soon; one down for a night is not hammered), and after the
 * last attempt the mail is failed and waits for an admin's "Yritä uudelleen".
 *
 * `base` is the first delay: 30 s in a unit, a fraction of a second in the tests.
 */
export const MAX_MAIL_ATTEMPTS = 8;

const FACTORS = [1, 4, 20, 60, 240, 720, 1440] as const; // × base: 30 s, 2 min, 10 min, 30 min, 2 h, 6 h, 12 h

/** The delay before the next attempt after `attempts` failed ones, or null when it is failed. */
export function retryDelay(attempts: number, base: number): number | null {
  if (attempts >= MAX_MAIL_ATTEMPTS) return null;
  const factor = FACTORS[Math.min(Math.max(attempts, 1), FACTORS.length) - 1];
  return factor * base;
}

/**
 * An SMTP answer in the 500s means the server will never take this mail (a refused recipient, a
 * malformed address): retrying would not help. Anything else (connection refused, a timeout, a
 * 4xx "try later") is worth another attempt.
 */
export function isPermanentFailure(responseCode: number | undefined): boolean {
  return responseCode !== undefined && responseCode >= 500 && responseCode < 600;
}
