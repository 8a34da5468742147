/**
 * Security headers on pages, and Astro's origin check against cross-site form posts (CSRF).
 */
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, signInClient, signInStaff, STAFF, useBrowser } from '../helpers/browser';

const base = baseUrl();

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

describe('security headers', () => {
  for (const target of ['/', '/card', '/login', '/help', '/no-such-page']) {
    test(`${target} sends CSP, nosniff and a referrer policy`, async () => {
      const res = await fetch(base + target, { redirect: 'manual' });
      await res.arrayBuffer();
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const policy = res.headers.get('content-security-policy');
      expect(policy, 'Content-Security-Policy header').toBeTruthy();
      const csp = directives(policy!);
      const scriptSrc = csp.get('script-src') ?? csp.get('default-src');
      expect(scriptSrc, 'script-src (or default-src)').toBeDefined();
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(scriptSrc).not.toContain("'unsafe-eval'");
      expect(csp.get('style-src') ?? csp.get('default-src')).not.toContain("'unsafe-inline'");
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBeTruthy();
      expect(res.headers.get('cache-control')).toBe('no-store');
      // Each directive once: a repeated one is ignored by browsers (and warned about).
      const names = policy!.split(';').map((p) => p.trim().split(/\s+/)[0]).filter(Boolean);
      expect(new Set(names).size).toBe(names.length);
    });
  }

  test('a redirect that depends on the session is not stored either', async () => {
    const res = await fetch(`${base}/client`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('cross-site form posts', () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const body = new URLSearchParams({ email: 'liisa.ohjaaja@demo.omapolku.fi', password: 'demo-salasana-2026' }).toString();

  test('a POST to /login from another origin is refused with 403', async () => {
    const res = await fetch(`${base}/login`, { method: 'POST', headers: { ...form, origin: 'http://evil.example' }, body, redirect: 'manual' });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie') ?? '').not.toContain('omapolku_session');
  });

  test('the same POST from our own origin is accepted (so the 403 above is the origin check)', async () => {
    const res = await fetch(`${base}/login`, { method: 'POST', headers: { ...form, origin: base }, body, redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/worker');
  });

  test('other form endpoints are protected too', async () => {
    for (const target of ['/logout', '/card', '/card/pin', '/settings/language', '/session/extend']) {
      const res = await fetch(base + target, { method: 'POST', headers: { ...form, origin: 'http://evil.example' }, body: 'lang=sv', redirect: 'manual' });
      expect(res.status, target).toBe(403);
    }
  });
});

describe('the fixed inline allow-list on pages with islands, in Chromium', () => {
  const fixture = useBrowser();
  const sha = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
  const INLINE = /<(script|style)(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/\1>/gi;
  // Chromium reports every blocked script or style as a securitypolicyviolation event.
  const RECORD_VIOLATIONS = () => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`));
  };

  /** Opens a page; every inline part of it is on the list, every island hydrates, nothing is blocked. */
  async function expectAllowed(page: Page, path: string, islands: string[]): Promise<void> {
    const response = await page.goto(base + path);
    expect(response?.status(), path).toBe(200);
    const policy = directives(response!.headers()['content-security-policy']);
    const html = await response!.text();
    const inline = [...html.matchAll(INLINE)];
    expect(inline.length, `${path} has Astro's island prelude`).toBeGreaterThan(0);
    for (const [, kind, body] of inline) expect(policy.get(`${kind.toLowerCase()}-src`), `${path}: ${body.slice(0, 60)}`).toContain(sha(body));
    for (const island of islands) expect(html, path).toContain(`/${island}.`);
    // Astro removes `ssr` from an island once it has hydrated: a blocked loader leaves it there.
    await page.waitForFunction(() => document.querySelectorAll('astro-island[ssr]').length === 0, undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), path).toEqual([]);
    expect(fixture.problems(page).errors.filter((e) => /content security policy/i.test(e)), path).toEqual([]);
  }

  test('client pages: Kuuntele, the idle warning and the voice recorder', async () => {
    const page = await fixture.newPage();
    await page.addInitScript(RECORD_VIOLATIONS);
    await signInClient(page, base, 'matti', { device: 'shared' });
    await expectAllowed(page, '/client', ['ListenButton', 'IdleWarning']);
    await expectAllowed(page, '/client/messages', ['ListenButton', 'IdleWarning', 'VoiceRecorder', 'MessageDraft']);
    expect(await page.locator('[data-listen]').isVisible()).toBe(true);
    expect(await page.locator('[data-voice=record]').isVisible()).toBe(true);
  });

  test('staff pages: the picture picker, easy-read hints, drafts and the voice recorder', async () => {
    const page = await fixture.newPage({ viewport: { width: 1024, height: 900 } });
    await page.addInitScript(RECORD_VIOLATIONS);
    await signInStaff(page, base, STAFF.worker);
    await page.goto(`${base}/worker/messages`);
    const href = await page.locator('a[href^="/worker/messages/client/"]').first().getAttribute('href');
    const clientId = Number(href!.split('/').at(-1));
    await expectAllowed(page, `/worker/clients/${clientId}/goals`, ['PictureSearch', 'EasyReadHints']);
    await expectAllowed(page, `/worker/clients/${clientId}/plan`, ['PictureSearch']);
    await expectAllowed(page, `/worker/messages/client/${clientId}`, ['EasyReadHints', 'MessageDraft', 'VoiceRecorder']);
  });
});
