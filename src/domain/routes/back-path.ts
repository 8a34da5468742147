/**
 * Where a "back" field may send someone after a settings form: only to a page of the portal
 * itself. Pure; the page patterns come from src/server/page-routes.ts, which reads them from
 * src/pages at build time, so a new page is a valid target without anyone listing it.
 */

/** Longer than any address a page of ours links to; a longer value is no address of ours. */
export const BACK_MAX_LENGTH = 2_000;

/**
 * Astro's route pattern of a page file relative to src/pages ('family/[client]/plan.astro' →
 * '/family/[client]/plan', 'help/index.astro' → '/help'), or null for what Astro does not route
 * (files and folders starting with '_').
 */
export function pagePatternOf(relativeFile: string): string | null {
  const parts = relativeFile.replace(/\.[^./]+$/, '').split('/');
  if (parts.some((part) => part.startsWith('_'))) return null;
  if (parts.at(-1) === 'index') parts.pop();
  return '/' + parts.join('/');
}

/** Does the path (as the URL parser leaves it: percent-encoded) match one of the patterns? */
export function matchesPattern(pathname: string, patterns: readonly string[]): boolean {
  const segments = pathname === '/' ? [] : pathname.slice(1).replace(/\/$/, '').split('/');
  return patterns.some((pattern) => {
    const wanted = pattern === '/' ? [] : pattern.slice(1).split('/');
    if (wanted.some((part) => part.startsWith('[...'))) throw new Error(`Rest parameters are not handled: ${pattern}`);
    return (
      wanted.length === segments.length &&
      wanted.every((part, i) => (/^\[\w+\]$/.test(part) ? segments[i] !== '' : part === segments[i]))
    );
  });
}

/**
 * The path and query to go back to, or `home`. Accepted: a same-site path (one slash, no
 * scheme, no backslash, no control character) whose path matches a page pattern. What is
 * returned is what the URL parser made of it, percent-encoded ASCII only, so it is always a
 * valid Location header value.
 */
export function safeBackPath(value: unknown, patterns: readonly string[], home = '/'): string {
  if (typeof value !== 'string' || value.length > BACK_MAX_LENGTH) return home;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return home;
  // The URL parser would quietly drop a tab or line break; such a value is not ours either.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) return home;
  let url: URL;
  try {
    url = new URL(value, 'http://omapolku.invalid');
  } catch {
    return home;
  }
  if (url.origin !== 'http://omapolku.invalid') return home;
  if (!matchesPattern(url.pathname, patterns)) return home;
  return url.pathname + url.search;
}
