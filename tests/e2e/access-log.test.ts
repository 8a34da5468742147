/**
 * "Kuka on katsonut tietojani": the client sees, in easy words, who has looked at which part of
 * their information, when and on what basis, newest first and 20 at a time; only their own.
 */
import { describe, expect, it } from 'vitest';
import { clickAndWait, path, STAFF, useBrowser } from '../helpers/browser';
import { querySql, runSql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { expectNoAxeViolations, expectTargetSizes } from '../helpers/axe';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();


describe('who has looked at my information', () => {
  it('lists views by the worker and a family member in easy words, newest first, with the basis', async () => {
    const liisa = await fixture.signedIn(server.baseUrl, { email: STAFF.worker });
    await liisa.goto(`${server.baseUrl}/worker/clients/${ids.matti}/goals`);
    const maija = await fixture.signedIn(server.baseUrl, { email: STAFF.family });
    await maija.goto(`${server.baseUrl}/family/${ids.matti}/plan`);

    const matti = await fixture.signedIn(server.baseUrl, 'matti');
    await matti.goto(`${server.baseUrl}/client/consents`);
    await clickAndWait(matti, matti.locator('a[href="/client/consents/log"]'));
    expect(path(matti)).toBe('/client/consents/log');
    const items = matti.locator('ol.access-log li');
    expect(await items.first().textContent()).toContain('Maija Virtanen katsoi suunnitelmaasi.');
    expect(await items.first().getAttribute('data-basis')).toBe('family');
    expect(await items.first().textContent()).toContain('Hän on läheisesi.');
    expect(await items.first().textContent()).toMatch(/\p{L}+ \d{1,2}\.\d{1,2}\. kello \d{1,2}\.\d{2}/u);
    const second = items.nth(1);
    expect(await second.textContent()).toContain('Liisa Ohjaaja katsoi tavoitteitasi.');
    expect(await second.textContent()).toContain('Hän on oma ohjaajasi.');
    await expectNoAxeViolations(matti, { client: true });
    await expectTargetSizes(matti);
  });

  it('shows 20 at a time with older ones on request, and only the client’s own', async () => {
    const [liisa] = await querySql<{ id: number }>(server.dbFile, 'SELECT id FROM people WHERE email = ?', [STAFF.worker]);
    await runSql(
      server.dbFile,
      Array.from({ length: 30 }, (_, i): [string, unknown[]] => [
        "INSERT INTO access_log (at, actor_id, client_id, action, basis, path) VALUES (?, ?, ?, 'attendance', 'named_worker', '/x')",
        [Date.UTC(2026, 0, 1) + i * 60_000, liisa.id, ids.jukka],
      ]),
    );
    const [{ n }] = await querySql<{ n: number }>(server.dbFile, 'SELECT COUNT(*) AS n FROM access_log WHERE client_id = ?', [ids.jukka]);
    const jukka = await fixture.signedIn(server.baseUrl, 'jukka');
    await jukka.goto(`${server.baseUrl}/client/consents/log`);
    expect(await jukka.locator('ol.access-log li').count()).toBe(20);
    await clickAndWait(jukka, jukka.locator('a[href^="/client/consents/log?before="]'));
    expect(await jukka.locator('ol.access-log li').count()).toBe(n - 20);
    expect(await jukka.locator('ol.access-log li').last().textContent()).toContain('Liisa Ohjaaja katsoi läsnäolojasi.');
    expect(await jukka.locator('a[href^="/client/consents/log?before="]').count()).toBe(0);
    // Nothing of Matti's log is in Jukka's.
    expect(await jukka.locator('ol.access-log li[data-basis=family]').count()).toBe(0);
  });
});
