import type { APIRoute } from 'astro';
import { field, readForm, safeLocalPath } from '@server/forms';
import { isTextSize } from '@server/preferences';
import { saveTextSize } from '@server/preference-switch';

export const POST: APIRoute = async ({ request, locals, cookies, redirect }) => {
  const form = await readForm(request);
  const size = Number(field(form, 'size', 4));
  if (isTextSize(size)) await saveTextSize(locals, cookies, size);
  return redirect(safeLocalPath(field(form, 'back'), '/'), 303);
};
