/**
 * Security headers on pages, and Astro's origin check against cross-site form posts (CSRF);
 * Secure cookies and HSTS by default.
 */
import { createHash } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, signInClient, signInStaff, STAFF, useBrowser } from '../helpers/browser';
import { freePort, ROOT, SERVE, startServer, type RunningServer } from '../helpers/server';

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

  /**
   * Opens a page; every inline part of it is on the list, every island hydrates, every
   * browser-only component of the easy-read layout is mounted (src/islands/client-only.ts), and
   * nothing is blocked.
   */
  async function expectAllowed(page: Page, path: string, islands: string[], clientOnly: string[] = []): Promise<void> {
    const response = await page.goto(base + path);
    expect(response?.status(), path).toBe(200);
    const policy = directives(response!.headers()['content-security-policy']);
    const html = await response!.text();
    const inline = [...html.matchAll(INLINE)];
    // Astro writes its island loader inline wherever there is an island.
    if (islands.length > 0) expect(inline.length, `${path} has Astro's island prelude`).toBeGreaterThan(0);
    for (const [, kind, body] of inline) expect(policy.get(`${kind.toLowerCase()}-src`), `${path}: ${body.slice(0, 60)}`).toContain(sha(body));
    for (const island of islands) expect(html, path).toContain(`/${island}.`);
    // Astro removes `ssr` from an island once it has hydrated: a blocked loader leaves it there.
    await page.waitForFunction(() => document.querySelectorAll('astro-island[ssr]').length === 0, undefined, { timeout: 10_000 });
    for (const name of clientOnly) await expect.poll(() => page.locator(`[data-client-only="${name}"][data-mounted]`).count(), { message: `${path}: ${name}` }).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), path).toEqual([]);
    expect(fixture.problems(page).errors.filter((e) => /content security policy/i.test(e)), path).toEqual([]);
  }

  test('client pages: Kuuntele, the idle warning and the voice recorder', async () => {
    const page = await fixture.newPage();
    await page.addInitScript(RECORD_VIOLATIONS);
    await signInClient(page, base, 'matti', { device: 'shared' });
    await expectAllowed(page, '/client', [], ['listen', 'idle-warning']);
    await expectAllowed(page, '/client/messages', [], ['listen', 'idle-warning', 'voice-recorder', 'message-draft']);
    expect(await page.locator('[data-listen]').isVisible()).toBe(true);
    expect(await page.locator('[data-voice=record]').isVisible()).toBe(true);
  });

  test('the card sign-in page: the camera island, and the camera allowed on that page only', async () => {
    const page = await fixture.newPage();
    await page.addInitScript(RECORD_VIOLATIONS);
    await expectAllowed(page, '/card', ['CardCamera'], ['listen']);
    expect(await page.locator('[data-camera-open]').isVisible()).toBe(true);
    for (const [path, camera] of [['/card', 'camera=(self)'], ['/login', 'camera=()'], ['/help', 'camera=()'], ['/card/pin', 'camera=()']] as const) {
      const res = await fetch(base + path, { redirect: 'manual' });
      await res.arrayBuffer();
      expect(res.headers.get('permissions-policy'), path).toBe(`${camera}, geolocation=(), microphone=(self)`);
    }
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
    await expectAllowed(page, `/worker/messages/client/${clientId}`, ['EasyReadHints'], ['message-draft', 'voice-recorder']);
    expect(await page.locator('[data-voice=record]').isVisible()).toBe(true);
  });
});

describe('secure by default (as `npm start` runs it)', () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  async function signInCookies(server: RunningServer, headers: Record<string, string> = {}): Promise<string[]> {
    const res = await fetch(`${server.baseUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...form, origin: server.baseUrl, ...headers },
      body: new URLSearchParams({ email: 'liisa.ohjaaja@demo.omapolku.fi', password: 'demo-salasana-2026' }),
    });
    await res.arrayBuffer();
    expect(res.status).toBe(303);
    const card = await fetch(`${server.baseUrl}/k/demo-card-matti-virtanen-0001`, { redirect: 'manual', headers });
    await card.arrayBuffer();
    return [...res.headers.getSetCookie(), ...card.headers.getSetCookie()];
  }

  test('without OMAPOLKU_PLAIN_HTTP every sign-in cookie is Secure; HSTS only over TLS, as a trusted proxy says', async () => {
    // No OMAPOLKU_PLAIN_HTTP: the environment `npm start` gives (scripts/start.mjs sets none).
    const server = await startServer({ env: { OMAPOLKU_PLAIN_HTTP: '', OMAPOLKU_TRUSTED_PROXIES: '127.0.0.1' } });
    try {
      const cookies = await signInCookies(server);
      expect(cookies.map((c) => c.split('=')[0]).sort()).toEqual(['omapolku_pending', 'omapolku_session']);
      for (const cookie of cookies) expect(cookie, cookie).toMatch(/; Secure/i);

      const plain = await fetch(`${server.baseUrl}/about`);
      expect(plain.headers.get('strict-transport-security'), 'plain HTTP from the proxy').toBeNull();
      const viaTls = await fetch(`${server.baseUrl}/about`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(viaTls.headers.get('strict-transport-security')).toBe('max-age=31536000');
      const redirect = await fetch(`${server.baseUrl}/worker`, { redirect: 'manual', headers: { 'x-forwarded-proto': 'https' } });
      expect(redirect.headers.get('strict-transport-security'), 'redirects too').toBe('max-age=31536000');
    } finally {
      await server.stop();
    }
  });

  test('X-Forwarded-Proto from anyone else means nothing', async () => {
    const server = await startServer({ env: { OMAPOLKU_PLAIN_HTTP: '' } });
    try {
      const res = await fetch(`${server.baseUrl}/about`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await server.stop();
    }
  });

  test('TLS on the server itself (SERVER_CERT_PATH, SERVER_KEY_PATH) sends HSTS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omapolku-tls-'));
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    const port = await freePort();
    const child = spawn(process.execPath, [SERVE], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: '', HOST: '127.0.0.1', PORT: String(port), OMAPOLKU_DB: join(dir, 'db.sqlite'), OMAPOLKU_PLAIN_HTTP: '', SERVER_CERT_PATH: cert, SERVER_KEY_PATH: key },
      stdio: 'ignore',
    });
    const get = () =>
      new Promise<IncomingMessage>((resolve, reject) => {
        const req = https.get({ host: '127.0.0.1', port, path: '/about', rejectUnauthorized: false }, (res) => {
          res.resume();
          resolve(res);
        });
        req.on('error', reject);
      });
    try {
      let res: IncomingMessage | undefined;
      for (let i = 0; i < 150 && !res; i++) {
        res = await get().catch(() => undefined);
        if (!res) await new Promise((r) => setTimeout(r, 100));
      }
      expect(res?.statusCode).toBe(200);
      expect(res!.headers['strict-transport-security']).toBe('max-age=31536000');
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('OMAPOLKU_PLAIN_HTTP=1 (the demo, the tests, a test network) turns both off', async () => {
    const server = await startServer({ env: { OMAPOLKU_PLAIN_HTTP: '1', OMAPOLKU_TRUSTED_PROXIES: '127.0.0.1' } });
    try {
      for (const cookie of await signInCookies(server)) expect(cookie, cookie).not.toMatch(/; Secure/i);
      const res = await fetch(`${server.baseUrl}/about`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await server.stop();
    }
  });
});
