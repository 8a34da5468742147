/**
 * The per-IP sign-in limit (OMAPOLKU_IP_SIGNIN_LIMIT attempts per 10 minutes from one address,
 * over every sign-in form): past it the person is told in easy words to wait, even with the
 * right password. The address is the socket's, or what a trusted proxy says
 * (OMAPOLKU_TRUSTED_PROXIES), never a client's own X-Forwarded-For.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLIENTS, clickAndWait, DEMO_PASSWORD, path, signInStaff, STAFF, useBrowser } from '../helpers/browser';
import { expectNoAxeViolations, expectTargetSizes } from '../helpers/axe';
import { freePort, ROOT, SERVE, startServer, type RunningServer } from '../helpers/server';

const browser = useBrowser();
let server: RunningServer;
let base: string;

beforeAll(async () => {
  server = await startServer({ env: { OMAPOLKU_IP_SIGNIN_LIMIT: '5' } });
  base = server.baseUrl;
});
afterAll(async () => {
  await server?.stop();
});

const TOO_MANY = 'Tästä laitteesta on yritetty kirjautua monta kertaa. Odota 10 minuuttia.';

test('after 5 attempts from one address the 6th is refused with an easy message', async () => {
  const page = await browser.newPage();
  // Five attempts over two forms: wrong cards and wrong passwords count together.
  for (let i = 0; i < 3; i++) {
    await page.goto(`${base}/card`);
    await page.locator('input[name=code]').fill(`WRONG-${i}0000`);
    await clickAndWait(page, page.locator('form[action="/card"] button[type=submit]'));
    expect(await page.locator('#error-summary').innerText()).toContain('Tätä korttia ei löydy.');
  }
  for (let i = 0; i < 2; i++) {
    await signInStaff(page, base, STAFF.family, `wrong-${i}`);
    expect(await page.locator('#error-summary').innerText()).toContain('Kirjautuminen ei onnistunut. Tarkista sähköposti ja salasana.');
  }

  // The 6th: even the right password is not checked now.
  await signInStaff(page, base, STAFF.family);
  expect(path(page)).toBe('/login');
  expect((await page.locator('#error-summary').innerText()).replace(/\s+/g, ' ')).toContain(TOO_MANY);
  await expectNoAxeViolations(page, { client: true });
  await expectTargetSizes(page);

  // The card forms say the same: the short code, and the QR address.
  await page.goto(`${base}/card`);
  await page.locator('input[name=code]').fill(CLIENTS.matti.code);
  await clickAndWait(page, page.locator('form[action="/card"] button[type=submit]'));
  expect(path(page)).toBe('/card');
  expect((await page.locator('#error-summary').innerText()).replace(/\s+/g, ' ')).toContain(TOO_MANY);
  await expectNoAxeViolations(page, { client: true });

  const response = await page.goto(base + CLIENTS.matti.qr);
  expect(response!.status()).toBe(400);
  expect((await page.locator('#error-summary').innerText()).replace(/\s+/g, ' ')).toContain(TOO_MANY);
  await expectNoAxeViolations(page, { client: true });
  await expectTargetSizes(page);
});

/** A sign-in POST as a script would send it, with any headers it likes. */
async function tryPassword(baseUrl: string, password: string, headers: Record<string, string> = {}, email: string = STAFF.worker): Promise<{ status: number; text: string }> {
  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl, ...headers },
    body: new URLSearchParams({ email, password }),
  });
  return { status: res.status, text: (await res.text()).replace(/\s+/g, ' ') };
}

describe('the address the limit counts', () => {
  test('a new X-Forwarded-For value per try does not get past the limit: the socket address counts', async () => {
    const own = await startServer({ env: { OMAPOLKU_IP_SIGNIN_LIMIT: '5' } });
    try {
      const answers = [];
      for (let i = 0; i < 40; i++) answers.push(await tryPassword(own.baseUrl, `wrong-${i}`, { 'x-forwarded-for': `203.0.113.${i}` }));
      expect(answers.filter((a) => a.text.includes(TOO_MANY))).toHaveLength(35);
      // The victim's address in the header uses up nothing of theirs either: it is not believed.
      expect((await tryPassword(own.baseUrl, DEMO_PASSWORD, { 'x-forwarded-for': '198.51.100.7' })).text).toContain(TOO_MANY);
    } finally {
      await own.stop();
    }
  });

  test('behind a trusted proxy, the right-most address that is not a proxy counts; a spoofed victim address uses up nothing of theirs', async () => {
    const proxied = await startServer({ env: { OMAPOLKU_IP_SIGNIN_LIMIT: '5', OMAPOLKU_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8' } });
    try {
      // The attacker (203.0.113.66) writes the victim's address itself; the proxies append what they saw.
      const spoofed = { 'x-forwarded-for': '198.51.100.7, 203.0.113.66, 10.1.2.3' };
      for (let i = 0; i < 5; i++) expect((await tryPassword(proxied.baseUrl, `wrong-${i}`, spoofed)).text).not.toContain(TOO_MANY);
      expect((await tryPassword(proxied.baseUrl, `wrong-6`, spoofed)).text).toContain(TOO_MANY);
      expect((await tryPassword(proxied.baseUrl, 'wrong-7', { 'x-forwarded-for': '203.0.113.66' })).text, 'the same attacker without the decoy').toContain(TOO_MANY);
      // The victim, through the same proxy, still signs in and opens their card.
      const victim = await tryPassword(proxied.baseUrl, DEMO_PASSWORD, { 'x-forwarded-for': '198.51.100.7' }, STAFF.family);
      expect(victim.status).toBe(303);
      const card = await fetch(proxied.baseUrl + CLIENTS.matti.qr, { redirect: 'manual', headers: { 'x-forwarded-for': '198.51.100.7' } });
      expect(card.status).toBe(303);
      expect(card.headers.get('location')).toBe('/card/pin');
    } finally {
      await proxied.stop();
    }
  });

  test('an unreadable OMAPOLKU_TRUSTED_PROXIES entry stops the start, naming it', async () => {
    const child = spawn(process.execPath, [SERVE], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: '', HOST: '127.0.0.1', PORT: String(await freePort()), OMAPOLKU_TRUSTED_PROXIES: '10.0.0.1, proxy.local' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr!.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(output).toContain('OMAPOLKU_TRUSTED_PROXIES: not an IP address or CIDR range: proxy.local');
  });
});
