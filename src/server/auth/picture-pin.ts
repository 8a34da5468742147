import { hashPassword, verifyPassword, type HashCost } from './password';

/**
 * The picture PIN: four pictures in order, chosen from nine familiar ones. Nothing to read,
 * spell or copy (WCAG 3.3.8). The grid is always in the same order so that the client can
 * remember places as well as pictures.
 */
export const PIN_PICTURES = ['cat', 'dog', 'sun', 'car', 'apple', 'tree', 'flower', 'ball', 'fish'] as const;
export type PinPicture = (typeof PIN_PICTURES)[number];
export const PIN_LENGTH = 4;

export function isPinPicture(value: unknown): value is PinPicture {
  return typeof value === 'string' && (PIN_PICTURES as readonly string[]).includes(value);
}

/** A PIN is exactly four known pictures; repeats are allowed (a client may like cats). */
export function isValidPin(picks: readonly string[]): picks is PinPicture[] {
  return picks.length === PIN_LENGTH && picks.every(isPinPicture);
}

/** Picks travel and rest as one comma-separated string of picture names. */
export function parsePicks(stored: string): PinPicture[] {
  return stored ? stored.split(',').filter(isPinPicture) : [];
}

export function hashPin(picks: readonly PinPicture[], cost?: Readonly<HashCost>): Promise<string> {
  if (!isValidPin(picks)) throw new Error('A picture PIN is four known pictures');
  return hashPassword(`pin:${picks.join(',')}`, cost);
}

export function verifyPin(hash: string, picks: readonly string[]): Promise<boolean> {
  if (!isValidPin(picks)) return Promise.resolve(false);
  return verifyPassword(hash, `pin:${picks.join(',')}`);
}
