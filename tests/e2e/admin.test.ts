/**
 * Admin and onboarding (issue 7): the first admin on an empty database (and the demo kept out of
 * it), a new unit with its own admin, a worker and a client with a photo, a substitute period, a
 * bulk move when a worker leaves, deactivation ending sessions at once, the audit log, refusal
 * across units and roles, and axe on every admin page.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickAndWait, h1, path, signInStaff, STAFF, tapPictures, useBrowser } from '../helpers/browser';
import { emptyDatabase, querySql, ROOT, startServer, type RunningServer } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { acceptInvitation } from '../helpers/invitations';
import { expectNoAxeViolations } from '../helpers/axe';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();

/** Runs a script of scripts/ with vite-node and the given environment; stdin is not a terminal. */
function runScript(script: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'vite-node'), ['-c', 'scripts/vite-node.config.mjs', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

const save = (page: Page, form: string) => clickAndWait(page, page.locator(`${form} button[type=submit]`));
const personId = async (email: string) => (await querySql<{ id: number }>(server.dbFile, 'SELECT id FROM people WHERE email = ?', [email]))[0]?.id;

describe('first run', () => {
  let fresh: RunningServer | undefined;
  const databases: Array<{ drop(): Promise<void> }> = [];
  afterAll(async () => {
    await fresh?.stop();
    await Promise.all(databases.map((d) => d.drop()));
  });

  it('creates the first admin on an empty database from the environment, says so, and keeps the demo out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omapolku-first-'));
    // On the tests' engine: two SQLite files, or two empty PostgreSQL databases.
    const [real, empty] = await Promise.all([emptyDatabase(dir, 'real'), emptyDatabase(dir, 'refused')]);
    databases.push(real, empty);
    const dbFile = real.dbFile;
    const env = {
      ...real.env,
      OMAPOLKU_UNIT_NAME: 'Työkeskus Äänekoski',
      OMAPOLKU_UNIT_MUNICIPALITY: 'Äänekoski',
      OMAPOLKU_ADMIN_NAME: 'Essi Ensimmäinen',
      OMAPOLKU_ADMIN_EMAIL: 'Essi.Ensimmainen@example.fi',
      OMAPOLKU_ADMIN_PASSWORD: 'aloitus-salasana-2026',
    };
    // (Scripts that do not depend on each other run side by side: each is a vite-node start.)
    const [refused, created] = await Promise.all([
      // Without the settings (and no terminal to ask on): a clear message, nothing created.
      runScript('scripts/first-run.ts', { ...empty.env, OMAPOLKU_ADMIN_EMAIL: '', OMAPOLKU_ADMIN_PASSWORD: '' }),
      runScript('scripts/first-run.ts', env),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('the first admin could not be created');
    expect(refused.out).toContain('npm run demo');
    expect(await querySql(empty.dbFile, 'SELECT id FROM people')).toEqual([]);
    expect(created.code, created.out).toBe(0);
    expect(created.out).toContain('First admin created: essi.ensimmainen@example.fi for the unit "Työkeskus Äänekoski"');
    // A second start leaves it alone, and the demo refuses a database with people in it.
    const [again, demo] = await Promise.all([runScript('scripts/first-run.ts', env), runScript('scripts/seed-demo.ts', real.env)]);
    // The database by name: the SQLite file, or PostgreSQL's server and database (never the URL, which may hold a password).
    const named = dbFile.startsWith('postgres') ? `PostgreSQL ${new URL(dbFile).host}${new URL(dbFile).pathname}` : dbFile;
    expect(again.out).toContain(`Using the database ${named}.`);
    expect(demo.out).toContain('demo data not added');
    expect(await querySql(dbFile, 'SELECT full_name FROM people')).toEqual([{ full_name: 'Essi Ensimmäinen' }]);
    expect(await querySql(dbFile, 'SELECT action FROM admin_audit ORDER BY id')).toEqual([{ action: 'create unit' }, { action: 'create admin' }]);

    fresh = await startServer({ templateDb: dbFile });
    const page = await fixture.newPage();
    await signInStaff(page, fresh.baseUrl, 'essi.ensimmainen@example.fi', 'aloitus-salasana-2026');
    expect(path(page)).toBe('/admin');
    expect(await page.locator('main').innerText()).toContain('Työkeskus Äänekoski');
  });
});

describe('the unit admin', () => {
  it('adds a worker: a duplicate email is refused and what was typed is kept; the worker signs in', async () => {
    const helena = await fixture.signedIn(server.baseUrl, { email: STAFF.admin });
    await helena.goto(`${server.baseUrl}/admin/people`);
    await expectNoAxeViolations(helena, { client: false });
    await helena.locator('input[name=role][value=worker]').check();
    await helena.locator('#full_name').fill('Tiina Työntekijä');
    await helena.locator('#email').fill(STAFF.worker.toUpperCase());
    await save(helena, 'form#new-person');
    const summary = await helena.locator('#error-summary').innerText();
    expect(summary).toContain('Tällä sähköpostilla on jo tili.');
    expect(await helena.locator('#full_name').inputValue()).toBe('Tiina Työntekijä');
    expect(await helena.locator('input[name=role][value=worker]').isChecked()).toBe(true);
    await expectNoAxeViolations(helena, { client: false });

    await helena.locator('#email').fill('tiina.tyontekija@demo.omapolku.fi');
    await save(helena, 'form#new-person');
    expect(await helena.locator('[role=status]').innerText()).toContain('Henkilö lisättiin.');
    // Tiina makes her own password through the invitation (tests/e2e/invitations.test.ts has the mail).
    const tiina = await fixture.newPage();
    await acceptInvitation(tiina, server, 'tiina.tyontekija@demo.omapolku.fi', 'tiinan oma salasana kesällä');
    await signInStaff(tiina, server.baseUrl, 'tiina.tyontekija@demo.omapolku.fi', 'tiinan oma salasana kesällä');
    expect(path(tiina)).toBe('/worker');
    // A worker cannot reach the admin pages, whatever id is in the address.
    for (const url of ['/admin/people', `/admin/people/${ids.matti}`, '/admin/units', '/admin/audit', '/admin/people/move']) {
      expect((await tiina.goto(server.baseUrl + url))!.status(), url).toBe(403);
    }
  });

  it('adds a client with a named worker and a photo: a 20 MB file and a non-image get clear errors; the photo is a small square without metadata', async () => {
    const helena = await fixture.signedIn(server.baseUrl, { email: STAFF.admin });
    await helena.goto(`${server.baseUrl}/admin/people`);
    await helena.locator('input[name=role][value=client]').check();
    await helena.locator('#full_name').fill('Sanni Sjöström');
    await helena.locator('#named_worker').selectOption({ label: 'Liisa Ohjaaja' });
    await helena.locator('#reading_needs').fill('Pitää kuvista.');
    await save(helena, 'form#new-person');
    expect(await h1(helena)).toBe('Sanni Sjöström');
    const sanni = Number(new URL(helena.url()).pathname.split('/').pop());
    const [row] = await querySql<{ preferred_name: string; pin_hash: string | null; worker: string }>(
      server.dbFile,
      "SELECT p.preferred_name, p.pin_hash, w.email AS worker FROM people p JOIN client_workers cw ON cw.client_id = p.id AND cw.kind = 'named' JOIN people w ON w.id = cw.worker_id WHERE p.id = ?",
      [sanni],
    );
    expect(row).toEqual({ preferred_name: 'Sanni', pin_hash: null, worker: STAFF.worker });

    const upload = async (name: string, mimeType: string, buffer: Buffer) => {
      await helena.locator('#photo').setInputFiles({ name, mimeType, buffer });
      await clickAndWait(helena, helena.locator('form[enctype="multipart/form-data"] button[type=submit]'));
    };
    await upload('iso.jpg', 'image/jpeg', Buffer.alloc(20 * 1024 * 1024, 1));
    expect(await helena.locator('#error-summary').innerText()).toContain('Kuva on liian suuri, enintään 10 Mt.');
    await upload('kuva.jpg', 'image/jpeg', Buffer.from('tämä ei ole kuva'));
    expect(await helena.locator('#error-summary').innerText()).toContain('Tiedosto ei ole kuva.');
    await expectNoAxeViolations(helena, { client: false });

    const withExif = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#3a7' } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'GPS-paikka Jyväskylä', Artist: 'Testi' } } })
      .toBuffer();
    expect((await sharp(withExif).metadata()).exif).toBeDefined();
    await upload('sanni.jpg', 'image/jpeg', withExif);
    expect(await helena.locator('[role=status]').innerText()).toContain('Kuva tallennettiin.');
    const src = await helena.locator('img.person-photo').getAttribute('src');
    const photo = await helena.request.get(server.baseUrl + src!);
    expect(photo.status()).toBe(200);
    const meta = await sharp(await photo.body()).metadata();
    expect([meta.width, meta.height]).toEqual([320, 320]);
    expect(meta.exif).toBeUndefined();

    const [audit] = await querySql<{ n: number }>(server.dbFile, "SELECT COUNT(*) AS n FROM admin_audit WHERE target_id = ? AND action IN ('create client', 'set photo')", [sanni]);
    expect(audit.n).toBe(2);

    // Her login card, printed with her photo; she signs in with it and chooses her pictures.
    await clickAndWait(helena, helena.locator(`a[href="/admin/people/${sanni}/card"]`));
    await clickAndWait(helena, helena.locator('form:has(input[name=action][value=issue]) button[type=submit]'));
    const card = helena.locator('.login-card');
    expect(await card.locator('.card-name').innerText()).toBe('Sanni');
    expect(await card.locator('img').getAttribute('src')).toBe(src);
    const shortCode = (await card.locator('[data-short-code]').innerText()).trim();
    const tablet = await fixture.newPage();
    await tablet.goto(`${server.baseUrl}/card`);
    await tablet.locator('input[name=code]').fill(shortCode);
    await clickAndWait(tablet, tablet.locator('form[action="/card"] button[type=submit]'));
    expect(await h1(tablet)).toBe('Valitse 4 kuvaa');
    await tablet.locator('input[name=device][value=own]').check();
    await tapPictures(tablet, ['tree', 'fish', 'tree', 'sun']);
    expect(await h1(tablet)).toBe('Paina samat kuvat uudelleen');
    await tapPictures(tablet, ['tree', 'fish', 'tree', 'sun']);
    expect(path(tablet)).toBe('/client');
    expect(await h1(tablet)).toBe('Hei Sanni!');
  });

  it('gives a client a substitute for a period and ends it; the substitute sees the client only meanwhile', async () => {
    const helena = await fixture.signedIn(server.baseUrl, { email: STAFF.admin });
    await helena.goto(`${server.baseUrl}/admin/people/${ids.aino}`);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
    // Errors first: no worker, the end before the start.
    await helena.locator('#starts_on').fill(today);
    await helena.locator('#ends_on').fill('2020-01-01');
    await save(helena, 'form#add-substitute');
    const summary = await helena.locator('#error-summary').innerText();
    expect(summary).toContain('Valitse yksikön ohjaaja.');
    expect(summary).toContain('Päättymispäivä on ennen alkupäivää.');
    expect(await helena.locator('#starts_on').inputValue()).toBe(today);

    await helena.locator('#sub_worker').selectOption({ label: 'Liisa Ohjaaja' });
    await helena.locator('#ends_on').fill('2099-12-31');
    await save(helena, 'form#add-substitute');
    expect(await helena.locator('[role=status]').innerText()).toContain('Sijainen lisättiin.');
    const liisa = await fixture.signedIn(server.baseUrl, { email: STAFF.worker });
    expect(await liisa.locator('main').innerText()).toContain('Aino Laine');
    expect((await liisa.goto(`${server.baseUrl}/worker/clients/${ids.aino}`))!.status()).toBe(200);

    await clickAndWait(helena, helena.locator('tr[data-kind=substitute] button'));
    expect(await helena.locator('[role=status]').innerText()).toContain('Sijaisuus päätettiin.');
    expect((await liisa.goto(`${server.baseUrl}/worker/clients/${ids.aino}`))!.status()).toBe(403);
  });

  it('moves a leaving worker’s clients to another in one go; each client is told in Viestit', async () => {
    const helena = await fixture.signedIn(server.baseUrl, { email: STAFF.admin });
    const pekka = await personId(STAFF.substitute);
    const liisa = await personId(STAFF.worker);
    await helena.goto(`${server.baseUrl}/admin/people/move?from=${liisa}`);
    await expectNoAxeViolations(helena, { client: false });
    const boxes = helena.locator('input[name=client]');
    const names = await helena.locator('fieldset label').allInnerTexts();
    expect(names.map((n) => n.trim())).toEqual(expect.arrayContaining(['Matti Virtanen', 'Jukka Niemi']));
    const moving = await boxes.count();
    expect(moving).toBeGreaterThanOrEqual(2);
    await helena.locator('#to').selectOption({ value: String(pekka) });
    await save(helena, 'main form[method=post]');
    expect(await helena.locator('[role=status]').innerText()).toMatch(/\d+ asiakasta siirrettiin\./);
    const [{ n }] = await querySql<{ n: number }>(
      server.dbFile,
      "SELECT COUNT(*) AS n FROM client_workers WHERE worker_id = ? AND kind = 'named' AND ends_on IS NULL",
      [liisa],
    );
    expect(n).toBe(0);

    const matti = await fixture.signedIn(server.baseUrl, 'matti');
    // Told on the home page until read in Viestit.
    expect(await matti.locator('main [data-new-worker]').innerText()).toContain('Sinulla on uusi ohjaaja: Pekka Valmentaja.');
    await clickAndWait(matti, matti.locator('main [data-new-worker] a'));
    expect(await matti.locator('[data-new-worker]').last().innerText()).toContain('Pekka Valmentaja');
    await matti.goto(`${server.baseUrl}/client`);
    expect(await matti.locator('main [data-new-worker]').count()).toBe(0);

    await helena.goto(`${server.baseUrl}/admin/audit`);
    expect(await helena.locator('tr[data-action="move client"]').count()).toBe(moving);
    await expectNoAxeViolations(helena, { client: false });
  });

  it('deactivating a worker ends their session at once', async () => {
    // A session of her own: its end is what this test checks.
    const sanna = await fixture.newPage();
    await signInStaff(sanna, server.baseUrl, STAFF.workerB);
    expect(path(sanna)).toBe('/worker');
    const olli = await fixture.signedIn(server.baseUrl, { email: STAFF.adminB });
    // Olli manages unit B only: unit A's people are refused.
    expect((await olli.goto(`${server.baseUrl}/admin/people/${ids.matti}`))!.status()).toBe(403);
    await olli.goto(`${server.baseUrl}/admin/people/${await personId(STAFF.workerB)}`);
    await clickAndWait(olli, olli.locator('form input[name=action][value=deactivate] + button'));
    // Asked first (tests/e2e/confirmations.test.ts); confirmed here.
    await clickAndWait(olli, olli.locator('#confirm button.danger'));
    expect(await olli.locator('[role=status]').innerText()).toContain('Hänen istuntonsa päättyivät heti.');
    await sanna.goto(`${server.baseUrl}/worker`);
    expect(path(sanna).startsWith('/login')).toBe(true);
  });

  it('edits the unit and starts a new unit with its own admin, who manages only that unit', async () => {
    const helena = await fixture.signedIn(server.baseUrl, { email: STAFF.admin });
    await helena.goto(`${server.baseUrl}/admin/units`);
    await expectNoAxeViolations(helena, { client: false });
    await helena.locator('#address').fill('Pajakatu 5, 28100 Pori');
    await helena.locator('#service-avotyotoiminta').check();
    await save(helena, 'form#edit-unit');
    expect(await helena.locator('[role=status]').innerText()).toContain('Yksikön tiedot tallennettiin.');

    await helena.locator('#unit_name').fill('Työpaja Uusi');
    await helena.locator('#new_municipality').fill('Ulvila');
    await helena.locator('#admin_name').fill('Ulla Uusi');
    await helena.locator('#admin_email').fill('ulla.uusi@demo.omapolku.fi');
    await save(helena, 'form#new-unit');
    expect(await helena.locator('[role=status]').innerText()).toContain('Uusi yksikkö ja sen ylläpitäjä luotiin.');
    const ulla = await fixture.newPage();
    await acceptInvitation(ulla, server, 'ulla.uusi@demo.omapolku.fi', 'ullan oma salasana talvella');
    await signInStaff(ulla, server.baseUrl, 'ulla.uusi@demo.omapolku.fi', 'ullan oma salasana talvella');
    expect(await ulla.locator('main').innerText()).toContain('Työpaja Uusi');
    expect((await ulla.goto(`${server.baseUrl}/admin/people/${ids.matti}`))!.status()).toBe(403);
    expect((await helena.goto(`${server.baseUrl}/admin/people/${await personId('ulla.uusi@demo.omapolku.fi')}`))!.status()).toBe(403);

    await helena.goto(`${server.baseUrl}/admin/audit`);
    const log = await helena.locator('table.audit-table').innerText();
    expect(log).toContain('Yksikön tietojen muutos');
    expect(log).toMatch(/Osoite: (.+ → )?Pajakatu 5, 28100 Pori/);
    expect(log).toContain('Yksikön perustaminen');
  });
});

describe('admin pages pass axe', () => {
  it('a person page of each role', async () => {
    const helena = await fixture.signedIn(server.baseUrl, { email: STAFF.admin });
    for (const email of [STAFF.worker, STAFF.admin, STAFF.family]) {
      await helena.goto(`${server.baseUrl}/admin/people/${await personId(email)}`);
      await expectNoAxeViolations(helena, { client: false });
    }
    await helena.goto(`${server.baseUrl}/admin/people/${ids.jukka}`);
    await expectNoAxeViolations(helena, { client: false });
  });
});
