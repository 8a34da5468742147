/**
 * The easy-read test of docs/easy-read.md: every client-facing string in every language (the easy-read
 * pages in `content/` and the locale files the client and family see) passes the automatic rules.
 * `staff.json` is left out on purpose: worker and admin pages use standard plain language.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, checkText, paragraphsFromMarkdown, type Rule } from '@domain/easy-read/check';
import { isPictureConcept } from '@domain/pictures/concepts';
import { MATH_SIGNS } from '@domain/easy-read/math-signs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LANGS = ['fi', 'sv', 'en'] as const;
type Lang = (typeof LANGS)[number];
const COLLECTIONS = ['help', 'glossary'] as const;
type Collection = (typeof COLLECTIONS)[number];
const STAFF_LOCALE_FILES = new Set(['staff.json']);

interface Entry {
  collection: Collection;
  lang: Lang;
  slug: string;
  file: string;
  data: Record<string, unknown>;
  body: string;
}

interface Offence {
  file: string;
  key: string;
  rule: Rule;
  excerpt: string;
  message: string;
}

/**
 * Reads the small YAML subset our frontmatter uses (`key: value`, double-quoted strings, numbers
 * and JSON-style `[...]` lists). Anything else fails loudly, so this parser cannot quietly disagree
 * with Astro's about what a page says.
 */
function parseFrontmatter(source: string, file: string): { data: Record<string, unknown>; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) throw new Error(`${file}: no frontmatter between --- lines`);
  const data: Record<string, unknown> = {};
  for (const line of match[1].split(/\r?\n/)) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const field = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    if (!field) throw new Error(`${file}: cannot read frontmatter line "${line}"`);
    const [, key, raw] = field;
    const value = raw.trim();
    if (value.startsWith('"') || value.startsWith('[')) data[key] = JSON.parse(value);
    else if (/^-?\d+(\.\d+)?$/.test(value)) data[key] = Number(value);
    else if (value.startsWith("'") || value === '') throw new Error(`${file}: use "double quotes" or a plain value for ${key}`);
    else data[key] = value;
  }
  return { data, body: match[2] };
}

function loadEntries(root: string, collection: Collection): Entry[] {
  return LANGS.flatMap((lang) => {
    const dir = join(root, 'content', collection, lang);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => {
        const file = join(dir, name);
        return { collection, lang, slug: name.slice(0, -3), file, ...parseFrontmatter(readFileSync(file, 'utf8'), file) };
      });
  });
}

function glossaryTerms(glossary: Entry[], lang: Lang): Set<string> {
  const terms = glossary
    .filter((entry) => entry.lang === lang)
    .flatMap((entry) => [entry.data.term, ...((entry.data.aliases as unknown[] | undefined) ?? [])]);
  return new Set(terms.filter((term): term is string => typeof term === 'string').map((term) => term.toLowerCase()));
}

/** Checks the texts of one file; the average sentence length is over the whole file. */
function checkFile(root: string, file: string, texts: [key: string, text: string][], glossary: Set<string>): Offence[] {
  const where = relative(root, file);
  const offences = texts.flatMap(([key, text]) =>
    checkText(text, { glossary }).map((issue) => ({ file: where, key, ...issue })),
  );
  const average = checkPage(
    texts.map(([, text]) => text),
    { glossary },
  ).filter((issue) => issue.rule === 'average-sentence-length');
  return [...offences, ...average.map((issue) => ({ file: where, key: '(whole file)', ...issue }))];
}

const FRONTMATTER_TEXT_FIELDS = ['title', 'summary', 'term', 'pictureAlt'];

function contentOffences(root: string): Offence[] {
  const glossary = loadEntries(root, 'glossary');
  return COLLECTIONS.flatMap((collection) => loadEntries(root, collection)).flatMap((entry) => {
    const fields = FRONTMATTER_TEXT_FIELDS.filter((field) => typeof entry.data[field] === 'string').map(
      (field): [string, string] => [field, entry.data[field] as string],
    );
    const body = paragraphsFromMarkdown(entry.body).map((paragraph, index): [string, string] => [
      `body paragraph ${index + 1}`,
      paragraph,
    ]);
    return checkFile(root, entry.file, [...fields, ...body], glossaryTerms(glossary, entry.lang));
  });
}

function flattenStrings(value: unknown, prefix = ''): [key: string, text: string][] {
  if (typeof value === 'string') return [[prefix, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => flattenStrings(item, `${prefix}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => flattenStrings(item, prefix ? `${prefix}.${key}` : key));
  }
  return [];
}

function localeFiles(root: string, lang: Lang): string[] {
  const dir = join(root, 'locales', lang);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json') && !STAFF_LOCALE_FILES.has(name))
    .sort()
    .map((name) => join(dir, name));
}

function localeOffences(root: string): Offence[] {
  const glossary = loadEntries(root, 'glossary');
  return LANGS.flatMap((lang) =>
    localeFiles(root, lang).flatMap((file) =>
      checkFile(root, file, flattenStrings(JSON.parse(readFileSync(file, 'utf8'))), glossaryTerms(glossary, lang)),
    ),
  );
}

function report(offences: Offence[]): string {
  const lines = offences.map(
    (offence) => `  ${offence.file} › ${offence.key} — ${offence.rule}: "${offence.excerpt}"\n      ${offence.message}`,
  );
  return `\n${offences.length} easy-read problem(s):\n${lines.join('\n')}\n`;
}

describe('easy-read content', () => {
  const entries = COLLECTIONS.flatMap((collection) => loadEntries(ROOT, collection));

  it('help and glossary pages follow the easy-read rules', () => {
    const offences = contentOffences(ROOT);
    expect(offences.length, report(offences)).toBe(0);
  });

  // The locale files are written with the pages that use them; until the folder exists there is
  // nothing client-facing to check.
  it.skipIf(!existsSync(join(ROOT, 'locales')))('client-facing locale strings follow the easy-read rules', () => {
    for (const lang of LANGS) expect(existsSync(join(ROOT, 'locales', lang)), `locales/${lang} is missing`).toBe(true);
    const offences = localeOffences(ROOT);
    expect(offences.length, report(offences)).toBe(0);
  });

  // docs/easy-read.md: a sum is said in sentences ("Olit töissä 17 päivää. Saat 5,60 € jokaisesta
  // päivästä."), never written with ×, − or =; an amount taken off is said so, not with a minus.
  it('client-facing strings say sums in words, without ×, −, = or a minus before a number', () => {
    const found = LANGS.flatMap((lang) =>
      localeFiles(ROOT, lang).flatMap((file) =>
        flattenStrings(JSON.parse(readFileSync(file, 'utf8')))
          .filter(([, text]) => MATH_SIGNS.test(text))
          .map(([key, text]) => `${relative(ROOT, file)} › ${key}: "${text}"`),
      ),
    );
    expect(found).toEqual([]);
  });

  it('has help pages and glossary entries', () => {
    for (const collection of COLLECTIONS) {
      expect(entries.filter((entry) => entry.collection === collection).length, collection).toBeGreaterThan(0);
    }
  });

  it('has every help page and glossary entry in fi, sv and en', () => {
    const missing = COLLECTIONS.flatMap((collection) => {
      const ofCollection = entries.filter((entry) => entry.collection === collection);
      const slugs = [...new Set(ofCollection.map((entry) => entry.slug))].sort();
      return slugs.flatMap((slug) =>
        LANGS.filter((lang) => !ofCollection.some((entry) => entry.slug === slug && entry.lang === lang)).map(
          (lang) => `content/${collection}/${lang}/${slug}.md`,
        ),
      );
    });
    expect(missing).toEqual([]);
  });

  it('gives every page a known picture with words for it', () => {
    const problems = entries.flatMap((entry) => {
      const where = relative(ROOT, entry.file);
      const found: string[] = [];
      if (!isPictureConcept(entry.data.picture)) found.push(`${where}: picture "${String(entry.data.picture)}" is not a picture concept`);
      if (typeof entry.data.pictureAlt !== 'string' || !entry.data.pictureAlt.trim()) found.push(`${where}: pictureAlt is missing`);
      const required = entry.collection === 'help' ? ['title', 'summary'] : ['term'];
      for (const field of required) {
        if (typeof entry.data[field] !== 'string' || !(entry.data[field] as string).trim()) found.push(`${where}: ${field} is missing`);
      }
      if (entry.collection === 'help' && !Number.isInteger(entry.data.order)) found.push(`${where}: order is not a whole number`);
      return found;
    });
    expect(problems).toEqual([]);
  });
});

describe('easy-read content test, on its own fixture', () => {
  let root: string;
  const write = (path: string, text: string) => {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'omapolku-easy-read-'));
    write('content/glossary/fi/service-plan.md', '---\nterm: toteuttamissuunnitelma\npicture: plan\npictureAlt: Suunnitelma\n---\n\nSe on suunnitelma.\n');
    write(
      'content/help/fi/sign-in.md',
      '---\ntitle: "Kirjaudu: näin"\npicture: card\npictureAlt: Kortti\norder: 1\nsummary: Tule klo 9.\n---\n\n# Kortti\n\nLue toteuttamissuunnitelmaa.\nNäytä [kortti](/a_(b)).\n',
    );
    write(
      'locales/fi/client.json',
      JSON.stringify({ ok: 'Hei {{name}}!', nested: { bad: 'Paina OK (nyt).' }, list: ['Hyvä.', 'Lue toteuttamissuunnitelma.'] }),
    );
    write('locales/fi/staff.json', JSON.stringify({ long: 'Asiakkaan toteuttamissuunnitelman tarkistus esim. kuuden kuukauden välein (SHL).' }));
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const brief = (offences: Offence[]) => offences.map(({ file, key, rule }) => `${file} ${key} ${rule}`);

  it('reports content problems by file, field and rule, using the glossary of the language', () => {
    expect(brief(contentOffences(root))).toEqual(['content/help/fi/sign-in.md summary abbreviation']);
  });

  it('reports locale problems by file and key path, and leaves staff.json alone', () => {
    expect(brief(localeOffences(root))).toEqual([
      'locales/fi/client.json nested.bad all-caps',
      'locales/fi/client.json nested.bad punctuation',
    ]);
  });

  it('applies the average rule per file', () => {
    const ten = 'Yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan yhdeksän kymmenen.';
    write('locales/sv/common.json', JSON.stringify({ a: ten, b: ten }));
    expect(brief(localeOffences(root))).toContain('locales/sv/common.json (whole file) average-sentence-length');
  });

  it('prints a readable list', () => {
    const text = report(contentOffences(root));
    expect(text).toContain('content/help/fi/sign-in.md › summary — abbreviation: "Tule klo 9."');
    expect(text).toContain('kello');
  });

  it('refuses frontmatter it cannot read', () => {
    expect(() => parseFrontmatter('---\ntitle: a\n  - b\n---\n', 'x.md')).toThrow(/cannot read/);
    expect(() => parseFrontmatter('no frontmatter', 'x.md')).toThrow(/no frontmatter/);
  });
});
