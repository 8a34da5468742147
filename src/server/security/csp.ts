import { createHash } from 'node:crypto';

/**
 * The Content-Security-Policy of a page, built from the page itself: every inline <script>
 * (Astro's island loader) is allowed by its SHA-256 hash, nothing else inline runs.
 *
 * Why not Astro's experimental CSP: it hashes its scripts and styles again on every request
 * with asynchronous WebCrypto, a thread-pool round trip that cost a measurable share of each
 * page view in the benchmark. The same few loader scripts appear on every page, so their
 * hashes are computed once and kept.
 */
const BASE_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

const hashes = new Map<string, string>();

function hashOf(script: string): string {
  let hash = hashes.get(script);
  if (!hash) {
    hash = `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
    // A page never has more than a handful of distinct inline scripts; the bound only guards
    // against a bug that would put request data into a script.
    if (hashes.size < 1000) hashes.set(script, hash);
  }
  return hash;
}

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

export function inlineScripts(html: string): string[] {
  return [...html.matchAll(INLINE_SCRIPT)].map((m) => m[1]);
}

// Astro adds one inline <style> of its own to pages with islands
// (astro-island{display:contents}); without its hash Chromium blocks it and reports a violation.
const INLINE_STYLE = /<style[^>]*>([\s\S]*?)<\/style>/gi;

export function inlineStyles(html: string): string[] {
  return [...html.matchAll(INLINE_STYLE)].map((m) => m[1]);
}

function sourceList(hashList: string[]): string {
  return hashList.length ? ' ' + hashList.join(' ') : '';
}

export function contentSecurityPolicy(html: string): string {
  const scriptHashes = [...new Set(inlineScripts(html).map(hashOf))];
  const styleHashes = [...new Set(inlineStyles(html).map(hashOf))];
  return [...BASE_DIRECTIVES, `style-src 'self'${sourceList(styleHashes)}`, `script-src 'self'${sourceList(scriptHashes)}`].join('; ');
}

/** For responses that are not HTML pages (redirects, JSON, files): nothing may run or frame them. */
export const STRICT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
