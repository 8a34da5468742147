/**
 * A signed-in person's own account (issue 16, points 4 and 6): changing the password asks the
 * current one (a wrong one is refused in words and counts toward the sign-in delay; a weak new
 * one is refused with the reason) and ends every other session of the person; "Kirjautumiset"
 * lists the person's devices and ends one or all the others; an admin ends every session of a
 * worker of their unit after a confirmation. Sessions in separate browser contexts stand for
 * separate devices.
 */
import { describe, expect, it } from 'vitest';
import { clickAndWait, DEMO_PASSWORD, h1, path, signInStaff, signOut, STAFF, useBrowser } from '../helpers/browser';
import { querySql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { expectNoAxeViolations } from '../helpers/axe';

const fixture = useBrowser();
const { server } = useServerWithClients();
const laptop = { viewport: { width: 1366, height: 768 } };
const GOOD_PASSWORD = 'kolme vihreää omenaa kellarissa';

const personOf = async (email: string) => (await querySql<{ id: number; failed_sign_ins: number }>(server.dbFile, 'SELECT id, failed_sign_ins FROM people WHERE email = ?', [email]))[0];

async function signedInDevice(email: string, password = DEMO_PASSWORD) {
  const page = await fixture.newPage(laptop);
  await signInStaff(page, server.baseUrl, email, password);
  expect(path(page), `signing in as ${email}`).not.toMatch(/^\/login/);
  return page;
}

describe('changing one’s own password', () => {
  it('refuses a wrong current password and a weak new one in words, and a change ends the other sessions', async () => {
    const other = await signedInDevice(STAFF.substitute);
    const page = await signedInDevice(STAFF.substitute);
    await clickAndWait(page, page.locator('header a', { hasText: 'Oma tili' }));
    expect(path(page)).toBe('/settings/password');
    expect(await h1(page)).toBe('Vaihda salasana');
    await expectNoAxeViolations(page, { client: false });

    const change = async (current: string, next: string, again = next) => {
      await page.locator('#current_password').fill(current);
      await page.locator('#new_password').fill(next);
      await page.locator('#new_password_again').fill(again);
      await clickAndWait(page, page.locator('form:has(#current_password) button[type=submit]'));
    };
    // A wrong current password: refused in words, and counted like a failed sign-in.
    await change('tämä ei ole oikea salasana', GOOD_PASSWORD);
    expect(await page.locator('#error-summary').textContent()).toContain('Nykyinen salasana on väärä. Yritä uudelleen.');
    expect(await page.title()).toMatch(/^Virhe: /);
    expect(await page.locator('#current_password').inputValue()).toBe('');
    expect((await personOf(STAFF.substitute)).failed_sign_ins).toBe(1);
    await expectNoAxeViolations(page, { client: false });

    // A weak new one: the reason in words; the right current password took its try back.
    await change(DEMO_PASSWORD, 'lyhyt');
    expect(await page.locator('#error-summary').textContent()).toContain('Salasana on liian lyhyt. Kirjoita vähintään 12 merkkiä.');
    expect((await personOf(STAFF.substitute)).failed_sign_ins).toBe(0);
    await change(DEMO_PASSWORD, GOOD_PASSWORD, GOOD_PASSWORD + ' ja kaapissa');
    expect(await page.locator('#error-summary').textContent()).toContain('Salasanat eivät ole samat.');

    await change(DEMO_PASSWORD, GOOD_PASSWORD);
    expect(path(page)).toBe('/settings/password?saved=1');
    expect(await page.locator('#notice').textContent()).toContain('Salasana vaihdettu. Muut kirjautumisesi päättyivät.');
    const events = await querySql<{ kind: string; reason: string }>(server.dbFile, 'SELECT kind, reason FROM security_events WHERE person_id = ? ORDER BY id DESC LIMIT 2', [(await personOf(STAFF.substitute)).id]);
    expect(events).toEqual([{ kind: 'sessions_ended', reason: 'password_changed' }, { kind: 'password_changed', reason: 'by_person' }]);

    // The device signed in earlier is sent to sign in; this one stays.
    await other.goto(`${server.baseUrl}/worker`);
    expect(path(other)).toBe('/login?ended=1');
    await page.goto(`${server.baseUrl}/worker`);
    expect(path(page)).toBe('/worker');

    // The old password no longer signs in; the new one does.
    await signOut(page);
    await signInStaff(page, server.baseUrl, STAFF.substitute, DEMO_PASSWORD);
    expect(path(page)).toBe('/login');
    await signInStaff(page, server.baseUrl, STAFF.substitute, GOOD_PASSWORD);
    expect(path(page)).toBe('/worker');
  });
});

describe('Kirjautumiset', () => {
  it('lists a family member’s two devices on an easy-read page and signs the other one out', async () => {
    const first = await signedInDevice(STAFF.family);
    const second = await signedInDevice(STAFF.family);
    expect(path(second)).toBe('/family');
    await clickAndWait(second, second.locator('main a', { hasText: 'Kirjautumiset' }));
    expect(path(second)).toBe('/settings/sessions');
    const rows = second.locator('li[data-session]');
    expect(await rows.count()).toBe(2);
    expect(await second.locator('li[data-session=current]').textContent()).toContain('Tämä laite');
    expect(await second.locator('li[data-session=current]').textContent()).toMatch(/Chrome \d+, Linux/);
    expect(await second.locator('li[data-session=other]').textContent()).toContain('Käytetty viimeksi:');
    await expectNoAxeViolations(second, { client: true });

    await clickAndWait(second, second.locator('li[data-session=other] button', { hasText: 'Kirjaudu ulos tästä' }));
    expect(await second.locator('#notice').textContent()).toContain('Laite on kirjautunut ulos.');
    expect(await second.locator('li[data-session]').count()).toBe(1);
    expect(await second.locator('main').textContent()).toContain('Olet kirjautunut vain tällä laitteella.');
    await first.goto(`${server.baseUrl}/family`);
    expect(path(first)).toBe('/login?ended=1');
    await second.goto(`${server.baseUrl}/family`);
    expect(path(second)).toBe('/family');
  });

  it('lets a worker sign out everywhere else from the staff page', async () => {
    const a = await signedInDevice(STAFF.workerB);
    const b = await signedInDevice(STAFF.workerB);
    const here = await signedInDevice(STAFF.workerB);
    await here.goto(`${server.baseUrl}/settings/sessions`);
    expect(await here.locator('tr[data-session]').count()).toBe(3);
    expect(await here.locator('tr[data-session=current]').textContent()).toContain('Tämä laite');
    await expectNoAxeViolations(here, { client: false });
    await clickAndWait(here, here.locator('button', { hasText: 'Kirjaudu ulos muualta' }));
    expect(await here.locator('#notice').textContent()).toContain('Muut kirjautumiset päätetty.');
    expect(await here.locator('tr[data-session]').count()).toBe(1);
    for (const page of [a, b]) {
      await page.goto(`${server.baseUrl}/worker`);
      expect(path(page)).toBe('/login?ended=1');
    }
  });
});

describe('an admin ends a worker’s sessions', () => {
  it('asks first, then signs the worker out everywhere and logs it', async () => {
    const liisa = await signedInDevice(STAFF.worker);
    const admin = await signedInDevice(STAFF.admin);
    const { id } = await personOf(STAFF.worker);
    await admin.goto(`${server.baseUrl}/admin/people/${id}`);
    expect(Number(await admin.locator('[data-sessions]').getAttribute('data-sessions'))).toBeGreaterThanOrEqual(1);
    await clickAndWait(admin, admin.locator('button', { hasText: 'Päätä kaikki kirjautumiset' }));
    // Only the question so far: nothing ended.
    expect(await admin.locator('#confirm').textContent()).toContain('Päätetäänkö kaikki kirjautumiset: Liisa');
    await expectNoAxeViolations(admin, { client: false });
    await liisa.goto(`${server.baseUrl}/worker`);
    expect(path(liisa)).toBe('/worker');

    await clickAndWait(admin, admin.locator('#confirm button.danger'));
    expect(admin.url()).toContain(`/admin/people/${id}?saved=sessionsEnded`);
    expect(await admin.locator('#sessions ~ p.notice').first().textContent()).toContain('Kaikki kirjautumiset päätetty.');
    expect(await admin.locator('[data-sessions]').getAttribute('data-sessions')).toBe('0');
    await liisa.goto(`${server.baseUrl}/worker`);
    expect(path(liisa)).toBe('/login?ended=1');
    const adminId = (await personOf(STAFF.admin)).id;
    const [event] = await querySql<{ kind: string; reason: string; by_id: number }>(server.dbFile, 'SELECT kind, reason, by_id FROM security_events WHERE person_id = ? ORDER BY id DESC LIMIT 1', [id]);
    expect(event).toEqual({ kind: 'sessions_ended', reason: 'by_admin', by_id: adminId });
  });
});
