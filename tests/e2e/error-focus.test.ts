/**
 * A form sent back with an error opens at its error, not at the top of the page (issue 14,
 * point 7): the form posts to `#error-summary` of the page's clean path, so after the post the
 * address ends in #error-summary, the summary is on the tablet's screen (768×1024) and focused,
 * and no success notice of an earlier send stays beside it. The same with JavaScript off: the
 * fragment does it, no script. One test per kind of form, for clients and family members.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickAndWait, path, STAFF, useBrowser } from '../helpers/browser';
import { querySql, runSql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();
const VIEWPORT = { width: 768, height: 1024 };

/** The page opened at its error summary, focused and on screen, with no success notice. */
async function expectOpensAtError(page: Page, text: string, at: string) {
  const url = new URL(page.url());
  expect(url.hash, page.url()).toBe('#error-summary');
  expect(url.pathname + url.search).toBe(at);
  const summary = page.locator('#error-summary');
  expect(await summary.count()).toBe(1);
  expect(await summary.innerText()).toContain(text);
  const box = (await summary.boundingBox())!;
  expect(box.y, 'the summary starts on the screen').toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, 'the summary ends on the screen').toBeLessThanOrEqual(VIEWPORT.height);
  // (A selector, not evaluate: it works with the page's JavaScript off as well.)
  expect(await page.locator('#error-summary:focus').count(), 'the summary has the focus').toBe(1);
  expect(await page.locator('.notice.ok, [role=status].ok').count(), 'no success notice beside the error').toBe(0);
}

const send = (page: Page, selector = 'form.write-message button[type=submit]') => clickAndWait(page, page.locator(selector));

describe.each([
  ['without JavaScript', false],
  ['with JavaScript', true],
])('a form with an error opens at its error (%s)', (_, javaScriptEnabled) => {
  const options = { javaScriptEnabled, viewport: VIEWPORT };

  it('Viestit: "Kirjoita ensin viesti." right after a sent message, without "Viesti on lähetetty."', async () => {
    const page = await fixture.signedIn(server.baseUrl, 'matti', options);
    await page.goto(`${server.baseUrl}/client/messages`);
    await page.locator('textarea[name=body]').fill(`Tulen huomenna (${javaScriptEnabled ? 'js' : 'ei js'}).`);
    await send(page);
    expect(page.url()).toMatch(/\/client\/messages\?sent=1#latest$/);
    expect(await page.locator('.notice.ok[role=status]').innerText()).toContain('Viesti on lähetetty.');

    await page.locator('textarea[name=body]').fill('');
    await send(page);
    await expectOpensAtError(page, 'Kirjoita ensin viesti.', '/client/messages');
  });

  it('Ilmoita poissaolo: a step without an answer', async () => {
    const page = await fixture.signedIn(server.baseUrl, 'matti', options);
    await page.goto(`${server.baseUrl}/client/attendance/report`);
    await send(page, 'button[name=nav][value=next]');
    await expectOpensAtError(page, 'Valitse päivä.', '/client/attendance/report');
  });

  it('Anna lupa: step 2 without a choice, for the client and for a legal representative', async () => {
    const page = await fixture.signedIn(server.baseUrl, 'matti', options);
    await page.goto(`${server.baseUrl}/client/consents/give`);
    await page.locator('input[name=recipient][value=housing]').check();
    await send(page, 'button[name=nav][value=next]');
    await send(page, 'button[name=nav][value=next]');
    await expectOpensAtError(page, 'Valitse ainakin yksi asia.', '/client/consents/give');

    const anja = await fixture.signedIn(server.baseUrl, { email: STAFF.familyGuardian }, options);
    await anja.goto(`${server.baseUrl}/family/${ids.matti}/consents/give`);
    await send(anja, 'button[name=nav][value=next]');
    await expectOpensAtError(anja, 'Valitse, kenelle annat luvan.', `/family/${ids.matti}/consents/give`);
  });

  it('Peru lupa: a consent replaced meanwhile opens at "Tätä lupaa ei löytynyt."', async () => {
    const page = await fixture.signedIn(server.baseUrl, 'matti', options);
    await page.goto(`${server.baseUrl}/client/consents`);
    await clickAndWait(page, page.locator('.consent-card a[href^="/client/consents/withdraw?id="]').first());
    const at = path(page);
    const consentId = Number(new URL(page.url()).searchParams.get('id'));
    // While the question is on the screen, the worker records a new paper consent in its place.
    const [worker] = await querySql<{ id: number }>(server.dbFile, 'SELECT id FROM people WHERE email = ?', [STAFF.worker]);
    await runSql(server.dbFile, [["INSERT INTO consent_endings (consent_id, reason, ended_by, ended_as, ended_at) VALUES (?, 'replaced', ?, 'worker', ?)", [consentId, worker.id, Date.now()]]]);
    await clickAndWait(page, page.locator('button', { hasText: 'Kyllä, peru lupa' }));
    await expectOpensAtError(page, 'Tätä lupaa ei löytynyt.', at);
  });

  it('Läsnäolo: a report that can no longer be cancelled opens at the reason', async () => {
    const page = await fixture.signedIn(server.baseUrl, 'matti', options);
    await page.goto(`${server.baseUrl}/client/attendance/report`);
    await page.locator('input[name=when][value=today]').check();
    await send(page, 'button[name=nav][value=next]');
    await page.locator('input[name=reason][value=sick]').check();
    await send(page, 'button[name=nav][value=next]');
    await send(page, 'button[name=nav][value=send]');
    // A success carries an anchor to its notice.
    expect(page.url()).toMatch(/\/client\/attendance\?reported=\d+#notice$/);
    const reportId = Number(new URL(page.url()).searchParams.get('reported'));
    expect(await page.locator('#notice.notice.ok').count()).toBe(1);

    await page.goto(`${server.baseUrl}/client/attendance?cancel=${reportId}#open-reports`);
    // The worker confirms the day before the client presses "Kyllä".
    await runSql(server.dbFile, [['UPDATE absence_report_days SET confirmed_at = ? WHERE report_id = ?', [Date.now(), reportId]]]);
    await send(page, 'form.confirm button[type=submit]');
    await expectOpensAtError(page, 'Ilmoitusta ei voi enää perua.', '/client/attendance');
    expect((await querySql<{ cancelled_at: number | null }>(server.dbFile, 'SELECT cancelled_at FROM absence_reports WHERE id = ?', [reportId]))[0].cancelled_at).toBeNull();
  });

  it('a family member’s Viestit: the error without the earlier "Viesti on lähetetty."', async () => {
    const maija = await fixture.signedIn(server.baseUrl, { email: STAFF.family }, options);
    await maija.goto(`${server.baseUrl}/family/${ids.matti}/messages`);
    await maija.locator('textarea[name=body]').fill('Matti tulee huomenna myöhemmin.');
    await send(maija);
    expect(maija.url()).toMatch(/\?sent=1#latest$/);
    await maija.locator('textarea[name=body]').fill('');
    await send(maija);
    await expectOpensAtError(maija, 'Kirjoita ensin viesti.', `/family/${ids.matti}/messages`);
  });
});
