import type { APIRoute } from 'astro';
import { voiceClip } from '@server/messages/store';
import { logViews, relationTo } from '@server/access';

/**
 * A voice message, served only to those who may read its conversation: the client, linked
 * family, the named worker, a substitute today and the unit's admins. Checked on every request,
 * and each listening by someone other than the client is logged as reading the messages.
 */
export const GET: APIRoute = async ({ params, locals, url }) => {
  const { actor, db } = locals;
  if (!actor) return new Response(null, { status: 401 });
  const id = Number(params.id);
  const clip = Number.isInteger(id) ? await voiceClip(db, id) : undefined;
  if (!clip) return new Response(null, { status: 404 });
  const owner = await db.get<{ client_id: number }>('SELECT client_id FROM conversations WHERE id = ?', [clip.conversation_id]);
  const basis = owner ? await relationTo(db, actor.person, owner.client_id) : null;
  if (!owner || !basis) return new Response(null, { status: 403 });
  await logViews(db, actor.person, [{ clientId: owner.client_id, basis }], 'voice message', url.pathname);
  return new Response(new Uint8Array(clip.bytes), { headers: { 'content-type': clip.mime, 'cache-control': 'private, no-store' } });
};
