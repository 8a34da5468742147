import type { Lang } from '@domain/language';

/**
 * Texts a worker writes for a client (plan summary, goal and step titles, comments) are written
 * in Finnish first; for a client who reads Swedish or English the worker may write them in that
 * language too. Pure: which text a reader sees, and in which language it is.
 */
export type TranslatedLang = Exclude<Lang, 'fi'>;
export const TRANSLATED_LANGS = ['sv', 'en'] as const satisfies readonly TranslatedLang[];

/** A text's versions besides the Finnish one, by language (missing: none written). */
export type Translations = Partial<Record<TranslatedLang, string>>;

/** A text in the client's language, written beside the Finnish one ('' removes it). */
export interface TextIn {
  lang: TranslatedLang;
  text: string;
}

export function isTranslatedLang(value: unknown): value is TranslatedLang {
  return typeof value === 'string' && (TRANSLATED_LANGS as readonly string[]).includes(value);
}

export interface ReaderText {
  text: string;
  /** The language the text is in: the reader's own, or Finnish (mark it with lang="fi"). */
  lang: Lang;
  /** The reader reads another language, and this text exists only in Finnish: say so. */
  onlyFinnish: boolean;
}

/** The text in the reader's language when a worker wrote one, else the Finnish text. */
export function readerText(finnish: string, translations: Translations | undefined, reader: Lang): ReaderText {
  if (reader === 'fi') return { text: finnish, lang: 'fi', onlyFinnish: false };
  const own = translations?.[reader]?.trim();
  if (own) return { text: own, lang: reader, onlyFinnish: false };
  return { text: finnish, lang: 'fi', onlyFinnish: finnish.trim() !== '' };
}
