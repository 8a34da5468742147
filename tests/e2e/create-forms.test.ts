/**
 * The staff create forms (add a person, a new unit, a rate, a substitute) carry an idempotency
 * key: 2 or 10 posts of one form at once create one record and are all answered as the first
 * was; two different forms racing for one unique value (an email, a rate's day, a substitute
 * period) create one record and give the other a clear form error, never a 500.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { STAFF, useBrowser } from '../helpers/browser';
import { querySql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();

/**
 * Posts the filled-in form `times` times at once, from the page (its cookies, its origin). With
 * `newKeys` each post gets a key of its own, as if sent from two tabs or by two admins.
 */
async function postAtOnce(page: Page, form: string, times: number, newKeys = false): Promise<{ status: number; text: string }[]> {
  return page.evaluate(
    async ({ selector, n, fresh }) => {
      const element = document.querySelector(selector) as HTMLFormElement;
      const body = new URLSearchParams(new FormData(element) as unknown as Record<string, string>);
      // (Not element.action: a form with a field named "action" answers that field.)
      const target = element.getAttribute('action') || location.pathname;
      return Promise.all(
        Array.from({ length: n }, async () => {
          const own = new URLSearchParams(body);
          if (fresh) own.set('key', crypto.randomUUID());
          const response = await fetch(target, { method: 'POST', body: own, redirect: 'manual' });
          // A redirect (the answer of a created record) is opaque here: status 0.
          return { status: response.status, text: response.type === 'opaqueredirect' ? '' : await response.text() };
        }),
      );
    },
    { selector: form, n: times, fresh: newKeys },
  );
}

const count = async (sql: string, params: unknown[]) => (await querySql<{ n: number }>(server.dbFile, sql, params))[0].n;

function admin(): Promise<Page> {
  return fixture.signedIn(server.baseUrl, { email: STAFF.admin }, { viewport: { width: 1024, height: 900 } });
}

/** One post created the record and was redirected; every other one got the form again with `error`. */
function expectOneCreatedOthersRefused(answers: { status: number; text: string }[], error: string): void {
  const created = answers.filter((a) => a.status === 0);
  const refused = answers.filter((a) => a.status !== 0);
  expect(created).toHaveLength(1);
  for (const a of refused) {
    expect(a.status).toBeGreaterThanOrEqual(400);
    expect(a.status).toBeLessThan(500);
    expect(a.text).toContain(error);
  }
}

describe('create forms: one record per form, a clear error for a taken value', () => {
  it('add person: 2 and 10 posts of one form add one client; one email from two forms at once adds one worker', async () => {
    const helena = await admin();
    for (const times of [2, 10]) {
      const name = `Toistuva Asiakas ${times}`;
      await helena.goto(`${server.baseUrl}/admin/people`);
      await helena.locator('input[name=role][value=client]').check();
      await helena.locator('#full_name').fill(name);
      const answers = await postAtOnce(helena, 'form#new-person', times);
      expect(answers.map((a) => a.status)).toEqual(Array(times).fill(0));
      expect(await count('SELECT COUNT(*) AS n FROM people WHERE full_name = ?', [name])).toBe(1);
      expect(await count("SELECT COUNT(*) AS n FROM admin_audit WHERE action = 'create client' AND new_value LIKE ?", [`%${name}%`])).toBe(1);
    }

    // A worker: one form 3 times at once (each post hashes a password, so fewer), then two forms.
    await helena.goto(`${server.baseUrl}/admin/people`);
    await helena.locator('input[name=role][value=worker]').check();
    await helena.locator('#full_name').fill('Kaisa Kahdesti');
    await helena.locator('#email').fill('kaisa.kahdesti@demo.omapolku.fi');
    await helena.locator('#password').fill('kaisan-salasana-2026');
    expect((await postAtOnce(helena, 'form#new-person', 3)).map((a) => a.status)).toEqual(Array(3).fill(0));
    expect(await count('SELECT COUNT(*) AS n FROM people WHERE email = ?', ['kaisa.kahdesti@demo.omapolku.fi'])).toBe(1);

    await helena.locator('#full_name').fill('Kalle Kilpa');
    await helena.locator('#email').fill('kalle.kilpa@demo.omapolku.fi');
    await helena.locator('#password').fill('kallen-salasana-2026');
    expectOneCreatedOthersRefused(await postAtOnce(helena, 'form#new-person', 2, true), 'Tällä sähköpostilla on jo tili.');
    expect(await count('SELECT COUNT(*) AS n FROM people WHERE email = ?', ['kalle.kilpa@demo.omapolku.fi'])).toBe(1);
  });

  it('new unit: 10 posts of one form start one unit; one admin email from two forms starts one', async () => {
    const helena = await admin();
    await helena.goto(`${server.baseUrl}/admin/units`);
    await helena.locator('#unit_name').fill('Toistuva Paja');
    await helena.locator('#new_municipality').fill('Pori');
    await helena.locator('#admin_name').fill('Toivo Toistuva');
    await helena.locator('#admin_email').fill('toivo.toistuva@demo.omapolku.fi');
    await helena.locator('#admin_password').fill('toivon-salasana-2026');
    expect((await postAtOnce(helena, 'form#new-unit', 10)).map((a) => a.status)).toEqual(Array(10).fill(0));
    expect(await count('SELECT COUNT(*) AS n FROM units WHERE name = ?', ['Toistuva Paja'])).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM people WHERE email = ?', ['toivo.toistuva@demo.omapolku.fi'])).toBe(1);

    await helena.locator('#unit_name').fill('Kilpaileva Paja');
    await helena.locator('#admin_email').fill('kilpa.admin@demo.omapolku.fi');
    expectOneCreatedOthersRefused(await postAtOnce(helena, 'form#new-unit', 2, true), 'Tällä sähköpostilla on jo tili.');
    expect(await count('SELECT COUNT(*) AS n FROM units WHERE name = ?', ['Kilpaileva Paja'])).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM people WHERE email = ?', ['kilpa.admin@demo.omapolku.fi'])).toBe(1);
  });

  it('rates: 10 posts of one form add one rate, all answered "saved"; the same day from two forms adds one', async () => {
    const helena = await admin();
    await helena.goto(`${server.baseUrl}/admin/rates`);
    const rates = (day: string) => count('SELECT COUNT(*) AS n FROM rates WHERE valid_from = ?', [day]);
    await helena.locator('#service_type').selectOption('tyotoiminta');
    await helena.locator('#valid_from').fill('2031-03-01');
    await helena.locator('#daily').fill('5,80');
    await helena.locator('#meal').fill('2');
    // (A replay was answered "this service has a rate from that day already" before.)
    expect((await postAtOnce(helena, 'form:has(#valid_from)', 10)).map((a) => a.status)).toEqual(Array(10).fill(0));
    expect(await rates('2031-03-01')).toBe(1);

    await helena.locator('#valid_from').fill('2031-04-01');
    expectOneCreatedOthersRefused(await postAtOnce(helena, 'form:has(#valid_from)', 2, true), 'Tälle palvelulle on jo taksa tästä päivästä alkaen.');
    expect(await rates('2031-04-01')).toBe(1);
  });

  it('substitutes: 10 posts of one form add one period; the same period from two forms adds one and says so to the other', async () => {
    const helena = await admin();
    await helena.goto(`${server.baseUrl}/admin/people/${ids.matti}`);
    const periods = (startsOn: string) => count("SELECT COUNT(*) AS n FROM client_workers WHERE client_id = ? AND kind = 'substitute' AND starts_on = ?", [ids.matti, startsOn]);
    await helena.locator('#sub_worker').selectOption({ label: 'Pekka Valmentaja' });
    await helena.locator('#starts_on').fill('2031-06-01');
    await helena.locator('#ends_on').fill('2031-06-30');
    expect((await postAtOnce(helena, 'form#add-substitute', 10)).map((a) => a.status)).toEqual(Array(10).fill(0));
    expect(await periods('2031-06-01')).toBe(1);

    await helena.locator('#starts_on').fill('2031-08-01');
    await helena.locator('#ends_on').fill('2031-08-31');
    expectOneCreatedOthersRefused(await postAtOnce(helena, 'form#add-substitute', 2, true), 'Tämä ohjaaja on jo sijainen näinä päivinä.');
    expect(await periods('2031-08-01')).toBe(1);
  });

  it('a refused form keeps what was typed and shows the error in the form, without JavaScript too', async () => {
    const helena = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, { javaScriptEnabled: false, viewport: { width: 1024, height: 900 } });
    await helena.goto(`${server.baseUrl}/admin/rates`);
    await helena.locator('#valid_from').fill('2031-03-01'); // added by the test above, or now
    await helena.locator('#daily').fill('5,80');
    const first = await helena.locator('input[name=key]').inputValue();
    await Promise.all([helena.waitForURL(/\/admin\/rates/), helena.locator('form:has(#valid_from) button[type=submit]').click()]);
    await helena.goto(`${server.baseUrl}/admin/rates`);
    await helena.locator('#valid_from').fill('2031-03-01');
    await helena.locator('#daily').fill('6,10');
    expect(await helena.locator('input[name=key]').inputValue()).not.toBe(first); // each form its own key
    const [response] = await Promise.all([helena.waitForResponse((r) => r.request().method() === 'POST'), helena.locator('form:has(#valid_from) button[type=submit]').click()]);
    await helena.waitForLoadState();
    expect(response.status()).toBe(400);
    expect(await helena.locator('#error-summary').innerText()).toContain('Tälle palvelulle on jo taksa tästä päivästä alkaen.');
    expect(await helena.locator('#daily').inputValue()).toBe('6,10');
  });
});
