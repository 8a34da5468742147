/**
 * Luvat (issue 6): the client gives a consent in four steps (with and without JavaScript),
 * withdraws it and sees the history; bad input gets an easy error and keeps the choices; a worker
 * checks consents at a glance and records a paper consent the client then sees; reminders 30 days
 * before the end; a family link is made by a worker, used at each level, and ended by the client
 * with immediate effect; only a legal representative may change consents for the client; the
 * worker's access log filters and exports. axe on every step in fi, sv and en (the pages
 * without answers in the accessibility sweep).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chooseLanguage, clickAndWait, h1, path, STAFF, useBrowser } from '../helpers/browser';
import { querySql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { expectNoAxeViolations, expectTargetSizes } from '../helpers/axe';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();
const people: Record<string, number> = {};

beforeAll(async () => {
  const rows = await querySql<{ id: number; email: string }>(server.dbFile, "SELECT id, email FROM people WHERE role <> 'client'");
  for (const r of rows) people[r.email.split('.')[0]] = r.id;
});

const consentCount = async (clientId: number) =>
  (await querySql<{ n: number }>(server.dbFile, 'SELECT COUNT(*) AS n FROM consents WHERE client_id = ?', [clientId]))[0].n;
const next = (page: Page) => clickAndWait(page, page.locator('button[name=nav][value=next]'));
const back = (page: Page) => clickAndWait(page, page.locator('button[name=nav][value=back]'));
const stepText = async (page: Page) => (await page.locator('.step-count').innerText()).trim();
/** The one error in the page's error summary (the layout's, under the heading). */
const alertText = async (page: Page) => (await page.locator('[role=alert] li').innerText()).trim();

/** Steps 1–3 of "Anna lupa" with correct answers; stops on step 4. */
async function answerSteps(page: Page, o: { recipient: string; name?: string; info: string[]; duration: 'half_year' | 'year' }) {
  await page.locator(`input[name=recipient][value=${o.recipient}]`).check();
  if (o.name) await page.locator('input[name=name]').fill(o.name);
  await next(page);
  for (const i of o.info) await page.locator(`input[name=info][value=${i}]`).check();
  await next(page);
  await page.locator(`input[name=duration][value=${o.duration}]`).check();
  await next(page);
}

describe('the client gives and withdraws a consent', () => {
  it('gives a consent in four steps with JavaScript: errors in easy words keep the choices, Back keeps them too', async () => {
    const page = await fixture.signedIn(server.baseUrl, 'aino');
    await page.goto(`${server.baseUrl}/client/consents`);
    expect(await page.locator('.consent-card[data-consent]').count()).toBe(0);
    await clickAndWait(page, page.locator('a[href="/client/consents/give"]'));
    expect(await stepText(page)).toBe('Vaihe 1 / 4');
    await expectNoAxeViolations(page, { client: true });
    await expectTargetSizes(page);

    // No recipient chosen.
    await next(page);
    expect(await alertText(page)).toBe('Valitse, kenelle annat luvan.');
    expect(await stepText(page)).toBe('Vaihe 1 / 4');
    // "Muu paikka" needs a name; the choice is kept with the error.
    await page.locator('input[name=recipient][value=other]').check();
    await next(page);
    expect(await alertText(page)).toBe('Kirjoita nimi. Kenelle annat luvan?');
    expect(await page.locator('input[name=recipient][value=other]').isChecked()).toBe(true);
    await page.locator('input[name=name]').fill('Kuntosali Voima');
    await next(page);
    expect(await stepText(page)).toBe('Vaihe 2 / 4');
    await expectNoAxeViolations(page, { client: true });
    await expectTargetSizes(page);

    // No information chosen.
    await next(page);
    expect(await alertText(page)).toBe('Valitse ainakin yksi asia.');
    await page.locator('input[name=info][value=schedule]').check();
    await page.locator('input[name=info][value=contact]').check();
    await next(page);
    expect(await stepText(page)).toBe('Vaihe 3 / 4');

    // A day in the past is refused; what was typed stays.
    await page.locator('input[name=duration][value=date]').check();
    await page.locator('input[name=date]').fill('2020-01-01');
    await next(page);
    expect(await alertText(page)).toBe('Päivä on jo mennyt. Valitse tuleva päivä.');
    expect(await page.locator('input[name=date]').inputValue()).toBe('2020-01-01');
    expect(await page.locator('input[name=duration][value=date]').isChecked()).toBe(true);
    await expectNoAxeViolations(page, { client: true });

    // Back to step 1 and forward again: every choice is still there.
    await back(page);
    expect(await stepText(page)).toBe('Vaihe 2 / 4');
    expect(await page.locator('input[name=info][value=schedule]').isChecked()).toBe(true);
    expect(await page.locator('input[name=info][value=contact]').isChecked()).toBe(true);
    await back(page);
    expect(await page.locator('input[name=recipient][value=other]').isChecked()).toBe(true);
    expect(await page.locator('input[name=name]').inputValue()).toBe('Kuntosali Voima');
    await next(page);
    await next(page);
    expect(await page.locator('input[name=date]').inputValue()).toBe('2020-01-01');
    await page.locator('input[name=date]').fill('2027-06-30');
    await next(page);

    // Step 4 repeats everything in easy words.
    expect(await stepText(page)).toBe('Vaihe 4 / 4');
    const summary = await page.locator('.consent-summary').innerText();
    expect(summary).toContain('Kenelle: Muu paikka: Kuntosali Voima');
    expect(summary).toContain('Työaikataulu ja läsnäolo');
    expect(summary).toContain('Yhteystiedot');
    expect(summary).toContain('He voivat auttaa sinua.');
    expect(summary).toContain('Lupa on voimassa keskiviikkoon 30.6.2027 asti.');
    expect(summary).toContain('Voit perua luvan milloin vain.');
    await expectNoAxeViolations(page, { client: true });
    await expectTargetSizes(page);

    // A double tap on "Vahvista lupa" gives one consent.
    const confirm = page.locator('button[name=nav][value=confirm]');
    await confirm.dblclick();
    // The second tap sends the form again and the browser drops the first navigation (a
    // waitForURL may then fail with ERR_ABORTED), so wait for where the page lands instead.
    await expect
      .poll(() => new URL(page.url()).pathname, { timeout: 20_000 })
      .toBe('/client/consents');
    await page.waitForLoadState('load');
    expect(await consentCount(ids.aino)).toBe(1);
    expect(await page.locator('[role=status]').innerText()).toContain('Lupa on annettu.');
    const card = page.locator('.consent-card[data-consent]');
    expect(await card.count()).toBe(1);
    const text = await card.innerText();
    expect(text).toContain('Muu paikka: Kuntosali Voima');
    expect(text).toContain('Kyllä, saa tietää');
    expect(text).toContain('keskiviikkoon 30.6.2027 asti');
    // (The four answers refused on purpose above came with status 400: the browser notes those.)
    expect(fixture.problems(page).errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
  });

  it('works without JavaScript, and a resent confirmation makes no second consent', async () => {
    const page = await fixture.signedIn(server.baseUrl, 'jukka', { javaScriptEnabled: false });
    await page.goto(`${server.baseUrl}/client/consents/give`);
    await answerSteps(page, { recipient: 'housing', name: 'Koivukoti', info: ['medication'], duration: 'year' });
    expect(await stepText(page)).toBe('Vaihe 4 / 4');
    // The confirm form as it is, posted twice (as a resent form would be).
    const fields: [string, string][] = [];
    for (const input of await page.locator('form.consent-step input[type=hidden]').all()) {
      fields.push([(await input.getAttribute('name'))!, (await input.getAttribute('value')) ?? '']);
    }
    expect(fields.length).toBeGreaterThan(0);
    await clickAndWait(page, page.locator('button[name=nav][value=confirm]'));
    expect(path(page)).toBe('/client/consents?done=given');
    const body = new URLSearchParams([...fields, ['nav', 'confirm']]).toString();
    const again = await page.request.post(`${server.baseUrl}/client/consents/give`, {
      headers: { origin: server.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
      data: body,
      maxRedirects: 0,
    });
    expect(again.status()).toBe(303);
    expect(await consentCount(ids.jukka)).toBe(1);
  });

  it('an unknown information type gets an easy error and keeps the other choices', async () => {
    const page = await fixture.signedIn(server.baseUrl, 'ville');
    await page.goto(`${server.baseUrl}/client/consents/give`);
    await page.locator('input[name=recipient][value=kela]').check();
    await next(page);
    await page.locator('input[name=info][value=contact]').check();
    // A form changed on the way (an old page, a tampered post): an information type that does not exist.
    await page.locator('form.consent-step').evaluate((f) => {
      const extra = document.createElement('input');
      Object.assign(extra, { type: 'hidden', name: 'info', value: 'bank-account' });
      f.appendChild(extra);
    });
    await next(page);
    expect(await stepText(page)).toBe('Vaihe 2 / 4');
    expect(await alertText(page)).toBe('Yksi valinta oli outo. Tarkista valinnat.');
    expect(await page.locator('input[name=info][value=contact]').isChecked()).toBe(true);
    expect(await page.locator('input[name=recipient]').first().getAttribute('value')).toBe('kela');
  });

  it('withdraws a consent with one button and one question; it moves to the history at once', async () => {
    const page = await fixture.signedIn(server.baseUrl, 'matti');
    await page.goto(`${server.baseUrl}/client/consents`);
    const te = page.locator('.consent-card', { hasText: 'TE-palvelut' });
    await clickAndWait(page, te.locator('a', { hasText: 'Peru lupa' }));
    expect(await h1(page)).toBe('Peru lupa');
    expect(await page.locator('main').innerText()).toContain('Haluatko perua luvan? TE-palvelut');
    await expectNoAxeViolations(page, { client: true });
    await expectTargetSizes(page);
    await clickAndWait(page, page.locator('button', { hasText: 'Kyllä, peru lupa' }));
    expect(path(page)).toBe('/client/consents?done=withdrawn');
    expect(await page.locator('[role=status]').innerText()).toContain('Lupa on peruttu.');
    expect(await page.locator('.consent-card', { hasText: 'TE-palvelut' }).count()).toBe(0);

    await clickAndWait(page, page.locator('a[href="/client/consents/history"]'));
    const first = page.locator('.consent-history > li').first();
    expect(await first.innerText()).toContain('Perusit luvan.');
    expect(await first.innerText()).toContain('TE-palvelut. Tiedot: Suunnitelma ja tavoitteet, Työaikataulu ja läsnäolo.');
    const all = await page.locator('.consent-history').innerText();
    expect(all).toContain('Liisa Ohjaaja kirjasi paperilla annetun luvan.');
    expect(all).toContain('Edunvalvoja Anja Korhonen antoi luvan.');
    expect(all).toContain('Lupa päättyi.');
    await expectNoAxeViolations(page, { client: true });
    await expectTargetSizes(page);
  });

  it('shows a reminder 30 days before a consent ends, to the client and to the worker', async () => {
    const matti = await fixture.signedIn(server.baseUrl, 'matti');
    // On the home page, where the client starts, and on Luvat.
    expect(await matti.locator('main [data-reminder] a[href="/client/consents"]').innerText()).toContain('1 lupa päättyy pian.');
    await matti.goto(`${server.baseUrl}/client/consents`);
    expect(await matti.locator('main > [data-reminder]').innerText()).toContain('1 lupa päättyy pian.');
    expect(await matti.locator('.consent-card', { hasText: 'Koivukoti' }).locator('[data-reminder]').count()).toBe(1);
    expect(await matti.locator('.consent-card', { hasText: 'Porin terveyskeskus' }).locator('[data-reminder]').count()).toBe(0);

    const liisa = await fixture.signedIn(server.baseUrl, { email: STAFF.worker });
    expect(await liisa.locator('[data-reminder]').innerText()).toContain('Matti Virtanen: Asumisyksikkö: Koivukoti, päättyy');
  });
});

describe('a worker and consents', () => {
  it('checks consents at a glance and records a paper consent, which the client then sees', async () => {
    const liisa = await fixture.signedIn(server.baseUrl, { email: STAFF.worker });
    await liisa.goto(`${server.baseUrl}/worker/clients/${ids.jukka}/consents`);
    expect(await liisa.locator('main').innerText()).toContain('Saako Asumisyksikkö: Koivukoti tietää: lääkitys? Kyllä,');
    await expectNoAxeViolations(liisa, { client: false });

    // Bad input: no information chosen, an end date in the past, a signing day in the future.
    await liisa.locator('select[name=recipient]').selectOption('health_centre');
    await liisa.locator('input[name=name]').fill('Rauman terveyskeskus');
    await liisa.locator('input[name=ends_on]').fill('2020-12-31');
    await liisa.locator('input[name=signed_on]').fill('2099-01-01');
    await liisa.locator('input[name=witness]').fill('Pekka Valmentaja');
    await clickAndWait(liisa, liisa.locator('button', { hasText: 'Tallenna lupa' }));
    const summary = await liisa.locator('#error-summary').innerText();
    expect(summary).toContain('Valitse vähintään yksi tieto.');
    expect(summary).toContain('Päättymispäivä on jo mennyt.');
    expect(summary).toContain('Allekirjoituspäivä ei voi olla tulevaisuudessa.');
    expect(await liisa.locator('input[name=name]').inputValue()).toBe('Rauman terveyskeskus');
    expect(await liisa.locator('input[name=witness]').inputValue()).toBe('Pekka Valmentaja');
    expect(await liisa.locator('select[name=recipient]').inputValue()).toBe('health_centre');
    await expectNoAxeViolations(liisa, { client: false });

    await liisa.locator('input[name=info][value=medication]').check();
    await liisa.locator('input[name=info][value=health]').check();
    await liisa.locator('input[name=ends_on]').fill('2027-10-31');
    await liisa.locator('input[name=signed_on]').fill('2026-11-20');
    await clickAndWait(liisa, liisa.locator('button', { hasText: 'Tallenna lupa' }));
    expect(await liisa.locator('[role=status]').innerText()).toContain('Lupa tallennettiin.');
    const glance = await liisa.locator('.consent-glance').innerText();
    expect(glance).toContain('Saako Terveyskeskus: Rauman terveyskeskus tietää: terveystiedot? Kyllä, 31.10.2027 asti.');

    const jukka = await fixture.signedIn(server.baseUrl, 'jukka');
    await jukka.goto(`${server.baseUrl}/client/consents`);
    const card = jukka.locator('.consent-card', { hasText: 'Rauman terveyskeskus' });
    expect(await card.innerText()).toContain('Paperilla annettu lupa. Allekirjoitettu 20.11.2026.');
    expect(await card.innerText()).toContain('sunnuntaihin 31.10.2027 asti');
    await jukka.goto(`${server.baseUrl}/client/consents/history`);
    expect(await jukka.locator('.consent-history > li').first().innerText()).toContain('Liisa Ohjaaja kirjasi paperilla annetun luvan.');
  });

  it('filters the access log and exports it as CSV for a data request', async () => {
    const maija = await fixture.signedIn(server.baseUrl, { email: STAFF.family });
    await maija.goto(`${server.baseUrl}/family/${ids.matti}/money`);
    const helena = await fixture.signedIn(server.baseUrl, { email: STAFF.admin });
    await helena.goto(`${server.baseUrl}/worker/clients/${ids.matti}/access-log?actor=${people.maija}&topic=money`);
    const rows = helena.locator('table.access-log-table tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    for (const r of await rows.all()) {
      expect(await r.getAttribute('data-actor')).toBe(String(people.maija));
      expect(await r.getAttribute('data-topic')).toBe('money');
    }
    await expectNoAxeViolations(helena, { client: false });
    // A wrong day is an error, not a 500.
    const bad = await helena.goto(`${server.baseUrl}/worker/clients/${ids.matti}/access-log?from=eilen`);
    expect(bad!.status()).toBe(400);
    expect(await helena.locator('[role=alert]').innerText()).toContain('Anna päivä muodossa 24.11.2026.');

    const csv = await helena.request.get(`${server.baseUrl}/worker/clients/${ids.matti}/access-log.csv?actor=${people.maija}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    // Words beside codes (see tests/e2e/readable-logs.test.ts).
    expect(lines[0]).toBe('Aika;Aika (UTC);Katsoja;Katsojan rooli;Peruste;Perustekoodi;Aihe;Toiminto;Toimintokoodi;Sivu');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.split(';')[2] === 'Maija Virtanen' && l.split(';')[4] === 'Läheinen' && l.split(';')[5] === 'family')).toBe(true);
    expect(lines.some((l) => l.endsWith(`;Raha;Raha;money;/family/${ids.matti}/money`))).toBe(true);

    // Another unit's admin gets neither the page nor the file.
    const olli = await fixture.signedIn(server.baseUrl, { email: STAFF.adminB });
    expect((await olli.goto(`${server.baseUrl}/worker/clients/${ids.matti}/access-log`))!.status()).toBe(403);
    expect((await olli.request.get(`${server.baseUrl}/worker/clients/${ids.matti}/access-log.csv`)).status()).toBe(403);
  });
});

describe('family links', () => {
  it('Maija and Eero: full link, messages-only link, and consents they may see but not change', async () => {
    const maija = await fixture.signedIn(server.baseUrl, { email: STAFF.family });
    await maija.goto(`${server.baseUrl}/family/${ids.matti}/consents`);
    expect(await maija.locator('main').innerText()).toContain('Näet luvat. Vain asiakas tai edunvalvoja voi muuttaa niitä.');
    expect(await maija.locator('a', { hasText: 'Peru lupa' }).count()).toBe(0);
    expect(await maija.locator('a', { hasText: 'Anna lupa' }).count()).toBe(0);
    await expectNoAxeViolations(maija, { client: true });
    // Her link rests on Matti's agreement only: changing consents is refused on the server.
    expect((await maija.goto(`${server.baseUrl}/family/${ids.matti}/consents/give`))!.status()).toBe(403);
    const post = await maija.request.post(`${server.baseUrl}/family/${ids.matti}/consents/withdraw`, {
      headers: { origin: server.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
      data: 'id=1',
      maxRedirects: 0,
    });
    expect(post.status()).toBe(403);
    // Full level: the plan and the write form.
    expect((await maija.goto(`${server.baseUrl}/family/${ids.matti}/plan`))!.status()).toBe(200);
    await maija.goto(`${server.baseUrl}/family/${ids.matti}/messages`);
    expect(await maija.locator('textarea[name=body]').count()).toBe(1);

    const eero = await fixture.signedIn(server.baseUrl, { email: STAFF.familyMessages });
    expect((await eero.goto(`${server.baseUrl}/family/${ids.matti}/plan`))!.status()).toBe(403);
    expect((await eero.goto(`${server.baseUrl}/family/${ids.matti}/consents`))!.status()).toBe(403);
    await eero.goto(`${server.baseUrl}/family/${ids.matti}/messages`);
    expect(await eero.locator('textarea[name=body]').count()).toBe(1);
  });

  it('Anja, the edunvalvoja with a read-only link: reads, writes no messages, gives a consent for Matti', async () => {
    const anja = await fixture.signedIn(server.baseUrl, { email: STAFF.familyGuardian });
    expect((await anja.goto(`${server.baseUrl}/family/${ids.matti}/money`))!.status()).toBe(200);
    await anja.goto(`${server.baseUrl}/family/${ids.matti}/messages`);
    expect(await anja.locator('textarea[name=body]').count()).toBe(0);
    expect(await anja.locator('main').innerText()).toContain('Et voi lähettää viestejä.');

    await anja.goto(`${server.baseUrl}/family/${ids.matti}/consents`);
    expect(await anja.locator('main').innerText()).toContain('Olet edunvalvoja.');
    await clickAndWait(anja, anja.locator('a', { hasText: 'Anna lupa' }));
    await answerSteps(anja, { recipient: 'kela', info: ['contact', 'schedule'], duration: 'half_year' });
    await expectNoAxeViolations(anja, { client: true });
    await clickAndWait(anja, anja.locator('button[name=nav][value=confirm]'));
    expect(path(anja)).toBe(`/family/${ids.matti}/consents?done=given`);
    expect(await anja.locator('.consent-card', { hasText: 'Kela' }).count()).toBe(1);
    expect(await anja.locator('.consent-history > li').first().innerText()).toContain('Edunvalvoja Anja Korhonen antoi luvan.');
    const [row] = await querySql<{ given_as: string; given_by: number }>(server.dbFile, "SELECT given_as, given_by FROM consents WHERE client_id = ? AND recipient_type = 'kela' ORDER BY id DESC LIMIT 1", [ids.matti]);
    expect(row).toEqual({ given_as: 'legal_representative', given_by: people.anja });
  });

  it('a worker links a family member read-only; the client ends the link and the next request is refused', async () => {
    const liisa = await fixture.signedIn(server.baseUrl, { email: STAFF.worker });
    await liisa.goto(`${server.baseUrl}/worker/clients/${ids.jukka}/family`);
    await expectNoAxeViolations(liisa, { client: false });
    // Errors first: a legal role without a note, no level (whether an email has an account is never said).
    await liisa.locator('input[name=email]').fill('ei.ketaan@demo.omapolku.fi');
    await liisa.locator('input[name=basis][value=guardian]').check();
    await clickAndWait(liisa, liisa.locator('button', { hasText: 'Tallenna linkki' }));
    const summary = await liisa.locator('#error-summary').innerText();
    expect(summary).not.toContain('sähköpost');
    expect(summary).toContain('Kirjoita merkintä: laillisen edustuksen peruste.');
    expect(summary).toContain('Valitse taso.');
    expect(await liisa.locator('input[name=basis][value=guardian]').isChecked()).toBe(true);
    await expectNoAxeViolations(liisa, { client: false });

    await liisa.locator('input[name=email]').fill(STAFF.family);
    await liisa.locator('input[name=basis][value=client_agreement]').check();
    await liisa.locator('input[name=note]').fill('Jukka kertoi suostumuksestaan 22.11.');
    await liisa.locator('input[name=level][value=read_only]').check();
    await clickAndWait(liisa, liisa.locator('button', { hasText: 'Tallenna linkki' }));
    expect(await liisa.locator('[role=status]').innerText()).toContain('Jos tällä sähköpostilla on läheisen tili, linkki on nyt tehty');
    expect(await liisa.locator('tr[data-link]', { hasText: 'Maija Virtanen' }).count()).toBe(1);

    const maija = await fixture.signedIn(server.baseUrl, { email: STAFF.family });
    expect((await maija.goto(`${server.baseUrl}/family/${ids.jukka}/plan`))!.status()).toBe(200);
    await maija.goto(`${server.baseUrl}/family/${ids.jukka}/messages`);
    expect(await maija.locator('textarea[name=body]').count()).toBe(0);

    const jukka = await fixture.signedIn(server.baseUrl, 'jukka');
    await jukka.goto(`${server.baseUrl}/client/consents`);
    const card = jukka.locator('.consent-card[data-link]', { hasText: 'Maija Virtanen' });
    // A read-only link reads the conversation too: the client is told so.
    expect(await card.innerText()).toContain('Voi katsoa tietojasi ja lukea viestisi. Ei voi lähettää viestejä.');
    await clickAndWait(jukka, card.locator('a', { hasText: 'Lopeta' }));
    expect(await jukka.locator('main').innerText()).toContain('Haluatko lopettaa tämän? Maija Virtanen ei voi enää asioida puolestasi.');
    await expectNoAxeViolations(jukka, { client: true });
    await expectTargetSizes(jukka);
    await clickAndWait(jukka, jukka.locator('button', { hasText: 'Kyllä, lopeta' }));
    expect(await jukka.locator('[role=status]').innerText()).toContain('Läheisen lupa on lopetettu.');
    expect(await jukka.locator('.consent-card[data-link]').count()).toBe(0);

    // At once: Maija's very next request is refused, and Jukka is gone from her home page.
    expect((await maija.goto(`${server.baseUrl}/family/${ids.jukka}/plan`))!.status()).toBe(403);
    await maija.goto(`${server.baseUrl}/family`);
    expect(await maija.locator('main').innerText()).not.toContain('Jukka Niemi');
    // The worker sees who ended it.
    await liisa.goto(`${server.baseUrl}/worker/clients/${ids.jukka}/family`);
    expect(await liisa.locator('main').innerText()).toContain('Päättynyt, Jukka Niemi');
  });
});

describe('giving a consent in fi, sv and en', () => {
  // The first step and the other consent pages are checked in every language by the
  // accessibility sweep; the later steps come only after answers, so they are checked here, one
  // language a test.
  it.each(['sv', 'en', 'fi'] as const)('steps 2 to 4 pass axe with 44 px targets in %s', async (lang) => {
    const page = await fixture.signedIn(server.baseUrl, 'ville');
    await page.goto(`${server.baseUrl}/client/consents/give`);
    await chooseLanguage(page, lang);
    await page.locator('input[name=recipient][value=workplace]').check();
    await next(page);
    for (let step = 2; step <= 4; step++) {
      expect(await stepText(page)).toMatch(new RegExp(`\\b${step}\\D+4$`));
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await expectNoAxeViolations(page, { client: true });
      await expectTargetSizes(page);
      if (step === 2) await page.locator('input[name=info][value=schedule]').check();
      if (step === 3) await page.locator('input[name=duration][value=year]').check();
      if (step < 4) await next(page);
    }
  });
});
