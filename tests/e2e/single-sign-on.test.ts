/**
 * Single sign-on for staff (issue 16, points 8 and 9), on a server of this file's own that signs
 * in against a real OpenID provider started in this process (tests/helpers/oidc-provider.ts,
 * oidc-provider on 127.0.0.1), in Chromium through the provider's own login form:
 *
 * - Liisa (worker) signs in and lands on /worker; her account's subject is stored and the sign-in
 *   is a security event; the same answer sent again is refused (used once);
 * - a forged `state`, an expired code, an account the portal does not know, an unverified email
 *   and a deactivated person (Pekka) are refused with a page in words (never a 500), each with
 *   its security event, and nobody is signed in;
 * - the shared server (no OMAPOLKU_OIDC_* settings) shows no organisation button and answers 404;
 * - Helena (admin) turns password sign-in off for her unit once she has signed in with the
 *   organisation's account (Olli, who has not, cannot): Liisa's right password is then refused
 *   with the same words as a wrong one, pointing to the organisation sign-in, while another
 *   unit's worker and a family member sign in as before.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, clickAndWait, DEMO_PASSWORD, path, signInStaff, STAFF, useBrowser } from '../helpers/browser';
import { expectNoAxeViolations } from '../helpers/axe';
import { useServerWithOidc } from '../helpers/own-server';
import { querySql, runSql } from '../helpers/server';
import type { TestAccount } from '../helpers/oidc-provider';

const PEKKA = 'pekka.valmentaja@demo.omapolku.fi';
const ACCOUNTS: TestAccount[] = [
  { login: 'liisa-at-kunta', email: STAFF.worker.toUpperCase(), emailVerified: true, name: 'Liisa Ohjaaja' },
  { login: 'helena-at-kunta', email: STAFF.admin, emailVerified: true, name: 'Helena Vastaava' },
  { login: 'pekka-at-kunta', email: PEKKA, emailVerified: true, name: 'Pekka Valmentaja' },
  { login: 'outsider-at-kunta', email: 'ulkopuolinen@kunta.example', emailVerified: true, name: 'Ulla Ulkopuolinen' },
  // Sanna's email, but the provider does not vouch for it.
  { login: 'unverified-at-kunta', email: STAFF.workerB, emailVerified: false, name: 'Sanna Sivu' },
];

const browser = useBrowser();
const { server, provider } = useServerWithOidc(ACCOUNTS, {
  // Pekka has left: deactivated before the server starts.
  prepareDb: (db) => runSql(db, [['UPDATE people SET active = 0 WHERE email = ?', [PEKKA]]]),
});

const callbackUrl = () => `${server.baseUrl}/login/sso/callback`;

async function personId(email: string): Promise<number> {
  const [row] = await querySql<{ id: number }>(server.dbFile, 'SELECT id FROM people WHERE email = ?', [email]);
  return row.id;
}

async function lastEvent(): Promise<{ kind: string; reason: string; person_id: number | null; path: string }> {
  const [row] = await querySql<{ kind: string; reason: string; person_id: number | null; path: string }>(
    server.dbFile,
    'SELECT kind, reason, person_id, path FROM security_events ORDER BY id DESC LIMIT 1',
  );
  return row;
}

async function hasSession(page: Page): Promise<boolean> {
  return (await page.context().cookies(server.baseUrl)).some((c) => c.name === 'omapolku_session');
}

/**
 * From the portal's sign-in page through "Kirjaudu organisaation tunnuksella" to the provider's
 * login form, and signs in there as `login`; resolves when the browser has come back and landed.
 */
async function signInWithProvider(page: Page, login: string): Promise<void> {
  await page.goto(`${server.baseUrl}/login`);
  await clickAndWait(page, page.getByRole('link', { name: 'Kirjaudu organisaation tunnuksella' }));
  expect(page.url().startsWith(`${provider.issuer}/`), `the provider's login form, not ${page.url()}`).toBe(true);
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any password: the test provider checks none');
  await clickAndWait(page, page.locator('button[type=submit]'));
}

/** Signs in at the provider but keeps its answer (the redirect to the portal) from the browser. */
async function heldAnswer(page: Page, login: string): Promise<URL> {
  provider.holdAnswers = true;
  try {
    await signInWithProvider(page, login);
  } finally {
    provider.holdAnswers = false;
  }
  const answer = provider.takeAnswer();
  expect(answer, 'the provider should have answered with a redirect to the portal').not.toBeNull();
  return new URL(answer!);
}

describe('single sign-on', () => {
  test('the organisation button shows only where single sign-on is set up; elsewhere its pages are 404', async () => {
    const shared = await browser.newPage();
    await shared.goto(`${baseUrl()}/login`);
    expect(await shared.locator('a[href="/login/sso"]').count()).toBe(0);
    expect((await shared.goto(`${baseUrl()}/login/sso`))!.status()).toBe(404);
    expect((await shared.goto(`${baseUrl()}/login/sso/callback?code=x&state=y`))!.status()).toBe(404);

    const own = await browser.newPage();
    await own.goto(`${server.baseUrl}/login`);
    await expect(own.getByRole('link', { name: 'Kirjaudu organisaation tunnuksella' }).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(own, { client: true });
  });

  test('a worker signs in through the provider, lands on her home, her subject is stored; the same answer again is refused', async () => {
    const liisa = await personId(STAFF.worker);
    const page = await browser.newPage();
    let answer = '';
    page.on('request', (r) => {
      if (r.url().startsWith(callbackUrl())) answer = r.url();
    });
    await signInWithProvider(page, 'liisa-at-kunta');
    expect(path(page)).toBe('/worker');
    expect(await hasSession(page)).toBe(true);
    // The ID token's signature was checked with the keys the discovery document names.
    expect(provider.keyFetches).toBeGreaterThan(0);
    // Matched by the verified email (the provider spells it in capitals), tied by the subject.
    expect(await querySql(server.dbFile, 'SELECT issuer, subject, person_id FROM sso_identities WHERE person_id = ?', [liisa])).toEqual([
      { issuer: provider.issuer, subject: 'liisa-at-kunta', person_id: liisa },
    ]);
    expect(await lastEvent()).toEqual({ kind: 'sign_in', reason: 'sso', person_id: liisa, path: '/login/sso/callback' });
    expect(server.output()).toContain(`"kind":"sign_in","reason":"sso","person_id":${liisa}`);
    // The flow is gone: state, nonce and verifier are not kept after their one use.
    expect(await querySql(server.dbFile, 'SELECT id FROM sso_logins')).toEqual([]);
    // No code or state in the log.
    const code = new URL(answer).searchParams.get('code')!;
    expect(code.length).toBeGreaterThan(10);
    expect(server.output()).not.toContain(code);

    // The same answer once more (the back button, a replay): refused, and she stays signed in.
    const again = await page.goto(answer);
    expect(again!.status()).toBe(400);
    expect(await page.locator('[data-sso-problem]').getAttribute('data-sso-problem')).toBe('expired');
    expect(await page.locator('main').innerText()).toContain('Tämä kirjautuminen ei ole enää voimassa.');
    expect((await lastEvent()).reason).toBe('sso_expired');
    await page.goto(`${server.baseUrl}/worker`);
    expect(path(page)).toBe('/worker');

    // The second sign-in finds her by the stored subject.
    const second = await browser.newPage();
    await signInWithProvider(second, 'liisa-at-kunta');
    expect(path(second)).toBe('/worker');
    expect(await querySql(server.dbFile, 'SELECT COUNT(*) AS n FROM sso_identities WHERE person_id = ?', [liisa])).toEqual([{ n: 1 }]);
  });

  test('an answer with a forged state is refused, and uses up the sign-in it was sent to', async () => {
    const page = await browser.newPage();
    const answer = await heldAnswer(page, 'liisa-at-kunta');
    const forged = new URL(answer);
    forged.searchParams.set('state', 'forged-state-value');
    expect((await page.goto(forged.href))!.status()).toBe(400);
    expect(await page.locator('[data-sso-problem]').getAttribute('data-sso-problem')).toBe('failed');
    expect(await page.locator('main').innerText()).toContain('Kirjautuminen ei onnistunut.');
    expect(await hasSession(page)).toBe(false);
    expect(await lastEvent()).toMatchObject({ kind: 'sign_in_failed', reason: 'sso_state', person_id: null });
    // The true answer after the forged one: its sign-in is gone.
    expect((await page.goto(answer.href))!.status()).toBe(400);
    expect(await page.locator('[data-sso-problem]').getAttribute('data-sso-problem')).toBe('expired');
    expect(await hasSession(page)).toBe(false);
  });

  test('an expired code is refused by the provider, and the page says to start again', async () => {
    const page = await browser.newPage();
    provider.codeTtlSeconds = 1;
    let answer: URL;
    try {
      answer = await heldAnswer(page, 'liisa-at-kunta');
    } finally {
      provider.codeTtlSeconds = 60;
    }
    // The answer reaches the portal only after the code's second has passed.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await page.goto(answer.href))!.status()).toBe(400);
    expect(await page.locator('[data-sso-problem]').getAttribute('data-sso-problem')).toBe('expired');
    expect(await hasSession(page)).toBe(false);
    expect(await lastEvent()).toMatchObject({ kind: 'sign_in_failed', reason: 'sso_code', person_id: null });
    // "Aloita uudelleen" starts a new sign-in, which works (the provider remembers her).
    await clickAndWait(page, page.getByRole('link', { name: 'Aloita uudelleen' }));
    expect(path(page)).toBe('/worker');
  });

  test('an account the portal does not know is refused in easy words, and nothing is made', async () => {
    const page = await browser.newPage();
    await signInWithProvider(page, 'outsider-at-kunta');
    const main = await page.locator('main').innerText();
    expect(main).toContain('Et voi kirjautua tällä tunnuksella.');
    expect(main).toContain('Ota yhteyttä yksikön pääkäyttäjään.');
    expect(await hasSession(page)).toBe(false);
    expect(await lastEvent()).toMatchObject({ kind: 'sign_in_failed', reason: 'sso_unknown', person_id: null });
    expect(await querySql(server.dbFile, "SELECT COUNT(*) AS n FROM people WHERE email = 'ulkopuolinen@kunta.example'")).toEqual([{ n: 0 }]);
    expect(server.output()).not.toContain('ulkopuolinen@kunta.example');
    await expectNoAxeViolations(page, { client: true });

    // A staff member's email the provider does not vouch for opens nothing either.
    const unverified = await browser.newPage();
    await signInWithProvider(unverified, 'unverified-at-kunta');
    expect(await unverified.locator('main').innerText()).toContain('Et voi kirjautua tällä tunnuksella.');
    expect(await hasSession(unverified)).toBe(false);
    const sanna = await personId(STAFF.workerB);
    expect(await lastEvent()).toMatchObject({ kind: 'sign_in_failed', reason: 'sso_unverified', person_id: sanna });
    expect(await querySql(server.dbFile, 'SELECT COUNT(*) AS n FROM sso_identities WHERE person_id = ?', [sanna])).toEqual([{ n: 0 }]);
  });

  test('a deactivated person is refused with the same words', async () => {
    const page = await browser.newPage();
    await signInWithProvider(page, 'pekka-at-kunta');
    expect(await page.locator('main').innerText()).toContain('Et voi kirjautua tällä tunnuksella.');
    expect(await hasSession(page)).toBe(false);
    expect(await lastEvent()).toMatchObject({ kind: 'sign_in_failed', reason: 'sso_inactive', person_id: await personId(PEKKA) });
  });

  test("an admin who has signed in with it turns her staff's password sign-in off; other units and family keep theirs", async () => {
    // Olli (the other unit's admin) has never signed in with the organisation's account: refused.
    const olli = await browser.newPage();
    await signInStaff(olli, server.baseUrl, STAFF.adminB);
    await olli.goto(`${server.baseUrl}/admin/units`);
    await olli.getByLabel('Salli kirjautuminen salasanalla').uncheck();
    await clickAndWait(olli, olli.getByRole('button', { name: 'Tallenna kirjautumisen asetus' }));
    expect(await olli.locator('#password_sign_in-error').innerText()).toContain('Kirjaudu ensin itse organisaation tunnuksella.');
    expect(await olli.getByLabel('Salli kirjautuminen salasanalla').isChecked()).toBe(true);

    const helena = await browser.newPage();
    await signInWithProvider(helena, 'helena-at-kunta');
    expect(path(helena)).toBe('/admin');
    await helena.goto(`${server.baseUrl}/admin/units`);
    await helena.getByLabel('Salli kirjautuminen salasanalla').uncheck();
    await clickAndWait(helena, helena.getByRole('button', { name: 'Tallenna kirjautumisen asetus' }));
    expect(await helena.locator('[role=status]').innerText()).toContain('Kirjautumisen asetus tallennettiin.');
    expect(await helena.getByLabel('Salli kirjautuminen salasanalla').isChecked()).toBe(false);
    const [audit] = await querySql<{ action: string; old_value: string; new_value: string }>(
      server.dbFile,
      "SELECT action, old_value, new_value FROM admin_audit WHERE action = 'change password sign-in'",
    );
    expect(audit).toEqual({ action: 'change password sign-in', old_value: '{"password_sign_in":1}', new_value: '{"password_sign_in":0}' });

    // Liisa's right password: the words of a wrong one, and the way to the organisation sign-in.
    const liisa = await browser.newPage();
    await signInStaff(liisa, server.baseUrl, STAFF.worker, DEMO_PASSWORD);
    expect(path(liisa)).toBe('/login');
    expect(await hasSession(liisa)).toBe(false);
    const refused = await liisa.locator('#error-summary').innerText();
    expect(refused).toContain('Jos yksikkösi käyttää organisaation tunnusta, kirjaudu sillä.');
    expect(await lastEvent()).toMatchObject({ kind: 'sign_in_failed', reason: 'password_off', person_id: await personId(STAFF.worker) });
    // An email nobody has gets the very same words: the answer does not tell whose unit is whose.
    const nobody = await browser.newPage();
    await signInStaff(nobody, server.baseUrl, 'ei.ketaan@demo.omapolku.fi', DEMO_PASSWORD);
    expect(await nobody.locator('#error-summary').innerText()).toBe(refused);
    // Her sign-ins counted toward no delay.
    expect(await querySql(server.dbFile, 'SELECT failed_sign_ins FROM people WHERE email = ?', [STAFF.worker])).toEqual([{ failed_sign_ins: 0 }]);

    // The other unit's worker and a family member sign in with their passwords as before.
    const sanna = await browser.newPage();
    await signInStaff(sanna, server.baseUrl, STAFF.workerB);
    expect(path(sanna)).toBe('/worker');
    const maija = await browser.newPage();
    await signInStaff(maija, server.baseUrl, STAFF.family);
    expect(path(maija)).toBe('/family');

    // Turned on again, Liisa's password works.
    await helena.getByLabel('Salli kirjautuminen salasanalla').check();
    await clickAndWait(helena, helena.getByRole('button', { name: 'Tallenna kirjautumisen asetus' }));
    await signInStaff(liisa, server.baseUrl, STAFF.worker);
    expect(path(liisa)).toBe('/worker');
  });
});
