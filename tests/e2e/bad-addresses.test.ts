/**
 * Values in addresses and forms that once broke the server:
 *
 * - `back` of the text-size and language forms (no sign-in needed): `/%7F` left the request
 *   without any answer (Node refused the Location header after Astro had let go of the
 *   response), `/%0D%0AX:1`, `/%00` and `/😀` gave 500, and a tab went back in the Location.
 *   Now only the portal's own pages are a place to go back to; anything else goes home.
 * - `?month=9999-12` or `0000-01` gave 500 on the month pages; now they are "not found".
 */
import { describe, expect, test } from 'vitest';
import { useServerWithClients } from '../helpers/own-server';
import { insertSessions, peopleByName } from '../helpers/authz';

const PEOPLE = { matti: 'Matti Virtanen', maija: 'Maija Virtanen', liisa: 'Liisa Ohjaaja', helena: 'Helena Vastaava' } as const;
type Who = keyof typeof PEOPLE;
let cookies = {} as Record<Who, string>;

const { server, ids } = useServerWithClients({
  prepareDb: async (dbFile) => {
    const people = await peopleByName(dbFile);
    cookies = await insertSessions(dbFile, Object.fromEntries(Object.entries(PEOPLE).map(([k, name]) => [k, people.get(name)!])) as Record<Who, { id: number; role: string }>);
  },
});

/** A request that must be answered within `ms`; the status, Location and body, or 'no answer'. */
async function send(url: string, init: RequestInit, ms = 3_000) {
  const started = Date.now();
  try {
    const response = await fetch(server.baseUrl + url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(ms) });
    const body = await response.text();
    return { status: response.status, location: response.headers.get('location'), body, ms: Date.now() - started };
  } catch (err) {
    return { status: `no answer within ${ms} ms (${(err as Error).name})`, location: null, body: '', ms: Date.now() - started };
  }
}

describe('back after text size or language', () => {
  // The form fields as a browser would send them: percent-encoded in the body.
  const BAD = ['/%7F', '/%0D%0AX:1', '/%00', '/%F0%9F%98%80', '/client%09x', '/%01', '//evil.example/', 'https%3A%2F%2Fevil.example%2F', '/no-such-page'];

  test.each(['language', 'text-size'])('/settings/%s sends every bad back home, at once', async (form) => {
    const got: Record<string, unknown> = {};
    for (const back of BAD) {
      const answer = await send(`/settings/${form}`, {
        method: 'POST',
        headers: { origin: server.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
        body: `lang=sv&size=1&back=${back}`,
      });
      got[back] = `${answer.status} ${answer.location}`;
    }
    expect(got).toEqual(Object.fromEntries(BAD.map((b) => [b, '303 /'])));
  });

  test('keeps a page of ours with its query, signed in or not', async () => {
    for (const cookie of [undefined, cookies.matti]) {
      const answer = await send('/settings/text-size', {
        method: 'POST',
        headers: { origin: server.baseUrl, 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
        body: `size=1&back=${encodeURIComponent('/client/attendance?month=2026-10')}`,
      });
      expect(`${answer.status} ${answer.location}`).toBe('303 /client/attendance?month=2026-10');
    }
  });
});

describe('months out of range', () => {
  const pages = (): Array<[Who, string]> => [
    ['matti', '/client/attendance'],
    ['matti', '/client/money'],
    ['maija', `/family/${ids.matti}/attendance`],
    ['maija', `/family/${ids.matti}/money`],
    ['liisa', `/worker/clients/${ids.matti}/attendance`],
    ['helena', `/worker/clients/${ids.matti}/attendance`],
    ['helena', '/admin/money'],
  ];

  test('are the easy-read "not found" page on every month page', async () => {
    const got: Record<string, unknown> = {};
    const want: Record<string, unknown> = {};
    for (const [who, path] of pages()) {
      for (const month of ['9999-12', '0000-01', '1999-12', '2101-01', '2026-13', 'kissa']) {
        const answer = await send(`${path}?month=${month}`, { headers: { cookie: cookies[who] } });
        got[`${who} ${path}?month=${month}`] = `${answer.status} ${answer.body.includes('Sivua ei löydy') ? 'not found page' : answer.body.slice(0, 80)}`;
        want[`${who} ${path}?month=${month}`] = '404 not found page';
      }
    }
    expect(got).toEqual(want);
  });

  test('the ends of the range and no month at all still show the page', async () => {
    for (const [who, path] of pages()) {
      for (const query of ['', '?month=2000-01', '?month=2100-12']) {
        const answer = await send(path + query, { headers: { cookie: cookies[who] } });
        expect(answer.status, `${who} ${path}${query}`).toBe(200);
      }
    }
  });

  test('a posted month out of range is refused in words, not with a 500', async () => {
    const answer = await send('/admin/money', {
      method: 'POST',
      headers: { cookie: cookies.helena, origin: server.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'month=0000-01',
    });
    expect(answer.status).toBe(400);
  });
});
