import type { AstroCookies } from 'astro';
import type { SessionActor } from './auth/session';

/** Language and text size live on the account when signed in, and on the device before that. */
export const LANG_COOKIE = 'omapolku_lang';
export const TEXT_SIZE_COOKIE = 'omapolku_text_size';
export const TEXT_SIZES = [100, 125, 150] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

export function isTextSize(value: number): value is TextSize {
  return (TEXT_SIZES as readonly number[]).includes(value);
}

export function textSizeOf(actor: SessionActor | null, cookies: AstroCookies): TextSize {
  if (actor) return actor.person.text_size;
  const fromCookie = Number(cookies.get(TEXT_SIZE_COOKIE)?.value ?? 100);
  return isTextSize(fromCookie) ? fromCookie : 100;
}

export const PREFERENCE_COOKIE_OPTIONS = { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true } as const;
