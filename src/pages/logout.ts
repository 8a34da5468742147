import type { APIRoute } from 'astro';
import { invalidateSession, SESSION_COOKIE } from '@server/auth/session';
import { logSecurityEvent, requestInfo } from '@server/security/events';

/** Sign-out deletes the session row itself, so an old cookie (or the back button) opens nothing. */
export const POST: APIRoute = async (context) => {
  const { locals, cookies, redirect } = context;
  if (locals.actor) {
    await invalidateSession(locals.db, locals.actor.sessionId);
    const { id, role, unit_id } = locals.actor.person;
    await logSecurityEvent(locals.db, { kind: 'signed_out', reason: 'by_person', person: { id, role, unit_id }, request: requestInfo(context) });
  }
  cookies.delete(SESSION_COOKIE, { path: '/' });
  return redirect('/?signed-out=1', 303);
};
