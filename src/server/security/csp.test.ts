import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, inlineScripts } from './csp';

describe('content security policy', () => {
  const page = `<html><head><script type="module" src="/_astro/a.js"></script></head>
    <body><script>window.x = 1;</script><p>hei</p><script type="module">import('/b.js')</script></body></html>`;

  it('allows exactly the inline scripts of the page by hash, and no unsafe-inline', () => {
    expect(inlineScripts(page)).toEqual(['window.x = 1;', "import('/b.js')"]);
    const policy = contentSecurityPolicy(page);
    const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    const scriptSrc = policy.split('; ').find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe(`script-src 'self' ${sha('window.x = 1;')} ${sha("import('/b.js')")}`);
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
  });

  it('gives a page without inline scripts only its own files', () => {
    expect(contentSecurityPolicy('<p>hei</p>')).toContain("script-src 'self'");
    expect(contentSecurityPolicy('<p>hei</p>')).not.toContain('sha256');
  });
});

describe('content security policy for inline styles', () => {
  it("allows Astro's own inline island style by hash, still without unsafe-inline", () => {
    const style = 'astro-island,astro-slot,astro-static-slot{display:contents}';
    const policy = contentSecurityPolicy(`<style>${style}</style><p>hei</p>`);
    const styleSrc = policy.split('; ').find((d) => d.startsWith('style-src'));
    expect(styleSrc).toBe(`style-src 'self' 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(policy).not.toContain('unsafe-inline');
  });
});

describe('policy from the page bytes', () => {
  it('hashes the exact bytes of an inline script, also with letters outside ASCII around it', async () => {
    const { pagePolicy } = await import('./csp');
    const script = "console.log('hei');";
    const page = Buffer.from(`<p>Hyvää päivää, Åsa!</p><script>${script}</script>`, 'utf8');
    const sha = `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
    expect(pagePolicy(page)).toContain(`script-src 'self' ${sha}`);
  });
});
