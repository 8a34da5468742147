import type { Database, Tx } from '../db';
import { auditClientChange } from '../admin/audit';
import { todayInHelsinki } from '@domain/time/helsinki';
import { consentState, historyEvents, isInForce, type ConsentState, type HistoryEvent, type InfoType, type RecipientType, REMINDER_DAYS } from '@domain/consent';
import { addDays } from '@domain/attendance/month';
import { commaList, jsonInteger, jsonText } from '@server/db/dialect';

/** All SQL about consents and family links. Consents are only ever inserted (see migration 0006). */

export type GivenAs = 'client' | 'legal_representative' | 'paper';
export type EndedAs = 'client' | 'legal_representative' | 'worker';

export interface ConsentView {
  id: number;
  recipient_type: RecipientType;
  recipient_name: string;
  purpose: string | null;
  information: InfoType[];
  starts_on: string;
  ends_on: string;
  given_as: GivenAs;
  given_by_name: string;
  signed_on: string | null;
  witness: string | null;
  replaces_id: number | null;
  created_at: number;
  ending_reason: 'withdrawn' | 'replaced' | null;
  ended_at: number | null;
  ended_as: EndedAs | null;
  ended_by_name: string | null;
  state: ConsentState;
  events: HistoryEvent[];
}

/**
 * Every consent of a client, newest first, with its information types, how it ended and its
 * state today. A client has a handful of consents, so one query and the rules in the domain
 * module give every view (cards, the worker's glance, the history).
 */
export async function consentsOf(db: Database, clientId: number, today = todayInHelsinki()): Promise<ConsentView[]> {
  const rows = await db.all<Omit<ConsentView, 'information' | 'state' | 'events'> & { information: string }>(
    `SELECT c.id, c.recipient_type, c.recipient_name, c.purpose, c.starts_on, c.ends_on, c.given_as, g.full_name AS given_by_name,
            c.signed_on, c.witness, c.replaces_id, c.created_at,
            e.reason AS ending_reason, e.ended_at, e.ended_as, b.full_name AS ended_by_name,
            (SELECT ${commaList(db, 'info_type')} FROM consent_information WHERE consent_id = c.id) AS information
       FROM consents c JOIN people g ON g.id = c.given_by
       LEFT JOIN consent_endings e ON e.consent_id = c.id LEFT JOIN people b ON b.id = e.ended_by
      WHERE c.client_id = ? ORDER BY c.created_at DESC, c.id DESC`,
    [clientId],
  );
  return rows.map((r) => ({
    ...r,
    information: (r.information ?? '').split(',').filter(Boolean).sort() as InfoType[],
    state: consentState(r, today),
    events: historyEvents(r, today),
  }));
}

export const inForce = (consents: ConsentView[]): ConsentView[] => consents.filter((c) => isInForce(c.state));

export interface NewConsent {
  clientId: number;
  recipientType: RecipientType;
  recipientName: string;
  information: InfoType[];
  purpose: string | null;
  startsOn: string;
  endsOn: string;
  givenBy: number;
  givenAs: GivenAs;
  signedOn?: string | null;
  witness?: string | null;
  key: string;
}

/**
 * Records a consent. The same key again (a double tap, a resent form) returns the first
 * consent's id and adds nothing; a key used for another client returns null. A consent in force
 * for the same recipient is replaced by the new one, so there is one answer to "may X know?".
 */
export async function giveConsent(db: Database, c: NewConsent, now = Date.now()): Promise<number | null> {
  return db.write(async (tx) => {
    const existing = await tx.get<{ id: number; client_id: number }>('SELECT id, client_id FROM consents WHERE idempotency_key = ?', [c.key]);
    if (existing) return existing.client_id === c.clientId ? existing.id : null;
    const today = todayInHelsinki(now);
    const earlier = await tx.get<{ id: number }>(
      `SELECT c.id FROM consents c WHERE c.client_id = ? AND c.recipient_type = ? AND lower(c.recipient_name) = lower(?)
          AND c.ends_on >= ? AND NOT EXISTS (SELECT 1 FROM consent_endings e WHERE e.consent_id = c.id)
        ORDER BY c.id DESC LIMIT 1`,
      [c.clientId, c.recipientType, c.recipientName, today],
    );
    const id = (
      await tx.run(
        `INSERT INTO consents (client_id, recipient_type, recipient_name, purpose, starts_on, ends_on, given_by, given_as, signed_on, witness, replaces_id, idempotency_key, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [c.clientId, c.recipientType, c.recipientName, c.purpose, c.startsOn, c.endsOn, c.givenBy, c.givenAs, c.signedOn ?? null, c.witness ?? null, earlier?.id ?? null, c.key, now],
      )
    ).lastID;
    for (const info of new Set(c.information)) await tx.run('INSERT INTO consent_information (consent_id, info_type) VALUES (?, ?)', [id, info]);
    if (earlier) {
      await tx.run("INSERT INTO consent_endings (consent_id, reason, ended_by, ended_as, ended_at) VALUES (?, 'replaced', ?, ?, ?)", [
        earlier.id,
        c.givenBy,
        c.givenAs === 'paper' ? 'worker' : c.givenAs,
        now,
      ]);
    }
    // A consent given on paper is recorded by staff: a staff change, audited.
    if (c.givenAs === 'paper') {
      await auditClientChange(tx, { actorId: c.givenBy, clientId: c.clientId, action: 'record paper consent', old: earlier ? { replaced_consent_id: earlier.id } : null, new: { consent_id: id, recipient_type: c.recipientType, recipient_name: c.recipientName, information: [...new Set(c.information)].join(' '), starts_on: c.startsOn, ends_on: c.endsOn, signed_on: c.signedOn ?? null, witness: c.witness ?? null } }, now);
    }
    return id;
  });
}

/**
 * Withdraws a consent of this client. A consent already withdrawn counts as done (a double tap
 * of "Peru lupa" is one withdrawal); a consent of another client, or one no longer in force,
 * is 'not_found'.
 */
export async function withdrawConsent(
  db: Database,
  w: { clientId: number; consentId: number; by: number; as: EndedAs },
  now = Date.now(),
): Promise<'withdrawn' | 'not_found'> {
  return db.write(async (tx) => {
    const row = await tx.get<{ ends_on: string; reason: string | null }>(
      `SELECT c.ends_on, e.reason FROM consents c LEFT JOIN consent_endings e ON e.consent_id = c.id WHERE c.id = ? AND c.client_id = ?`,
      [w.consentId, w.clientId],
    );
    if (!row) return 'not_found';
    if (row.reason === 'withdrawn') return 'withdrawn';
    if (row.reason || row.ends_on < todayInHelsinki(now)) return 'not_found';
    await tx.run("INSERT INTO consent_endings (consent_id, reason, ended_by, ended_as, ended_at) VALUES (?, 'withdrawn', ?, ?, ?)", [w.consentId, w.by, w.as, now]);
    if (w.as === 'worker') await auditClientChange(tx, { actorId: w.by, clientId: w.clientId, action: 'record paper withdrawal', old: { consent_id: w.consentId, withdrawn: 0 }, new: { consent_id: w.consentId, withdrawn: 1 } }, now);
    return 'withdrawn';
  });
}

/** Consents of a worker's clients (named or standing in) that end within the reminder period. */
export async function endingSoonForWorker(db: Database, workerId: number, today = todayInHelsinki()): Promise<{ client_id: number; client_name: string; consent_id: number; recipient_type: RecipientType; recipient_name: string; ends_on: string }[]> {
  return db.all(
    `SELECT p.id AS client_id, p.full_name AS client_name, c.id AS consent_id, c.recipient_type, c.recipient_name, c.ends_on
       FROM client_workers cw JOIN people p ON p.id = cw.client_id
       JOIN consents c ON c.client_id = cw.client_id
      WHERE cw.worker_id = ? AND cw.starts_on <= ? AND (cw.ends_on IS NULL OR cw.ends_on >= ?)
        AND c.ends_on BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM consent_endings e WHERE e.consent_id = c.id)
      ORDER BY c.ends_on, p.full_name`,
    [workerId, today, today, today, addDays(today, REMINDER_DAYS)],
  );
}

// ── Family links ────────────────────────────────────────────────────────────────────────────

export type LinkLevel = 'full' | 'messages' | 'read_only';
export type LinkBasis = 'client_agreement' | 'guardian';
export const LINK_LEVELS: readonly LinkLevel[] = ['full', 'messages', 'read_only'];
export const LINK_BASES: readonly LinkBasis[] = ['client_agreement', 'guardian'];

export interface FamilyLinkView {
  id: number;
  family_id: number;
  family_name: string;
  family_email: string;
  basis: LinkBasis;
  level: LinkLevel;
  note: string;
  ends_on: string | null;
  created_at: number;
  ended_at: number | null;
  ended_by_name: string | null;
  /** In force today. */
  active: boolean;
}

/** The family links of a client, those in force first. */
export async function familyLinksOf(db: Database, clientId: number, today = todayInHelsinki()): Promise<FamilyLinkView[]> {
  const rows = await db.all<Omit<FamilyLinkView, 'active'>>(
    `SELECT l.id, l.family_id, f.full_name AS family_name, f.email AS family_email, l.basis, l.level, l.note, l.ends_on, l.created_at,
            l.ended_at, b.full_name AS ended_by_name
       FROM family_links l JOIN people f ON f.id = l.family_id LEFT JOIN people b ON b.id = l.ended_by
      WHERE l.client_id = ? ORDER BY l.created_at DESC, l.id DESC`,
    [clientId],
  );
  const active = (l: Omit<FamilyLinkView, 'active'>) => l.ended_at === null && (l.ends_on === null || l.ends_on >= today);
  return rows.map((l) => ({ ...l, active: active(l) })).sort((a, b) => Number(b.active) - Number(a.active));
}

export interface NewFamilyLink {
  clientId: number;
  familyId: number;
  basis: LinkBasis;
  level: LinkLevel;
  note: string;
  endsOn: string | null;
  /** The worker or admin making the link (always staff: the link goes to the staff audit log). */
  createdBy: number;
  /** The form's idempotency key: the same key again makes no second link. */
  key?: string;
}

export const LINK_ACTION = 'link family member';

/**
 * Links a family account to a client, with its audit row in the same transaction (the row holds
 * the form's key, as an import's does: a key already used returns that link and adds nothing, a
 * key used for another client returns null). The same link again (same level, basis, note and
 * end) is also one link; a new level for the same person ends the old link first.
 */
export async function createFamilyLink(db: Database, l: NewFamilyLink, now = Date.now()): Promise<number | null> {
  return db.write((tx) => linkInTx(tx, l, now));
}

async function linkInTx(tx: Tx, l: NewFamilyLink, now: number): Promise<number | null> {
  {
    if (l.key) {
      const done = await tx.get<{ link_id: number; client_id: number }>(
        `SELECT ${jsonInteger(tx, 'new_value', 'link_id')} AS link_id, target_id AS client_id FROM admin_audit
          WHERE unit_id = (SELECT unit_id FROM people WHERE id = ?) AND action = ? AND target_type = 'person' AND ${jsonText(tx, 'new_value', 'key')} = ?`,
        [l.clientId, LINK_ACTION, l.key],
      );
      if (done) return done.client_id === l.clientId ? done.link_id : null;
    }
    const same = await tx.get<{ id: number }>(
      `SELECT id FROM family_links WHERE family_id = ? AND client_id = ? AND ended_at IS NULL AND basis = ? AND level = ? AND note = ? AND ends_on IS ?`,
      [l.familyId, l.clientId, l.basis, l.level, l.note, l.endsOn],
    );
    if (same) return same.id;
    const ended = await tx.all<{ id: number; level: string }>('SELECT id, level FROM family_links WHERE family_id = ? AND client_id = ? AND ended_at IS NULL', [l.familyId, l.clientId]);
    await tx.run('UPDATE family_links SET ended_at = ?, ended_by = ? WHERE family_id = ? AND client_id = ? AND ended_at IS NULL', [now, l.createdBy, l.familyId, l.clientId]);
    const id = (
      await tx.run(
        'INSERT INTO family_links (family_id, client_id, basis, level, note, ends_on, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [l.familyId, l.clientId, l.basis, l.level, l.note, l.endsOn, now, l.createdBy],
      )
    ).lastID;
    await auditClientChange(tx, {
      actorId: l.createdBy,
      clientId: l.clientId,
      action: LINK_ACTION,
      old: ended.length > 0 ? { ended_link_ids: ended.map((e) => e.id).join(' '), level: ended.map((e) => e.level).join(' ') } : null,
      new: { link_id: id, family_id: l.familyId, basis: l.basis, level: l.level, ends_on: l.endsOn, key: l.key ?? null },
    }, now);
    return id;
  }
}

/**
 * The staff form "link a family account": finds the account by email and links it, in one
 * transaction. The answer does not tell whether the email has an account ('done' either way;
 * nothing is linked for an unknown email), so the form cannot be used to find out who has an
 * account. 'keyUsed': the form's key was already used on another client's page (a form copied
 * between pages), and nothing is linked.
 */
export async function linkFamilyByEmail(
  db: Database,
  l: Omit<NewFamilyLink, 'familyId' | 'key'> & { email: string; key: string },
  now = Date.now(),
): Promise<'done' | 'keyUsed'> {
  return db.write(async (tx) => {
    const used = await tx.get<{ client_id: number }>(
      // (Within the client's unit, where the index on unit_id finds the rows; keys are random.)
      `SELECT target_id AS client_id FROM admin_audit WHERE unit_id = (SELECT unit_id FROM people WHERE id = ?) AND action = ? AND target_type = 'person' AND ${jsonText(tx, 'new_value', 'key')} = ?`,
      [l.clientId, LINK_ACTION, l.key],
    );
    if (used) return used.client_id === l.clientId ? 'done' : 'keyUsed';
    const account = await tx.get<{ id: number }>("SELECT id FROM people WHERE role = 'family' AND active = 1 AND lower(email) = lower(?)", [l.email.trim()]);
    if (!account) return 'done';
    return (await linkInTx(tx, { ...l, familyId: account.id }, now)) === null ? 'keyUsed' : 'done';
  });
}

/**
 * Ends a link of this client at once; the family member's next request is refused. Ending twice
 * is one ending. `staff`: ended by a worker or admin, so the change is in the staff audit log (a
 * client ending their own link is not a staff change).
 */
export async function endFamilyLink(db: Database, e: { clientId: number; linkId: number; by: number; staff?: boolean }, now = Date.now()): Promise<boolean> {
  return db.write(async (tx) => {
    const link = await tx.get<{ ended_at: number | null; family_id: number }>('SELECT ended_at, family_id FROM family_links WHERE id = ? AND client_id = ?', [e.linkId, e.clientId]);
    if (!link) return false;
    if (link.ended_at === null) {
      await tx.run('UPDATE family_links SET ended_at = ?, ended_by = ? WHERE id = ?', [now, e.by, e.linkId]);
      if (e.staff) await auditClientChange(tx, { actorId: e.by, clientId: e.clientId, action: 'end family link', old: { link_id: e.linkId, family_id: link.family_id, ended_at: null }, new: { link_id: e.linkId, ended_at: now } }, now);
    }
    return true;
  });
}

