import { config } from '../config';

/** The cookie that carries a client's half-done sign-in (card accepted, pictures not yet). */
export const PENDING_COOKIE = 'omapolku_pending';

export function pendingCookieOptions() {
  return { httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies, path: '/card', maxAge: 10 * 60 };
}
