import i18next, { type TFunction } from 'i18next';
import { LANGUAGES, isLang, type Lang } from '@domain/language';
import { INTL_LOCALE } from '@domain/time/format';

export { LANGUAGES, isLang, INTL_LOCALE, type Lang };

/**
 * One i18next instance with every resource loaded at start. A request gets `getFixedT(lang)`,
 * never a global changeLanguage(), so two requests in different languages cannot mix.
 * Vite bundles the JSON files into the server build.
 */
export const DEFAULT_LANG: Lang = 'fi';

const files = import.meta.glob('../../locales/*/*.json', { eager: true, import: 'default' }) as Record<string, Record<string, unknown>>;

const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [file, data] of Object.entries(files)) {
  const match = /locales\/(\w+)\/([\w-]+)\.json$/.exec(file);
  if (!match) continue;
  (resources[match[1]] ??= {})[match[2]] = data;
}

export const NAMESPACES = Object.keys(resources[DEFAULT_LANG] ?? {});

const instance = i18next.createInstance();
void instance.init({
  resources,
  lng: DEFAULT_LANG,
  fallbackLng: false, // a missing key must show up in tests, not hide behind Finnish
  supportedLngs: [...LANGUAGES],
  ns: NAMESPACES,
  defaultNS: 'common',
  initImmediate: false,
  interpolation: { escapeValue: false }, // Astro escapes on output
  returnNull: false,
  showSupportNotice: false,
});

/**
 * `t` with typed keys: every literal key is checked against the Finnish resources
 * (src/i18next.d.ts), so a missing or mistyped key fails `astro check`.
 */
export type T = TFunction<['common', 'auth', 'client', 'errors', 'family', 'help', 'mail', 'staff']>;

/** A translator for keys made at run time (see `byKey`). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * `t` for a key made from data at run time: an error code a handler returned, a role or basis
 * read from the database. The type checker cannot see those keys; tests/unit/locales.test.ts
 * checks that every language has the same keys, and a missing one shows as the key itself.
 * Literal keys go through the typed `t`.
 */
export function byKey(t: T): Translate {
  return t as unknown as Translate;
}

/**
 * Page views call `t` dozens of times, and i18next's full key resolution was a visible share of
 * each one. So each language keeps its strings: a plain string is resolved once, and a string
 * with simple {{name}} values is resolved once as a template and filled in here. A plural
 * (`count`) is resolved by i18next once per key and count (the form for 1, 2, 5… is then
 * known) and filled in the same way. Anything else unusual still goes through i18next itself.
 */
type Options = Record<string, unknown>;

/** 'plain': only simple values; 'count': also a numeric count; null: something for i18next. */
function simpleKind(options: Options): 'plain' | 'count' | null {
  let kind: 'plain' | 'count' = 'plain';
  for (const name in options) {
    const value = options[name];
    if (name === 'count') {
      if (typeof value !== 'number' || !Number.isFinite(value)) return null;
      kind = 'count';
      continue;
    }
    if (name === 'context' || name === 'lng' || name === 'ns' || name === 'defaultValue') return null;
    if (typeof value !== 'string' && typeof value !== 'number') return null;
  }
  return kind;
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;
/** The same, for split(): its name is kept between the pieces of text. */
const PLACEHOLDER_SPLIT = /\{\{\s*(\w+)\s*\}\}/;

/**
 * Each template with values, split once at its placeholders: text, name, text, name, …, text.
 * Filling it is then a few joins, not a search with a callback (issue 19: a list of 20 messages
 * fills "tänään kello {{time}}" 20 times, and the search was 2 % of the messages page).
 */
const templateParts = new Map<string, string[]>();

function fill(template: string, options: Options): string {
  if (!template.includes('{{')) return template;
  let parts = templateParts.get(template);
  if (parts === undefined) {
    parts = template.split(PLACEHOLDER_SPLIT);
    templateParts.set(template, parts);
  }
  let filled = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i];
    // A value the caller did not give: the placeholder stays as it was written, as i18next does.
    if (!(name in options)) return template.replace(PLACEHOLDER, (match, key: string) => (key in options ? String(options[key]) : match));
    filled += String(options[name]) + parts[i + 1];
  }
  return filled;
}

function memoized(t: T): T {
  const templates = new Map<string, string>();
  const template = (key: string): string => {
    let value = templates.get(key);
    if (value === undefined) {
      value = byKey(t)(key, { skipInterpolation: true });
      templates.set(key, value);
    }
    return value;
  };
  const plurals = new Map<string, string>();
  const pluralTemplate = (key: string, count: number): string => {
    const cacheKey = `${key}\u0000${count}`;
    let value = plurals.get(cacheKey);
    if (value === undefined) {
      value = byKey(t)(key, { count, skipInterpolation: true });
      // Counts are small numbers (days, messages, consents); a bound all the same.
      if (plurals.size > 10_000) plurals.clear();
      plurals.set(cacheKey, value);
    }
    return value;
  };
  return ((key: string | string[], options?: Options) => {
    if (typeof key !== 'string') return t(key as unknown as string, options as never);
    if (options === undefined) return template(key);
    const kind = simpleKind(options);
    if (kind === 'plain') return fill(template(key), options);
    if (kind === 'count') return fill(pluralTemplate(key, options.count as number), options);
    return t(key, options as never);
  }) as T;
}

const fixed = new Map<Lang, T>(LANGUAGES.map((lang) => [lang, memoized(instance.getFixedT(lang) as T)]));

export function tFor(lang: Lang): T {
  return fixed.get(lang)!;
}


/** Picks the best of our languages from an Accept-Language header; Finnish when in doubt. */
export function langFromAcceptLanguage(header: string | null): Lang {
  if (!header) return DEFAULT_LANG;
  const wanted = header
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { lang: tag.slice(0, 2).toLowerCase(), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return wanted.find((w) => isLang(w.lang))?.lang as Lang | undefined ?? DEFAULT_LANG;
}

