/**
 * The staff create forms (add a person, a new unit, a rate, a substitute) carry an idempotency
 * key: 2 or 10 posts of one form at once create one record and are all answered as the first
 * was; two different forms racing for one unique value (an email, a rate's day, a substitute
 * period) create one record and give the other a clear form error, never a 500.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickAndWait, h1, STAFF, useBrowser } from '../helpers/browser';
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

/** Posts the form, file included (multipart, as the browser sends it), `times` times at once; a redirect is status 0. */
async function postMultipartAtOnce(page: Page, form: string, times: number): Promise<number[]> {
  return page.evaluate(
    async ({ selector, n }) => {
      const element = document.querySelector(selector) as HTMLFormElement;
      const target = element.getAttribute('action') || location.pathname;
      return Promise.all(Array.from({ length: n }, async () => (await fetch(target, { method: 'POST', body: new FormData(element), redirect: 'manual' })).status));
    },
    { selector: form, n: times },
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

    // A worker: one form 3 times at once, then two forms (each makes an invitation and its mail).
    await helena.goto(`${server.baseUrl}/admin/people`);
    await helena.locator('input[name=role][value=worker]').check();
    await helena.locator('#full_name').fill('Kaisa Kahdesti');
    await helena.locator('#email').fill('kaisa.kahdesti@demo.omapolku.fi');
    expect((await postAtOnce(helena, 'form#new-person', 3)).map((a) => a.status)).toEqual(Array(3).fill(0));
    expect(await count('SELECT COUNT(*) AS n FROM people WHERE email = ?', ['kaisa.kahdesti@demo.omapolku.fi'])).toBe(1);
    // One invitation and one mail, however many posts.
    expect(await count('SELECT COUNT(*) AS n FROM outbox WHERE to_address = ?', ['kaisa.kahdesti@demo.omapolku.fi'])).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM account_tokens t JOIN people p ON p.id = t.person_id WHERE p.email = ?", ['kaisa.kahdesti@demo.omapolku.fi'])).toBe(1);

    await helena.locator('#full_name').fill('Kalle Kilpa');
    await helena.locator('#email').fill('kalle.kilpa@demo.omapolku.fi');
    expectOneCreatedOthersRefused(await postAtOnce(helena, 'form#new-person', 2, true), 'Tällä sähköpostilla on jo tili.');
    expect(await count('SELECT COUNT(*) AS n FROM people WHERE email = ?', ['kalle.kilpa@demo.omapolku.fi'])).toBe(1);
  });

  it('add person with a photo: stored with the person, a double post adds one person and one photo, a bad file adds nothing and keeps what was typed', async () => {
    const helena = await admin();
    const jpeg = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#2a6' } }).jpeg().toBuffer();
    const photos = () => count('SELECT COUNT(*) AS n FROM photos', []);
    const photosBefore = await photos();
    const fill = async (name: string, file: { name: string; mimeType: string; buffer: Buffer }) => {
      await helena.goto(`${server.baseUrl}/admin/people`);
      await helena.locator('input[name=role][value=client]').check();
      await helena.locator('#full_name').fill(name);
      await helena.locator('#reading_needs').fill('Pitää kuvista.');
      await helena.locator('#photo').setInputFiles(file);
    };
    const submit = async () => {
      const [response] = await Promise.all([helena.waitForResponse((r) => r.request().method() === 'POST'), helena.locator('form#new-person button[type=submit]').click()]);
      await helena.waitForLoadState();
      return response.status();
    };

    // Not a picture: an error at the field that asks for the photo again; the typed values stay; nothing is added.
    await fill('Kuvaton Kalle', { name: 'kuva.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('tämä ei ole kuva') });
    expect(await submit()).toBe(400);
    expect(await helena.locator('#photo-error').innerText()).toContain('Tiedosto ei ole kuva. Valitse kuva uudelleen');
    expect(await helena.locator('#error-summary').innerText()).toContain('Tiedosto ei ole kuva.');
    expect(await helena.locator('#photo').getAttribute('aria-invalid')).toBe('true');
    expect(await helena.locator('#full_name').inputValue()).toBe('Kuvaton Kalle');
    expect(await helena.locator('#reading_needs').inputValue()).toBe('Pitää kuvista.');
    expect(await helena.locator('input[name=role][value=client]').isChecked()).toBe(true);
    expect(await count('SELECT COUNT(*) AS n FROM people WHERE full_name = ?', ['Kuvaton Kalle'])).toBe(0);
    expect(await photos()).toBe(photosBefore);

    // A good photo but another field wrong (no name): nothing stored, and the hint asks for the photo again.
    await fill('', { name: 'kalle.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    expect(await submit()).toBe(400);
    expect(await helena.locator('#full_name-error').count()).toBe(1);
    expect(await helena.locator('#photo-error').count()).toBe(0);
    expect(await helena.locator('#photo-hint').innerText()).toContain('Valitse kuva uudelleen.');
    expect(await photos()).toBe(photosBefore);

    // One form posted twice at once, photo and all: one person with one photo.
    await fill('Kahdesti Kuvattu', { name: 'kaisu.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    expect(await postMultipartAtOnce(helena, 'form#new-person', 2)).toEqual([0, 0]);
    const twice = await querySql<{ id: number; photo_id: number | null }>(server.dbFile, 'SELECT id, photo_id FROM people WHERE full_name = ?', ['Kahdesti Kuvattu']);
    expect(twice).toHaveLength(1);
    expect(twice[0].photo_id).not.toBeNull();
    expect(await count('SELECT COUNT(*) AS n FROM photos WHERE client_id = ?', [twice[0].id])).toBe(1);
    expect(await photos()).toBe(photosBefore + 1);

    // The ordinary way: the new person's page shows the photo, a small square.
    await fill('Kuvallinen Kaisu', { name: 'kaisu.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await clickAndWait(helena, helena.locator('form#new-person button[type=submit]'));
    expect(await h1(helena)).toBe('Kuvallinen Kaisu');
    const kaisu = Number(new URL(helena.url()).pathname.split('/').pop());
    const src = await helena.locator('img.person-photo').getAttribute('src');
    const [{ photo_id: photoId }] = await querySql<{ photo_id: number }>(server.dbFile, 'SELECT photo_id FROM people WHERE id = ?', [kaisu]);
    expect(src).toBe(`/photos/${photoId}`);
    const photo = await helena.request.get(server.baseUrl + src!);
    expect(photo.status()).toBe(200);
    expect(photo.headers()['content-type']).toBe('image/jpeg');
    const meta = await sharp(await photo.body()).metadata();
    expect([meta.width, meta.height]).toEqual([320, 320]);
    expect(await count("SELECT COUNT(*) AS n FROM admin_audit WHERE target_id = ? AND action IN ('create client', 'set photo')", [kaisu])).toBe(2);
  });

  it('new unit: 10 posts of one form start one unit; one admin email from two forms starts one', async () => {
    const helena = await admin();
    await helena.goto(`${server.baseUrl}/admin/units`);
    await helena.locator('#unit_name').fill('Toistuva Paja');
    await helena.locator('#new_municipality').fill('Pori');
    await helena.locator('#admin_name').fill('Toivo Toistuva');
    await helena.locator('#admin_email').fill('toivo.toistuva@demo.omapolku.fi');
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
    const first = await helena.locator('#new-rate input[name=key]').inputValue();
    await Promise.all([helena.waitForURL(/\/admin\/rates/), helena.locator('form:has(#valid_from) button[type=submit]').click()]);
    await helena.goto(`${server.baseUrl}/admin/rates`);
    await helena.locator('#valid_from').fill('2031-03-01');
    await helena.locator('#daily').fill('6,10');
    expect(await helena.locator('#new-rate input[name=key]').inputValue()).not.toBe(first); // each form its own key
    const [response] = await Promise.all([helena.waitForResponse((r) => r.request().method() === 'POST'), helena.locator('form:has(#valid_from) button[type=submit]').click()]);
    await helena.waitForLoadState();
    expect(response.status()).toBe(400);
    expect(await helena.locator('#error-summary').innerText()).toContain('Tälle palvelulle on jo taksa tästä päivästä alkaen.');
    expect(await helena.locator('#daily').inputValue()).toBe('6,10');
  });
});
