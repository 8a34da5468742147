/**
 * Bad input gets a clear error in easy words next to the field and in a summary, keeps what
 * the person typed, passes axe, and never causes a 500.
 */
import { describe, expect, it } from 'vitest';
import { baseUrl, clickAndWait, useBrowser } from '../helpers/browser';
import { expectNoAxeViolations } from '../helpers/axe';

const fixture = useBrowser();

describe('form errors', () => {
  it('sign-in with a missing password keeps the email and says what to fix', async () => {
    const page = await fixture.newPage();
    await page.goto(`${baseUrl()}/login`);
    await page.locator('input[name=email]').fill('maija.virtanen@demo.omapolku.fi');
    await clickAndWait(page, page.locator('form[action="/login"] button[type=submit]'));
    expect(await page.title()).toMatch(/^Virhe: /);
    expect(await page.locator('input[name=email]').inputValue()).toBe('maija.virtanen@demo.omapolku.fi');
    expect(await page.locator('#error-summary').textContent()).toContain('Kirjoita salasana.');
    // The field's error line starts with a hidden "Virhe:" for screen readers.
    expect(await page.locator('#password-error').textContent()).toBe('Virhe: Kirjoita salasana.');
    expect(await page.locator('input[name=password]').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, { client: true });
  });

  it('an unknown card code is kept in the field with an easy error', async () => {
    const page = await fixture.newPage();
    await page.goto(`${baseUrl()}/card`);
    await page.locator('input[name=code]').fill('ABCDE-99999');
    await clickAndWait(page, page.locator('form[action="/card"] button[type=submit]'));
    expect(await page.locator('input[name=code]').inputValue()).toBe('ABCDE-99999');
    expect(await page.locator('#code-error').textContent()).toContain('Tätä korttia ei löydy');
    await expectNoAxeViolations(page, { client: true });
  });

  it('never answers broken or hostile posts with a 500', async () => {
    const base = baseUrl();
    const headers = { origin: base };
    const cases: [string, RequestInit][] = [
      ['/login', { method: 'POST', headers: { ...headers, 'content-type': 'multipart/form-data; boundary=x' }, body: 'not multipart at all' }],
      ['/login', { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: `email=${'a'.repeat(100_000)}&password=x` }],
      ['/card', { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: 'code=%3Cscript%3Ealert(1)%3C%2Fscript%3E' }],
      ['/card/pin', { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: 'pick=unicorn&device=both' }],
      ['/settings/language', { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: 'lang=xx&back=//evil.example/' }],
      ['/k/' + 'x'.repeat(5000), { method: 'GET' }],
    ];
    for (const [path, init] of cases) {
      const response = await fetch(base + path, { ...init, redirect: 'manual' });
      expect(response.status, path).toBeLessThan(500);
      const text = await response.text();
      expect(text, path).not.toMatch(/at .*\.mjs:\d+|Error: /);
      // Typed markup comes back only inside the field's value (kept, harmless), never as a tag.
      expect(text.split('<script>alert').length, path).toBe(text.split('value="<script>alert').length);
      if (path === '/settings/language') expect(response.headers.get('location')).toBe('/');
    }
  });
});
