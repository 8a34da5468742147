import type { APIRoute } from 'astro';
import { voiceClipForListener } from '@server/messages/voice';

/**
 * A voice message, served only to those who may read its conversation (checked on every request
 * and logged: src/server/messages/voice.ts).
 */
export const GET: APIRoute = async ({ params, locals, url }) => {
  const { actor, db } = locals;
  if (!actor) return new Response(null, { status: 401 });
  const clip = await voiceClipForListener(db, actor.person, Number(params.id), url.pathname);
  if (typeof clip === 'number') return new Response(null, { status: clip });
  return new Response(new Uint8Array(clip.bytes), { headers: { 'content-type': clip.mime, 'cache-control': 'private, no-store' } });
};
