import { createHash } from 'node:crypto';
// The inline code Astro 5 itself writes into a page with islands (runtime/server/scripts.js,
// getPrescripts): one <style> that makes <astro-island> layout-neutral, the island loader, and
// one small script per hydration directive used on the page (client:idle, client:only, …).
// They are constants of the installed Astro, the very modules the renderer reads, so their
// hashes are known when the server starts and never depend on a request.
import islandScript from 'astro/runtime/server/astro-island.prebuilt.js';
import islandScriptDev from 'astro/runtime/server/astro-island.prebuilt-dev.js';
import { ISLAND_STYLES } from 'astro/runtime/server/astro-island-styles.js';
import idleDirective from 'astro/client/idle.prebuilt.js';
import loadDirective from 'astro/client/load.prebuilt.js';
import mediaDirective from 'astro/client/media.prebuilt.js';
import onlyDirective from 'astro/client/only.prebuilt.js';
import visibleDirective from 'astro/client/visible.prebuilt.js';

/**
 * The Content-Security-Policy of our pages: a fixed allow-list of the inline scripts and styles
 * the portal itself emits, by SHA-256 hash, made once at start. Nothing else inline runs: an
 * injected `<script>` in a page (say, a name that slipped through unescaped) is not on the list,
 * whatever it says. (The earlier policy hashed every inline script found in the response, so it
 * allowed an injected one too, and it scanned every page to do so.)
 *
 * What the list holds, and why nothing more: Astro 5 inlines only its island prelude (above);
 * our own `<style>` blocks go into the bundled stylesheet (`build.inlineStylesheets: 'never'`),
 * our processed `<script>`s are files, and the one `is:inline` script (the card's print button)
 * has a `src`. The manifest's `inlinedScripts` is empty and its client directives are Astro's
 * five built-in ones; tests/e2e/security.test.ts hashes every inline script and style of pages
 * with each island against this list and watches Chromium for violations, so a new inline
 * script (an Astro upgrade, an `is:inline` block) fails a test instead of silently not running.
 *
 * Why not Astro's experimental CSP: it hashes its scripts and styles again on every request
 * with asynchronous WebCrypto, a thread-pool round trip that cost a measurable share of each
 * page view in the benchmark.
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

/** The inline scripts a page of ours may contain (the dev loader too, so `astro dev` works). */
export const KNOWN_INLINE_SCRIPTS: readonly string[] = [islandScript, islandScriptDev, idleDirective, loadDirective, mediaDirective, onlyDirective, visibleDirective];
/** The inline styles a page of ours may contain. */
export const KNOWN_INLINE_STYLES: readonly string[] = [ISLAND_STYLES];

export function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

const sources = (texts: readonly string[]) => [...new Set(texts.map(sha256Source))].join(' ');

/** The policy of every HTML page: the same string for each, so nothing is computed per request. */
export const PAGE_POLICY = [
  ...BASE_DIRECTIVES,
  `style-src 'self' ${sources(KNOWN_INLINE_STYLES)}`,
  `script-src 'self' ${sources(KNOWN_INLINE_SCRIPTS)}`,
].join('; ');

/** For responses that are not HTML pages (redirects, JSON, files): nothing may run or frame them. */
export const STRICT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
