/**
 * Texts a worker writes for a client, in the client's own language (issue 14, point 16): the plan
 * and goal editors say which language the client reads and take the summary and goal titles in
 * it; the client reading Swedish sees them in Swedish, and a text that exists only in Finnish is
 * marked lang="fi" with a note in the reader's language. A family member reading English sees the
 * same fallback; a Finnish reader sees no note.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chooseLanguage, clickAndWait, path, STAFF, useBrowser } from '../helpers/browser';
import { querySql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { expectNoAxeViolations } from '../helpers/axe';
import { RECORDING_SPEECH } from '../helpers/speech';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();
const STAFF_VIEW = { viewport: { width: 1280, height: 800 } };

const goalId = async (title: string) =>
  (await querySql<{ id: number }>(server.dbFile, 'SELECT id FROM goals WHERE client_id = ? AND title = ?', [ids.aino, title]))[0].id;
const trimmed = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();

describe('texts in the client’s language', () => {
  it('a worker writes the summary and goal and step titles in Swedish for a client who reads Swedish, in editors that say the client reads Swedish', async () => {
    // Aino chooses svenska in the page tools: it is saved on her account, and staff see it.
    const aino = await fixture.signedIn(server.baseUrl, 'aino');
    await aino.goto(`${server.baseUrl}/client/plan`);
    await chooseLanguage(aino, 'sv');
    expect(await querySql(server.dbFile, 'SELECT language FROM people WHERE id = ?', [ids.aino])).toEqual([{ language: 'sv' }]);

    // The plan editor: the client's language, and the summary in Swedish beside the Finnish one.
    const pekka = await fixture.signedIn(server.baseUrl, { email: STAFF.substitute }, STAFF_VIEW);
    await pekka.goto(`${server.baseUrl}/worker/clients/${ids.aino}/plan`);
    expect(await trimmed(pekka, '#client-language strong')).toBe('Asiakas lukee ruotsia.');
    const swedishSummary = pekka.locator('textarea#summary_translation');
    expect(await swedishSummary.getAttribute('lang')).toBe('sv');
    expect(await pekka.locator('label[for=summary_translation]').textContent()).toContain('ruotsiksi');
    await swedishSummary.fill('Du arbetar på kaféet.\n\nDu kokar kaffe och diskar.');
    await clickAndWait(pekka, pekka.getByRole('button', { name: 'Tallenna uusi versio' }));
    expect(path(pekka)).toMatch(new RegExp(`^/worker/clients/${ids.aino}\\?saved=\\d+$`));
    const [saved] = await querySql<{ text: string }>(
      server.dbFile,
      `SELECT t.text FROM text_translations t JOIN plan_versions v ON v.id = t.record_id
        WHERE t.kind = 'plan_summary' AND t.lang = 'sv' AND v.client_id = ? ORDER BY v.version DESC LIMIT 1`,
      [ids.aino],
    );
    // (A form sends a textarea's line breaks as CRLF.)
    expect(saved.text.replace(/\r\n/g, '\n')).toBe('Du arbetar på kaféet.\n\nDu kokar kaffe och diskar.');
    const [audit] = await querySql<{ new_value: string }>(server.dbFile, "SELECT new_value FROM admin_audit WHERE action = 'save plan' AND target_id = ? ORDER BY id DESC LIMIT 1", [ids.aino]);
    expect(JSON.parse(audit.new_value)).toMatchObject({ summary_sv: saved.text });
    // The saved version shows both texts, each under its language.
    const version = Number(new URL(pekka.url()).searchParams.get('saved'));
    await pekka.goto(`${server.baseUrl}/worker/clients/${ids.aino}/plan-versions/${version}`);
    expect(await pekka.locator('dd[data-summary-in=sv][lang=sv]').textContent()).toContain('Du kokar kaffe och diskar.');

    // The goal editor: the bus goal gets its title in Swedish; a new step is written in Finnish only.
    const bus = await goalId('Kuljen bussilla yksin');
    await pekka.goto(`${server.baseUrl}/worker/clients/${ids.aino}/goals`);
    expect(await trimmed(pekka, '#client-language strong')).toBe('Asiakas lukee ruotsia.');
    const busEditor = pekka.locator(`#goal-${bus}`);
    expect(await busEditor.locator(`#title-${bus}-in`).inputValue()).toBe('');
    // Too long in Swedish: the error is at the Swedish field, and what was typed stays.
    await busEditor.locator(`#title-${bus}-in`).fill('Jag åker buss '.repeat(7));
    await clickAndWait(pekka, busEditor.locator(`#edit-${bus}`).getByRole('button', { name: 'Tallenna', exact: true }));
    expect(await pekka.locator(`#title-${bus}-in-error`).textContent()).toContain('Teksti asiakkaan kielellä on liian pitkä.');
    expect(await pekka.locator('#error-summary').textContent()).toContain('Teksti asiakkaan kielellä on liian pitkä.');
    expect(await busEditor.locator(`#title-${bus}-in`).inputValue()).toBe('Jag åker buss '.repeat(7));
    await busEditor.locator(`#title-${bus}-in`).fill('Jag åker buss själv');
    await clickAndWait(pekka, busEditor.locator(`#edit-${bus}`).getByRole('button', { name: 'Tallenna', exact: true }));
    await busEditor.locator(`#step-${bus}`).fill('Istun bussissa.');
    await clickAndWait(pekka, busEditor.getByRole('button', { name: 'Lisää askel' }));
    expect(await busEditor.locator(`#title-${bus}-in`).inputValue()).toBe('Jag åker buss själv');
    expect(await busEditor.locator('[data-step-in=missing]').count()).toBe(3);
    // A step written before in Finnish only gets its Swedish title afterwards.
    const [firstStep] = await querySql<{ id: number }>(server.dbFile, "SELECT id FROM goal_steps WHERE goal_id = ? AND title = 'Katson bussin numeron.'", [bus]);
    const stepForm = busEditor.locator('details.step-translation', { has: pekka.locator(`#step-${firstStep.id}-title-in`) });
    await stepForm.locator('summary').click();
    await stepForm.locator(`#step-${firstStep.id}-title-in`).fill('Jag tittar på bussens nummer.');
    await clickAndWait(pekka, stepForm.getByRole('button', { name: 'Tallenna', exact: true }));
    expect(await busEditor.locator('[data-step-in=missing]').count()).toBe(2);
    expect(await busEditor.locator('[data-step-in=sv]').textContent()).toContain('Jag tittar på bussens nummer.');
    await expectNoAxeViolations(pekka, { client: false });
  });

  // (Reads what the test above wrote: the worker's side and the client's are two tests of one story.)
  it('the client reading Swedish sees the Swedish texts, and the Finnish-only ones marked lang="fi" with a note in Swedish', async () => {
    const bus = await goalId('Kuljen bussilla yksin');
    const aino = await fixture.signedIn(server.baseUrl, 'aino');
    // Aino, in Swedish: the summary and the bus goal in Swedish, not marked as Finnish.
    await aino.goto(`${server.baseUrl}/client/plan`);
    const summary = aino.locator('section[aria-labelledby=plan-what] p');
    expect(await summary.allTextContents()).toContain('Du kokar kaffe och diskar.');
    expect(await aino.locator('section[aria-labelledby=plan-what] [lang=fi]').count()).toBe(0);
    expect(await aino.locator('section[aria-labelledby=plan-what] .only-finnish').count()).toBe(0);

    await aino.goto(`${server.baseUrl}/client/goals`);
    expect(await aino.locator('html').getAttribute('lang')).toBe('sv');
    const busGoal = aino.locator(`#goal-${bus}`);
    expect(await trimmed(aino, `#goal-${bus}-title`)).toBe('Jag åker buss själv');
    expect(await busGoal.locator('h2 [lang=fi]').count()).toBe(0);
    // The steps that exist only in Finnish are marked lang="fi", and one note says so in Swedish.
    const steps = busGoal.locator('ul.steps li > span');
    expect(await steps.allTextContents()).toEqual(['Jag tittar på bussens nummer.', 'Näytän bussikortin.', 'Istun bussissa.']);
    expect(await steps.evaluateAll((spans) => spans.map((s) => s.getAttribute('lang')))).toEqual([null, 'fi', 'fi']);
    expect(await trimmed(aino, `#goal-${bus} .only-finnish`)).toBe('De här texterna finns bara på finska.');
    // The coffee goal was written in Swedish in the demo data, steps and comment too.
    const coffee = await goalId('Keitän kahvin itse');
    expect(await trimmed(aino, `#goal-${coffee}-title`)).toBe('Jag kokar kaffe själv');
    expect(await aino.locator(`#goal-${coffee} .only-finnish`).count()).toBe(0);
    expect(await aino.locator(`#goal-${coffee} .comment p`).first().textContent()).toBe('Aino, kunderna berömde kaffet.');
    // A reached goal only in Finnish: marked, with the note.
    const reached = aino.locator('section.reached-goals');
    expect(await reached.locator('strong[lang=fi]').textContent()).toBe('Pesen kädet ennen töitä');
    expect(await trimmed(aino, 'section.reached-goals .only-finnish')).toBe('Den här texten finns bara på finska.');
    await expectNoAxeViolations(aino, { client: true });

    // Kuuntele reads a Finnish-only text in Finnish, the rest in Swedish (headless Chromium has no
    // voices: a stand-in with Finnish and Swedish voices records what it is asked to say, and in which language).
    await aino.addInitScript(RECORDING_SPEECH, { voiceLangs: ['fi-FI', 'sv-FI'] });
    await aino.reload();
    await expect.poll(() => aino.locator('[data-listen]').isVisible()).toBe(true);
    await aino.locator('[data-listen]').click();
    await expect.poll(() => aino.evaluate(() => (window as unknown as { spoken: unknown[] }).spoken.length)).toBeGreaterThan(0);
    const spoken = await aino.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken);
    const saidIn = (text: string) => spoken.find((s) => s.text === text)?.lang;
    expect(saidIn('Jag åker buss själv')).toBe('sv-FI');
    expect(saidIn('Jag tittar på bussens nummer.')).toBe('sv-FI');
    expect(saidIn('Näytän bussikortin.')).toBe('fi-FI');
    expect(saidIn('De här texterna finns bara på finska.')).toBe('sv-FI');
  });

  it('a family member reading English sees Finnish-only texts marked, with the note in English; a Finnish reader sees no note, and a Finnish reader’s editors ask for Finnish only', async () => {
    const maija = await fixture.signedIn(server.baseUrl, { email: STAFF.family });
    await maija.goto(`${server.baseUrl}/family/${ids.matti}/goals`);
    await chooseLanguage(maija, 'en');
    const firstTitle = maija.locator('section.goal:not(.reached-goals) h2').first();
    expect(await firstTitle.locator('span[lang=fi]').count()).toBe(1);
    expect(await trimmed(maija, 'section.goal:not(.reached-goals) .only-finnish')).toBe('This text is only in Finnish.');
    await maija.goto(`${server.baseUrl}/family/${ids.matti}/plan`);
    expect(await maija.locator('section[aria-labelledby=plan-what] p[lang=fi]').count()).toBeGreaterThan(0);
    expect(await trimmed(maija, 'section[aria-labelledby=plan-what] .only-finnish')).toBe('This text is only in Finnish.');
    await expectNoAxeViolations(maija, { client: true });

    const matti = await fixture.signedIn(server.baseUrl, 'matti');
    await matti.goto(`${server.baseUrl}/client/goals`);
    expect(await matti.locator('.only-finnish').count()).toBe(0);
    expect(await matti.locator('section.goal [lang]').count()).toBe(0);

    const liisa = await fixture.signedIn(server.baseUrl, { email: STAFF.worker }, STAFF_VIEW);
    await liisa.goto(`${server.baseUrl}/worker/clients/${ids.matti}/goals`);
    expect(await trimmed(liisa, '#client-language strong')).toBe('Asiakas lukee suomea.');
    expect(await liisa.locator('[name=translation]').count()).toBe(0);
    await liisa.goto(`${server.baseUrl}/worker/clients/${ids.matti}/plan`);
    expect(await liisa.locator('#summary_translation').count()).toBe(0);
  });
});
