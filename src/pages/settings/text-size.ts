import type { APIRoute } from 'astro';
import { setTextSize } from '@server/people/store';
import { field, readForm, safeLocalPath } from '@server/forms';
import { isTextSize, PREFERENCE_COOKIE_OPTIONS, TEXT_SIZE_COOKIE } from '@server/preferences';

export const POST: APIRoute = async ({ request, locals, cookies, redirect }) => {
  const form = await readForm(request);
  const size = Number(field(form, 'size', 4));
  if (isTextSize(size)) {
    if (locals.actor) await setTextSize(locals.db, locals.actor.person.id, size);
    cookies.set(TEXT_SIZE_COOKIE, String(size), PREFERENCE_COOKIE_OPTIONS);
  }
  return redirect(safeLocalPath(field(form, 'back'), '/'), 303);
};
