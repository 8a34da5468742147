import { createRequire } from 'node:module';
import fs from 'node:fs';
import { foldForSearch, searchPictures, type SearchablePicture } from '@domain/pictures/search';
import { LANGUAGES } from '@domain/language';

/**
 * The pictures a worker may choose for a goal or a place: every OpenMoji emoji picture, with its
 * name and keywords in Finnish, Swedish and English from Unicode CLDR (via emojibase-data).
 * OpenMoji's own metadata is English only; CLDR gives the Finnish words a worker will type.
 * Skin-tone parts and flags are left out: they make poor goal pictures and crowd the results.
 *
 * Read from the packages at start, like the icon set, and kept out of the server bundle.
 */
const require = createRequire(import.meta.url);
const readJson = <T>(id: string): T => JSON.parse(fs.readFileSync(require.resolve(id), 'utf8')) as T;

interface EmojibaseEntry {
  hexcode: string;
  label: string;
  tags?: string[];
  group?: number;
  order?: number;
}
const COMPONENT_GROUP = 2;
const FLAG_GROUP = 9;

/** "2615-FE0F" and "2615" are the same picture: compare code points without variation selectors. */
const codeKey = (hexcode: string) =>
  hexcode
    .toLowerCase()
    .split('-')
    .filter((part) => part !== 'fe0f')
    .join('-');

function buildCatalogue(): SearchablePicture[] {
  const iconByCode = new Map<string, string>();
  for (const [code, name] of Object.entries(readJson<Record<string, string>>('@iconify-json/openmoji/chars.json'))) {
    iconByCode.set(codeKey(code), name);
  }
  const byLanguage = Object.fromEntries(
    LANGUAGES.map((lang) => [lang, new Map(readJson<EmojibaseEntry[]>(`emojibase-data/${lang}/data.json`).map((e) => [e.hexcode, e]))]),
  ) as Record<(typeof LANGUAGES)[number], Map<string, EmojibaseEntry>>;

  const catalogue: SearchablePicture[] = [];
  for (const [hexcode, english] of byLanguage.en) {
    if (english.group === COMPONENT_GROUP || english.group === FLAG_GROUP) continue;
    const name = iconByCode.get(codeKey(hexcode));
    if (!name) continue;
    const entries = LANGUAGES.map((lang) => byLanguage[lang].get(hexcode)).filter((e): e is EmojibaseEntry => !!e);
    catalogue.push({
      name,
      labels: Object.fromEntries(LANGUAGES.map((lang) => [lang, byLanguage[lang].get(hexcode)?.label ?? english.label])),
      labelWords: entries.map((e) => foldForSearch(e.label)),
      tagWords: entries.flatMap((e) => (e.tags ?? []).map(foldForSearch)),
      order: english.order ?? Number.MAX_SAFE_INTEGER,
    });
  }
  return catalogue;
}

export const PICTURE_CATALOGUE: readonly SearchablePicture[] = buildCatalogue();
const byName = new Map(PICTURE_CATALOGUE.map((p) => [p.name, p]));

/** Offered before any search: pictures often used for goals and work places. */
export const SUGGESTED_PICTURES: readonly string[] = [
  'hammer-and-wrench',
  'cooking',
  'hot-beverage',
  'broom',
  'shopping-cart',
  'potted-plant',
  'bus',
  'bicycle',
  'alarm-clock',
  'bullseye',
];

/** Is this a picture a goal or a place may have? (Checked on every save: the form is not trusted.) */
export function isCataloguePicture(name: unknown): name is string {
  return typeof name === 'string' && byName.has(name);
}

/** The picture's name in the reader's language, for alt text and the picker's captions. */
export function pictureLabel(name: string, lang: string): string {
  const entry = byName.get(name);
  return entry ? (entry.labels[lang] ?? entry.labels.en ?? name) : name;
}

export function findPictures(query: string, limit?: number): SearchablePicture[] {
  return searchPictures(PICTURE_CATALOGUE, query, limit);
}
