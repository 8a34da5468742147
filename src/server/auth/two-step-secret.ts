import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db';
import { config } from '../config';

/**
 * The staff's TOTP keys are stored encrypted (AES-256-GCM), so that the database alone (a copied
 * file, a backup, a leaked dump) gives nobody a second step. The encryption key is
 * OMAPOLKU_TWO_STEP_KEY (64 hex digits) or, without it, the file `two-step.key` beside the
 * database, made (mode 600) the first time it is needed; on PostgreSQL the variable is required. Back it up apart from the database:
 * without it, every enrolled worker needs their second step reset by an admin.
 *
 * Each sealed key is bound to its person (the person's id is the cipher's associated data): a
 * row copied onto another person does not open.
 */
const KEY_BYTES = 32;
const IV_BYTES = 12;
const VERSION = 'v1';

const keys = new Map<string, Buffer>();

function parseKey(text: string, from: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`${from}: the two-step key must be 64 hexadecimal digits (32 bytes)`);
  return Buffer.from(hex, 'hex');
}

/** The key file of a database: beside it. */
export function keyFileOf(databaseFile: string): string {
  return path.join(path.dirname(path.resolve(databaseFile)), 'two-step.key');
}

function loadKey(databaseFile: string): Buffer {
  if (config.twoStepKey) return parseKey(config.twoStepKey, 'OMAPOLKU_TWO_STEP_KEY');
  // An in-memory database lives as long as the process: so may its key.
  if (databaseFile === ':memory:') return randomBytes(KEY_BYTES);
  const file = keyFileOf(databaseFile);
  try {
    return parseKey(fs.readFileSync(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    // 'wx': never over a key another process wrote a moment ago (it would orphan its sealed keys).
    fs.writeFileSync(file, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return parseKey(fs.readFileSync(file, 'utf8'), file);
}

/** The encryption key for the two-step keys of this database (read once, then kept). */
export function twoStepKeyOf(db: Pick<Database, 'file'>): Buffer {
  // PostgreSQL has no file to keep a key beside, and its app servers must share one key: it comes
  // from OMAPOLKU_TWO_STEP_KEY, which the configuration requires with OMAPOLKU_DATABASE_URL.
  if (db.file === null) return parseKey(config.twoStepKey ?? '', 'OMAPOLKU_TWO_STEP_KEY');
  let key = keys.get(db.file);
  if (!key) {
    key = loadKey(db.file);
    keys.set(db.file, key);
  }
  return key;
}

const boundTo = (personId: number) => Buffer.from(`omapolku two-step ${personId}`);

/** A person's TOTP key as stored: "v1.<iv>.<ciphertext and tag>", base64url. */
export function sealSecret(key: Buffer, personId: number, secret: Uint8Array): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(boundTo(personId));
  const sealed = Buffer.concat([cipher.update(secret), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${iv.toString('base64url')}.${sealed.toString('base64url')}`;
}

/** The TOTP key back, or null when it does not open (another key, another person, altered). */
export function openSecret(key: Buffer, personId: number, stored: string): Uint8Array | null {
  const [version, ivText, sealedText] = stored.split('.');
  if (version !== VERSION || !ivText || !sealedText) return null;
  try {
    const sealed = Buffer.from(sealedText, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
    decipher.setAAD(boundTo(personId));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return new Uint8Array(Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]));
  } catch {
    return null;
  }
}
