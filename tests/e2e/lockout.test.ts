/**
 * Wrong pictures and wrong passwords: an easy error and another try; after 5 failures in a row
 * the account locks for 15 minutes (told in minutes); after 10 only a worker can open it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { CLIENTS, clickAndWait, h1, path, signInClient, signInStaff, STAFF, startCardSignIn, tapPictures, useBrowser } from '../helpers/browser';
import { expectNoAxeViolations, expectTargetSizes } from '../helpers/axe';
import { querySql, runSql, startServer, type RunningServer } from '../helpers/server';

const browser = useBrowser();
// Its own server and database: these tests lock accounts on purpose.
let server: RunningServer;
let base: string;

const WRONG_PIN = ['tree', 'tree', 'tree', 'tree'];

beforeAll(async () => {
  server = await startServer({
    // Jukka has failed 9 times in a row already (the 15-minute lock after 5 has run out):
    // one more failure is the 10th, which locks until a worker unlocks.
    prepareDb: (file) => runSql(file, [["UPDATE people SET failed_sign_ins = 9 WHERE full_name = 'Jukka Niemi'"]]),
  });
  base = server.baseUrl;
});
afterAll(async () => {
  await server?.stop();
});

async function errorText(page: Page): Promise<string> {
  return (await page.locator('#error-summary').innerText()).replace(/\s+/g, ' ');
}

describe('picture PIN', () => {
  test('a wrong PIN shows the easy error, clears the picks and lets the client try again', async () => {
    const page = await browser.newPage();
    await startCardSignIn(page, base, 'matti');
    await tapPictures(page, WRONG_PIN);
    expect(path(page)).toBe('/card/pin');
    expect(await errorText(page)).toContain('Kuvat eivät olleet oikein. Yritä uudelleen.');
    expect(await page.locator('#error-summary').getAttribute('role')).toBe('alert');
    expect(await page.title()).toMatch(/^Virhe/);
    expect(await page.locator('.pin-slots li.filled').count(), 'a wrong PIN starts again from the first picture').toBe(0);
    await expectNoAxeViolations(page, { client: true });
    await expectTargetSizes(page);

    await tapPictures(page, CLIENTS.matti.pin);
    expect(path(page)).toBe('/client');
    expect(await h1(page)).toBe('Hei Matti!');
  });

  test('5 wrong PINs in a row lock the account, with the minutes in easy words', async () => {
    const page = await browser.newPage();
    await startCardSignIn(page, base, 'aino');
    for (let i = 1; i <= 4; i++) {
      await tapPictures(page, WRONG_PIN);
      const text = await errorText(page);
      expect(text).toContain('Kuvat eivät olleet oikein.');
      // The last two tries before the lock are counted down.
      if (i === 3) expect(text).toContain('Voit yrittää vielä 2 kertaa.');
      if (i === 4) expect(text).toContain('Voit yrittää vielä 1 kerran.');
    }
    await tapPictures(page, WRONG_PIN);
    const locked = await errorText(page);
    expect(locked).toContain('Tili on lukossa, koska kirjautuminen meni monta kertaa väärin. Yritä uudelleen 15 minuutin päästä.');
    expect(locked).toContain('Ohjaaja voi avata lukon.');
    expect(await page.locator('button[name=pick]').count(), 'no pictures while locked').toBe(0);
    await expectNoAxeViolations(page, { client: true });
    await expectTargetSizes(page);

    // The right PIN does not help now, from the QR code or from the short code.
    const again = await browser.newPage();
    const response = await startCardSignIn(again, base, 'aino', 'qr');
    expect(response!.status()).toBe(400);
    expect(await errorText(again)).toContain('15 minuutin päästä');
    await startCardSignIn(again, base, 'aino', 'code');
    expect(path(again)).toBe('/card');
    expect(await errorText(again)).toContain('15 minuutin päästä');
    await expectNoAxeViolations(again, { client: true });
  });

  test('a worker unlocks a client locked by 10 failures, then the client can sign in', async () => {
    const client = await browser.newPage();
    await startCardSignIn(client, base, 'jukka');
    await tapPictures(client, WRONG_PIN);
    const locked = await errorText(client);
    expect(locked).toContain('Tili on lukossa, koska kirjautuminen meni monta kertaa väärin.');
    expect(locked, 'a lock until unlocked gives no minutes').not.toContain('minuutin');
    expect(locked).toContain('Ohjaaja voi avata lukon.');
    await expectNoAxeViolations(client, { client: true });

    // Jukka's named worker sees the lock and opens it.
    const worker = await browser.newPage();
    await signInStaff(worker, base, STAFF.worker);
    expect(path(worker)).toBe('/worker');
    const row = worker.locator('tr', { hasText: 'Jukka Niemi' });
    const unlock = row.locator('button', { hasText: 'Avaa lukitus' });
    expect(await unlock.count()).toBe(1);
    expect(await worker.locator('tr', { hasText: 'Matti Virtanen' }).locator('button').count(), 'only locked clients have the button').toBe(0);
    await expectNoAxeViolations(worker, { client: false });
    await clickAndWait(worker, unlock);
    expect(path(worker)).toMatch(/^\/worker\?unlocked=/);
    expect(await worker.locator('[role=status]').innerText()).toContain('Lukitus avattu: Jukka Niemi.');
    expect(await row.locator('button').count()).toBe(0);
    await expectNoAxeViolations(worker, { client: false });

    await signInClient(client, base, 'jukka');
    expect(await h1(client)).toBe('Hei Jukka!');
  });

  test('a worker cannot unlock a client who is not theirs', async () => {
    // Aino (unit A) was locked above. Sanna works in unit B: the client id in the form is not
    // trusted, so posting Aino's id answers 403 and the lock stays.
    const [aino] = await querySql<{ id: number; locked_until: number | null }>(server.dbFile, "SELECT id, locked_until FROM people WHERE full_name = 'Aino Laine'");
    expect(aino.locked_until).not.toBeNull();
    const worker = await browser.newPage();
    await signInStaff(worker, base, STAFF.workerB);
    expect(path(worker)).toBe('/worker');
    const status = await worker.evaluate(async (id) => {
      const res = await fetch('/worker', { method: 'POST', body: new URLSearchParams({ client: String(id) }) });
      return res.status;
    }, aino.id);
    expect(status).toBe(403);
    const [after] = await querySql<{ locked_until: number | null }>(server.dbFile, 'SELECT locked_until FROM people WHERE id = ?', [aino.id]);
    expect(after.locked_until).toBe(aino.locked_until);
  });
});

describe('password', () => {
  test('5 wrong passwords lock a staff account for 15 minutes', async () => {
    const page = await browser.newPage();
    for (let i = 1; i <= 4; i++) {
      await signInStaff(page, base, STAFF.substitute, `wrong-${i}`);
      expect(path(page)).toBe('/login');
      expect(await errorText(page)).toContain('Sähköposti tai salasana ei ole oikein.');
    }
    await signInStaff(page, base, STAFF.substitute, 'wrong-5');
    expect(await errorText(page)).toContain('Tili on lukossa, koska kirjautuminen meni monta kertaa väärin. Yritä uudelleen 15 minuutin päästä.');
    await expectNoAxeViolations(page, { client: true });
    await expectTargetSizes(page);

    // Now even the right password is refused until the lock ends.
    await signInStaff(page, base, STAFF.substitute);
    expect(path(page)).toBe('/login');
    expect(await errorText(page)).toContain('minuutin päästä');

    // Other accounts are not affected.
    await signInStaff(page, base, STAFF.worker);
    expect(path(page)).toBe('/worker');
  });
});
