/**
 * Security events (issue 12, points 11 and 13), on a server of this file's own:
 *
 * - a failed and a successful sign-in, a refused request (403) and a sign-out of a worker show in
 *   the security view of her unit's admin (Helena Vastaava) and not in the other unit's (Olli
 *   Esimies); the server prints one JSON line per event; no password or session token is in the
 *   output or the table;
 * - a lost card ("Kortti katosi") signs the client out of his own tablet at once, a worn-out one
 *   ("Kortti kului") does not; the reason is required, and its error keeps the form.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { clickAndWait, CLIENTS, DEMO_PASSWORD, h1, path, signInClient, signInStaff, signOut, STAFF, useBrowser } from '../helpers/browser';
import { expectNoAxeViolations } from '../helpers/axe';
import { useServerWithClients } from '../helpers/own-server';
import { querySql, runSql } from '../helpers/server';

const browser = useBrowser();
const { server, ids } = useServerWithClients();

interface EventLine {
  type: string;
  kind: string;
  reason: string;
  person_id: number | null;
  unit_id: number | null;
  ip: string;
  user_agent: string;
  path: string;
}

/** The server's security event lines so far, in order. */
function eventLines(): EventLine[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{"type":"security_event"'))
    .map((line) => JSON.parse(line) as EventLine);
}

async function personId(email: string): Promise<number> {
  const [row] = await querySql<{ id: number }>(server.dbFile, 'SELECT id FROM people WHERE email = ?', [email]);
  return row.id;
}

/** The rows of the admin's security view about one person: [kind, reason] each, oldest first. */
async function viewRows(admin: Page, query: string, person: number): Promise<string[][]> {
  await admin.goto(`${server.baseUrl}/admin/security${query}`);
  const rows = admin.locator(`tr[data-person="${person}"]`);
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    out.push([(await rows.nth(i).getAttribute('data-kind'))!, (await rows.nth(i).getAttribute('data-reason'))!]);
  }
  return out.reverse();
}

describe('security events', () => {
  test("a worker's sign-ins, refusal and sign-out are in her unit's view only, with one JSON line each and no secret", async () => {
    const liisa = await personId(STAFF.worker);
    const sanna = await personId(STAFF.workerB);
    const linesBefore = eventLines().length;
    const [{ n: rowsBefore }] = await querySql<{ n: number }>(server.dbFile, 'SELECT COUNT(*) AS n FROM security_events');

    const page = await browser.newPage();
    const wrongPassword = 'vaara-salasana-Liisa-42';
    await signInStaff(page, server.baseUrl, STAFF.worker, wrongPassword);
    expect(path(page)).toBe('/login');
    await signInStaff(page, server.baseUrl, STAFF.worker);
    expect(path(page)).toBe('/worker');
    const token = (await page.context().cookies()).find((c) => c.name === 'omapolku_session')!.value;
    const refused = await page.goto(`${server.baseUrl}/admin/audit`);
    expect(refused!.status()).toBe(403);
    await page.goto(`${server.baseUrl}/worker`);
    await signOut(page);
    // The other unit's worker mistypes her password too.
    const other = await browser.newPage();
    await signInStaff(other, server.baseUrl, STAFF.workerB, 'vaara-salasana-Sanna-42');

    // stdout: one line per event, in order, with who, why, from where.
    const lines = eventLines().slice(linesBefore);
    const liisas = lines.filter((l) => l.person_id === liisa);
    expect(liisas.map((l) => [l.kind, l.reason])).toEqual([
      ['sign_in_failed', 'wrong_password'],
      ['sign_in', 'password'],
      ['forbidden', 'GET'],
      ['signed_out', 'by_person'],
    ]);
    expect(liisas.find((l) => l.kind === 'forbidden')!.path).toBe('/admin/audit');
    for (const line of liisas) {
      expect(line.ip).toBe('127.0.0.1');
      expect(line.user_agent).toMatch(/^(Chrome|Chromium|other) ?\d*, Linux$/);
    }
    const [{ n: rowsAfter }] = await querySql<{ n: number }>(server.dbFile, 'SELECT COUNT(*) AS n FROM security_events');
    expect(lines.length, 'one line on stdout per row in the table').toBe(rowsAfter - rowsBefore);

    // Never a password, an email of the attempt or the session token.
    const table = JSON.stringify(await querySql(server.dbFile, 'SELECT * FROM security_events'));
    for (const secret of [DEMO_PASSWORD, wrongPassword, 'vaara-salasana-Sanna-42', token]) {
      expect(server.output()).not.toContain(secret);
      expect(table).not.toContain(secret);
    }

    // Helena's view (Liisa's unit) shows them, newest first; filters narrow it.
    const helena = await browser.newPage();
    await signInStaff(helena, server.baseUrl, STAFF.admin);
    expect(await viewRows(helena, '', liisa)).toEqual(liisas.map((l) => [l.kind, l.reason]));
    expect(await h1(helena)).toBe('Tietoturvatapahtumat');
    expect(await helena.locator(`tr[data-person="${sanna}"]`).count()).toBe(0);
    await expectNoAxeViolations(helena, { client: false });
    expect(await viewRows(helena, `?kind=forbidden&person=${liisa}`, liisa)).toEqual([['forbidden', 'GET']]);
    expect(await helena.locator('tbody tr').count()).toBe(1);
    expect(await viewRows(helena, '?from=1.1.2020&to=31.12.2020', liisa)).toEqual([]);
    // A date that is none (typed into the address): told so, not a 500.
    const bad = await helena.goto(`${server.baseUrl}/admin/security?from=32.1.2026`);
    expect(bad!.status()).toBe(400);
    expect(await helena.locator('[role=alert]').innerText()).toContain('Päivämäärä ei kelpaa');
    await expectNoAxeViolations(helena, { client: false });
    // Reached from the admin's home.
    await helena.goto(`${server.baseUrl}/admin`);
    await clickAndWait(helena, helena.locator('a[href="/admin/security"]'));
    expect(path(helena)).toBe('/admin/security');

    // Olli's view (the other unit): Sanna's failed sign-in, nothing of Liisa's.
    const olli = await browser.newPage();
    await signInStaff(olli, server.baseUrl, STAFF.adminB);
    expect(await viewRows(olli, '', sanna)).toEqual([['sign_in_failed', 'wrong_password']]);
    expect(await olli.locator(`tr[data-person="${liisa}"]`).count()).toBe(0);
    // Asking for Liisa by id in the filter finds nothing either.
    expect(await viewRows(olli, `?person=${liisa}`, liisa)).toEqual([]);

    // A page that answers with the 403 page itself (a rewrite runs the middleware again) is one
    // event, with the address that was asked for.
    const olliId = await personId(STAFF.adminB);
    const mark = eventLines().length;
    const foreign = await olli.goto(`${server.baseUrl}/admin/people/${ids.matti}/card`);
    expect(foreign!.status()).toBe(403);
    expect(eventLines().slice(mark).filter((l) => l.person_id === olliId).map((l) => [l.kind, l.path])).toEqual([['forbidden', `/admin/people/${ids.matti}/card`]]);
  });

  test('the view pages 50 events at a time, keeping the filter', async () => {
    const liisa = await personId(STAFF.worker);
    const [{ unit_id: unit }] = await querySql<{ unit_id: number }>(server.dbFile, 'SELECT unit_id FROM people WHERE id = ?', [liisa]);
    const june2025 = Date.parse('2025-06-15T09:00:00Z');
    await runSql(
      server.dbFile,
      Array.from({ length: 55 }, (_, i) => [
        "INSERT INTO security_events (at, kind, reason, person_id, role, unit_id, path) VALUES (?, 'forbidden', 'GET', ?, 'worker', ?, ?)",
        [june2025 + i * 60_000, liisa, unit, `/paging/${i}`],
      ] as [string, unknown[]]),
    );
    const helena = await browser.newPage();
    await signInStaff(helena, server.baseUrl, STAFF.admin);
    await helena.goto(`${server.baseUrl}/admin/security?kind=forbidden&from=2025-06-01&to=2025-06-30`);
    expect(await helena.locator('tbody tr').count()).toBe(50);
    // Newest first: the last one written is at the top.
    expect(await helena.locator('tbody tr').first().innerText()).toContain('/paging/54');
    await clickAndWait(helena, helena.locator('nav.pager a', { hasText: 'Vanhemmat' }));
    expect(path(helena)).toBe('/admin/security?kind=forbidden&from=2025-06-01&to=2025-06-30&page=2');
    expect(await helena.locator('tbody tr').count()).toBe(5);
    expect(await helena.locator('tbody tr').last().innerText()).toContain('/paging/0');
    expect(await helena.locator('nav.pager a').allInnerTexts()).toEqual(['Uudemmat']);
  });

  test('"Kortti katosi" ends the client\'s remembered session at once, "Kortti kului" keeps it; the reason is required', async () => {
    const tablet = await browser.newPage();
    await signInClient(tablet, server.baseUrl, 'jukka', { device: 'own' });
    const cardPage = `${server.baseUrl}/admin/people/${ids.jukka}/card`;
    const issue = (page: Page) => clickAndWait(page, page.locator('form:has(input[name=action][value=issue]) button[type=submit]'));
    // A new card in place of one in use is asked first (tests/e2e/confirmations.test.ts): answer yes.
    const issueConfirmed = async (page: Page) => {
      await issue(page);
      await clickAndWait(page, page.locator('#confirm button.danger'));
    };
    const cards = async () => (await querySql<{ n: number }>(server.dbFile, 'SELECT COUNT(*) AS n FROM login_cards WHERE client_id = ?', [ids.jukka]))[0].n;

    const helena = await browser.newPage({ javaScriptEnabled: false });
    await signInStaff(helena, server.baseUrl, STAFF.admin);
    await helena.goto(cardPage);
    const before = await cards();
    // No reason chosen: a clear error, the form is still there, no card made.
    await issue(helena);
    expect(await helena.title()).toMatch(/^Virhe: /);
    expect(await helena.locator('#error-summary').innerText()).toContain('Valitse, miksi kortti vaihdetaan');
    expect(await helena.locator('#why-error').innerText()).toContain('Valitse, miksi kortti vaihdetaan');
    expect(await helena.locator('input[name=why]').count()).toBe(2);
    expect(await helena.locator('.login-card').count()).toBe(0);
    expect(await cards()).toBe(before);
    // (axe runs in the page's JavaScript: the same error page, in a browser with it.)
    const withScripts = await browser.newPage();
    await signInStaff(withScripts, server.baseUrl, STAFF.admin);
    await withScripts.goto(cardPage);
    await issue(withScripts);
    expect(await withScripts.locator('#why-error').count()).toBe(1);
    await expectNoAxeViolations(withScripts, { client: false });

    // Worn out: a new card, and the client's own tablet stays signed in.
    await helena.check('#why-worn');
    await issueConfirmed(helena);
    expect(await helena.locator('.login-card').count()).toBe(1);
    expect(await cards()).toBe(before + 1);
    await tablet.reload();
    expect(path(tablet)).toBe('/client');
    expect(await h1(tablet)).toBe('Hei Jukka!');

    const wornCode = (await helena.locator('[data-short-code]').innerText()).trim();

    // Lost: a new card, and the tablet's next request goes to sign-in.
    await helena.goto(cardPage);
    await helena.check('input[name=why][value=lost]');
    await issueConfirmed(helena);
    expect(await helena.locator('.login-card').count()).toBe(1);
    const lostCode = (await helena.locator('[data-short-code]').innerText()).trim();
    expect(await helena.locator('.card-print-notes [role=status]').innerText()).toContain('Asiakas kirjattiin ulos 1 laitteelta.');
    await tablet.reload();
    expect(path(tablet).startsWith('/card')).toBe(true);
    expect(await tablet.locator('body').innerText()).not.toContain('Hei Jukka!');

    // No PIN picture, card secret or code in the events, on stdout or in the table.
    const lines = JSON.stringify(eventLines());
    const table = JSON.stringify(await querySql(server.dbFile, 'SELECT * FROM security_events'));
    const { pin, qr, code } = CLIENTS.jukka;
    for (const secret of [...new Set(pin), pin.join(','), qr.slice(3), code, wornCode, lostCode]) {
      expect(lines).not.toContain(secret);
      expect(table).not.toContain(secret);
    }

    // Both in the admin audit and the security events.
    const audit = await querySql<{ action: string }>(server.dbFile, "SELECT action FROM admin_audit WHERE action = 'end sessions: card lost' AND target_id = ?", [ids.jukka]);
    expect(audit).toHaveLength(1);
    expect(await viewRows(helena, `?person=${ids.jukka}`, ids.jukka)).toEqual(
      expect.arrayContaining([
        ['sign_in', 'pin'],
        ['card_issued', 'worn'],
        ['card_issued', 'lost'],
        ['sessions_ended', 'card_lost'],
      ]),
    );
  });
});
