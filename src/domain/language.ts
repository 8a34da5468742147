/**
 * The portal's languages, in the order the language switch shows them: Finnish first (the source
 * language of every text), then Swedish (Finland's second national language), then English.
 * The one list; i18next, the person form, the picture catalogue and the tests read it here.
 */
export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Each language named in itself, for the language switches (easy-read page tools, staff header):
 * a reader finds their own language without reading the page's.
 */
export const LANGUAGE_NAMES: Record<Lang, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };
