import type { AstroCookies } from 'astro';
import { isLang, tFor, type Lang } from './i18n';
import { setLanguage, setTextSize } from './people/store';
import { field } from './forms';
import { isTextSize, LANG_COOKIE, PREFERENCE_COOKIE_OPTIONS, TEXT_SIZE_COOKIE, type TextSize } from './preferences';

/**
 * Language and text size: saved on the account (they follow the person to any tablet) and on the
 * device. Used by /settings/language and /settings/text-size, and by a step of a multi-step form
 * (Anna lupa, Ilmoita poissaolo), whose page tools post the step itself with the chosen language
 * or size (see PageTools.astro `carry`): the page saves the choice and draws the same step again,
 * in the new language, with every answer so far.
 */
export async function saveLanguage(locals: App.Locals, cookies: AstroCookies, lang: Lang): Promise<void> {
  if (locals.actor) {
    await setLanguage(locals.db, locals.actor.person.id, lang);
    locals.actor.person.language = lang;
  }
  cookies.set(LANG_COOKIE, lang, PREFERENCE_COOKIE_OPTIONS);
  // This request's page is drawn in the new language already.
  locals.lang = lang;
  locals.t = tFor(lang);
}

export async function saveTextSize(locals: App.Locals, cookies: AstroCookies, size: TextSize): Promise<void> {
  if (locals.actor) {
    await setTextSize(locals.db, locals.actor.person.id, size);
    locals.actor.person.text_size = size;
  }
  cookies.set(TEXT_SIZE_COOKIE, String(size), PREFERENCE_COOKIE_OPTIONS);
}

/**
 * A step posted by a language or text-size button of the page tools (it carries the step's
 * fields, answers not sent yet included). Saves the choice and says so: the page then shows the
 * same step again, nothing checked, nothing recorded. False for an ordinary post of the step.
 */
export async function switchedPreference(locals: App.Locals, cookies: AstroCookies, form: FormData): Promise<boolean> {
  const lang = field(form, 'lang', 5);
  const size = Number(field(form, 'size', 4));
  if (isLang(lang)) await saveLanguage(locals, cookies, lang);
  else if (form.has('size') && isTextSize(size)) await saveTextSize(locals, cookies, size);
  else return form.has('lang') || form.has('size');
  return true;
}
