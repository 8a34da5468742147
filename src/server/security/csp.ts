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

/**
 * `latin1` when the page was read byte for byte (see pagePolicy): hashing it as latin1 gives
 * back exactly the bytes the browser hashes.
 */
type TextEncoding = 'utf8' | 'latin1';

function hashOf(script: string, encoding: TextEncoding): string {
  let hash = hashes.get(script);
  if (!hash) {
    hash = `'sha256-${createHash('sha256').update(script, encoding).digest('base64')}'`;
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

export function contentSecurityPolicy(html: string, encoding: TextEncoding = 'utf8'): string {
  const scriptHashes = [...new Set(inlineScripts(html).map((script) => hashOf(script, encoding)))];
  const styleHashes = [...new Set(inlineStyles(html).map((style) => hashOf(style, encoding)))];
  return [...BASE_DIRECTIVES, `style-src 'self'${sourceList(styleHashes)}`, `script-src 'self'${sourceList(scriptHashes)}`].join('; ');
}

/** For responses that are not HTML pages (redirects, JSON, files): nothing may run or frame them. */
export const STRICT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * The policy of a page given as UTF-8 bytes, without decoding them: reading the bytes as latin1
 * is a plain copy, and the tags searched for are ASCII, so they are found all the same.
 */
export function pagePolicy(page: Buffer): string {
  return contentSecurityPolicy(page.toString('latin1'), 'latin1');
}
