import type { APIRoute } from 'astro';
import { isLang } from '@server/i18n';
import { setLanguage } from '@server/people/store';
import { field, readForm, safeLocalPath } from '@server/forms';
import { LANG_COOKIE, PREFERENCE_COOKIE_OPTIONS } from '@server/preferences';

/** Saves the language on the account (it follows the person to any tablet) and on the device. */
export const POST: APIRoute = async ({ request, locals, cookies, redirect }) => {
  const form = await readForm(request);
  const lang = field(form, 'lang', 5);
  if (isLang(lang)) {
    if (locals.actor) await setLanguage(locals.db, locals.actor.person.id, lang);
    cookies.set(LANG_COOKIE, lang, PREFERENCE_COOKIE_OPTIONS);
  }
  return redirect(safeLocalPath(field(form, 'back'), '/'), 303);
};
