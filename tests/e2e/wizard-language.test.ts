/**
 * Multi-step forms and the page tools (issue 14, points 8 and 14): changing the language or the
 * text size in the middle of "Anna lupa" or "Ilmoita poissaolo" keeps the step and every choice,
 * also the ones ticked on this step but not sent yet, and the finished record is what was chosen.
 * The steps themselves: step 2 says one or many may be chosen, "Peruuta ja palaa" and every other
 * target is 44 px at least, the last step's box has room before its buttons, and a confirmation
 * that ends something looks like a warning.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickAndWait, path, useBrowser } from '../helpers/browser';
import { querySql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { expectNoAxeViolations, expectTargetSizes, findSmallTargets } from '../helpers/axe';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();

const next = (page: Page) => clickAndWait(page, page.locator('button[name=nav][value=next]'));
const stepText = async (page: Page) => (await page.locator('.step-count').innerText()).trim();
const lang = (page: Page) => page.locator('html').getAttribute('lang');
/** A language button of the page tools (no check of the address: the step stays on its page). */
const switchTo = (page: Page, code: 'fi' | 'sv' | 'en') => clickAndWait(page, page.locator(`button[name=lang][value=${code}]`));
const checked = (page: Page, name: string) =>
  page.locator(`input[name=${name}]:checked`).evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));

describe('switching language in the middle of a multi-step form', () => {
  it('Anna lupa (without JavaScript): the step and the choices stay, also those not sent yet; the consent is what was chosen', async () => {
    const page = await fixture.signedIn(server.baseUrl, 'aino', { javaScriptEnabled: false });
    await page.goto(`${server.baseUrl}/client/consents/give`);
    await page.locator('input[name=recipient][value=other]').check();
    await page.locator('input[name=name]').fill('Kuntosali Voima');
    await next(page);
    expect(await stepText(page)).toBe('Vaihe 2 / 4');
    expect(await page.locator('#info-hint').innerText()).toBe('Voit valita yhden tai monta.');
    // Two ticked, not sent yet: then Svenska.
    await page.locator('input[name=info][value=schedule]').check();
    await page.locator('input[name=info][value=contact]').check();
    await switchTo(page, 'sv');
    expect(await lang(page)).toBe('sv');
    expect(path(page)).toBe('/client/consents/give');
    expect(await stepText(page)).toBe('Steg 2 / 4');
    expect(await checked(page, 'info')).toEqual(['schedule', 'contact']);
    expect(await page.locator('#info-hint').innerText()).toBe('Du kan välja ett eller flera.');
    // No error: nothing was checked aloud.
    expect(await page.locator('#error-summary').count()).toBe(0);
    // A bigger text keeps them too.
    await clickAndWait(page, page.locator('button[name=size][value="125"]'));
    expect(await page.locator('html').getAttribute('class')).toBe('text-125');
    expect(await checked(page, 'info')).toEqual(['schedule', 'contact']);
    await clickAndWait(page, page.locator('button[name=size][value="100"]'));

    await next(page);
    await page.locator('input[name=duration][value=year]').check();
    await next(page);
    expect(await stepText(page)).toBe('Steg 4 / 4');
    expect(await page.locator('.consent-summary').innerText()).toContain('Kuntosali Voima');
    await switchTo(page, 'en');
    expect(await stepText(page)).toBe('Step 4 of 4');
    expect(await page.locator('.consent-summary').innerText()).toContain('Kuntosali Voima');
    // (axe needs the page's timers, which do not run with JavaScript off: it runs on the JS test.)
    await expectTargetSizes(page);

    await clickAndWait(page, page.locator('button[name=nav][value=confirm]'));
    expect(path(page)).toBe('/client/consents?done=given');
    const [consent] = await querySql<{ id: number; recipient_type: string; recipient_name: string }>(
      server.dbFile,
      'SELECT id, recipient_type, recipient_name FROM consents WHERE client_id = ? ORDER BY id DESC LIMIT 1',
      [ids.aino],
    );
    expect(consent).toMatchObject({ recipient_type: 'other', recipient_name: 'Kuntosali Voima' });
    const info = await querySql<{ info_type: string }>(server.dbFile, 'SELECT info_type FROM consent_information WHERE consent_id = ? ORDER BY info_type', [consent.id]);
    expect(info.map((i) => i.info_type)).toEqual(['contact', 'schedule']);
    await switchTo(page, 'fi');
  });

  it('Ilmoita poissaolo (with JavaScript): the picked days and the words stay; the report is what was chosen', async () => {
    const page = await fixture.signedIn(server.baseUrl, 'matti');
    await page.goto(`${server.baseUrl}/client/attendance/report`);
    await page.locator('input[name=when][value=pick]').check();
    await next(page);
    const days = await page.locator('input[name=day]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(days.length).toBeGreaterThanOrEqual(3);
    const chosen = [days[1], days[2]];
    for (const d of chosen) await page.locator(`input[name=day][value="${d}"]`).check();
    await switchTo(page, 'sv');
    expect(await lang(page)).toBe('sv');
    expect(path(page)).toBe('/client/attendance/report');
    expect(await checked(page, 'day')).toEqual(chosen);
    await next(page);
    await page.locator('input[name=reason][value=doctor]').check();
    await next(page);
    await page.locator('input[name=words]').fill('Hammaslääkäri');
    await switchTo(page, 'en');
    expect(await lang(page)).toBe('en');
    expect(await stepText(page)).toBe('Step 3 of 3');
    expect(await page.locator('input[name=words]').inputValue()).toBe('Hammaslääkäri');
    await expectNoAxeViolations(page, { client: true });
    await expectTargetSizes(page);

    await clickAndWait(page, page.locator('button[name=nav][value=send]'));
    expect(path(page)).toMatch(/^\/client\/attendance\?reported=\d+$/);
    const reportId = Number(new URL(page.url()).searchParams.get('reported'));
    const [report] = await querySql<{ reason: string; words: string }>(server.dbFile, 'SELECT reason, words FROM absence_reports WHERE id = ?', [reportId]);
    expect(report).toEqual({ reason: 'doctor', words: 'Hammaslääkäri' });
    const reported = await querySql<{ day: string }>(server.dbFile, 'SELECT day FROM absence_report_days WHERE report_id = ? ORDER BY day', [reportId]);
    expect(reported.map((r) => r.day)).toEqual([...chosen].sort());
    await switchTo(page, 'fi');
  });
});

describe('the steps are easy to see and to tap', () => {
  it('"Peruuta ja palaa" is a 44 px target on every step; the summary box does not touch its buttons', async () => {
    const page = await fixture.signedIn(server.baseUrl, 'jukka');
    await page.goto(`${server.baseUrl}/client/consents/give`);
    const cancel = page.locator('a[href="/client/consents"]', { hasText: 'Peruuta ja palaa' });
    expect((await cancel.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await page.locator('input[name=recipient][value=kela]').check();
    await next(page);
    await page.locator('input[name=info][value=plan]').check();
    await next(page);
    await page.locator('input[name=duration][value=half_year]').check();
    await next(page);
    expect(await stepText(page)).toBe('Vaihe 4 / 4');
    const box = (await page.locator('.consent-summary').boundingBox())!;
    const buttons = (await page.locator('.consent-step .step-buttons').boundingBox())!;
    expect(buttons.y - (box.y + box.height), 'room between the summary and its buttons').toBeGreaterThanOrEqual(16);
    expect((await cancel.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await expectTargetSizes(page);

    await page.goto(`${server.baseUrl}/client/attendance/report`);
    expect((await page.locator('a[href="/client/attendance"]', { hasText: 'Peruuta ja palaa' }).boundingBox())!.height).toBeGreaterThanOrEqual(44);
  });

  it('"Kyllä, peru lupa" and "Kyllä, lopeta" look like a warning (danger), not like the usual next step', async () => {
    const page = await fixture.signedIn(server.baseUrl, 'matti');
    await page.goto(`${server.baseUrl}/client/consents`);
    await clickAndWait(page, page.locator('.consent-card a[href^="/client/consents/withdraw?id="]').first());
    const yes = page.locator('form.step-buttons button[type=submit]');
    expect(await yes.getAttribute('class')).toContain('danger');
    expect(await yes.getAttribute('class')).not.toContain('primary');
    // White on the danger red (AAA: 7:1 at least, checked by axe on client pages).
    expect(await yes.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(138, 16, 16)');
    await expectNoAxeViolations(page, { client: true });

    await page.goto(`${server.baseUrl}/client/consents`);
    await clickAndWait(page, page.locator('a[href^="/client/consents/end-link?id="]').first());
    expect(await page.locator('form.step-buttons button[type=submit]').getAttribute('class')).toContain('danger');
    await expectNoAxeViolations(page, { client: true });
  });

  it('the 44 px check counts a link alone in its paragraph, and lets a link inside a sentence be', async () => {
    const page = await fixture.newPage();
    await page.setContent(`<main>
      <p><a id="alone" href="/x">Peruuta ja palaa</a></p>
      <p>Lue lisää <a id="inline" href="/y">ohjeesta</a>, jos haluat.</p>
    </main>`);
    const offenders = await findSmallTargets(page);
    expect(offenders.map((o) => o.selector)).toEqual(['a#alone']);
  });
});
