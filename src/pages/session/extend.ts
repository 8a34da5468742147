import type { APIRoute } from 'astro';
import { extendSession } from '@server/auth/session';

/** The idle warning's "Jatka" button: moves the session's idle end forward. */
export const POST: APIRoute = async ({ locals }) => {
  const actor = locals.actor;
  if (!actor) return new Response(JSON.stringify({ remainingMs: 0 }), { status: 401, headers: { 'content-type': 'application/json' } });
  const now = Date.now();
  const expiresAt = await extendSession(locals.db, actor.sessionId, actor.kind, now);
  return new Response(JSON.stringify({ remainingMs: expiresAt - now }), { headers: { 'content-type': 'application/json' } });
};
