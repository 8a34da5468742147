/**
 * The layer rule (docs/architecture.md, "The layer rule") as a test, read from the source of
 * every file under src:
 *
 *   page (src/pages) → server (src/server) → domain (src/domain)
 *
 * (a) pages, components and layouts never call the database: no `db.`/`tx.` query call and no
 *     import of src/server/db; they call a named function in src/server/<area>/ instead;
 * (b) src/domain imports only src/domain (its test files also vitest). Not even a node: builtin:
 *     domain rules are bundled into islands that run in the browser (EasyReadHints), and a rule
 *     that reads files, the clock of the process or the network is no longer pure. A test that
 *     needs a file (a locale, the page list) belongs in tests/unit, which may read anything;
 * (c) a relative import stays inside its area (pages, components, layouts, islands, styles,
 *     server, domain: the folders the path aliases name); across areas it uses the alias, so a
 *     file can move inside its area without breaking others, and the dependency shows;
 *     and nothing outside a test file imports the test helpers;
 * (d) every route of src/pages (tests/helpers/routes.ts) has its row, with each of its methods,
 *     in the shared route fixture (tests/helpers/route-fixture.ts) that the authorization matrix
 *     and the accessibility sweep both read.
 *
 * There is no allow-list: a file that breaks the rule is named with the line, and the fix is in
 * that file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { ROOT } from '../helpers/server';
import { pageRoutes, routeKeys } from '../helpers/routes';
import { axeViews, fixtureKeys, ROUTES, type Look } from '../helpers/route-fixture';

const SRC = join(ROOT, 'src');
const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.js', '.mjs', '.astro']);

/** Repository-relative path with forward slashes, for messages and comparisons. */
const rel = (file: string) => relative(ROOT, file).split(sep).join('/');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return SOURCE_EXTENSIONS.has(extname(entry.name)) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The path aliases of tsconfig.json: '@server/' → 'src/server/'. */
const ALIASES: [prefix: string, target: string][] = Object.entries(
  (JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths,
).map(([from, [to]]) => [from.replace(/\*$/, ''), to.replace(/\*$/, '')]);

interface Import {
  /** As written: './x', '@server/db', 'vitest', 'node:fs'. */
  specifier: string;
  line: number;
  /** Repository-relative file or folder it names (without extension), or null for a package or builtin. */
  target: string | null;
}

interface SourceFile {
  /** Repository-relative: src/pages/index.astro. */
  file: string;
  /** The whole text (for an .astro file also its template, where a query could hide in an expression). */
  text: string;
  imports: Import[];
}

/** Line number (1-based) of an offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The script parts of a file and where each starts: the whole file for TypeScript, the
 * frontmatter and every <script> of an .astro file (their imports are real imports; the
 * template has none).
 */
function scriptParts(file: string, text: string): { code: string; offset: number }[] {
  if (!file.endsWith('.astro')) return [{ code: text, offset: 0 }];
  const parts: { code: string; offset: number }[] = [];
  const front = /^\s*---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (front) parts.push({ code: front[1], offset: front.index + front[0].indexOf(front[1]) });
  for (const match of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    parts.push({ code: match[1], offset: match.index! + match[0].indexOf(match[1]) });
  }
  return parts;
}

function targetOf(fromFile: string, specifier: string): string | null {
  if (specifier.startsWith('.')) return rel(resolve(dirname(join(ROOT, fromFile)), specifier));
  for (const [prefix, target] of ALIASES) if (specifier.startsWith(prefix)) return target + specifier.slice(prefix.length);
  return null;
}

/** Reads a source text: its imports by TypeScript's own scanner (import and export … from, import type, side-effect and dynamic imports). */
function parseSource(file: string, text: string): SourceFile {
  const imports = scriptParts(file, text).flatMap(({ code, offset }) =>
    ts.preProcessFile(code, true, true).importedFiles.map(({ fileName, pos }) => ({
      specifier: fileName,
      line: lineAt(text, offset + pos),
      target: targetOf(file, fileName),
    })),
  );
  return { file, text, imports };
}

const SOURCES: SourceFile[] = filesUnder(SRC).map((full) => parseSource(rel(full), readFileSync(full, 'utf8')));

/** pages, components, layouts, islands, styles, server, domain; a file right under src is its own. */
function areaOf(file: string): string {
  const [, first, ...rest] = file.split('/');
  return rest.length > 0 ? first : file;
}

const isTestFile = (file: string) => /\.test\.[mc]?tsx?$/.test(file);
const isInside = (target: string, folder: string) => target === folder || target.startsWith(folder + '/');

function describeImport(source: SourceFile, imp: Import): string {
  return `${source.file}:${imp.line}: '${imp.specifier}'${imp.target && imp.target !== imp.specifier ? ` (${imp.target})` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// The rules, each a list of offences ("file:line: what")
// ---------------------------------------------------------------------------------------------

/** (a) A query call, or an import of src/server/db, in a page, component or layout. */
function databaseCalls(sources: SourceFile[]): string[] {
  const QUERY = /\b(db|tx)\.(all|get|run|write|read)\b/g;
  const offenders: string[] = [];
  for (const source of sources) {
    if (!['pages', 'components', 'layouts'].includes(areaOf(source.file))) continue;
    for (const match of source.text.matchAll(QUERY)) offenders.push(`${source.file}:${lineAt(source.text, match.index!)}: ${match[0]}(…)`);
    for (const imp of source.imports) {
      if (imp.target && isInside(imp.target, 'src/server/db')) offenders.push(describeImport(source, imp));
    }
  }
  return offenders;
}

/** (b) An import in src/domain of anything outside it (a test file may import vitest). */
function domainImports(sources: SourceFile[]): string[] {
  return sources
    .filter((source) => areaOf(source.file) === 'domain')
    .flatMap((source) =>
      source.imports
        .filter((imp) => !(imp.target && isInside(imp.target, 'src/domain')) && !(imp.specifier === 'vitest' && isTestFile(source.file)))
        .map((imp) => describeImport(source, imp)),
    );
}

/** (c) A relative import that leaves its area. */
function climbingImports(sources: SourceFile[]): string[] {
  const offenders: string[] = [];
  for (const source of sources) {
    const area = areaOf(source.file);
    for (const imp of source.imports) {
      if (!imp.specifier.startsWith('.') || !imp.target) continue;
      // A module a package does not export can only be named by its path (csp.test.ts reads
      // Astro's own list of directives so); no alias could name it instead.
      if (imp.target.startsWith('node_modules/')) continue;
      const targetArea = imp.target.startsWith('src/') ? areaOf(imp.target) : imp.target.split('/')[0];
      if (targetArea !== area) offenders.push(`${describeImport(source, imp)}: from ${area} into ${targetArea}`);
    }
  }
  return offenders;
}

/** (c) An import of the test helpers from a file that is no test. */
function testHelperImports(sources: SourceFile[]): string[] {
  return sources
    .filter((source) => !isTestFile(source.file))
    .flatMap((source) => source.imports.filter((imp) => imp.target && isInside(imp.target, 'tests')).map((imp) => describeImport(source, imp)));
}

const filesOf = (offenders: string[]) => [...new Set(offenders.map((o) => o.split(':')[0]))];

describe('the layer rule', () => {
  test('reads the sources, and each rule finds a made-up offence', () => {
    expect(SOURCES.length).toBeGreaterThan(100);
    expect(SOURCES.find((s) => s.file === 'src/middleware.ts')?.imports.map((i) => i.specifier)).toContain('@server/access');
    expect(targetOf('src/server/demo/seed.ts', '../db')).toBe('src/server/db');
    expect(targetOf('src/pages/index.astro', '@layouts/EasyReadLayout.astro')).toBe('src/layouts/EasyReadLayout.astro');

    const page = parseSource(
      'src/pages/x/[id].astro',
      [
        '---',
        "import type { Database } from '@server/db';",
        "import Card from '../../components/Card.astro';",
        'const rows = await Astro.locals.db.all("SELECT 1");',
        '---',
        '<p>{rows.length}</p>',
        "<script>import { x } from '../../islands/X/x';</script>",
      ].join('\n'),
    );
    expect(page.imports.map((i) => [i.specifier, i.line])).toEqual([['@server/db', 2], ['../../components/Card.astro', 3], ['../../islands/X/x', 7]]);
    expect(databaseCalls([page])).toEqual(["src/pages/x/[id].astro:4: db.all(…)", "src/pages/x/[id].astro:2: '@server/db' (src/server/db)"]);
    expect(climbingImports([page])).toHaveLength(2);

    const rule = parseSource('src/domain/x/rule.ts', "import fs from 'node:fs';\nimport { a } from '@server/a';\nimport { b } from '../y/b';\nexport { c } from './c';");
    expect(domainImports([rule])).toEqual(["src/domain/x/rule.ts:1: 'node:fs'", "src/domain/x/rule.ts:2: '@server/a' (src/server/a)"]);
    const ruleTest = parseSource('src/domain/x/rule.test.ts', "import { it } from 'vitest';\nimport { r } from './rule';");
    expect(domainImports([ruleTest])).toEqual([]);

    const store = parseSource('src/server/x/store.ts', "import { f } from '@tests/helpers/test-db';");
    expect(testHelperImports([store])).toEqual(["src/server/x/store.ts:1: '@tests/helpers/test-db' (tests/helpers/test-db)"]);
    expect(testHelperImports([parseSource('src/server/x/store.test.ts', "import { f } from '@tests/helpers/test-db';")])).toEqual([]);
  });

  test('(a) pages, components and layouts do not call the database or import src/server/db', () => {
    const offenders = databaseCalls(SOURCES);
    const files = filesOf(offenders);
    expect(
      offenders,
      `${files.length} file(s) in src/pages, src/components or src/layouts query the database themselves. ` +
        `Move each query into a named function in src/server/<area>/ and call that:\n  ${files.join('\n  ')}\n`,
    ).toEqual([]);
  });

  test('(b) src/domain imports only src/domain (and its tests vitest)', () => {
    expect(domainImports(SOURCES), 'src/domain holds pure rules: it imports nothing outside itself, not even node: builtins').toEqual([]);
  });

  test('(c) a relative import stays inside its area; across areas the path aliases are used', () => {
    expect(climbingImports(SOURCES), 'use @server/…, @domain/…, @components/…, @layouts/…, @islands/…, @styles/… or @tests/… across areas').toEqual([]);
  });

  test('(c) only test files import the test helpers', () => {
    expect(testHelperImports(SOURCES)).toEqual([]);
  });
});

describe('the route fixture', () => {
  test('(d) has one row for every route and method of src/pages, and none for a route that is gone', () => {
    const routes = routeKeys();
    const rows = fixtureKeys();
    expect({
      // A new route: add it to tests/helpers/route-fixture.ts with who may open it and how it looks.
      routesWithoutRow: routes.filter((k) => !rows.includes(k)),
      // A route that was removed or renamed (or lost its POST handler): update the fixture.
      rowsWithoutRoute: rows.filter((k) => !routes.includes(k)),
    }).toEqual({ routesWithoutRow: [], rowsWithoutRoute: [] });
  });

  test("gives each route the look of its page's layout", () => {
    const lookOf = (file: string, text: string): Look => {
      if (!file.endsWith('.astro')) return 'none';
      if (/\bStaffLayout\b/.test(text)) return 'staff';
      if (/\b(EasyReadLayout|ErrorPage)\b/.test(text)) return 'easy-read';
      throw new Error(`${file}: which layout does it use?`);
    };
    const wrong = pageRoutes()
      .filter((route) => ROUTES[route.pattern])
      .map((route) => ({ pattern: route.pattern, fixture: ROUTES[route.pattern].look, layout: lookOf(route.file, readFileSync(join(ROOT, route.file), 'utf8')) }))
      .filter((r) => r.fixture !== r.layout);
    expect(wrong).toEqual([]);
  });

  test('gives the accessibility sweep at least one view of every page, each with its status', () => {
    const views = axeViews();
    const pages = Object.entries(ROUTES).filter(([, row]) => row.look !== 'none').map(([pattern]) => pattern);
    expect(pages.filter((pattern) => !views.some((v) => v.pattern === pattern))).toEqual([]);
    // The default view: the first person who gets the page.
    expect(views.filter((v) => v.pattern === '/worker/register')).toEqual([
      { pattern: '/worker/register', as: 'namedWorker', url: '/worker/register?day={registerDay}', status: 200, lands: '/worker/register?day={registerDay}', easyRead: false },
    ]);
    // Error pages are easy-read whoever gets them.
    expect(views.find((v) => v.pattern === '/403' && v.as === 'namedWorker')?.easyRead).toBe(true);
  });
});
