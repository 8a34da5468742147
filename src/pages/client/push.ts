import type { APIRoute } from 'astro';
import { readForm } from '@server/forms';
import { pushPost } from '@server/push/page';

/** The "Minä" page's notification question: keeps or ends this tablet's push subscription. */
export const POST: APIRoute = async ({ request, locals, redirect }) => {
  const answer = await pushPost(locals.db, locals.actor!, await readForm(request));
  return answer.status === 303 ? redirect(answer.to, 303) : new Response(null, { status: answer.status });
};
