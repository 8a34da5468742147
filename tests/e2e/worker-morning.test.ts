/**
 * Issue 15, done when: a worker's morning and an accountant's month, played in Chromium on a
 * 1366×768 laptop, counting the clicks.
 *
 * The morning: Liisa signs in and sees on her home page that Matti's question waits and that
 * Jukka reported himself sick today; she confirms Jukka's absence with one tap from the
 * register, marks everyone else present with "Kaikki paikalla", corrects Matti to a part day
 * (9.00–12.30) with transport, writes his daily note, and answers his message with her voice.
 * The month: Helena approves last month, downloads the payroll file, and its sums agree with
 * the month's page.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { clickAndWait, path, signInStaff, STAFF, useBrowser } from '../helpers/browser';
import { querySql, runSql } from '../helpers/server';
import { useServerWithClients } from '../helpers/own-server';
import { expectNoAxeViolations } from '../helpers/axe';
import { isoWeekday, monthOf, addDays } from '@domain/attendance';
import { todayInHelsinki } from '@domain/time/helsinki';

const fixture = useBrowser();
const { server, ids } = useServerWithClients();
const laptop = { viewport: { width: 1366, height: 768 } };
const today = todayInHelsinki();

/** Clicks and typed fields of the person, as they would count them. */
const done = { clicks: 0, typed: 0 };
async function tap(page: Page, target: Locator, navigates = true): Promise<void> {
  done.clicks++;
  if (navigates) await clickAndWait(page, target);
  else await target.click();
}
async function type(target: Locator, text: string): Promise<void> {
  done.typed++;
  await target.fill(text);
}

const statusOf = async (clientId: number) =>
  (await querySql<{ status: string; part_minutes: number | null; from_time: string | null; until_time: string | null; transport: number }>(
    server.dbFile,
    'SELECT status, part_minutes, from_time, until_time, transport FROM attendance WHERE client_id = ? AND day = ?',
    [clientId, today],
  ))[0];

describe("a worker's morning", () => {
  it('from sign-in to a voice answer: waiting message and absence seen, absence confirmed, everyone present, a part day with transport, a note, a reply', async () => {
    // Today is a working day for Matti and Jukka (on a weekend the test gives them one).
    const weekday = isoWeekday(today);
    const scheduled = await querySql<{ client_id: number }>(server.dbFile, 'SELECT client_id FROM weekly_schedule WHERE weekday = ?', [weekday]);
    const missing = [ids.matti, ids.jukka].filter((id) => !scheduled.some((s) => s.client_id === id));
    expect(await querySql(server.dbFile, 'SELECT * FROM attendance WHERE day = ? AND client_id IN (?, ?)', [today, ids.matti, ids.jukka])).toEqual([]);
    const conversation = await querySql(server.dbFile, 'SELECT id FROM conversations WHERE client_id = ?', [ids.matti]);
    await runSql(server.dbFile, [
      ...missing.map((id) => ['INSERT INTO weekly_schedule (client_id, weekday, starts_at, ends_at, place) VALUES (?, ?, ?, ?, ?)', [id, weekday, '08:30', '14:00', 'Paja']] as [string, unknown[]]),
      ...(conversation.length === 0 ? [['INSERT INTO conversations (client_id, created_at) VALUES (?, ?)', [ids.matti, Date.now()]] as [string, unknown[]]] : []),
      // Jukka reported himself sick for today, as his report form stores it.
      ['INSERT INTO absence_reports (client_id, reason, words, idempotency_key, reported_by, reported_at) VALUES (?, ?, ?, ?, ?, ?)', [ids.jukka, 'sick', '', 'morning-jukka', ids.jukka, Date.now() - 3 * 3600_000]],
      ['INSERT INTO absence_report_days (report_id, day) SELECT id, ? FROM absence_reports WHERE idempotency_key = ?', [today, 'morning-jukka']],
      // Matti asked something an hour ago.
      [
        "INSERT INTO messages (conversation_id, sender_id, kind, body, from_client_side, idempotency_key, created_at) SELECT id, ?, 'text', 'Voinko lähteä tänään aikaisemmin?', 1, 'morning-question', ? FROM conversations WHERE client_id = ?",
        [ids.matti, Date.now() - 3600_000, ids.matti],
      ],
    ]);
    const waitingBefore = (await querySql<{ n: number }>(server.dbFile, 'SELECT count(*) AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.client_id = ? AND m.from_client_side = 1 AND m.handled_at IS NULL', [ids.matti]))[0].n;
    expect(waitingBefore).toBeGreaterThan(0);

    // Sign in (an email, a password, one click).
    const liisa = await fixture.newPage(laptop);
    done.typed += 2;
    done.clicks++;
    await signInStaff(liisa, server.baseUrl, STAFF.worker);
    expect(path(liisa)).toBe('/worker');

    // The home page says what waits: messages, and today's absences.
    expect(await liisa.locator('[data-waiting-messages]').textContent()).toContain('odottaa vastausta');
    const absence = liisa.locator('section[data-absences] li', { hasText: 'Jukka' });
    expect(await absence.textContent()).toContain('sairas');
    await expectNoAxeViolations(liisa, { client: false });

    // To the register from the absence; Jukka's row is already filled in: one tap confirms it.
    await tap(liisa, absence.locator('a'));
    expect(path(liisa)).toMatch(/^\/worker\/register/);
    const jukka = liisa.locator(`#client-${ids.jukka}`);
    expect(await jukka.getAttribute('data-reported')).toBe('sick');
    await tap(liisa, jukka.getByRole('button', { name: /Vahvista: Sairas/ }));
    expect((await statusOf(ids.jukka))?.status).toBe('sick');

    // Everyone else present in one tap.
    await tap(liisa, liisa.getByRole('button', { name: 'Kaikki paikalla' }));
    expect((await statusOf(ids.matti))?.status).toBe('present');
    expect((await statusOf(ids.jukka))?.status).toBe('sick');

    // Matti came for the morning only, by transport: 9.00–12.30.
    let matti = liisa.locator(`#client-${ids.matti}`);
    await tap(liisa, matti.locator('details:not(.register-note) summary'), false);
    await tap(liisa, matti.locator(`#details-mode-${ids.matti}-clock`), false);
    await type(matti.locator(`#details-from-${ids.matti}`), '09:00');
    await type(matti.locator(`#details-until-${ids.matti}`), '12:30');
    await tap(liisa, matti.locator(`#details-flags-${ids.matti}-transport`), false);
    await tap(liisa, matti.getByRole('button', { name: /Tallenna päivän tiedot/ }));
    expect(await statusOf(ids.matti)).toEqual({ status: 'present', part_minutes: 210, from_time: '09:00', until_time: '12:30', transport: 1 });
    matti = liisa.locator(`#client-${ids.matti}`);
    expect(await matti.textContent()).toContain('9.00–12.30');
    await expectNoAxeViolations(liisa, { client: false });

    // His note of the day, from the same row.
    await tap(liisa, matti.locator('details.register-note summary'), false);
    await type(matti.locator(`#note-${ids.matti}`), 'Matti hioi linnunpöntön osat. Lähti puoliltapäivin.');
    await tap(liisa, matti.getByRole('button', { name: 'Tallenna merkintä' }));
    expect(await querySql(server.dbFile, 'SELECT body FROM daily_notes WHERE client_id = ? AND day = ?', [ids.matti, today])).toEqual([{ body: 'Matti hioi linnunpöntön osat. Lähti puoliltapäivin.' }]);

    // The question: from the header to the inbox, Matti's thread first, answered by voice.
    await tap(liisa, liisa.locator('header a[href="/worker/messages"]').first());
    const first = liisa.locator('table tbody tr').first();
    expect(await first.textContent()).toContain('Matti Virtanen');
    await tap(liisa, first.locator('a').first());
    await tap(liisa, liisa.locator('[data-voice=record]'), false);
    await liisa.locator('[data-voice=stop]').waitFor();
    await liisa.waitForTimeout(1200);
    await tap(liisa, liisa.locator('[data-voice=stop]'), false);
    await liisa.locator('[data-voice=preview]').waitFor();
    done.clicks++;
    await Promise.all([liisa.waitForURL(/sent=1/), liisa.locator('[data-voice=send]').click()]);
    const [answer] = await querySql<{ kind: string; from_client_side: number }>(server.dbFile, 'SELECT m.kind, m.from_client_side FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.client_id = ? ORDER BY m.id DESC LIMIT 1', [ids.matti]);
    expect(answer).toEqual({ kind: 'voice', from_client_side: 0 });
    expect((await querySql<{ n: number }>(server.dbFile, 'SELECT count(*) AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.client_id = ? AND m.from_client_side = 1 AND m.handled_at IS NULL', [ids.matti]))[0].n).toBe(0);

    // The whole morning: 15 clicks and 5 typed fields (sign-in's click and two fields included).
    expect(done).toEqual({ clicks: 15, typed: 5 });
  });
});

describe("an accountant's month", () => {
  it('approves last month, downloads the payroll file, and its sums are the month page’s', async () => {
    const lastMonth = monthOf(addDays(`${monthOf(today)}-01`, -1));
    const helena = await fixture.signedIn(server.baseUrl, { email: STAFF.admin }, laptop);
    await helena.goto(`${server.baseUrl}/admin/money?month=${lastMonth}`);
    const figures = new Map<string, number>();
    for (const row of await helena.locator('table.statement tbody tr').all()) {
      figures.set((await row.locator('th').innerText()).trim(), Number(await row.locator('[data-payable-cents]').getAttribute('data-payable-cents')));
    }
    expect(figures.size).toBeGreaterThan(0);
    await clickAndWait(helena, helena.getByRole('button', { name: 'Hyväksy kuukausi' }));
    await clickAndWait(helena, helena.locator('#confirm button.danger'));
    expect(await helena.locator('[data-approved]').getAttribute('data-approved')).toBe('true');

    const [download] = await Promise.all([helena.waitForEvent('download'), helena.getByRole('link', { name: 'Lataa CSV palkanmaksuun' }).click()]);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(Buffer.from(chunk));
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff); // a BOM: Finnish Excel reads the ä and ö right
    const [header, ...lines] = text.replace(/^\uFEFF/, '').trim().split(/\r\n/);
    const names = header.split(';');
    const rows = lines.map((l) => Object.fromEntries(l.split(';').map((cell, i) => [names[i], cell])));
    const cents = (cell: string) => Math.round(Number(cell.replace(',', '.')) * 100);
    for (const row of rows) expect(cents(row.Maksetaan), row.Nimi).toBe(figures.get(row.Nimi));
    const total = rows.reduce((sum, r) => sum + cents(r.Maksetaan), 0);
    expect(total).toBe(Number(await helena.locator('[data-total-payable-cents]').getAttribute('data-total-payable-cents')));
    expect(total).toBe([...figures.values()].reduce((a, b) => a + b, 0));
  });
});
