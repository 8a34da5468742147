/**
 * Messages end to end: quick picture messages (after one confirmation) and text from the client,
 * the worker's inbox with a count of messages waiting for an answer, which drops when answered,
 * "Ohjaaja on lukenut viestisi", replies, the substitute answering while the named worker is away, a family member writing on
 * the client's behalf, one message per double tap or replay (2 and 20 at once), limits and
 * markup shown as text, drafts that survive a reload and a new sign-in, no JavaScript, refusal
 * by changed ids, and axe on the states the accessibility sweep cannot reach (which checks
 * every message page in all three languages).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickAndWait, path, signInClient, signOut, STAFF, useBrowser } from '../helpers/browser';
import { querySql, runSql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { expectNoAxeViolations, expectTargetSizes } from '../helpers/axe';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();


const messagesOf = async (clientId: number) =>
  querySql<{ id: number; kind: string; body: string; quick: string | null; sender_id: number; read_at: number | null; from_client_side: number }>(
    server.dbFile,
    'SELECT m.id, m.kind, m.body, m.quick, m.sender_id, m.read_at, m.from_client_side FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.client_id = ? ORDER BY m.id',
    [clientId],
  );
const personId = async (email: string) => (await querySql<{ id: number }>(server.dbFile, 'SELECT id FROM people WHERE email = ?', [email]))[0].id;

/** Posts the page's message form `times` times at once, as replays of the very same form. */
async function replay(page: Page, times: number): Promise<number[]> {
  return page.evaluate(async (n) => {
    const form = document.querySelector('form.write-message') as HTMLFormElement;
    const body = new URLSearchParams(new FormData(form) as unknown as Record<string, string>);
    return Promise.all(Array.from({ length: n }, () => fetch(location.pathname, { method: 'POST', body, redirect: 'manual' }).then((r) => r.status)));
  }, times);
}

describe('client and worker', () => {
  it('client sends a quick message and a text; the worker reads and replies; the client sees "luettu" and the reply', async () => {
    const client = await fixture.signedIn(server.baseUrl, 'matti');
    await client.goto(`${server.baseUrl}/client/messages`);
    const before = (await messagesOf(ids.matti)).length;

    // A quick message asks once before it is sent.
    await clickAndWait(client, client.locator('a.quick[href*="quick=late"]'));
    expect(await client.locator('.quick-confirm').textContent()).toContain('Lähetätkö viestin: Myöhästyn?');
    expect((await messagesOf(ids.matti)).length).toBe(before);
    await expectNoAxeViolations(client, { client: true });
    await expectTargetSizes(client);
    await clickAndWait(client, client.locator('.quick-confirm button[type=submit]'));
    await client.locator('#body').fill('Bussi on myöhässä. Tulen kello 9.');
    await clickAndWait(client, client.locator('form.write-message button[type=submit]'));
    const sent = (await messagesOf(ids.matti)).slice(before);
    expect(sent.map((m) => [m.kind, m.quick ?? m.body])).toEqual([['quick', 'late'], ['text', 'Bussi on myöhässä. Tulen kello 9.']]);
    expect(await client.locator('li.message').last().locator('.message-status').getAttribute('data-read')).toBe('false');
    expect(await client.locator('li.message').last().textContent()).toContain('tänään kello');

    const worker = await fixture.signedIn(server.baseUrl, { email: STAFF.worker }, { viewport: { width: 1024, height: 900 } });
    await worker.goto(`${server.baseUrl}/worker/messages`);
    // Waiting for an answer (the demo's last question of Matti's and these two), not only unread.
    const waiting = Number(await worker.locator('nav a[href="/worker/messages"]').getAttribute('data-waiting'));
    expect(waiting).toBeGreaterThanOrEqual(3);
    expect(await worker.locator(`tr[data-client="${ids.matti}"]`).getAttribute('data-waiting')).toBe(String(waiting));
    expect(await worker.locator(`tr[data-client="${ids.matti}"]`).textContent()).toContain('Lukee vähän');
    await clickAndWait(worker, worker.locator(`a[href="/worker/messages/client/${ids.matti}"]`));
    // Opening reads them; they still wait (tests/e2e/message-waiting.test.ts).
    expect(await worker.locator('nav a[href="/worker/messages"]').getAttribute('data-waiting')).toBe(String(waiting));
    expect(await worker.locator('label[for=body]').textContent()).toContain('Matti');
    await worker.locator('#body').fill('Kiitos kun kerroit, Matti. Nähdään kello 9.');
    await clickAndWait(worker, worker.getByRole('button', { name: 'Lähetä vastaus' }));
    expect(path(worker)).toBe(`/worker/messages/client/${ids.matti}?sent=1`);
    expect(await worker.locator('nav a[href="/worker/messages"]').getAttribute('data-waiting')).toBe('0');
    const log = await querySql<{ basis: string }>(server.dbFile, "SELECT basis FROM access_log WHERE client_id = ? AND action = 'messages'", [ids.matti]);
    expect(log.map((l) => l.basis)).toContain('named_worker');

    await client.reload();
    const mine = client.locator('li.message.from-client').last();
    expect(await mine.locator('.message-status').getAttribute('data-read')).toBe('true');
    expect(await mine.locator('.message-status').textContent()).toContain('Ohjaaja on lukenut viestisi');
    expect(await client.locator('li.message.from-staff').last().textContent()).toContain('Kiitos kun kerroit, Matti.');
    // The client opening the page marks the reply read for the worker.
    expect((await messagesOf(ids.matti)).at(-1)!.read_at).not.toBeNull();
  });

  it('a double tap, 2 and 20 replays of one form make one message each time', async () => {
    const client = await fixture.signedIn(server.baseUrl, 'aino');
    for (const times of [2, 20]) {
      await client.goto(`${server.baseUrl}/client/messages`);
      await client.locator('#body').fill(`Toistettu viesti ${times}`);
      const before = (await messagesOf(ids.aino)).length;
      const statuses = await replay(client, times);
      expect(statuses.every((s) => s === 0)).toBe(true); // each answered with a redirect
      const after = await messagesOf(ids.aino);
      expect(after.length).toBe(before + 1);
      expect(after.at(-1)!.body).toBe(`Toistettu viesti ${times}`);
    }
  });

  it('refuses an empty or too long message kindly, keeps the text, and shows markup as text', async () => {
    const client = await fixture.signedIn(server.baseUrl, 'aino', { javaScriptEnabled: false });
    await client.goto(`${server.baseUrl}/client/messages`);
    const before = (await messagesOf(ids.aino)).length;
    await clickAndWait(client, client.locator('form.write-message button[type=submit]'));
    expect(await client.locator('#body-error').textContent()).toContain('Kirjoita ensin viesti.');
    const long = 'Pitkä viesti. '.repeat(150);
    await client.locator('#body').fill(long);
    await clickAndWait(client, client.locator('form.write-message button[type=submit]'));
    expect(await client.locator('#body-error').textContent()).toContain('liian pitkä');
    expect(await client.locator('#body').inputValue()).toBe(long);
    expect((await messagesOf(ids.aino)).length).toBe(before);

    // Quick messages and markup, all without JavaScript.
    const payload = '<script>window.pwned = 1</script><b>lihava</b> <img src=x onerror="window.pwned = 2">';
    await client.locator('#body').fill(payload);
    await clickAndWait(client, client.locator('form.write-message button[type=submit]'));
    await clickAndWait(client, client.locator('a.quick[href*="quick=thanks"]'));
    await clickAndWait(client, client.locator('.quick-confirm button[type=submit]'));
    const after = await messagesOf(ids.aino);
    expect(after.slice(-2).map((m) => m.body || m.quick)).toEqual([payload, 'thanks']);

    const worker = await fixture.signedIn(server.baseUrl, { email: STAFF.substitute }); // Pekka: Aino's named worker
    await worker.goto(`${server.baseUrl}/worker/messages/client/${ids.aino}`);
    const shown = worker.locator(`li[data-message="${after.at(-2)!.id}"] .message-body`);
    expect(await shown.textContent()).toBe(payload);
    expect(await shown.locator('b, img, script').count()).toBe(0);
    expect(await worker.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  });

  it('keeps a draft through a reload and a new sign-in, and clears it when sent', async () => {
    // A session of its own (not the file's shared one): this test signs out.
    const client = await fixture.newPage();
    await signInClient(client, server.baseUrl, 'matti', { device: 'own' });
    await client.goto(`${server.baseUrl}/client/messages`);
    await client.locator('#body').fill('Tämä on kesken');
    await expect.poll(() => client.locator('.draft-status').textContent(), { timeout: 5_000 }).toContain('Luonnos on tallessa');
    await client.reload();
    expect(await client.locator('#body').inputValue()).toBe('Tämä on kesken');
    await client.goto(`${server.baseUrl}/client/me`);
    await signOut(client);
    await signInClient(client, server.baseUrl, 'matti', { device: 'own' });
    await client.goto(`${server.baseUrl}/client/messages`);
    expect(await client.locator('#body').inputValue()).toBe('Tämä on kesken');
    await clickAndWait(client, client.locator('form.write-message button[type=submit]'));
    await client.goto(`${server.baseUrl}/client/messages`);
    expect(await client.locator('#body').inputValue()).toBe('');
    expect(await querySql(server.dbFile, 'SELECT body FROM message_drafts WHERE person_id = ?', [ids.matti])).toEqual([]);
  });
});

describe('voice messages', () => {
  it('records (a fake microphone), plays back before sending, sends once; the worker plays it; limits are kept', async () => {
    const client = await fixture.signedIn(server.baseUrl, 'aino');
    await client.goto(`${server.baseUrl}/client/messages`);
    const before = (await messagesOf(ids.aino)).length;
    await client.locator('[data-voice=record]').click();
    await client.locator('[data-voice=stop]').waitFor();
    await client.waitForTimeout(1500);
    await client.locator('[data-voice=stop]').click();
    await client.locator('[data-voice=preview]').waitFor();
    await expectNoAxeViolations(client, { client: true });
    await Promise.all([client.waitForURL(/sent=1/), client.locator('[data-voice=send]').click()]);
    const after = await messagesOf(ids.aino);
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)!.kind).toBe('voice');
    const [clip] = await querySql<{ id: number; mime: string; size: number; duration_ms: number }>(
      server.dbFile, 'SELECT v.id, v.mime, length(v.bytes) AS size, v.duration_ms FROM voice_clips v JOIN messages m ON m.voice_clip_id = v.id WHERE m.id = ?', [after.at(-1)!.id]);
    expect(clip.mime).toBe('audio/webm');
    expect(clip.size).toBeGreaterThan(500);
    expect(clip.duration_ms).toBeGreaterThan(1000);
    expect(await client.locator('li.message').last().textContent()).toMatch(/Ääniviesti, \d+ sekuntia/);

    const pekka = await fixture.signedIn(server.baseUrl, { email: STAFF.substitute });
    await pekka.goto(`${server.baseUrl}/worker/messages/client/${ids.aino}`);
    const audio = pekka.locator(`li[data-message="${after.at(-1)!.id}"] audio`);
    expect(await audio.getAttribute('src')).toBe(`/messages/voice/${clip.id}`);
    const served = await pekka.request.get(`${server.baseUrl}/messages/voice/${clip.id}`);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toBe('audio/webm');

    // Too big, and not a recording: refused; the same key again: no second message.
    const statuses = await client.evaluate(async () => {
      const post = (blob: Blob, key: string) => {
        const form = new FormData();
        form.append('action', 'voice');
        form.append('key', key);
        form.append('duration_ms', '1000');
        form.append('audio', blob, 'x');
        return fetch('/client/messages', { method: 'POST', body: form, redirect: 'manual' }).then((r) => r.status);
      };
      return [
        await post(new Blob([new Uint8Array(5 * 1024 * 1024 + 10)], { type: 'audio/webm' }), crypto.randomUUID()),
        await post(new Blob(['<html>'], { type: 'text/html' }), crypto.randomUUID()),
      ];
    });
    expect(statuses).toEqual([413, 415]);
    expect((await messagesOf(ids.aino)).length).toBe(before + 1);
  });

  it('is not offered without JavaScript; the rest works', async () => {
    const client = await fixture.signedIn(server.baseUrl, 'aino', { javaScriptEnabled: false });
    await client.goto(`${server.baseUrl}/client/messages`);
    expect(await client.locator('[data-voice], #voice-heading').count()).toBe(0);
    expect(await client.locator('form.write-message').count()).toBe(1);
  });
});

describe('one message and one clip per key, and the truth when nothing was sent', () => {
  // Ville (the other unit) writes here, so the unread counts the other tests expect stay as they are.
  const clipsOf = async (clientId: number) =>
    (await querySql<{ n: number }>(server.dbFile, 'SELECT COUNT(*) AS n FROM voice_clips v JOIN conversations c ON c.id = v.conversation_id WHERE c.client_id = ?', [clientId]))[0].n;

  /** A message of Aino's conversation and its key: Ville's forms are made to carry that key. */
  async function keyOfAinosMessage(): Promise<string> {
    const key = `aino-${crypto.randomUUID()}`;
    const hasConversation = (await querySql(server.dbFile, 'SELECT id FROM conversations WHERE client_id = ?', [ids.aino])).length > 0;
    if (!hasConversation) await runSql(server.dbFile, [['INSERT INTO conversations (client_id, created_at) VALUES (?, 0)', [ids.aino]]]);
    await runSql(server.dbFile, [
      ["INSERT INTO messages (conversation_id, sender_id, kind, body, from_client_side, idempotency_key, created_at) SELECT id, ?, 'text', 'Ainon viesti', 1, ?, 0 FROM conversations WHERE client_id = ?", [ids.aino, key, ids.aino]],
    ]);
    return key;
  }

  it('ten voice posts with one key at once store one clip and one message (three times)', async () => {
    const client = await fixture.signedIn(server.baseUrl, 'ville');
    await client.goto(`${server.baseUrl}/client/messages`);
    const [messagesBefore, clipsBefore] = [(await messagesOf(ids.ville)).length, await clipsOf(ids.ville)];
    // Three rounds of ten posts, each round with its own key: the race is one of timing, and one
    // round alone did not always show it on the code before.
    const rounds = 3;
    const statuses = await client.evaluate(async (n) => {
      const audio = new Blob([new Uint8Array(2_000).fill(7)], { type: 'audio/webm' });
      const all: number[] = [];
      for (let round = 0; round < n; round++) {
        const key = crypto.randomUUID();
        const form = new FormData();
        form.append('action', 'voice');
        form.append('key', key);
        form.append('duration_ms', '3000');
        form.append('audio', audio, 'clip.webm');
        all.push(...(await Promise.all(Array.from({ length: 10 }, () => fetch('/client/messages', { method: 'POST', body: form, redirect: 'manual' }).then((r) => r.status)))));
      }
      return all;
    }, rounds);
    expect(statuses).toEqual(Array(10 * rounds).fill(0)); // each answered with the redirect of "sent"
    const after = await messagesOf(ids.ville);
    expect(after.length).toBe(messagesBefore + rounds);
    expect(after.slice(-rounds).map((m) => m.kind)).toEqual(Array(rounds).fill('voice'));
    expect(await clipsOf(ids.ville)).toBe(clipsBefore + rounds);
    // No clip attached to nothing, in any conversation.
    expect(await querySql(server.dbFile, 'SELECT v.id FROM voice_clips v WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.voice_clip_id = v.id) AND v.id <> 900')).toEqual([]);
  });

  it('answers a clip over the size limit with 413, also one too big to read, and stores nothing', async () => {
    const client = await fixture.signedIn(server.baseUrl, 'ville');
    await client.goto(`${server.baseUrl}/client/messages`);
    const [messagesBefore, clipsBefore] = [(await messagesOf(ids.ville)).length, await clipsOf(ids.ville)];
    const statuses = await client.evaluate(async () => {
      const post = (bytes: number) => {
        const form = new FormData();
        form.append('action', 'voice');
        form.append('key', crypto.randomUUID());
        form.append('duration_ms', '1000');
        form.append('audio', new Blob([new Uint8Array(bytes)], { type: 'audio/webm' }), 'clip.webm');
        return fetch('/client/messages', { method: 'POST', body: form, redirect: 'manual' }).then((r) => r.status);
      };
      return [await post(5 * 1024 * 1024 + 1), await post(8 * 1024 * 1024)];
    });
    expect(statuses).toEqual([413, 413]);
    expect((await messagesOf(ids.ville)).length).toBe(messagesBefore);
    expect(await clipsOf(ids.ville)).toBe(clipsBefore);
  });

  it("a form carrying another conversation's key says it was not sent, keeps the words, and stores nothing", async () => {
    const other = { idempotency_key: await keyOfAinosMessage() };
    const client = await fixture.signedIn(server.baseUrl, 'ville', { javaScriptEnabled: false });
    await client.goto(`${server.baseUrl}/client/messages`);
    const before = (await messagesOf(ids.ville)).length;
    const words = 'Tämä viesti ei saa kadota.';
    await client.locator('#body').fill(words);
    await client.locator('form.write-message input[name=key]').evaluate((input, key) => ((input as HTMLInputElement).value = key), other.idempotency_key);
    const [response] = await Promise.all([client.waitForResponse((r) => r.request().method() === 'POST'), client.locator('form.write-message button[type=submit]').click()]);
    await client.waitForLoadState();
    expect(response.status()).toBe(400);
    expect(await client.locator('#body-error').textContent()).toContain('Viestiä ei lähetetty.');
    expect(await client.locator('#body').inputValue()).toBe(words);
    expect(await client.locator('.notice.ok').count()).toBe(0);
    expect((await messagesOf(ids.ville)).length).toBe(before);
    // The new form has a key of its own: sending again sends the words.
    await clickAndWait(client, client.locator('form.write-message button[type=submit]'));
    expect((await messagesOf(ids.ville)).at(-1)!.body).toBe(words);

    // A quick message with that key: not sent, and said so.
    await client.goto(`${server.baseUrl}/client/messages?quick=thanks`);
    await client.locator('.quick-confirm input[name=key]').evaluate((input, key) => ((input as HTMLInputElement).value = key), other.idempotency_key);
    await clickAndWait(client, client.locator('.quick-confirm button[type=submit]'));
    expect(await client.locator('#body-error').textContent()).toContain('Viestiä ei lähetetty.');
    expect((await messagesOf(ids.ville)).at(-1)!.body).toBe(words);
  });

  it("the worker's reply form with another conversation's key says so too, and keeps the reply", async () => {
    const other = { idempotency_key: await keyOfAinosMessage() };
    const sanna = await fixture.signedIn(server.baseUrl, { email: STAFF.workerB }, { javaScriptEnabled: false }); // Sanna: Ville's named worker
    await sanna.goto(`${server.baseUrl}/worker/messages/client/${ids.ville}`);
    const reply = 'Vastaus, joka ei saa kadota.';
    await sanna.locator('#body').fill(reply);
    await sanna.locator('form.staff-form input[name=key]').evaluate((input, key) => ((input as HTMLInputElement).value = key), other.idempotency_key);
    await clickAndWait(sanna, sanna.getByRole('button', { name: 'Lähetä vastaus' }));
    expect(await sanna.locator('#body-error').textContent()).toContain('Viestiä ei lähetetty');
    expect(await sanna.locator('#body').inputValue()).toBe(reply);
    expect((await messagesOf(ids.ville)).some((m) => m.body === reply)).toBe(false);
  });
});

describe('who answers, family, and refusals', () => {
  it('tells the client who answers while the named worker is away, and the substitute answers', async () => {
    const jukka = await fixture.signedIn(server.baseUrl, 'jukka');
    await jukka.goto(`${server.baseUrl}/client/messages`);
    expect(await jukka.locator('[data-substitute]').textContent()).toBe('Liisa Ohjaaja on poissa. Pekka Valmentaja vastaa sinulle nyt.');
    await clickAndWait(jukka, jukka.locator('a.quick[href*="quick=call"]'));
    await clickAndWait(jukka, jukka.locator('.quick-confirm button[type=submit]'));

    const pekka = await fixture.signedIn(server.baseUrl, { email: STAFF.substitute });
    await pekka.goto(`${server.baseUrl}/worker/messages`);
    expect(await pekka.locator(`tr[data-client="${ids.jukka}"]`).getAttribute('data-waiting')).toBe('1');
    await clickAndWait(pekka, pekka.locator(`a[href="/worker/messages/client/${ids.jukka}"]`));
    await pekka.locator('#body').fill('Soitan sinulle kello 12, Jukka.');
    await clickAndWait(pekka, pekka.getByRole('button', { name: 'Lähetä vastaus' }));
    const last = (await messagesOf(ids.jukka)).at(-1)!;
    expect(last.sender_id).toBe(await personId(STAFF.substitute));
    const log = await querySql<{ basis: string }>(server.dbFile, "SELECT DISTINCT basis FROM access_log WHERE client_id = ? AND action = 'messages'", [ids.jukka]);
    expect(log).toEqual([{ basis: 'substitute' }]);
    await jukka.reload();
    expect(await jukka.locator('li.message.from-staff').last().textContent()).toContain('Pekka Valmentaja');
  });

  it('a family member writes on the client’s behalf, shown so to everyone in their own words', async () => {
    const maija = await fixture.signedIn(server.baseUrl, { email: STAFF.family });
    await maija.goto(`${server.baseUrl}/family/${ids.matti}/messages`);
    await expectNoAxeViolations(maija, { client: true });
    // Matti's own messages are his, not "Sinä": the family member reads about him.
    const mattiWrote = maija.locator('li.message.from-client .message-meta strong', { hasText: 'Matti kirjoitti' });
    expect(await mattiWrote.count()).toBeGreaterThan(0);
    expect(await maija.locator('li.message .message-meta strong').allTextContents()).not.toContain('Sinä');
    expect(await maija.locator('#write-heading').textContent()).toContain('Kirjoita viesti Matin puolesta');
    await maija.locator('#body').fill('Matti on tänään kotona. Terveisin Maija.');
    await clickAndWait(maija, maija.locator('form.write-message button[type=submit]'));
    // Maija: "Sinä kirjoitit Matin puolesta"; Matti: "…, sinun puolestasi"; the worker: by name.
    expect(await maija.locator('li.message').last().locator('.message-meta strong').textContent()).toBe('Sinä kirjoitit Matin puolesta');
    const matti = await fixture.signedIn(server.baseUrl, 'matti');
    await matti.goto(`${server.baseUrl}/client/messages`);
    expect(await matti.locator('li.message').last().locator('.message-meta strong').textContent()).toBe('Maija Virtanen, läheinen, sinun puolestasi');
    const liisa = await fixture.signedIn(server.baseUrl, { email: STAFF.worker });
    await liisa.goto(`${server.baseUrl}/worker/messages/client/${ids.matti}`);
    expect(await liisa.locator('li.message').last().locator('.message-meta strong').textContent()).toBe('Maija Virtanen, läheinen, Matin puolesta');
  });

  it('refuses conversations and voice messages to everyone else, also by changed ids', async () => {
    // A voice clip in Matti's conversation (recording itself is not part of this test).
    const [conversation] = await querySql<{ id: number }>(server.dbFile, 'SELECT id FROM conversations WHERE client_id = ?', [ids.matti]);
    await runSql(server.dbFile, [["INSERT INTO voice_clips (id, conversation_id, mime, bytes, duration_ms, created_at) VALUES (900, ?, 'audio/webm', ?, 1000, 0)", [conversation.id, Buffer.from('1a45dfa3', 'hex')]]]);
    const matti = await fixture.signedIn(server.baseUrl, 'matti');
    expect((await matti.request.get(`${server.baseUrl}/messages/voice/900`)).status()).toBe(200);

    const sanna = await fixture.signedIn(server.baseUrl, { email: STAFF.workerB });
    const pekka = await fixture.signedIn(server.baseUrl, { email: STAFF.substitute });
    const olli = await fixture.signedIn(server.baseUrl, { email: STAFF.adminB });
    const aino = await fixture.signedIn(server.baseUrl, 'aino');
    for (const page of [sanna, pekka, olli]) {
      expect((await page.goto(`${server.baseUrl}/worker/messages/client/${ids.matti}`))?.status()).toBe(403);
      const status = await page.evaluate(async (id) => (await fetch(`/worker/messages/client/${id}`, { method: 'POST', body: new URLSearchParams({ body: 'hijack', key: crypto.randomUUID() }), redirect: 'manual' })).status, ids.matti);
      expect(status).toBe(403);
      expect((await page.request.get(`${server.baseUrl}/messages/voice/900`)).status()).toBe(403);
    }
    expect((await aino.request.get(`${server.baseUrl}/messages/voice/900`)).status()).toBe(403);
    expect((await aino.goto(`${server.baseUrl}/worker/messages`))?.status()).toBe(403);
    const maija = await fixture.signedIn(server.baseUrl, { email: STAFF.family });
    expect((await maija.goto(`${server.baseUrl}/family/${ids.aino}/messages`))?.status()).toBe(403);
    expect((await maija.request.get(`${server.baseUrl}/messages/voice/900`)).status()).toBe(200);
    expect((await messagesOf(ids.matti)).some((m) => m.body === 'hijack')).toBe(false);
    // The unit's admin may read the conversation.
    const helena = await fixture.signedIn(server.baseUrl, { email: STAFF.admin });
    expect((await helena.goto(`${server.baseUrl}/worker/messages/client/${ids.matti}`))?.status()).toBe(200);
  });
});

describe('a change of named worker', () => {
  it('is told to the client in Viestit with the new worker’s name and picture, and the conversation moves with it', async () => {
    const pekka = await fixture.signedIn(server.baseUrl, { email: STAFF.substitute }, { viewport: { width: 1280, height: 900 } }); // Aino's named worker
    // Only the unit admin names another worker: here in the plan editor (audited like the person page).
    const helena = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, { viewport: { width: 1280, height: 900 } });
    await helena.goto(`${server.baseUrl}/worker/clients/${ids.aino}/plan`);
    const liisa = await personId(STAFF.worker);
    await helena.locator('#named_worker_id').selectOption(String(liisa));
    await clickAndWait(helena, helena.getByRole('button', { name: 'Tallenna uusi versio' }));
    expect(path(helena)).toMatch(/\?saved=/);
    const [audited] = await querySql<{ n: number }>(server.dbFile, "SELECT COUNT(*) AS n FROM admin_audit WHERE action = 'change named worker' AND target_id = ?", [ids.aino]);
    expect(audited.n).toBe(1);
    const history = await querySql<{ worker_id: number; ends_on: string | null }>(server.dbFile, "SELECT worker_id, ends_on FROM client_workers WHERE client_id = ? AND kind = 'named' ORDER BY id", [ids.aino]);
    expect(history.map((h) => h.worker_id)).toEqual([await personId(STAFF.substitute), liisa]);
    expect(history[0].ends_on).not.toBeNull();
    expect(history[1].ends_on).toBeNull();

    const aino = await fixture.signedIn(server.baseUrl, 'aino');
    await aino.goto(`${server.baseUrl}/client/messages`);
    const notice = aino.locator('[data-new-worker]').last();
    expect(await notice.textContent()).toBe('Sinulla on uusi ohjaaja: Liisa Ohjaaja.');
    expect(await notice.locator('svg').count()).toBe(1);
    expect(await aino.locator('#who-answers').textContent()).toContain('Liisa Ohjaaja');
    await expectNoAxeViolations(aino, { client: true });
    // Pekka no longer works with Aino: her conversation is closed to him now.
    expect((await pekka.goto(`${server.baseUrl}/worker/messages/client/${ids.aino}`))?.status()).toBe(403);
  });
});
