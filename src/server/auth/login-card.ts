import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Database, Tx } from '../db';

/**
 * A client's login card carries two forms of one credential:
 * - a long random secret inside the QR code's URL (/k/<secret>): the tablet's camera opens it,
 *   nothing to read or type (WCAG 3.3.8);
 * - a short code printed under it, for a helper to type when there is no camera.
 * Only SHA-256 hashes are stored; both are random, so a plain hash is enough to make a
 * leaked database useless for signing in, and lookups stay a single indexed query.
 */

// Crockford-style alphabet without look-alikes (0/O, 1/I/L, U) so a helper can copy it.
const SHORT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const SHORT_CODE_LENGTH = 10;

export function generateCardSecret(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function generateShortCode(): string {
  const out: string[] = [];
  const bytes = new Uint8Array(SHORT_CODE_LENGTH * 2);
  crypto.getRandomValues(bytes);
  for (let i = 0; out.length < SHORT_CODE_LENGTH; i++) {
    if (i >= bytes.length) {
      crypto.getRandomValues(bytes);
      i = 0;
    }
    // Rejection sampling keeps every letter equally likely.
    if (bytes[i] < 240) out.push(SHORT_CODE_ALPHABET[bytes[i] % 30]);
  }
  return `${out.slice(0, 5).join('')}-${out.slice(5).join('')}`;
}

/** What a helper types may have spaces, dashes or small letters. */
export function normalizeShortCode(input: string): string {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '');
  return cleaned.length === SHORT_CODE_LENGTH ? `${cleaned.slice(0, 5)}-${cleaned.slice(5)}` : cleaned;
}

export function hashCredential(value: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(value)));
}

export interface IssuedCard {
  cardId: number;
  secret: string;
  shortCode: string;
}

/**
 * Issues a new card inside the caller's transaction and revokes the client's earlier ones in it,
 * so an admin page can write its audit row in the same transaction as the card.
 */
export async function issueLoginCardInTx(tx: Tx, clientId: number, issuedBy: number | null, now = Date.now()): Promise<IssuedCard> {
  const secret = generateCardSecret();
  const shortCode = generateShortCode();
  await tx.run('UPDATE login_cards SET revoked_at = ? WHERE client_id = ? AND revoked_at IS NULL', [now, clientId]);
  const { lastID } = await tx.run(
    'INSERT INTO login_cards (client_id, secret_hash, short_code_hash, issued_at, issued_by) VALUES (?, ?, ?, ?, ?)',
    [clientId, hashCredential(secret), hashCredential(shortCode), now, issuedBy],
  );
  return { cardId: lastID, secret, shortCode };
}

/** Issues a new card and revokes the client's earlier ones in the same transaction. */
export async function issueLoginCard(db: Database, clientId: number, issuedBy: number | null, now = Date.now()): Promise<IssuedCard> {
  return db.write((tx) => issueLoginCardInTx(tx, clientId, issuedBy, now));
}

export interface CardOwner {
  card_id: number;
  client_id: number;
  preferred_name: string;
  avatar: string;
  pin_hash: string | null;
  failed_sign_ins: number;
  locked_until: number | null;
}

/** The active client behind a valid, unrevoked card, found by its QR secret or its short code. */
export async function findCardOwner(db: Database, by: 'secret' | 'short_code', value: string): Promise<CardOwner | undefined> {
  const column = by === 'secret' ? 'secret_hash' : 'short_code_hash';
  const key = by === 'secret' ? value.trim().toLowerCase() : normalizeShortCode(value);
  return db.get<CardOwner>(
    `SELECT c.id AS card_id, p.id AS client_id, p.preferred_name, p.avatar, p.pin_hash, p.failed_sign_ins, p.locked_until
       FROM login_cards c JOIN people p ON p.id = c.client_id
      WHERE c.${column} = ? AND c.revoked_at IS NULL AND p.active = 1 AND p.role = 'client'`,
    [hashCredential(key)],
  );
}
