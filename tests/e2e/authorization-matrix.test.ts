/**
 * The authorization matrix: every route of the portal × every kind of person, with the HTTP
 * status each must get, as the route fixture (tests/helpers/route-fixture.ts) says; the fixture
 * has a row for every route of src/pages (tests/unit/layers.test.ts checks), so a new page cannot
 * slip past. Client A is Matti Virtanen; every URL with an id points at his data. Also checked on
 * the way:
 *
 * - every read of A's data by someone else writes an access_log row (src/server/access.ts),
 * - a person with no tie to A never sees his name in any answer,
 * - a refused POST changes nothing in the database.
 *
 * People are signed in by writing session rows before the server starts (no browser), so the
 * whole matrix is a few hundred plain requests.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { useServerWithClients } from '../helpers/own-server';
import { querySql } from '../helpers/server';
import { changedTables, fillIn, prepareRouteFixture, tableDigests, type RouteFixtureData } from '../helpers/authz';
import { ACTORS, CLIENT_A_NAME, ROUTES, STRANGERS_TO_A, TIED_TO_A, type Actor, type GetEntry, type Outcome, type PostEntry, type Row, type SignedIn } from '../helpers/route-fixture';

const isTiedToA = (actor: Actor): actor is SignedIn => (TIED_TO_A as readonly Actor[]).includes(actor);

const fixture: RouteFixtureData = { context: {}, personId: {} as Record<SignedIn, number>, cookies: {} as Record<SignedIn, string> };
const { server } = useServerWithClients({ prepareDb: (dbFile) => prepareRouteFixture(dbFile, fixture).then(() => {}) });
const CONTEXT = fixture.context;
const fill = (template: string) => fillIn(template, CONTEXT);

interface Answer {
  status: number;
  outcome: Outcome;
  text: string;
}

async function send(actor: Actor, method: 'GET' | 'POST', url: string, body?: string): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (actor !== 'anonymous') headers.cookie = fixture.cookies[actor];
  if (method === 'POST') {
    // Astro's checkOrigin refuses a form post from another origin.
    headers.origin = server.baseUrl;
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  const response = await fetch(server.baseUrl + url, { method, redirect: 'manual', headers, body: method === 'POST' ? body : undefined });
  const text = await response.text();
  const location = response.headers.get('location');
  const outcome: Outcome =
    response.status >= 300 && response.status < 400 && location ? `${response.status} ${new URL(location, server.baseUrl).pathname as `/${string}`}` : response.status;
  return { status: response.status, outcome, text };
}

async function accessLogRows(actor: SignedIn): Promise<number> {
  const [{ n }] = await querySql<{ n: number }>(server.dbFile, 'SELECT COUNT(*) AS n FROM access_log WHERE client_id = ? AND actor_id = ?', [CONTEXT.A, fixture.personId[actor]]);
  return n;
}

/** An answer that turns the actor away (as opposed to serving them, or asking for better input). */
function refuses(outcome: Outcome): boolean {
  if (typeof outcome === 'number') return outcome === 401 || outcome === 403 || outcome === 404 || outcome === 409;
  return / \/(login|card)$/.test(outcome);
}

beforeAll(async () => {
  // A's unit approves last month, so the payroll export has something to give (and to refuse).
  const approved = await send('admin', 'POST', '/admin/money', `month=${CONTEXT.approvedMonth}&confirm=yes`);
  expect(approved.outcome, 'approving last month for the export rows').toBe('303 /admin/money');
});

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

const gets = Object.entries(ROUTES).flatMap(([pattern, row]): [string, GetEntry][] => (row.GET ? [[`${pattern} GET`, row.GET]] : []));
const posts = Object.entries(ROUTES).flatMap(([pattern, row]): [string, PostEntry][] => (row.POST ? [[`${pattern} POST`, row.POST]] : []));

describe('authorization matrix', () => {
  // (That the fixture has a row for every route and method is checked in tests/unit/layers.test.ts.)

  // GETs first: they change nothing another row depends on (a read marks messages read at most).
  test.each(gets)('%s', async (_key, entry) => {
    const url = fill(entry.url);
    const got = {} as Row;
    const unlogged: string[] = [];
    const leaks: string[] = [];
    for (const actor of ACTORS) {
      const checkLog = entry.clientData && isTiedToA(actor);
      const before = checkLog ? await accessLogRows(actor) : 0;
      const answer = await send(actor, 'GET', url);
      got[actor] = answer.outcome;
      if (checkLog && answer.status === 200 && (await accessLogRows(actor)) <= before) unlogged.push(actor);
      if (STRANGERS_TO_A.includes(actor) && answer.text.includes(CLIENT_A_NAME)) leaks.push(actor);
    }
    expect.soft(got, `GET ${url}: status per actor`).toEqual(entry.expect);
    expect.soft(unlogged, `GET ${url}: read A's data with no access_log row`).toEqual([]);
    expect.soft(leaks, `GET ${url}: showed ${CLIENT_A_NAME}'s name to someone with no tie to him`).toEqual([]);
  });

  // Then POSTs, sign-out last. In each row the refused actors go first, and the database must be
  // exactly as it was after them; only then do the allowed actors send the same form.
  const ordered = [...posts.filter(([, e]) => !e.endsSession), ...posts.filter(([, e]) => e.endsSession)];
  test.each(ordered)('%s', async (_key, entry) => {
    const url = fill(entry.url);
    const body = fill(entry.body);
    const refused = ACTORS.filter((a) => refuses(entry.expect[a]));
    const allowed = ACTORS.filter((a) => !refuses(entry.expect[a]));
    const got = {} as Row;
    const leaks: string[] = [];
    const post = async (actor: Actor) => {
      const answer = await send(actor, 'POST', url, body);
      got[actor] = answer.outcome;
      if (STRANGERS_TO_A.includes(actor) && answer.text.includes(CLIENT_A_NAME)) leaks.push(actor);
    };
    const before = await tableDigests(server.dbFile);
    for (const actor of refused) await post(actor);
    // (access_log is left out: a refused write may still show a page the actor may read, such
    // as a read-only family member's conversation after "you may not write here", and that read
    // is rightly logged. Whether the answer showed too much is what the statuses check. So is
    // security_events: every refusal is itself logged there.)
    const changedByRefused = changedTables(before, await tableDigests(server.dbFile)).filter((t) => t !== 'access_log' && t !== 'security_events');
    for (const actor of allowed) await post(actor);
    expect.soft(got, `POST ${url} (${body || 'empty form'}): status per actor`).toEqual(entry.expect);
    expect.soft(changedByRefused, `POST ${url}: tables changed by the refused actors ${refused.join(', ')}`).toEqual([]);
    expect.soft(leaks, `POST ${url}: showed ${CLIENT_A_NAME}'s name to someone with no tie to him`).toEqual([]);
  });
});
