/**
 * "Unohditko salasanan?": a reset link by mail. The answer is the same whether or not the email
 * has an account (so the form tells nobody who uses Omapolku), and the work is limited twice:
 * per address, with the sign-in attempts (a reset request counts as one), and per account, at
 * most one mail in 5 minutes and 5 in a day, so nobody can fill someone's inbox.
 */
import type { Database } from '@server/db';
import { printSecurityEvents, recordSecurityEvent, type RequestInfo, type SecurityEventRecord } from '@server/security/events';
import { addressLimited } from './address-limit';
import { issueToken, type TokenPerson } from './account-tokens';

export const RESET_LIMITS = { minGapMs: 5 * 60_000, perDay: 5 } as const;

export type ResetRequestAnswer = { kind: 'sent' } | { kind: 'limited'; minutes: number };

export async function requestPasswordReset(db: Database, email: string, ip: string, baseUrl: string, request: RequestInfo, now = Date.now()): Promise<ResetRequestAnswer> {
  const limited = await addressLimited(db, ip, now);
  if (limited) return { kind: 'limited', minutes: limited.minutes };
  const events: SecurityEventRecord[] = [];
  await db.write(async (tx) => {
    // Clients sign in with a card: they have no password to reset. Nor does a deactivated account.
    const person = await tx.get<TokenPerson>(
      "SELECT id, email, preferred_name, language, unit_id, role FROM people WHERE email = ? AND role <> 'client' AND active = 1",
      [email.trim().toLowerCase()],
    );
    if (!person) return;
    const recent = await tx.get<{ n: number; last: number | null }>(
      "SELECT count(*) AS n, max(created_at) AS last FROM account_tokens WHERE person_id = ? AND purpose = 'reset' AND created_at > ?",
      [person.id, now - 24 * 60 * 60_000],
    );
    if (recent && (recent.n >= RESET_LIMITS.perDay || (recent.last !== null && now - recent.last < RESET_LIMITS.minGapMs))) return;
    // A family account has no unit: its reset mail shows in no unit's outbox.
    await issueToken(tx, person, 'reset', { by: null, unitId: person.unit_id, baseUrl }, now);
    events.push(await recordSecurityEvent(tx, { kind: 'password_reset_requested', reason: 'by_person', person: { id: person.id, role: person.role, unit_id: person.unit_id }, request }, now));
  });
  printSecurityEvents(events);
  return { kind: 'sent' };
}
