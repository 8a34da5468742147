/**
 * "Kuka on katsonut tietojani": the client sees, in easy words, who has looked at their
 * information, one line per person and day with a count ("Liisa Ohjaaja katsoi tietojasi 3 kertaa
 * tänään."), what they looked at and on what basis, newest first, 20 lines a page; only their own.
 */
import { describe, expect, it } from 'vitest';
import { chooseLanguage, clickAndWait, path, STAFF, useBrowser } from '../helpers/browser';
import { querySql, runSql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { expectNoAxeViolations, expectTargetSizes } from '../helpers/axe';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();


describe('who has looked at my information', () => {
  it('Luvat links to it near the top; one line per person and day, newest first, with what and the basis', async () => {
    const liisa = await fixture.signedIn(server.baseUrl, { email: STAFF.worker });
    await liisa.goto(`${server.baseUrl}/worker/clients/${ids.matti}/goals`);
    const maija = await fixture.signedIn(server.baseUrl, { email: STAFF.family });
    await maija.goto(`${server.baseUrl}/family/${ids.matti}/plan`);

    const matti = await fixture.signedIn(server.baseUrl, 'matti');
    await matti.goto(`${server.baseUrl}/client/consents`);
    // Near the top: before the first consent card, not only under "Lisää".
    const top = matti.locator('a[data-log-top][href="/client/consents/log"]');
    expect(await top.count()).toBe(1);
    expect(await top.evaluate((a) => !!(a.compareDocumentPosition(document.querySelector('main h2')!) & Node.DOCUMENT_POSITION_FOLLOWING))).toBe(true);
    await clickAndWait(matti, top);
    expect(path(matti)).toBe('/client/consents/log');
    const items = matti.locator('ol.access-log > li');
    expect(await items.first().textContent()).toContain('Maija Virtanen katsoi tietojasi kerran tänään.');
    expect(await items.first().getAttribute('data-basis')).toBe('family');
    expect(await items.first().locator('[data-topic]').allInnerTexts()).toEqual(['Suunnitelma']);
    expect(await items.first().textContent()).toContain('Hän on läheisesi.');
    expect(await items.first().textContent()).toMatch(/Viimeksi kello \d{1,2}\.\d{2}\./);
    const second = items.nth(1);
    expect(await second.textContent()).toContain('Liisa Ohjaaja katsoi tietojasi');
    expect(await second.locator('[data-topic=goals]').count()).toBe(1);
    expect(await second.textContent()).toContain('Hän on oma ohjaajasi.');
    await expectNoAxeViolations(matti, { client: true });
    await expectTargetSizes(matti);
  });

  it('groups a person’s views of one day into one line with a count: today, yesterday, a date; in sv and en too', async () => {
    const [liisa] = await querySql<{ id: number }>(server.dbFile, 'SELECT id FROM people WHERE email = ?', [STAFF.worker]);
    const [pekka] = await querySql<{ id: number }>(server.dbFile, 'SELECT id FROM people WHERE email = ?', [STAFF.substitute]);
    const now = Date.now();
    const hour = 3_600_000;
    // Liisa three times today, Pekka once yesterday, Liisa twice on one day ten days ago.
    // (Times kept inside a Helsinki day: an hour from now backwards stays today unless it is
    // just after midnight, so "today" rows are written a minute apart from now.)
    const rows: [number, number, string][] = [
      [now - 60_000, liisa.id, 'plan'],
      [now - 120_000, liisa.id, 'messages'],
      [now - 180_000, liisa.id, 'plan'],
      [now - 24 * hour, pekka.id, 'attendance'],
      [now - 240 * hour, liisa.id, 'money'],
      [now - 240 * hour - 60_000, liisa.id, 'money'],
    ];
    await runSql(server.dbFile, rows.map(([at, actor, action]): [string, unknown[]] => [
      "INSERT INTO access_log (at, actor_id, client_id, action, basis, path) VALUES (?, ?, ?, ?, 'named_worker', '/x')",
      [at, actor, ids.aino, action],
    ]));
    const aino = await fixture.signedIn(server.baseUrl, 'aino');
    await aino.goto(`${server.baseUrl}/client/consents/log`);
    const lines = await aino.locator('ol.access-log > li strong').allInnerTexts();
    expect(lines).toContain('Liisa Ohjaaja katsoi tietojasi 3 kertaa tänään.');
    expect(lines).toContain('Pekka Valmentaja katsoi tietojasi kerran eilen.');
    expect(lines.some((l) => /^Liisa Ohjaaja katsoi tietojasi 2 kertaa \d{1,2}\.\d{1,2}\.\d{4}\.$/.test(l))).toBe(true);
    const today = aino.locator('ol.access-log > li', { hasText: '3 kertaa tänään' });
    expect(await today.locator('[data-topic]').allInnerTexts()).toEqual(['Suunnitelma', 'Viestit']);
    await expectNoAxeViolations(aino, { client: true });

    await chooseLanguage(aino, 'sv');
    expect(await aino.locator('ol.access-log > li strong').allInnerTexts()).toContain('Liisa Ohjaaja tittade på dina uppgifter 3 gånger i dag.');
    await chooseLanguage(aino, 'en');
    expect(await aino.locator('ol.access-log > li strong').allInnerTexts()).toContain('Pekka Valmentaja looked at your information once yesterday.');
    await chooseLanguage(aino, 'fi');
  });

  it('shows 20 lines at a time, whole days, with older ones on request, and only the client’s own', async () => {
    const [liisa] = await querySql<{ id: number }>(server.dbFile, 'SELECT id FROM people WHERE email = ?', [STAFF.worker]);
    // Two views a day on 30 days in January: 30 lines of "2 kertaa".
    await runSql(
      server.dbFile,
      Array.from({ length: 60 }, (_, i): [string, unknown[]] => [
        "INSERT INTO access_log (at, actor_id, client_id, action, basis, path) VALUES (?, ?, ?, 'attendance', 'named_worker', '/x')",
        [Date.UTC(2026, 0, 1 + Math.floor(i / 2), 9) + (i % 2) * 60_000, liisa.id, ids.jukka],
      ]),
    );
    // Lines of Jukka's other views (by earlier sign-ins of the demo): one per person and Helsinki day.
    const helsinkiDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' });
    const others = await querySql<{ at: number; actor_id: number }>(server.dbFile, "SELECT at, actor_id FROM access_log WHERE client_id = ? AND path <> '/x'", [ids.jukka]);
    const otherLines = new Set(others.map((r) => `${r.actor_id} ${helsinkiDay.format(r.at)}`)).size;
    const jukka = await fixture.signedIn(server.baseUrl, 'jukka');
    await jukka.goto(`${server.baseUrl}/client/consents/log`);
    const first = await jukka.locator('ol.access-log > li').count();
    expect(first).toBeGreaterThanOrEqual(20);
    await clickAndWait(jukka, jukka.locator('a[href^="/client/consents/log?before="]'));
    const days = await jukka.locator('ol.access-log > li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-day')));
    expect(new Set(days).size).toBe(days.length);
    expect(first + days.length).toBe(30 + otherLines);
    expect(await jukka.locator('ol.access-log > li').last().textContent()).toContain('Liisa Ohjaaja katsoi tietojasi 2 kertaa 1.1.2026.');
    expect(await jukka.locator('a[href^="/client/consents/log?before="]').count()).toBe(0);
    // Nothing of Matti's log is in Jukka's.
    expect(await jukka.locator('ol.access-log > li[data-basis=family]').count()).toBe(0);
  });

  it('a day in the address that is no real day shows the newest page, not an error', async () => {
    const jukka = await fixture.signedIn(server.baseUrl, 'jukka');
    const response = await jukka.goto(`${server.baseUrl}/client/consents/log?before=2026-02-30`);
    expect(response!.status()).toBe(200);
  });
});
