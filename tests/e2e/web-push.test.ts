/**
 * Web Push to the client's own tablet (issue 17, point 3) end to end: the built server pushes to
 * a push service the test serves on loopback (tests/helpers/push-endpoint.ts), which checks the
 * VAPID signature against the key kept in the portal's database and decrypts every push as the
 * tablet's browser would (RFC 8291). Headless Chromium cannot reach a real push service, so the
 * tablet's subscription is given to the portal as the PushQuestion island gives it: a form post
 * from the signed-in page (its cookies, its origin), with keys the test holds. The question itself
 * is looked at in Chromium: asked on a remembered own tablet, never on a shared one.
 *
 * Matti says yes and gets "Sinulle on uusi viesti." once for Liisa's answers until he reads them,
 * then turns it off. Aino reads Swedish; later her browser drops the subscription (410). Jukka
 * signs out while his push waits for the service: it is not sent. Ville on a shared tablet is
 * refused. A server killed between the commit and the push sends it once after its restart.
 * Helena, the unit's admin, sees the pushes on /admin/outbox (a failed one, a dropped one with
 * the reason in words), and her "Yritä uudelleen" sends the failed one once.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickAndWait, signInClient, signOut, STAFF, useBrowser } from '../helpers/browser';
import { querySql, runSql } from '../helpers/server';
import { useRestartableServerWithPush } from '../helpers/own-server';
import { expectNoAxeViolations } from '../helpers/axe';
import type { TestSubscriber } from '../helpers/push-endpoint';

const fixture = useBrowser();
const { server, ids, push, restart } = useRestartableServerWithPush({
  async prepareDb(dbFile) {
    await runSql(dbFile, [["UPDATE people SET language = 'sv' WHERE role = 'client' AND preferred_name = 'Aino'"]]);
  },
});
const laptop = { viewport: { width: 1366, height: 768 } };
const base = () => server.baseUrl;
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the island posts once the browser has subscribed (PushSubscription.toJSON()). */
function subscriptionForm(tablet: TestSubscriber): Record<string, string> {
  return { action: 'on', endpoint: tablet.subscription.endpoint, ...tablet.subscription.keys };
}
async function post(page: Page, url: string, form: Record<string, string>) {
  return page.request.post(`${base()}${url}`, { form, headers: { origin: base() }, maxRedirects: 0 });
}
async function sayYes(page: Page, tablet: TestSubscriber): Promise<void> {
  const response = await post(page, '/client/push', subscriptionForm(tablet));
  expect(response.status()).toBe(303);
  expect(response.headers().location).toBe('/client/me?push=on#push');
}
async function reply(worker: Page, clientId: number, body: string): Promise<void> {
  const response = await post(worker, `/worker/messages/client/${clientId}`, { action: 'text', body, key: randomUUID() });
  expect(response.status(), await response.text()).toBe(303);
}
const pushRows = (clientId: number) =>
  querySql<{ id: number; status: string; dropped_reason: string | null; attempts: number; next_attempt_at: number }>(
    server.dbFile,
    'SELECT id, status, dropped_reason, attempts, next_attempt_at FROM push_outbox WHERE person_id = ? ORDER BY id',
    [clientId],
  );
const subscriptionsOf = (clientId: number) => querySql<{ ended_reason: string | null }>(server.dbFile, 'SELECT ended_reason FROM push_subscriptions WHERE person_id = ? ORDER BY id', [clientId]);
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}:\n${server.output().slice(-1500)}`);
    await settle(100);
  }
}

describe('the question on Minä', () => {
  it('is asked on a remembered own tablet: the messages picture, the question in easy words, one big "Kyllä"', async () => {
    const matti = await fixture.signedIn(base(), 'matti');
    await matti.goto(`${base()}/client/me`);
    const question = matti.locator('[data-push-question]');
    await question.locator('[data-push-yes]').waitFor();
    expect(await question.locator('h2').innerText()).toBe('Ilmoitus viestistä');
    expect(await question.locator('h2 [data-concept="messages"]').count()).toBe(1);
    expect(await question.locator('p').first().innerText()).toBe('Haluatko ilmoituksen tähän tablettiin, kun saat viestin?');
    const yes = question.locator('[data-push-yes]');
    expect((await yes.innerText()).trim()).toBe('Kyllä');
    const box = (await yes.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);
    await expectNoAxeViolations(matti, { client: true });
    // The service worker the island registers loads (it only shows pushes; it caches nothing).
    const worker = await matti.evaluate(async () => {
      await navigator.serviceWorker.register('/sw.js');
      return (await navigator.serviceWorker.ready).active?.scriptURL;
    });
    expect(worker).toBe(`${base()}/sw.js`);
    expect(fixture.problems(matti).errors).toEqual([]);

    // Where notifications are blocked on the tablet, no "Kyllä" that cannot work: it says so in words.
    const cdp = await matti.context().newCDPSession(matti);
    const { targetInfo } = await cdp.send('Target.getTargetInfo');
    await cdp.send('Browser.setPermission', { permission: { name: 'notifications' }, setting: 'denied', origin: base(), browserContextId: targetInfo.browserContextId });
    await matti.reload();
    await question.waitFor();
    expect(await question.locator('p').innerText()).toBe('Tämä tabletti ei näytä ilmoituksia. Kysy apua ohjaajalta.');
    expect(await question.locator('[data-push-yes]').count()).toBe(0);
    await cdp.send('Browser.resetPermissions', { browserContextId: targetInfo.browserContextId });
  });

  it('is not asked on a shared tablet, and a subscription from one is refused: nothing is pushed there', async () => {
    const ville = await fixture.newPage();
    await signInClient(ville, base(), 'ville', { device: 'shared' });
    await ville.goto(`${base()}/client/me`);
    await ville.waitForLoadState('networkidle');
    expect(await ville.locator('[data-push-question], [data-push-on], astro-island[component-url*="PushQuestion"]').count()).toBe(0);
    expect(await ville.content()).not.toContain('client/push');

    const tablet = push.subscriber('ville');
    expect((await post(ville, '/client/push', subscriptionForm(tablet))).status()).toBe(403);
    expect(await subscriptionsOf(ids.ville)).toEqual([]);
    const sanna = await fixture.signedIn(base(), { email: STAFF.workerB }, laptop);
    await reply(sanna, ids.ville, 'Hei Ville! Muista huomenna kahdeksalta.');
    await settle(1000);
    expect(await pushRows(ids.ville)).toEqual([]);
    expect(push.requests.filter((r) => r.to === 'ville')).toEqual([]);
  });
});

describe('a worker’s answer', () => {
  it('is told on Matti’s tablet once, in words that say nothing of him, until he reads it; then he turns it off', async () => {
    const matti = await fixture.signedIn(base(), 'matti');
    const tablet = push.subscriber('matti');
    await sayYes(matti, tablet);
    await matti.goto(`${base()}/client/me?push=on#push`);
    expect(await matti.locator('#push .notice').innerText()).toContain('Hyvä! Nyt saat ilmoituksen, kun saat viestin.');
    expect(await matti.locator('[data-push-on]').innerText()).toContain('Saat ilmoituksen tähän tablettiin, kun saat viestin.');
    expect(await matti.locator('[data-push-question]').count()).toBe(0);
    await expectNoAxeViolations(matti, { client: true });

    const liisa = await fixture.signedIn(base(), { email: STAFF.worker }, laptop);
    await reply(liisa, ids.matti, 'Hei Matti! Huomenna leivotaan pullaa.');
    const [arrived] = await push.waitFor('matti', 1);
    expect(arrived.payload).toEqual({ title: 'Omapolku', body: 'Sinulle on uusi viesti.', icon: '/icons/messages-192.png', url: '/client/messages', tag: 'omapolku-message' });
    const [{ public_key }] = await querySql<{ public_key: string }>(server.dbFile, 'SELECT public_key FROM push_keys');
    expect(arrived.vapid).toMatchObject({ k: public_key, aud: push.origin, sub: 'mailto:omapolku@demo.omapolku.fi' });
    // The picture is the portal's own file.
    const icon = await matti.request.get(`${base()}/icons/messages-192.png`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toBe('image/png');
    // The service worker that shows it is there too.
    expect((await matti.request.get(`${base()}/sw.js`)).headers()['content-type']).toContain('javascript');

    // A second answer before he has read the first: no second push.
    await reply(liisa, ids.matti, 'Ota esiliina mukaan.');
    await settle(1000);
    expect(push.received.filter((r) => r.to === 'matti')).toHaveLength(1);
    // He reads them; the next answer is told again.
    await matti.goto(`${base()}/client/messages`);
    await reply(liisa, ids.matti, 'Nähdään!');
    await push.waitFor('matti', 2);
    await until('both are sent', async () => (await pushRows(ids.matti)).every((r) => r.status === 'sent'));
    expect(await pushRows(ids.matti)).toHaveLength(2);

    // "En halua ilmoituksia": a plain form.
    await matti.goto(`${base()}/client/me`);
    await clickAndWait(matti, matti.locator('[data-push-on] button[type=submit]'));
    expect(new URL(matti.url()).search).toBe('?push=off');
    expect(await matti.locator('#push .notice').innerText()).toContain('Selvä. Et saa enää ilmoituksia tähän tablettiin.');
    expect(await subscriptionsOf(ids.matti)).toEqual([{ ended_reason: 'turned_off' }]);
    await matti.goto(`${base()}/client/messages`);
    await reply(liisa, ids.matti, 'Vielä yksi asia.');
    await settle(1000);
    expect(push.received.filter((r) => r.to === 'matti')).toHaveLength(2);
    expect(await pushRows(ids.matti)).toHaveLength(2);
    expect(push.problems).toEqual([]);
  });

  it('is told in the client’s language (Aino reads Swedish); when her browser has dropped the subscription (410) it ends, with no retries', async () => {
    const aino = await fixture.signedIn(base(), 'aino');
    const tablet = push.subscriber('aino');
    await sayYes(aino, tablet);
    const pekka = await fixture.signedIn(base(), { email: STAFF.substitute }, laptop);
    await reply(pekka, ids.aino, 'Hej Aino!');
    const [arrived] = await push.waitFor('aino', 1);
    expect(arrived.payload).toMatchObject({ title: 'Omapolku', body: 'Du har ett nytt meddelande.', url: '/client/messages' });

    await aino.goto(`${base()}/client/messages`);
    tablet.answer = 410;
    await reply(pekka, ids.aino, 'Vi ses i morgon.');
    await until('the push is dropped', async () => (await pushRows(ids.aino)).at(-1)?.status === 'dropped');
    await settle(1500);
    expect(push.requests.filter((r) => r.to === 'aino').map((r) => r.status)).toEqual([201, 410]);
    expect((await pushRows(ids.aino)).at(-1)).toMatchObject({ dropped_reason: 'gone', attempts: 0 });
    expect(await subscriptionsOf(ids.aino)).toEqual([{ ended_reason: 'gone' }]);
  });

  it('is not pushed when the client signed out while it waited for the push service: dropped, with the reason', async () => {
    const jukka = await fixture.newPage();
    await signInClient(jukka, base(), 'jukka', { device: 'own' });
    const tablet = push.subscriber('jukka');
    tablet.answer = 503;
    await sayYes(jukka, tablet);
    const liisa = await fixture.signedIn(base(), { email: STAFF.worker }, laptop);
    await reply(liisa, ids.jukka, 'Hei Jukka!');
    await until('a failed attempt', async () => (await pushRows(ids.jukka))[0]?.attempts >= 1);
    await jukka.goto(`${base()}/client/me`);
    await signOut(jukka);
    tablet.answer = 201;
    await until('the push is looked at again', async () => (await pushRows(ids.jukka))[0].status !== 'waiting', 20_000);
    expect(await pushRows(ids.jukka)).toMatchObject([{ status: 'dropped', dropped_reason: 'session_ended' }]);
    expect(await subscriptionsOf(ids.jukka)).toEqual([{ ended_reason: 'session_ended' }]);
    expect(push.received.filter((r) => r.to === 'jukka')).toEqual([]);
  }, 40_000);

  it('is pushed once after a server was killed between the commit and the push', async () => {
    const matti = await fixture.signedIn(base(), 'matti');
    const tablet = push.subscriber('matti-2');
    tablet.answer = 503;
    await sayYes(matti, tablet);
    await matti.goto(`${base()}/client/messages`);
    const liisa = await fixture.signedIn(base(), { email: STAFF.worker }, laptop);
    await reply(liisa, ids.matti, 'Huomenna on retkipäivä.');
    await until('a failed attempt', async () => (await pushRows(ids.matti)).at(-1)!.attempts >= 1);
    await restart('SIGKILL');
    tablet.answer = 201;
    // The failed attempts set the next one later each time (200 ms, 800 ms, 4 s, 12 s), and a
    // kill in the middle of an attempt leaves it taken until its lease ends (3 s here).
    const { next_attempt_at } = (await pushRows(ids.matti)).at(-1)!;
    await push.waitFor('matti-2', 1, Math.max(0, next_attempt_at - Date.now()) + 15_000);
    await settle(1500);
    expect(push.received.filter((r) => r.to === 'matti-2')).toHaveLength(1);
    expect((await pushRows(ids.matti)).at(-1)).toMatchObject({ status: 'sent' });
    expect(push.problems).toEqual([]);
  }, 90_000);
});

describe('the admin’s outbox page', () => {
  it('shows Helena the pushes to her unit’s clients with the reason in words, and a failed one tried again arrives once', async () => {
    // Jukka's own tablet: its browser has given a new subscription, and the old one's address is
    // gone (410: dropped); the push service refuses the new one's push (403: failed at once,
    // never tried again by itself).
    const jukka = await fixture.newPage();
    await signInClient(jukka, base(), 'jukka', { device: 'own' });
    const tablets: TestSubscriber[] = [];
    for (const [name, answer] of [['jukka-old', 410], ['jukka-new', 403]] as const) {
      const tablet = push.subscriber(name);
      tablet.answer = answer;
      await sayYes(jukka, tablet);
      tablets.push(tablet);
    }
    const refusing = tablets[1];
    const liisa = await fixture.signedIn(base(), { email: STAFF.worker }, laptop);
    const before = (await pushRows(ids.jukka)).length;
    await reply(liisa, ids.jukka, 'Hei Jukka! Muista kumisaappaat.');
    const mine = async () => (await pushRows(ids.jukka)).slice(before);
    await until('both are failed or dropped', async () => (await mine()).length === 2 && (await mine()).every((r) => r.status === 'failed' || r.status === 'dropped'));
    const failed = (await mine()).find((r) => r.status === 'failed')!;
    const dropped = (await mine()).find((r) => r.status === 'dropped')!;
    expect(dropped.dropped_reason).toBe('gone');

    const helena = await fixture.signedIn(base(), { email: STAFF.admin }, laptop);
    await helena.goto(`${base()}/admin/outbox`);
    const section = helena.locator('section[aria-labelledby="pushes-heading"]');
    expect(await section.locator('h2').innerText()).toBe('Ilmoitukset asiakkaiden tabletteihin');
    const failedRow = section.locator(`tr[data-push="${failed.id}"]`);
    expect(await failedRow.getAttribute('data-status')).toBe('failed');
    const failedText = await failedRow.innerText();
    expect(failedText).toContain('Jukka Niemi');
    expect(failedText).toContain(`Ilmoituspalvelu: ${new URL(push.origin).host}`);
    expect(failedText).toContain('Epäonnistui · 1 yritys');
    expect(failedText).toContain('Syy: 403 Received unexpected response code');
    const droppedRow = section.locator(`tr[data-push="${dropped.id}"]`);
    expect(await droppedRow.getAttribute('data-status')).toBe('dropped');
    expect(await droppedRow.innerText()).toContain('Ei lähetetty');
    expect(await droppedRow.innerText()).toContain('Syy: Tabletin selain ei enää ota ilmoituksia vastaan.');
    expect(await droppedRow.locator('button').count()).toBe(0);
    // The push service's host, never the tablet's own address there or its keys.
    const html = await helena.content();
    for (const t of tablets) for (const secret of [new URL(t.subscription.endpoint).pathname, t.subscription.keys.p256dh, t.subscription.keys.auth]) expect(html).not.toContain(secret);
    await expectNoAxeViolations(helena, { client: false });
    // Jukka's name on the page is a view of his data, in his access log.
    const [helenaId] = await querySql<{ id: number }>(server.dbFile, 'SELECT id FROM people WHERE email = ?', [STAFF.admin]);
    expect(await querySql(server.dbFile, "SELECT basis, path FROM access_log WHERE client_id = ? AND actor_id = ? AND action = 'push outbox'", [ids.jukka, helenaId.id])).toContainEqual({ basis: 'admin', path: '/admin/outbox' });

    // Olli, the other unit's admin, sees none of it and cannot try it again.
    const olli = await fixture.signedIn(base(), { email: STAFF.adminB }, laptop);
    await olli.goto(`${base()}/admin/outbox`);
    expect(await olli.locator(`tr[data-push="${failed.id}"]`).count()).toBe(0);
    const refused = await post(olli, '/admin/outbox', { action: 'retry-push', push: String(failed.id) });
    expect(refused.headers().location).toBe('/admin/outbox');
    expect((await mine()).find((r) => r.id === failed.id)).toMatchObject({ status: 'failed' });

    // The service takes pushes again; Helena's "Yritä uudelleen" sends it, once.
    refusing.answer = 201;
    await clickAndWait(helena, failedRow.locator('button', { hasText: 'Yritä uudelleen' }));
    expect(await helena.locator('#push-notice').innerText()).toContain('Ilmoitus lähetetään uudelleen.');
    const [arrived] = await push.waitFor('jukka-new', 1);
    expect(arrived.payload).toMatchObject({ body: 'Sinulle on uusi viesti.' });
    await until('it is sent', async () => (await mine()).find((r) => r.id === failed.id)?.status === 'sent');
    await helena.goto(`${base()}/admin/outbox`);
    expect(await section.locator(`tr[data-push="${failed.id}"]`).getAttribute('data-status')).toBe('sent');
    expect(await section.locator(`tr[data-push="${failed.id}"] button`).count()).toBe(0);
    await settle(300);
    expect(push.received.filter((r) => r.to === 'jukka-new')).toHaveLength(1);
    expect(push.requests.filter((r) => r.to === 'jukka-old').map((r) => r.status)).toEqual([410]);
    expect(push.problems).toEqual([]);
  });
});
