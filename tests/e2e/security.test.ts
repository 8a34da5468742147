/**
 * Security headers on pages, and Astro's origin check against cross-site form posts (CSRF).
 */
import { describe, expect, test } from 'vitest';
import { baseUrl } from '../helpers/browser';

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
