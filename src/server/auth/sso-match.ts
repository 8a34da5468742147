import type { Tx } from '../db';
import type { EventPerson } from '../security/events';

/**
 * Who a sign-in at the organisation's service is, in Omapolku: a worker or an admin, found by
 * the account's subject stored at an earlier sign-in, else by a verified email. Nobody is ever
 * made here: an account the portal does not know is refused, and the unit admin adds the person
 * first (an invitation), as for a password.
 */
export interface SsoClaims {
  /** The issuer the ID token was checked against (the discovery document's own). */
  issuer: string;
  subject: string;
  email: string | null;
  /** The provider vouches for the email (email_verified; Entra ID's xms_edov). */
  emailVerified: boolean;
}

export type SsoMatch =
  | { ok: true; person: EventPerson; linked: boolean }
  | {
      ok: false;
      /**
       * unknown: no worker or admin with this account or email; inactive: the person was
       * deactivated; unverified: the email is a worker's but the provider does not vouch for it;
       * other_account: the person is already tied to another account of this provider.
       */
      reason: 'unknown' | 'inactive' | 'unverified' | 'other_account';
      /** Whom the refusal concerns, when the account or email is a staff member's. */
      person: EventPerson | null;
    };

type PersonRow = EventPerson & { active: number };

const STAFF_ROLES = "('worker', 'admin')";

/**
 * Inside the caller's write transaction, so the first sign-in's tie to the person is made once
 * even when two answers race: the subject is the key of sso_identities, and a person has at most
 * one subject per issuer.
 */
export async function matchSsoPerson(tx: Tx, claims: SsoClaims, now: number): Promise<SsoMatch> {
  const tied = await tx.get<PersonRow>(
    `SELECT p.id, p.role, p.unit_id, p.active FROM sso_identities i JOIN people p ON p.id = i.person_id
      WHERE i.issuer = ? AND i.subject = ? AND p.role IN ${STAFF_ROLES}`,
    [claims.issuer, claims.subject],
  );
  if (tied) {
    if (tied.active !== 1) return { ok: false, reason: 'inactive', person: eventPerson(tied) };
    await tx.run('UPDATE sso_identities SET last_sign_in_at = ? WHERE issuer = ? AND subject = ?', [now, claims.issuer, claims.subject]);
    return { ok: true, person: eventPerson(tied), linked: false };
  }
  const email = claims.email?.trim() ?? '';
  // people.email ignores letter case (COLLATE NOCASE; on PostgreSQL the nondeterministic collation nocase): the provider may spell it with capitals.
  const byEmail = email ? await tx.get<PersonRow>(`SELECT id, role, unit_id, active FROM people WHERE email = ? AND role IN ${STAFF_ROLES}`, [email]) : undefined;
  if (!byEmail) return { ok: false, reason: 'unknown', person: null };
  const person = eventPerson(byEmail);
  // An email the provider does not vouch for may be anyone's typing: it never opens an account.
  if (!claims.emailVerified) return { ok: false, reason: 'unverified', person };
  if (byEmail.active !== 1) return { ok: false, reason: 'inactive', person };
  const other = await tx.get('SELECT 1 FROM sso_identities WHERE person_id = ? AND issuer = ?', [byEmail.id, claims.issuer]);
  // Another account with the same email (made anew at the provider, or someone else's): the
  // first account stays the person's, and a new one is not tied silently.
  if (other) return { ok: false, reason: 'other_account', person };
  await tx.run('INSERT INTO sso_identities (issuer, subject, person_id, linked_at, last_sign_in_at) VALUES (?, ?, ?, ?, ?)', [
    claims.issuer,
    claims.subject,
    byEmail.id,
    now,
    now,
  ]);
  return { ok: true, person, linked: true };
}

function eventPerson(row: PersonRow): EventPerson {
  return { id: row.id, role: row.role, unit_id: row.unit_id };
}

/**
 * Whether a claim set says its email is verified. `email_verified` is the standard claim; some
 * providers send it as the string "true". Entra ID sends no email_verified at all: its optional
 * claim `xms_edov` (the email's domain is verified by its owner) is what vouches there.
 */
export function emailVerifiedIn(claims: Record<string, unknown>): boolean {
  const yes = (v: unknown) => v === true || v === 'true';
  return yes(claims.email_verified) || yes(claims.xms_edov);
}
