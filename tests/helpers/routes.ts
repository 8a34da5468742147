/**
 * The portal's routes as Astro makes them from src/pages, for tests that must cover every route
 * (the authorization matrix): a new page file shows up here without anyone remembering to add it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { ROOT } from './server';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface PageRoute {
  /** Astro's route pattern, e.g. /family/[client]/plan or / for the root index. */
  pattern: string;
  /** The file, relative to the repository root. */
  file: string;
  /** The methods the file answers. */
  methods: Method[];
}

const HTTP_METHODS: readonly Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** src/pages/family/[client]/plan.astro → /family/[client]/plan; …/index.astro → its folder. */
export function patternOf(relativeToPages: string): string {
  const parts = relativeToPages.slice(0, -extname(relativeToPages).length).split(sep);
  if (parts.at(-1) === 'index') parts.pop();
  return '/' + parts.join('/');
}

/**
 * Methods of an .astro page: GET always (Astro renders every page for GET), and any other method
 * its frontmatter compares `Astro.request.method` with (=== 'POST', !== 'POST', …).
 */
export function astroMethods(source: string): Method[] {
  const methods = new Set<Method>(['GET']);
  for (const match of source.matchAll(/Astro\.request\.method\s*[!=]==?\s*['"]([A-Za-z]+)['"]/g)) {
    const method = match[1].toUpperCase() as Method;
    if (!HTTP_METHODS.includes(method)) throw new Error(`Unknown method ${match[1]} compared with Astro.request.method`);
    methods.add(method);
  }
  return [...methods];
}

/** Methods of an endpoint: its exported handlers (`export const GET`, `export async function POST`, `export { GET }`). */
export function endpointMethods(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(/export\s+(?:const|let|var|async\s+function|function)\s+([A-Z]+)\b/g)) found.add(match[1]);
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const name of match[1].split(',')) {
      const exported = name.trim().split(/\s+as\s+/).at(-1)?.trim();
      if (exported && /^[A-Z]+$/.test(exported)) found.add(exported);
    }
  }
  return [...found];
}

/**
 * Every route under src/pages. Files and folders starting with `_` are not routes in Astro and
 * are left out; any file type this function does not understand (a Markdown or HTML page, an
 * endpoint with `ALL` or no handler) is an error rather than a silently missing route.
 */
export function pageRoutes(pagesDir = join(ROOT, 'src', 'pages')): PageRoute[] {
  const routes: PageRoute[] = [];
  for (const full of filesUnder(pagesDir)) {
    const rel = relative(pagesDir, full);
    if (rel.split(sep).some((part) => part.startsWith('_'))) continue;
    const file = relative(ROOT, full);
    const source = readFileSync(full, 'utf8');
    const ext = extname(full);
    let methods: Method[];
    if (ext === '.astro') {
      methods = astroMethods(source);
    } else if (ext === '.ts' || ext === '.js' || ext === '.mjs') {
      const exported = endpointMethods(source);
      const unknown = exported.filter((m) => !HTTP_METHODS.includes(m as Method));
      if (unknown.length > 0 || exported.length === 0) {
        throw new Error(`${file}: endpoint handlers [${exported.join(', ')}] are not understood by tests/helpers/routes.ts`);
      }
      methods = exported as Method[];
    } else {
      throw new Error(`${file}: a page of type ${ext} is not understood by tests/helpers/routes.ts; teach it, do not skip it`);
    }
    routes.push({ pattern: patternOf(rel), file, methods });
  }
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** "pattern METHOD" for every method of every route: the keys an authorization matrix must have. */
export function routeKeys(routes: PageRoute[] = pageRoutes()): string[] {
  return routes.flatMap((r) => r.methods.map((m) => `${r.pattern} ${m}`)).sort();
}
