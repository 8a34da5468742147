import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getPrescripts } from 'astro/runtime/server/scripts.js';
// Astro's own list of built-in directives (not an exported module, hence the path): the test
// must not take the list from csp.ts, or it would only check the list against itself.
import { getDefaultClientDirectives } from '../../../node_modules/astro/dist/core/client-directive/default.js';
import { PAGE_POLICY, STRICT_POLICY } from './csp';

const sha = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
const directive = (policy: string, name: string) => policy.split('; ').find((d) => d.startsWith(`${name} `))!.split(' ').slice(1);

/** What Chromium would do: run an inline script (or apply a style) only if its hash is listed. */
function allowed(policy: string, kind: 'script' | 'style', body: string): boolean {
  const list = directive(policy, `${kind}-src`);
  if (list.includes("'unsafe-inline'")) return true;
  return list.includes(sha(body));
}

const INLINE = /<(script|style)(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/\1>/gi;
const inlineParts = (html: string) => [...html.matchAll(INLINE)].map((m) => ({ kind: m[1].toLowerCase() as 'script' | 'style', body: m[2] }));

describe('content security policy: a fixed allow-list', () => {
  it('does not allow an inline script the portal does not emit, even when it is in the page', () => {
    const injected = "fetch('/steal?c=' + document.cookie)";
    const page = `<html><body><p>Hei</p><script>${injected}</script><style>body{display:none}</style></body></html>`;
    for (const part of inlineParts(page)) expect(allowed(PAGE_POLICY, part.kind, part.body), part.body).toBe(false);
    expect(PAGE_POLICY).not.toContain('unsafe-inline');
    expect(PAGE_POLICY).not.toContain('unsafe-eval');
  });

  it("allows Astro's island prelude exactly as the renderer writes it, for every built-in hydration directive", () => {
    // The renderer's own function (getPrescripts) with Astro's default directives, the same
    // code path as a page with client:idle, client:only, …: every part it inlines is allowed.
    const clientDirectives = getDefaultClientDirectives();
    for (const name of clientDirectives.keys()) {
      const result = { clientDirectives } as unknown as Parameters<typeof getPrescripts>[0];
      const prelude = getPrescripts(result, 'both', name) + getPrescripts(result, 'directive', name);
      const parts = inlineParts(prelude);
      expect(parts.map((p) => p.kind)).toEqual(['style', 'script', 'script', 'script']);
      for (const part of parts) expect(allowed(PAGE_POLICY, part.kind, part.body), `${name}: ${part.body.slice(0, 60)}`).toBe(true);
    }
  });

  it('is one constant with each directive once, denies framing and plugins, and lists nothing else inline', () => {
    const names = PAGE_POLICY.split('; ').map((d) => d.split(' ')[0]);
    expect(new Set(names).size).toBe(names.length);
    expect(directive(PAGE_POLICY, 'frame-ancestors')).toEqual(["'none'"]);
    expect(directive(PAGE_POLICY, 'object-src')).toEqual(["'none'"]);
    // 'self', the island loader (production and dev) and five directive scripts; one style.
    expect(directive(PAGE_POLICY, 'script-src')).toHaveLength(1 + 2 + 5);
    expect(directive(PAGE_POLICY, 'style-src')).toHaveLength(1 + 1);
    expect(STRICT_POLICY).toContain("default-src 'none'");
  });
});
