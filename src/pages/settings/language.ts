import type { APIRoute } from 'astro';
import { isLang } from '@server/i18n';
import { field, readForm, safeLocalPath } from '@server/forms';
import { saveLanguage } from '@server/preference-switch';

/** Saves the language on the account (it follows the person to any tablet) and on the device. */
export const POST: APIRoute = async ({ request, locals, cookies, redirect }) => {
  const form = await readForm(request);
  const lang = field(form, 'lang', 5);
  if (isLang(lang)) await saveLanguage(locals, cookies, lang);
  return redirect(safeLocalPath(field(form, 'back'), '/'), 303);
};
