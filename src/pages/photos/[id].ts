import type { APIRoute } from 'astro';
import { maySeePortrait, photoById } from '@server/photos';
import { todayInHelsinki } from '@domain/time/helsinki';
import { canReadClient } from '@server/access';

/**
 * A stored photo, served only to someone who may read the records of the client it belongs to
 * (checked on every request). Each fetch is logged as a view of the client's plan: the photo is
 * the client's data however it is asked for, not only through the page that shows it. A staff
 * or family member's portrait (no client) is served only to them and to people who share a unit
 * or a client with them.
 */
export const GET: APIRoute = async ({ params, locals, url }) => {
  const { actor, db } = locals;
  const id = Number(params.id);
  const photo = actor && Number.isSafeInteger(id) ? await photoById(db, id) : undefined;
  if (!actor) return new Response(null, { status: 401 });
  if (!photo) return new Response(null, { status: 404 });
  if (photo.client_id !== null && (await canReadClient(db, actor.person, photo.client_id, 'plan photo', url.pathname)) === null) return new Response(null, { status: 403 });
  if (photo.client_id === null && !(await maySeePortrait(db, actor.person, id, todayInHelsinki()))) return new Response(null, { status: 403 });
  return new Response(new Uint8Array(photo.bytes), {
    headers: {
      'content-type': photo.mime,
      // Private data on what may be a shared tablet: not kept in any cache after sign-out.
      'cache-control': 'private, no-store',
    },
  });
};
