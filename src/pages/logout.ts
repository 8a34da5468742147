import type { APIRoute } from 'astro';
import { invalidateSession, SESSION_COOKIE } from '../server/auth/session';

/** Sign-out deletes the session row itself, so an old cookie (or the back button) opens nothing. */
export const POST: APIRoute = async ({ locals, cookies, redirect }) => {
  if (locals.actor) await invalidateSession(locals.db, locals.actor.sessionId);
  cookies.delete(SESSION_COOKIE, { path: '/' });
  return redirect('/?signed-out=1', 303);
};
