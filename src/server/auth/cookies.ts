import { config } from '../config';
import { PENDING_SECOND_STEP_MINUTES } from '@domain/sign-in/two-step';

/** The cookie that carries a client's half-done sign-in (card accepted, pictures not yet). */
export const PENDING_COOKIE = 'omapolku_pending';

export function pendingCookieOptions() {
  return { httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies, path: '/card', maxAge: 10 * 60 };
}

/**
 * The cookie that carries a staff member's half-done sign-in: the password was right, the
 * second step (the code, or enrolling when the unit requires it) is still to do.
 */
export const SECOND_STEP_COOKIE = 'omapolku_second_step';

export function secondStepCookieOptions() {
  return { httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies, path: '/login', maxAge: PENDING_SECOND_STEP_MINUTES * 60 };
}
