import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database, Tx } from '../db';
import type { Params } from '../db/database';
import { audit } from './audit';
import { insertClient } from './people';
import { previewClientCsvText, type ImportContext, type ImportPreview } from '@domain/import/client-import';
import { integersOfJsonArray, jsonText } from '@server/db/dialect';

/**
 * Importing clients from a CSV file (the rules are in domain/import/client-import.ts).
 *
 * Between the preview and "Tuo", the file travels as a signed ticket in a hidden field: the
 * decoded text with the admin, their unit, a random import key and the time, signed with an
 * HMAC. So the server keeps nothing between the two steps (no table, nothing to clean up) and
 * what is saved is the very text that was previewed, by the admin who previewed it. The
 * signature is not what makes saving safe, though: the commit checks every row again inside
 * its own transaction, against the units and workers as they are at that moment.
 *
 * The key is made when the preview is and travels in the ticket; the import's audit row keeps
 * it, and a commit whose key is already there creates nothing (a double tap, a resent form, the
 * back button and "Tuo" again).
 */

/** Readable by both a Database and a Tx, so the commit can read its context inside its transaction. */
interface Reader {
  all<T>(sql: string, params?: Params): Promise<T[]>;
}

export async function importContext(db: Reader, unitId: number): Promise<ImportContext | null> {
  const units = await db.all<{ id: number; name: string }>('SELECT id, name FROM units');
  const unit = units.find((u) => u.id === unitId);
  if (!unit) return null;
  const workers = await db.all<{ id: number; email: string; full_name: string }>("SELECT id, email, full_name FROM people WHERE unit_id = ? AND role = 'worker' AND active = 1", [unitId]);
  const clients = await db.all<{ full_name: string }>("SELECT full_name FROM people WHERE unit_id = ? AND role = 'client' AND active = 1", [unitId]);
  // Every number in the unit, of active and inactive people alike: the database's unique index does not ask.
  const numbers = await db.all<{ asiakasnumero: string }>('SELECT asiakasnumero FROM people WHERE unit_id = ? AND asiakasnumero IS NOT NULL', [unitId]);
  return {
    unit,
    otherUnitNames: units.filter((u) => u.id !== unitId).map((u) => u.name),
    workers: workers.map((w) => ({ id: w.id, email: w.email, fullName: w.full_name })),
    clientNames: clients.map((c) => c.full_name),
    asiakasnumerot: numbers.map((n) => n.asiakasnumero),
  };
}

// ---------------------------------------------------------------------------------------------
// The ticket
// ---------------------------------------------------------------------------------------------

/** A preview is good for this long; then the admin uploads the file again. */
export const TICKET_VALID_MS = 2 * 60 * 60 * 1000;

/**
 * The key the tickets are signed with: made by the first app server that needs it and kept in
 * the database (server_keys), so that a preview made on one app server is saved on another
 * behind the same load balancer. No secret to configure; losing it only means uploading again.
 */
export async function importTicketKey(db: Database): Promise<Buffer> {
  const read = () => db.get<{ secret: string }>("SELECT secret FROM server_keys WHERE name = 'import-ticket'");
  let row = await read();
  if (!row) {
    // Two servers may both make one: the first written wins, and both read that one.
    await db.write((tx) => tx.run("INSERT OR IGNORE INTO server_keys (name, secret, created_at) VALUES ('import-ticket', ?, ?)", [randomBytes(32).toString('hex'), Date.now()]));
    row = await read();
  }
  return Buffer.from(row!.secret, 'hex');
}

export interface ImportTicket {
  adminId: number;
  unitId: number;
  key: string;
  issuedAt: number;
  fileName: string;
  text: string;
}

function signature(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

export function newImportKey(): string {
  return randomBytes(16).toString('base64url');
}

export function signTicket(key: Buffer, ticket: ImportTicket): string {
  const payload = Buffer.from(JSON.stringify(ticket), 'utf8').toString('base64url');
  return `${payload}.${signature(key, payload).toString('base64url')}`;
}

export type TicketCheck = { ok: true; ticket: ImportTicket } | { ok: false; problem: 'badTicket' | 'expired' };

/** The ticket, if this server signed it for this admin and unit and it is still fresh. */
export function openTicket(key: Buffer, token: string, adminId: number, unitId: number, now = Date.now()): TicketCheck {
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined) return { ok: false, problem: 'badTicket' };
  const expected = signature(key, payload);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, problem: 'badTicket' };
  let ticket: ImportTicket;
  try {
    ticket = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ImportTicket;
  } catch {
    return { ok: false, problem: 'badTicket' };
  }
  if (ticket.adminId !== adminId || ticket.unitId !== unitId || typeof ticket.text !== 'string' || typeof ticket.key !== 'string') return { ok: false, problem: 'badTicket' };
  if (!(now - ticket.issuedAt < TICKET_VALID_MS && ticket.issuedAt <= now + 60_000)) return { ok: false, problem: 'expired' };
  return { ok: true, ticket };
}

// ---------------------------------------------------------------------------------------------
// Saving and the result
// ---------------------------------------------------------------------------------------------

export const IMPORT_ACTION = 'import clients';

async function importWithKey(tx: Tx, unitId: number, key: string): Promise<number | undefined> {
  const row = await tx.get<{ id: number }>(
    `SELECT id FROM admin_audit WHERE unit_id = ? AND action = ? AND target_type = 'import' AND ${jsonText(tx, 'new_value', 'key')} = ?`,
    [unitId, IMPORT_ACTION, key],
  );
  return row?.id;
}

export type CommitOutcome =
  | { status: 'created' | 'alreadyDone'; importId: number }
  | { status: 'invalid'; preview: ImportPreview }
  | { status: 'noUnit' };

/**
 * Creates every client of the ticket, or none: one transaction with each client's own audit row
 * (insertClient) and one for the import (its key, count and the new ids). Returns the import's
 * audit row id, which names the import on the result page.
 */
export async function commitClientImport(db: Database, ticket: ImportTicket, now = Date.now()): Promise<CommitOutcome> {
  return db.write(async (tx): Promise<CommitOutcome> => {
    const done = await importWithKey(tx, ticket.unitId, ticket.key);
    if (done !== undefined) return { status: 'alreadyDone', importId: done };
    const ctx = await importContext(tx, ticket.unitId);
    if (!ctx) return { status: 'noUnit' };
    const preview = previewClientCsvText(ticket.text, ctx);
    if (!preview.ok) return { status: 'invalid', preview };
    const ids: number[] = [];
    for (const row of preview.rows) ids.push(await insertClient(tx, row.client!, ticket.adminId, now));
    await audit(tx, {
      actorId: ticket.adminId,
      unitId: ticket.unitId,
      action: IMPORT_ACTION,
      targetType: 'import',
      targetId: null,
      new: { count: ids.length, key: ticket.key, file_name: ticket.fileName, client_ids: ids },
    }, now);
    return { status: 'created', importId: (await importWithKey(tx, ticket.unitId, ticket.key))! };
  });
}

export interface ImportResult {
  at: number;
  count: number;
  clients: { id: number; full_name: string; preferred_name: string; named_worker: string | null }[];
}

/** One import of the unit and the clients it created, for the result page; null for another unit's. */
export async function importResult(db: Database, unitId: number, importId: number): Promise<ImportResult | null> {
  const row = await db.get<{ at: number; new_value: string }>(
    "SELECT at, new_value FROM admin_audit WHERE id = ? AND unit_id = ? AND action = ? AND target_type = 'import'",
    [importId, unitId, IMPORT_ACTION],
  );
  if (!row) return null;
  const value = JSON.parse(row.new_value) as { count: number; client_ids: number[] };
  const clients = await db.all<ImportResult['clients'][number]>(
    `SELECT p.id, p.full_name, p.preferred_name,
            (SELECT w.full_name FROM client_workers cw JOIN people w ON w.id = cw.worker_id
              WHERE cw.client_id = p.id AND cw.kind = 'named' AND cw.ends_on IS NULL ORDER BY cw.starts_on DESC LIMIT 1) AS named_worker
       FROM people p
      WHERE p.id IN (${integersOfJsonArray(db)}) AND p.unit_id = ? AND p.role = 'client'
      ORDER BY p.id`,
    [JSON.stringify(value.client_ids), unitId],
  );
  return { at: row.at, count: value.count, clients };
}
