/**
 * Pictures and photos on the plan and goals, and the unit admin keeping plans current:
 * the picture picker (Finnish and English words, with and without JavaScript), a place photo
 * (shrunk, metadata removed, served only to those who may read the plan), weekday pictures,
 * easy-read hints on goal texts, reached goals, and the admin of the unit (only that unit).
 */
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { clickAndWait, path, STAFF, useBrowser } from '../helpers/browser';
import { querySql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { expectNoAxeViolations, expectTargetSizes } from '../helpers/axe';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();


const planCount = async (clientId: number) =>
  (await querySql<{ n: number }>(server.dbFile, 'SELECT COUNT(*) AS n FROM plan_versions WHERE client_id = ?', [clientId]))[0].n;

/** A large JPEG carrying EXIF data a photo must not keep (who took it, with which camera). */
async function photoWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#3a7d44' } })
    .withExif({ IFD0: { Artist: 'Testi Kuvaaja', Make: 'TestCam', Copyright: 'secret-exif-marker' } })
    .jpeg()
    .toBuffer();
}

describe('picture picker', () => {
  it('finds pictures by a Finnish or English word without JavaScript, keeping everything typed', async () => {
    const page = await fixture.signedIn(server.baseUrl, { email: STAFF.worker }, { javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.baseUrl}/worker/clients/${ids.matti}/plan`);
    const before = await planCount(ids.matti);

    await page.locator('#place_name').fill('Kahvila Kulma');
    await page.locator('#place_picture-q').fill('kahvi');
    await clickAndWait(page, page.locator('#place_picture button[name=picture_search]'));
    // A search is not a save: no new version, no errors, the typed name kept, the cup offered.
    expect(await planCount(ids.matti)).toBe(before);
    expect(await page.locator('.field-error').count()).toBe(0);
    expect(await page.locator('#place_name').inputValue()).toBe('Kahvila Kulma');
    expect(await page.locator('#place_picture-q').inputValue()).toBe('kahvi');
    const cup = page.locator('#place_picture input[value=hot-beverage]');
    expect(await cup.count()).toBe(1);
    expect(await page.locator('#place_picture label:has(input[value=hot-beverage])').textContent()).toContain('kuuma juoma');
    // The current picture stays offered (and chosen) beside the results.
    expect(await page.locator('#place_picture input[name=place_picture]:checked').inputValue()).toBe('hammer-and-wrench');

    // English works too.
    await page.locator('#place_picture-q').fill('coffee');
    await clickAndWait(page, page.locator('#place_picture button[name=picture_search]'));
    expect(await page.locator('#place_picture input[value=hot-beverage]').count()).toBe(1);
    await page.locator('#place_picture-q').fill('xyzzy');
    await clickAndWait(page, page.locator('#place_picture button[name=picture_search]'));
    expect(await page.locator('#place_picture-status').textContent()).toContain('ei löytynyt');

    await page.locator('#place_picture-q').fill('kahvi');
    await clickAndWait(page, page.locator('#place_picture button[name=picture_search]'));
    await page.locator('#place_picture input[value=hot-beverage]').check();
    // Enter in a text field saves (the form's first submit button is a hidden save, not "Hae").
    await page.locator('#place_name').press('Enter');
    await page.waitForURL(/\?saved=/);
    expect(await planCount(ids.matti)).toBe(before + 1);
    const [plan] = await querySql<{ place_picture: string; place_name: string }>(
      server.dbFile, 'SELECT place_picture, place_name FROM plan_versions WHERE client_id = ? ORDER BY version DESC LIMIT 1', [ids.matti]);
    expect(plan).toEqual({ place_picture: 'hot-beverage', place_name: 'Kahvila Kulma' });
  });

  it('shows matches while the worker types (JavaScript), and the results pass axe', async () => {
    const page = await fixture.signedIn(server.baseUrl, { email: STAFF.worker }, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.baseUrl}/worker/clients/${ids.jukka}/plan`);
    await page.locator('#place_picture-q').fill('traktori');
    await expect.poll(() => page.locator('#place_picture input[value=tractor]').count(), { timeout: 5_000 }).toBe(1);
    expect(path(page)).toBe(`/worker/clients/${ids.jukka}/plan`); // no page load
    await expect.poll(() => page.locator('[data-picture-search-status]').textContent()).toContain('traktori');
    // Enter in the search field searches (and does not save the form).
    await page.locator('#place_picture-q').fill('kahvi');
    await page.locator('#place_picture-q').press('Enter');
    await expect.poll(() => page.locator('#place_picture input[value=hot-beverage]').count(), { timeout: 5_000 }).toBe(1);
    expect(path(page)).toBe(`/worker/clients/${ids.jukka}/plan`);
    // The chosen picture stays while searching again.
    await page.locator('#place_picture input[value=hot-beverage]').check();
    await page.locator('#place_picture-q').fill('bussi');
    await expect.poll(() => page.locator('#place_picture input[value=bus]').count(), { timeout: 5_000 }).toBe(1);
    expect(await page.locator('#place_picture input[name=place_picture]:checked').inputValue()).toBe('hot-beverage');
    await expectNoAxeViolations(page, { client: false });
    expect(fixture.problems(page).errors).toEqual([]);
  });

  it('refuses a picture that is not in the catalogue, keeping what was typed', async () => {
    const page = await fixture.signedIn(server.baseUrl, { email: STAFF.worker }, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.baseUrl}/worker/clients/${ids.matti}/goals`);
    // A crafted radio value (as a changed form would post).
    await page.locator('#new-picture input[name=picture]').first().evaluate((radio: HTMLInputElement) => {
      radio.value = 'not-a-picture';
      radio.checked = true;
    });
    await page.locator('#new-title').fill('Opin uuden asian');
    await clickAndWait(page, page.getByRole('button', { name: 'Lisää tavoite' }));
    expect(await page.locator('#new-title-error').textContent()).toContain('Valitse kuva hakutuloksista.');
    expect(await page.locator('#new-title').inputValue()).toBe('Opin uuden asian');
    expect(await querySql(server.dbFile, 'SELECT id FROM goals WHERE title = ?', ['Opin uuden asian'])).toEqual([]);
  });
});

describe('place photo', () => {
  it('is shrunk and stripped of metadata, shown to the client, refused to others, and a bad file gets an easy error', async () => {
    const page = await fixture.signedIn(server.baseUrl, { email: STAFF.substitute }, { viewport: { width: 1280, height: 900 } }); // Pekka: Aino's named worker
    await page.goto(`${server.baseUrl}/worker/clients/${ids.aino}/plan`);
    const before = await planCount(ids.aino);

    // Not an image: an easy error, typed text kept, nothing saved.
    await page.locator('#summary').fill('Olet töissä kahvilassa. Pekka auttaa sinua.');
    await page.locator('#place_photo').setInputFiles({ name: 'kuva.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('this is not a picture') });
    await clickAndWait(page, page.getByRole('button', { name: 'Tallenna uusi versio' }));
    expect(await page.locator('#place_photo-error').textContent()).toContain('ei ole kuva');
    expect(await page.locator('#summary').inputValue()).toBe('Olet töissä kahvilassa. Pekka auttaa sinua.');
    expect(await planCount(ids.aino)).toBe(before);
    await expectNoAxeViolations(page, { client: false });

    // Too big (over 10 MB): refused before decoding.
    await page.locator('#place_photo').setInputFiles({ name: 'iso.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(11_000_000, 1) });
    await clickAndWait(page, page.getByRole('button', { name: 'Tallenna uusi versio' }));
    expect(await page.locator('#place_photo-error').textContent()).toContain('liian suuri');
    expect(await planCount(ids.aino)).toBe(before);

    // A real photo, with a mistake elsewhere: the photo is kept, not asked for again.
    await page.locator('#place_photo').setInputFiles({ name: 'kahvila.jpg', mimeType: 'image/jpeg', buffer: await photoWithExif() });
    await page.locator('#place_name').fill('');
    await clickAndWait(page, page.getByRole('button', { name: 'Tallenna uusi versio' }));
    expect(await page.locator('#place_name-error').count()).toBe(1);
    expect(await page.locator('.photo-current img').count()).toBe(1);
    await page.locator('#place_name').fill('Kahvila Torikulma');
    await clickAndWait(page, page.getByRole('button', { name: 'Tallenna uusi versio' }));
    expect(path(page)).toMatch(/\?saved=/);

    const [photo] = await querySql<{ id: number; width: number; height: number; client_id: number }>(
      server.dbFile,
      'SELECT ph.id, ph.width, ph.height, ph.client_id FROM plan_versions v JOIN photos ph ON ph.id = v.place_photo_id WHERE v.client_id = ? ORDER BY v.version DESC LIMIT 1',
      [ids.aino],
    );
    expect(photo).toMatchObject({ width: 800, height: 533, client_id: ids.aino });

    // The client sees the photo, with words saying what it is.
    const client = await fixture.signedIn(server.baseUrl, 'aino');
    await client.goto(`${server.baseUrl}/client/plan`);
    const img = client.locator('img.place-photo');
    expect(await img.getAttribute('alt')).toBe('Valokuva paikasta: Kahvila Torikulma');
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(800);
    const served = await client.request.get(`${server.baseUrl}/photos/${photo.id}`);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toBe('image/jpeg');
    expect(served.headers()['cache-control']).toContain('no-store');
    const bytes = await served.body();
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(bytes.includes(Buffer.from('secret-exif-marker'))).toBe(false);
    await expectNoAxeViolations(client, { client: true });
    // The printed plan keeps the photo and still fits on one A4 page.
    await client.emulateMedia({ media: 'print' });
    expect(await img.isVisible()).toBe(true);
    const pdf = await client.pdf({ format: 'A4' });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
    await client.emulateMedia({ media: 'screen' });

    // Another client, a worker of another unit, and nobody signed in: no photo.
    const matti = await fixture.signedIn(server.baseUrl, 'matti');
    expect((await matti.request.get(`${server.baseUrl}/photos/${photo.id}`)).status()).toBe(403);
    const sanna = await fixture.signedIn(server.baseUrl, { email: STAFF.workerB });
    expect((await sanna.request.get(`${server.baseUrl}/photos/${photo.id}`)).status()).toBe(403);
    const anonymous = await fixture.newPage();
    expect((await anonymous.request.get(`${server.baseUrl}/photos/${photo.id}`)).status()).toBe(401);

    // A worker cannot attach another client's photo to their client's plan by its id.
    const liisa = await fixture.signedIn(server.baseUrl, { email: STAFF.worker });
    await liisa.goto(`${server.baseUrl}/worker/clients/${ids.matti}/plan`);
    await liisa.locator('form.staff-form').evaluate((form, id) => {
      const hidden = document.createElement('input');
      hidden.type = 'hidden';
      hidden.name = 'place_photo_id';
      hidden.value = String(id);
      form.append(hidden);
    }, photo.id);
    await clickAndWait(liisa, liisa.getByRole('button', { name: 'Tallenna uusi versio' }));
    const [matti_plan] = await querySql<{ place_photo_id: number | null }>(
      server.dbFile, 'SELECT place_photo_id FROM plan_versions WHERE client_id = ? ORDER BY version DESC LIMIT 1', [ids.matti]);
    expect(matti_plan.place_photo_id).toBeNull();
  });
});

describe('client plan and goals pictures', () => {
  it('shows each weekday with its own picture and the goals reached, calm at tablet size', async () => {
    const client = await fixture.signedIn(server.baseUrl, 'jukka');
    await client.goto(`${server.baseUrl}/client/plan`);
    const days = client.locator('.weekdays li');
    const count = await days.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const day = days.nth(i);
      const name = ((await day.locator('strong').textContent()) ?? '').trim();
      // The picture's letters are the start of the day's name, and the picture is decorative.
      expect(await day.locator('svg.weekday-picture text').textContent()).toBe(name.slice(0, 2).replace(/^./, (c) => c.toUpperCase()));
      expect(await day.locator('svg.weekday-picture').getAttribute('aria-hidden')).toBe('true');
    }
    // Different days, different colours.
    const colours = await days.locator('svg.weekday-picture path').evaluateAll((paths) => paths.map((p) => p.getAttribute('fill')));
    expect(new Set(colours).size).toBe(count);

    const matti = await fixture.signedIn(server.baseUrl, 'matti');
    await matti.goto(`${server.baseUrl}/client/goals`);
    const reached = matti.locator('section.reached-goals');
    expect(await reached.locator('h2').textContent()).toContain('Saavutetut tavoitteet');
    expect(await reached.textContent()).toContain('Siivoan oman työpisteeni');
    // The weekday in the essive, and the year once it is no longer 2026 (issue 14).
    expect(await reached.textContent()).toContain(`Saavutit tämän perjantaina 18.9.${new Date().getFullYear() === 2026 ? '' : '2026'}`);
    await expectNoAxeViolations(matti, { client: true });
    await expectTargetSizes(matti);
  });
});

describe('easy-read hints on goal texts', () => {
  it('appear live while typing a title and, after saving, beside the saved title without JavaScript', async () => {
    const page = await fixture.signedIn(server.baseUrl, { email: STAFF.worker }, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.baseUrl}/worker/clients/${ids.jukka}/goals`);
    await page.locator('#new-title').fill('Harjoittelen asiakaspalvelutilanteita');
    await expect.poll(() => page.locator('#new-title-hints [data-hint="easyRead.hint.long-word"]').count(), { timeout: 5_000 }).toBe(1);

    const noJs = await fixture.signedIn(server.baseUrl, { email: STAFF.worker }, { javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    await noJs.goto(`${server.baseUrl}/worker/clients/${ids.jukka}/goals`);
    await noJs.locator('#new-title').fill('Harjoittelen asiakaspalvelutilanteita');
    await clickAndWait(noJs, noJs.getByRole('button', { name: 'Lisää tavoite' }));
    const saved = noJs.locator('section.goal-editor', { hasText: 'Harjoittelen asiakaspalvelutilanteita' });
    expect(await saved.locator('.hints [data-hint="easyRead.hint.long-word"]').count()).toBeGreaterThan(0);
    // A step with an abbreviation gets its hint too.
    await saved.locator('input[name=title][id^=step-]').fill('Tervehdin asiakasta, esim. sanon hei.');
    await clickAndWait(noJs, saved.getByRole('button', { name: 'Lisää askel' }));
    const step = noJs.locator('section.goal-editor', { hasText: 'Harjoittelen asiakaspalvelutilanteita' }).locator('.step-list li', { hasText: 'Tervehdin' });
    expect(await step.locator('[data-hint="easyRead.hint.abbreviation"]').count()).toBe(1);
    // (axe needs JavaScript: the same page with hints is checked here.)
    await page.reload();
    expect(await page.locator('.hints.compact').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, { client: false });
  });
});

describe('unit admin', () => {
  it("lists the unit's clients and edits a plan; a new version appears for the client, and the view is logged", async () => {
    const admin = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, { viewport: { width: 1280, height: 900 } });
    await clickAndWait(admin, admin.getByRole('link', { name: 'Asiakkaat' }));
    expect(path(admin)).toBe('/admin/clients');
    for (const name of ['Matti', 'Aino', 'Jukka']) expect(await admin.locator('main table').textContent()).toContain(name);
    expect(await admin.locator('main table').textContent()).not.toContain('Ville'); // another unit
    expect(await admin.locator(`a[href="/worker/clients/${ids.jukka}"]`).locator('xpath=ancestor::tr').locator('[data-review]').getAttribute('data-review')).toBe('overdue');
    await expectNoAxeViolations(admin, { client: false });

    const before = await planCount(ids.jukka);
    await clickAndWait(admin, admin.locator(`a[href="/worker/clients/${ids.jukka}"]`));
    await clickAndWait(admin, admin.locator(`a[href="/worker/clients/${ids.jukka}/plan"]`));
    await admin.locator('#review_on').fill('2027-05-31');
    await clickAndWait(admin, admin.getByRole('button', { name: 'Tallenna uusi versio' }));
    expect(path(admin)).toBe(`/worker/clients/${ids.jukka}?saved=${before + 1}`);
    const [latest] = await querySql<{ review_on: string; created_by: number }>(
      server.dbFile, 'SELECT review_on, created_by FROM plan_versions WHERE client_id = ? ORDER BY version DESC LIMIT 1', [ids.jukka]);
    const [helena] = await querySql<{ id: number }>(server.dbFile, 'SELECT id FROM people WHERE email = ?', [STAFF.admin]);
    expect(latest).toEqual({ review_on: '2027-05-31', created_by: helena.id });
    const log = await querySql<{ basis: string }>(server.dbFile, 'SELECT DISTINCT basis FROM access_log WHERE actor_id = ? AND client_id = ?', [helena.id, ids.jukka]);
    expect(log).toEqual([{ basis: 'admin' }]);

    // The admin also edits goals.
    expect((await admin.goto(`${server.baseUrl}/worker/clients/${ids.jukka}/goals`))?.status()).toBe(200);
    // The worker's own home is still the worker's.
    expect((await admin.goto(`${server.baseUrl}/worker`))?.status()).toBe(403);
  });

  it("is refused another unit's clients, also by changed ids in URLs and forms", async () => {
    const olli = await fixture.signedIn(server.baseUrl, { email: STAFF.adminB });
    for (const url of [`/worker/clients/${ids.matti}`, `/worker/clients/${ids.matti}/plan`, `/worker/clients/${ids.matti}/goals`, `/worker/clients/${ids.matti}/plan-versions/1`]) {
      expect((await olli.goto(server.baseUrl + url))?.status(), url).toBe(403);
    }
    const before = await planCount(ids.matti);
    const status = await olli.evaluate(async (id) => {
      const body = new URLSearchParams({ service_type: 'tyotoiminta', place_name: 'Hijacked', place_picture: 'bus', named_worker_id: '1', starts_on: '2026-01-01', review_on: '2026-12-01', summary: 'x', day1: 'on', day1_start: '08:00', day1_end: '12:00' });
      return (await fetch(`/worker/clients/${id}/plan`, { method: 'POST', body, redirect: 'manual' })).status;
    }, ids.matti);
    expect(status).toBe(403);
    expect(await planCount(ids.matti)).toBe(before);
    // Olli's own unit's client opens.
    expect((await olli.goto(`${server.baseUrl}/worker/clients/${ids.ville}/plan`))?.status()).toBe(200);
    // Clients and family members never reach the staff client pages or the picture search.
    const family = await fixture.signedIn(server.baseUrl, { email: STAFF.family });
    expect((await family.goto(`${server.baseUrl}/worker/clients/${ids.matti}`))?.status()).toBe(403);
    expect((await family.goto(`${server.baseUrl}/worker/clients/picture-search?q=kahvi`))?.status()).toBe(403);
  });
});
