/**
 * "Needs a reply" is not "read" (issue 15, points 4 and 5): opening a conversation marks the
 * client's messages read ("Ohjaaja on lukenut viestisi") but they keep waiting, in the staff
 * header, on the worker home and in the inbox, until a worker answers or marks them "Ei vaadi
 * vastausta" (audited). The inbox sorts by waiting time, says who wrote and how long it has
 * waited against the unit's promise (overdue in words). The unit's promise is set by the admin
 * and said to the client and family in easy words. A worker answers with a picture (also without
 * JavaScript) or a voice message, and the client sees and plays them.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chooseLanguage, clickAndWait, path, STAFF, useBrowser } from '../helpers/browser';
import { querySql, runSql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { expectNoAxeViolations } from '../helpers/axe';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();

const headerCount = async (page: Page) => Number(await page.locator('nav a[href="/worker/messages"]').getAttribute('data-waiting'));
const waitingOf = async (clientId: number) =>
  (
    await querySql<{ n: number }>(
      server.dbFile,
      "SELECT COUNT(*) AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.client_id = ? AND m.from_client_side = 1 AND m.kind <> 'system' AND m.handled_at IS NULL",
      [clientId],
    )
  )[0].n;
const lastMessage = async (clientId: number) =>
  (
    await querySql<{ id: number; kind: string; body: string; picture: string | null; from_client_side: number; voice_clip_id: number | null; sender_id: number }>(
      server.dbFile,
      'SELECT m.id, m.kind, m.body, m.picture, m.from_client_side, m.voice_clip_id, m.sender_id FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.client_id = ? ORDER BY m.id DESC LIMIT 1',
      [clientId],
    )
  )[0];
let keys = 0;
/** A message from the client's side sent `ago` ms ago, written straight into the database. */
async function oldMessage(clientId: number, senderId: number, body: string, ago: number): Promise<void> {
  const has = await querySql(server.dbFile, 'SELECT 1 FROM conversations WHERE client_id = ?', [clientId]);
  if (has.length === 0) await runSql(server.dbFile, [['INSERT INTO conversations (client_id, created_at) VALUES (?, 0)', [clientId]]]);
  await runSql(server.dbFile, [
    [
      "INSERT INTO messages (conversation_id, sender_id, kind, body, from_client_side, idempotency_key, created_at) VALUES ((SELECT id FROM conversations WHERE client_id = ?), ?, 'text', ?, 1, ?, ?)",
      [clientId, senderId, body, `waiting-test-${++keys}`, Date.now() - ago],
    ],
  ]);
}
const personId = async (email: string) => (await querySql<{ id: number }>(server.dbFile, 'SELECT id FROM people WHERE email = ?', [email]))[0].id;

describe('a message waits for an answer, not for reading', () => {
  it('opening does not clear the count; "Ei vaadi vastausta" and an answer with a picture (no JavaScript) do', async () => {
    const liisa = await fixture.signedIn(server.baseUrl, { email: STAFF.worker }, { viewport: { width: 1366, height: 768 } });
    await liisa.goto(`${server.baseUrl}/worker`);
    const start = await headerCount(liisa);
    // The demo's newest message of Matti waits.
    expect(await waitingOf(ids.matti)).toBe(1);
    expect(start).toBeGreaterThanOrEqual(1);
    expect(await liisa.locator('[data-waiting-messages]').getAttribute('data-waiting-messages')).toBe(String(start));
    expect(await liisa.locator('[data-waiting-messages]').textContent()).toContain(start === 1 ? '1 viesti odottaa vastausta.' : `${start} viestiä odottaa vastausta.`);
    await expectNoAxeViolations(liisa, { client: false });

    // Opening the conversation marks it read, but it still waits.
    await liisa.goto(`${server.baseUrl}/worker/messages/client/${ids.matti}`);
    expect(await headerCount(liisa)).toBe(start);
    expect(await liisa.locator('#waiting').getAttribute('data-waiting')).toBe('1');
    expect(await liisa.locator('#waiting').textContent()).toContain('1 viesti odottaa vastausta. Avaaminen ei kuittaa sitä');
    expect(await liisa.locator('#waiting').textContent()).toMatch(/Luvattu vastaus viimeistään|Myöhässä/);
    await expectNoAxeViolations(liisa, { client: false });
    await liisa.reload();
    expect(await headerCount(liisa)).toBe(start);
    const read = await querySql<{ read_at: number | null }>(server.dbFile, "SELECT read_at FROM messages WHERE idempotency_key = 'demo-message-2'");
    expect(read[0].read_at).not.toBeNull();
    const matti = await fixture.signedIn(server.baseUrl, 'matti');
    await matti.goto(`${server.baseUrl}/client/messages`);
    expect(await matti.locator('li.message.from-client').last().locator('.message-status').textContent()).toContain('Ohjaaja on lukenut viestisi');

    // "Ei vaadi vastausta": the count drops, with its audit row.
    await clickAndWait(liisa, liisa.getByRole('button', { name: 'Ei vaadi vastausta' }));
    expect(path(liisa)).toBe(`/worker/messages/client/${ids.matti}?handled=1`);
    expect(await liisa.locator('#waiting').textContent()).toContain('Merkitty: ei vaadi vastausta.');
    expect(await headerCount(liisa)).toBe(start - 1);
    expect(await waitingOf(ids.matti)).toBe(0);
    const audit = await querySql<{ actor_id: number; target_id: number }>(server.dbFile, "SELECT actor_id, target_id FROM admin_audit WHERE action = 'message needs no reply'");
    expect(audit).toEqual([{ actor_id: await personId(STAFF.worker), target_id: ids.matti }]);

    // Matti asks again; Liisa answers with a picture only, without JavaScript, found by a search.
    await clickAndWait(matti, matti.locator('a.quick[href*="quick=question"]'));
    await clickAndWait(matti, matti.locator('.quick-confirm button[type=submit]'));
    const noJs = await fixture.signedIn(server.baseUrl, { email: STAFF.worker }, { javaScriptEnabled: false, viewport: { width: 1366, height: 768 } });
    await noJs.goto(`${server.baseUrl}/worker/messages/client/${ids.matti}`);
    expect(await headerCount(noJs)).toBe(start);
    await noJs.locator('#body').fill('Kyllä, Matti.');
    await noJs.locator('#picture-q').fill('kahvi');
    await clickAndWait(noJs, noJs.locator('button[name=picture_search]'));
    // The search sent nothing and kept the words.
    expect(await noJs.locator('#body').inputValue()).toBe('Kyllä, Matti.');
    expect(await waitingOf(ids.matti)).toBe(1);
    const first = noJs.locator('#picture-choices input[type=radio]').first();
    const chosen = (await first.getAttribute('value'))!;
    await first.check();
    await noJs.locator('#body').fill('');
    await clickAndWait(noJs, noJs.getByRole('button', { name: 'Lähetä vastaus' }));
    expect(path(noJs)).toBe(`/worker/messages/client/${ids.matti}?sent=1`);
    expect(await headerCount(noJs)).toBe(start - 1);
    const answer = await lastMessage(ids.matti);
    expect([answer.kind, answer.body, answer.picture, answer.from_client_side]).toEqual(['text', '', chosen, 0]);
    expect(await waitingOf(ids.matti)).toBe(0);
    const how = await querySql<{ handled_how: string; handled_by: number }>(server.dbFile, "SELECT handled_how, handled_by FROM messages WHERE kind = 'quick' AND quick = 'question' ORDER BY id DESC LIMIT 1");
    expect(how).toEqual([{ handled_how: 'reply', handled_by: await personId(STAFF.worker) }]);

    // The client sees the picture with its word.
    await matti.reload();
    const shown = matti.locator('li.message.from-staff').last().locator('p.message-picture');
    expect(await shown.getAttribute('data-picture')).toBe(chosen);
    expect(((await shown.textContent()) ?? '').trim().length).toBeGreaterThan(0);
    expect(await shown.locator('svg, img').count()).toBe(1);
    await expectNoAxeViolations(matti, { client: true });

    // A picture not in the catalogue is refused, the words kept.
    await noJs.goto(`${server.baseUrl}/worker/messages/client/${ids.matti}`);
    await noJs.locator('#body').fill('Hei');
    await noJs.evaluate(() => {
      const radio = document.querySelector<HTMLInputElement>('#picture-choices input[type=radio]')!;
      radio.value = 'not-a-picture';
      radio.checked = true;
    });
    await clickAndWait(noJs, noJs.getByRole('button', { name: 'Lähetä vastaus' }));
    expect(await noJs.locator('#error-summary').textContent()).toContain('Valitse kuva luettelosta.');
    expect(await noJs.locator('#body').inputValue()).toBe('Hei');
    expect((await lastMessage(ids.matti)).id).toBe(answer.id);
  });

  it('the worker answers with a voice message (a fake microphone), which ends the wait and plays for the client', async () => {
    await oldMessage(ids.matti, ids.matti, 'Kuuletko minua?', 60_000);
    const liisa = await fixture.signedIn(server.baseUrl, { email: STAFF.worker }, { viewport: { width: 1366, height: 768 } });
    await liisa.goto(`${server.baseUrl}/worker/messages/client/${ids.matti}`);
    expect(await liisa.locator('#waiting').getAttribute('data-waiting')).toBe('1');
    await liisa.locator('[data-voice=record]').click();
    await liisa.locator('[data-voice=stop]').waitFor();
    await liisa.waitForTimeout(1500);
    await liisa.locator('[data-voice=stop]').click();
    await liisa.locator('[data-voice=preview]').waitFor();
    await Promise.all([liisa.waitForURL(/sent=1/), liisa.locator('[data-voice=send]').click()]);
    const voice = await lastMessage(ids.matti);
    expect([voice.kind, voice.from_client_side, voice.sender_id]).toEqual(['voice', 0, await personId(STAFF.worker)]);
    expect(await waitingOf(ids.matti)).toBe(0);
    expect(await liisa.locator('#waiting').getAttribute('data-waiting')).toBe('0');

    const matti = await fixture.signedIn(server.baseUrl, 'matti');
    await matti.goto(`${server.baseUrl}/client/messages`);
    const last = matti.locator('li.message.from-staff').last();
    expect(await last.textContent()).toMatch(/Ääniviesti, \d+ sekuntia/);
    const audio = last.locator('audio');
    expect(await audio.getAttribute('src')).toBe(`/messages/voice/${voice.voice_clip_id}`);
    const served = await matti.request.get(`${server.baseUrl}/messages/voice/${voice.voice_clip_id}`);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toBe('audio/webm');
    // It plays: the browser loads it and its time runs.
    const played = await audio.evaluate(async (el: HTMLAudioElement) => {
      el.muted = true;
      el.preload = 'auto';
      await el.play();
      await new Promise((r) => setTimeout(r, 700));
      return { error: el.error?.code ?? null, time: el.currentTime };
    });
    expect(played.error).toBeNull();
    expect(played.time).toBeGreaterThan(0);
  });
});

describe('the inbox', () => {
  it('sorts by waiting time, longest first, says who wrote and how long, overdue in words', async () => {
    const maija = await personId(STAFF.family);
    await oldMessage(ids.aino, ids.aino, 'Missä olet?', 10 * 86_400_000);
    await oldMessage(ids.matti, maija, 'Matti on kipeä.', 90 * 60_000);
    const helena = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, { viewport: { width: 1366, height: 768 } });
    await helena.goto(`${server.baseUrl}/worker/messages`);
    const waitingRows = helena.locator('tr[data-client]:not([data-waiting="0"])');
    const order = await waitingRows.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-client'))));
    expect(order.indexOf(ids.aino)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(ids.aino)).toBeLessThan(order.indexOf(ids.matti));
    // Rows that wait come before those that do not.
    const all = await helena.locator('tr[data-client]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-waiting')));
    expect(all.slice(0, order.length).every((w) => w !== '0')).toBe(true);
    expect(all.slice(order.length).every((w) => w === '0')).toBe(true);

    const aino = helena.locator(`tr[data-client="${ids.aino}"]`);
    expect(await aino.getAttribute('data-overdue')).toBe('true');
    expect(await aino.locator('[data-writer]').textContent()).toBe('Kirjoitti: Aino Laine');
    expect(await aino.locator('[data-waited]').textContent()).toMatch(/^Odottanut \d+ työpäivää$/);
    expect(await aino.locator('[data-due]').textContent()).toMatch(/^Myöhässä: vastaus oli luvattu viimeistään /);
    const matti = helena.locator(`tr[data-client="${ids.matti}"]`);
    expect(await matti.getAttribute('data-overdue')).toBeNull();
    expect(await matti.locator('[data-writer]').textContent()).toBe('Kirjoitti: Maija Virtanen, läheinen, Matin puolesta');
    expect(await matti.locator('[data-waited]').textContent()).toMatch(/^Odottanut (1 tunnin|1 työpäivän)$/);
    expect(await matti.locator('[data-due]').textContent()).toMatch(/^Luvattu vastaus viimeistään /);
    expect(await helena.locator('[data-promise]').textContent()).toBe('Yksikön lupaus: vastaus 2 työpäivän kuluessa.');
    expect(await headerCount(helena)).toBeGreaterThanOrEqual(2);
    await expectNoAxeViolations(helena, { client: false });
  });
});

describe("the unit's promise", () => {
  it('the admin sets it (audited); the client and family read it in easy words in fi, sv and en', async () => {
    const matti = await fixture.signedIn(server.baseUrl, 'matti');
    await matti.goto(`${server.baseUrl}/client/messages`);
    expect(await matti.locator('[data-promise]').textContent()).toBe('Ohjaaja vastaa 2 työpäivän aikana.');

    const helena = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, { viewport: { width: 1366, height: 768 } });
    await helena.goto(`${server.baseUrl}/admin/units`);
    expect(await helena.locator('#reply_days').inputValue()).toBe('2');
    await helena.locator('#reply_days').fill('11');
    await clickAndWait(helena, helena.locator('form#edit-unit button[type=submit]'));
    expect(await helena.locator('#error-summary').textContent()).toContain('1–10');
    await expectNoAxeViolations(helena, { client: false });
    await helena.locator('#reply_days').fill('3');
    await clickAndWait(helena, helena.locator('form#edit-unit button[type=submit]'));
    expect(path(helena)).toBe('/admin/units?saved=edit');
    const audit = await querySql<{ old_value: string; new_value: string }>(server.dbFile, "SELECT old_value, new_value FROM admin_audit WHERE action = 'edit unit' ORDER BY id DESC LIMIT 1");
    expect(audit).toEqual([{ old_value: JSON.stringify({ reply_days: 2 }), new_value: JSON.stringify({ reply_days: 3 }) }]);

    await matti.reload();
    expect(await matti.locator('[data-promise]').textContent()).toBe('Ohjaaja vastaa 3 työpäivän aikana.');
    await chooseLanguage(matti, 'sv');
    expect(await matti.locator('[data-promise]').textContent()).toBe('Handledaren svarar inom 3 arbetsdagar.');
    await chooseLanguage(matti, 'en');
    expect(await matti.locator('[data-promise]').textContent()).toBe('Your worker answers within 3 working days.');
    await expectNoAxeViolations(matti, { client: true });
    await chooseLanguage(matti, 'fi');

    const maija = await fixture.signedIn(server.baseUrl, { email: STAFF.family });
    await maija.goto(`${server.baseUrl}/family/${ids.matti}/messages`);
    expect(await maija.locator('[data-promise]').textContent()).toBe('Ohjaaja vastaa 3 työpäivän aikana.');
  });
});
