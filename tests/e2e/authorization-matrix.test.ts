/**
 * The authorization matrix: every route of the portal (read from src/pages, so a new page cannot
 * slip past) × every kind of person, with the HTTP status each must get. Client A is Matti
 * Virtanen; every URL with an id points at his data. Also checked on the way:
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
import { querySql, runSql } from '../helpers/server';
import { changedTables, insertSessions, peopleByName, tableDigests } from '../helpers/authz';
import { routeKeys } from '../helpers/routes';

// ---------------------------------------------------------------------------------------------
// Who
// ---------------------------------------------------------------------------------------------

const ACTORS = [
  'anonymous',
  'clientA',
  'clientB',
  'familyFull',
  'familyMessages',
  'familyReadOnly',
  'namedWorker',
  'substitute',
  'otherUnitWorker',
  'admin',
  'otherUnitAdmin',
] as const;
type Actor = (typeof ACTORS)[number];
type SignedIn = Exclude<Actor, 'anonymous'>;

/** The demo people (src/server/demo/seed.ts) behind each actor. */
const PERSON: Record<SignedIn, string> = {
  clientA: 'Matti Virtanen',
  clientB: 'Aino Laine', // a client of the same unit as A
  familyFull: 'Maija Virtanen', // A's link at level full
  familyMessages: 'Eero Virtanen', // A's link at level messages (no records)
  familyReadOnly: 'Anja Korhonen', // A's edunvalvoja: basis guardian, level read_only
  namedWorker: 'Liisa Ohjaaja', // A's named worker
  substitute: 'Pekka Valmentaja', // made A's substitute below (and Aino's named worker in the demo)
  otherUnitWorker: 'Sanna Sivu',
  admin: 'Helena Vastaava', // admin of A's unit
  otherUnitAdmin: 'Olli Esimies',
};
const CLIENT_A_NAME = PERSON.clientA;

/** Those with a current tie to A other than A: their reads of A's data must be logged. */
const TIED_TO_A: readonly SignedIn[] = ['familyFull', 'familyMessages', 'familyReadOnly', 'namedWorker', 'substitute', 'admin'];
const isTiedToA = (actor: Actor): actor is SignedIn => (TIED_TO_A as readonly Actor[]).includes(actor);
/** Those with no tie to A at all: A's name must never appear in what they get. */
const STRANGERS_TO_A: readonly Actor[] = ['anonymous', 'clientB', 'otherUnitWorker', 'otherUnitAdmin'];

// ---------------------------------------------------------------------------------------------
// What they get
// ---------------------------------------------------------------------------------------------

/** A status, or for a redirect the status and the path it leads to ("303 /login"). */
type Outcome = number | `${number} /${string}`;
type Row = Record<Actor, Outcome>;

interface GetEntry {
  /** The URL requested; {name} is filled in from the ids of the server's database (CONTEXT). */
  url: string;
  /** Does the page show client A's data? Then every 200 to someone tied to A must be logged. */
  clientData: boolean;
  expect: Row;
}
interface PostEntry {
  url: string;
  /** The form sent (application/x-www-form-urlencoded), with {name} filled in like the URL. */
  body: string;
  expect: Row;
  /** Signs the actor out: runs after every other entry. */
  endsSession?: true;
}
type Matrix = { [key: `${string} GET`]: GetEntry } & { [key: `${string} POST`]: PostEntry };

/** Everyone gets the same answer. */
const everyone = (outcome: Outcome): Row => Object.fromEntries(ACTORS.map((a) => [a, outcome])) as Row;

/**
 * A page inside a role area (ROLE_AREAS in src/server/access.ts): anonymous is sent to sign in
 * (/card for the client area, /login for the others) and everyone not listed gets 403.
 */
const area = (signIn: '/card' | '/login', allowed: Partial<Record<SignedIn, Outcome>>): Row => ({
  ...everyone(403),
  anonymous: `303 ${signIn}`,
  ...allowed,
});
/** The client area: both clients, each seeing only their own data (no id in the URL). */
const clients = (outcome: Outcome): Row => area('/card', { clientA: outcome, clientB: outcome });
/** The worker's own area (/worker itself): workers only, admins too get 403. */
const workers = (outcome: Outcome): Row => area('/login', { namedWorker: outcome, substitute: outcome, otherUnitWorker: outcome });
/** Every worker and admin, whatever the unit (pages that show only the reader's own clients). */
const staff = (outcome: Outcome): Row => area('/login', { namedWorker: outcome, substitute: outcome, otherUnitWorker: outcome, admin: outcome, otherUnitAdmin: outcome });
/** A's record pages: A's named worker, substitute and unit admin; other units' staff get 403. */
const staffOfA = (outcome: Outcome): Row => area('/login', { namedWorker: outcome, substitute: outcome, admin: outcome });
const admins = (outcome: Outcome): Row => area('/login', { admin: outcome, otherUnitAdmin: outcome });
/** A family member's page about A's records: a messages-only link does not open them. */
const familyRecordsOfA: Row = area('/login', { familyFull: 200, familyMessages: 403, familyReadOnly: 200 });
/** Signed-in people are sent to their own home (src/server/access.ts HOME_OF). */
const toOwnHome: Omit<Row, 'anonymous'> = {
  clientA: '303 /client',
  clientB: '303 /client',
  familyFull: '303 /family',
  familyMessages: '303 /family',
  familyReadOnly: '303 /family',
  namedWorker: '303 /worker',
  substitute: '303 /worker',
  otherUnitWorker: '303 /worker',
  admin: '303 /admin',
  otherUnitAdmin: '303 /admin',
};

/**
 * One entry per route and method. POST bodies are chosen so that nothing a later entry reads
 * changes: an allowed actor gets a form with nothing to do (400) or acts on a row made for
 * this test; a refused actor aims at A's real data.
 */
const M: Matrix = {
  // Public pages and sign-in
  '/ GET': { url: '/', clientData: false, expect: { anonymous: 200, ...toOwnHome } },
  '/403 GET': { url: '/403', clientData: false, expect: everyone(403) },
  '/404 GET': { url: '/404', clientData: false, expect: everyone(404) },
  '/500 GET': { url: '/500', clientData: false, expect: everyone(500) },
  '/about GET': { url: '/about', clientData: false, expect: everyone(200) },
  '/help GET': { url: '/help', clientData: false, expect: everyone(200) },
  '/help/[slug] GET': { url: '/help/pictures', clientData: false, expect: everyone(200) },
  '/help/glossary GET': { url: '/help/glossary', clientData: false, expect: everyone(200) },
  '/login GET': { url: '/login', clientData: false, expect: { ...toOwnHome, anonymous: 200, clientA: 200, clientB: 200 } },
  '/login POST': { url: '/login', body: '', expect: { ...toOwnHome, anonymous: 400, clientA: 400, clientB: 400 } },
  '/card GET': { url: '/card', clientData: false, expect: { ...everyone(200), clientA: '303 /client', clientB: '303 /client' } },
  '/card POST': { url: '/card', body: '', expect: { ...everyone(400), clientA: '303 /client', clientB: '303 /client' } },
  '/card/pin GET': { url: '/card/pin', clientData: false, expect: everyone(200) },
  '/card/pin POST': { url: '/card/pin', body: '', expect: everyone(200) },
  // The QR address of A's card starts a sign-in for anyone holding the card: that is its purpose.
  '/k/[secret] GET': { url: '/k/{cardSecret}', clientData: false, expect: everyone('303 /card/pin') },
  '/session/extend POST': { url: '/session/extend', body: '', expect: { ...everyone(200), anonymous: 401 } },
  '/settings/language POST': { url: '/settings/language', body: '', expect: everyone('303 /') },
  '/settings/text-size POST': { url: '/settings/text-size', body: '', expect: everyone('303 /') },
  '/logout POST': { url: '/logout', body: '', expect: everyone('303 /'), endsSession: true },

  // The client's own pages: the client is always the signed-in one, never an id from the URL.
  '/client GET': { url: '/client', clientData: true, expect: clients(200) },
  // Every tile has its own page now, so this route answers only slugs that are no area.
  '/client/[area] GET': { url: '/client/no-such-area', clientData: false, expect: clients(404) },
  '/client/me GET': { url: '/client/me', clientData: true, expect: clients(200) },
  '/client/plan GET': { url: '/client/plan', clientData: true, expect: clients(200) },
  '/client/goals GET': { url: '/client/goals', clientData: true, expect: clients(200) },
  // A's own goal without a feeling: A is told to pick one (400); B may not answer A's goal.
  '/client/goals POST': { url: '/client/goals', body: 'goal={goal}&key=authz-matrix', expect: area('/card', { clientA: 400, clientB: 403 }) },
  '/client/attendance GET': { url: '/client/attendance', clientData: true, expect: clients(200) },
  // Cancelling the absence report made for this test: B cannot, A can.
  '/client/attendance POST': { url: '/client/attendance', body: 'report={report}', expect: area('/card', { clientA: '303 /client/attendance', clientB: 409 }) },
  '/client/attendance/report GET': { url: '/client/attendance/report', clientData: true, expect: clients(200) },
  '/client/attendance/report POST': { url: '/client/attendance/report', body: '', expect: clients(200) },
  '/client/money GET': { url: '/client/money', clientData: true, expect: clients(200) },
  '/client/messages GET': { url: '/client/messages', clientData: true, expect: clients(200) },
  '/client/messages POST': { url: '/client/messages', body: '', expect: clients(400) },
  '/client/consents GET': { url: '/client/consents', clientData: true, expect: clients(200) },
  '/client/consents/history GET': { url: '/client/consents/history', clientData: true, expect: clients(200) },
  '/client/consents/log GET': { url: '/client/consents/log', clientData: true, expect: clients(200) },
  '/client/consents/give GET': { url: '/client/consents/give', clientData: true, expect: clients(200) },
  '/client/consents/give POST': { url: '/client/consents/give', body: '', expect: clients(400) },
  // A's consent and A's spare family link: B aims at them by id and must find nothing (404).
  '/client/consents/withdraw GET': { url: '/client/consents/withdraw?id={consent}', clientData: true, expect: area('/card', { clientA: 200, clientB: 404 }) },
  '/client/consents/withdraw POST': { url: '/client/consents/withdraw', body: 'id={consent}', expect: area('/card', { clientA: '303 /client/consents', clientB: 404 }) },
  '/client/consents/end-link GET': { url: '/client/consents/end-link?id={spareLink}', clientData: true, expect: area('/card', { clientA: 200, clientB: 404 }) },
  '/client/consents/end-link POST': { url: '/client/consents/end-link', body: 'id={spareLink}', expect: area('/card', { clientA: '303 /client/consents', clientB: 404 }) },

  // Family pages about A
  '/family GET': { url: '/family', clientData: false, expect: area('/login', { familyFull: 200, familyMessages: 200, familyReadOnly: 200 }) },
  '/family/[client]/plan GET': { url: '/family/{A}/plan', clientData: true, expect: familyRecordsOfA },
  '/family/[client]/goals GET': { url: '/family/{A}/goals', clientData: true, expect: familyRecordsOfA },
  '/family/[client]/attendance GET': { url: '/family/{A}/attendance', clientData: true, expect: familyRecordsOfA },
  '/family/[client]/money GET': { url: '/family/{A}/money', clientData: true, expect: familyRecordsOfA },
  // Every current link reads the conversation; full and messages-only links may also write.
  '/family/[client]/messages GET': { url: '/family/{A}/messages', clientData: true, expect: area('/login', { familyFull: 200, familyMessages: 200, familyReadOnly: 200 }) },
  // Consents: a messages-only link does not open them; only the legal representative (Anja) may
  // change them. Her allowed posts aim at nothing (no answers, a consent id that is no one's).
  '/family/[client]/consents GET': { url: '/family/{A}/consents', clientData: true, expect: familyRecordsOfA },
  '/family/[client]/consents/give GET': { url: '/family/{A}/consents/give', clientData: false, expect: area('/login', { familyReadOnly: 200 }) },
  '/family/[client]/consents/give POST': { url: '/family/{A}/consents/give', body: '', expect: area('/login', { familyReadOnly: 400 }) },
  '/family/[client]/consents/withdraw GET': { url: '/family/{A}/consents/withdraw?id={consent}', clientData: true, expect: area('/login', { familyReadOnly: 200 }) },
  '/family/[client]/consents/withdraw POST': { url: '/family/{A}/consents/withdraw', body: 'id=0', expect: area('/login', { familyReadOnly: 404 }) },
  '/family/[client]/messages POST': { url: '/family/{A}/messages', body: '', expect: area('/login', { familyFull: 400, familyMessages: 400, familyReadOnly: 403 }) },

  // Files of A's: a voice message (everyone who reads the conversation) and a photo (the records).
  // A file of A's is A's data however it is asked for: a direct request, not through the page
  // that logged its view, must leave a row in the access log too.
  '/messages/voice/[id] GET': {
    url: '/messages/voice/{voiceClip}',
    clientData: true,
    expect: { anonymous: 401, clientA: 200, clientB: 403, familyFull: 200, familyMessages: 200, familyReadOnly: 200, namedWorker: 200, substitute: 200, otherUnitWorker: 403, admin: 200, otherUnitAdmin: 403 },
  },
  '/photos/[id] GET': {
    url: '/photos/{photo}',
    clientData: true,
    expect: { anonymous: 401, clientA: 200, clientB: 403, familyFull: 200, familyMessages: 403, familyReadOnly: 200, namedWorker: 200, substitute: 200, otherUnitWorker: 403, admin: 200, otherUnitAdmin: 403 },
  },

  // Workers
  // The worker's clients with reading needs and review dates: the list to open a client from.
  '/worker GET': { url: '/worker', clientData: true, expect: workers(200) },
  // Unlocking A's sign-in: his workers may (A is not locked, so nothing changes), others not.
  '/worker POST': { url: '/worker', body: 'client={A}', expect: area('/login', { namedWorker: '303 /worker', substitute: '303 /worker', otherUnitWorker: 403 }) },
  '/worker/register GET': { url: '/worker/register?day={registerDay}', clientData: true, expect: staff(200) },
  // A mark for A without a day: A's staff are told the day is wrong (400), others are refused.
  '/worker/register POST': { url: '/worker/register', body: 'client={A}', expect: area('/login', { namedWorker: 400, substitute: 400, otherUnitWorker: 403, admin: 400, otherUnitAdmin: 403 }) },
  // The inbox shows the start of each client's latest message, reading needs and reported absences.
  '/worker/messages GET': { url: '/worker/messages', clientData: true, expect: staff(200) },
  '/worker/messages/client/[client] GET': { url: '/worker/messages/client/{A}', clientData: true, expect: staffOfA(200) },
  '/worker/messages/client/[client] POST': { url: '/worker/messages/client/{A}', body: '', expect: staffOfA(400) },
  '/worker/clients/picture-search GET': { url: '/worker/clients/picture-search?q=kissa', clientData: false, expect: staff(200) },
  '/worker/clients/[client] GET': { url: '/worker/clients/{A}', clientData: true, expect: staffOfA(200) },
  '/worker/clients/[client]/plan GET': { url: '/worker/clients/{A}/plan', clientData: true, expect: staffOfA(200) },
  '/worker/clients/[client]/plan POST': { url: '/worker/clients/{A}/plan', body: '', expect: staffOfA(400) },
  '/worker/clients/[client]/plan-versions/[version] GET': { url: '/worker/clients/{A}/plan-versions/{planVersion}', clientData: true, expect: staffOfA(200) },
  '/worker/clients/[client]/goals GET': { url: '/worker/clients/{A}/goals', clientData: true, expect: staffOfA(200) },
  '/worker/clients/[client]/goals POST': { url: '/worker/clients/{A}/goals', body: '', expect: staffOfA(400) },
  '/worker/clients/[client]/attendance GET': { url: '/worker/clients/{A}/attendance', clientData: true, expect: staffOfA(200) },
  '/worker/clients/[client]/attendance POST': { url: '/worker/clients/{A}/attendance', body: '', expect: staffOfA(400) },
  // Consents, family links and the access log of A: an empty form is answered with its errors.
  '/worker/clients/[client]/consents GET': { url: '/worker/clients/{A}/consents', clientData: true, expect: staffOfA(200) },
  '/worker/clients/[client]/consents POST': { url: '/worker/clients/{A}/consents', body: '', expect: staffOfA(400) },
  '/worker/clients/[client]/family GET': { url: '/worker/clients/{A}/family', clientData: true, expect: staffOfA(200) },
  '/worker/clients/[client]/family POST': { url: '/worker/clients/{A}/family', body: '', expect: staffOfA(400) },
  '/worker/clients/[client]/access-log GET': { url: '/worker/clients/{A}/access-log', clientData: true, expect: staffOfA(200) },
  '/worker/clients/[client]/access-log.csv GET': { url: '/worker/clients/{A}/access-log.csv', clientData: true, expect: staffOfA(200) },

  // Unit admins: each sees their own unit only
  '/admin GET': { url: '/admin', clientData: false, expect: admins(200) },
  // Names, named workers, reading needs and review dates: the list to open a client from.
  '/admin/clients GET': { url: '/admin/clients', clientData: true, expect: admins(200) },
  '/admin/money GET': { url: '/admin/money?month={approvedMonth}', clientData: true, expect: admins(200) },
  '/admin/money POST': { url: '/admin/money', body: '', expect: admins(400) },
  // A's unit approved the month (beforeAll); the other unit did not, so it has nothing to export.
  '/admin/money/export GET': { url: '/admin/money/export?month={approvedMonth}', clientData: true, expect: area('/login', { admin: 200, otherUnitAdmin: 404 }) },
  // Importing clients into the admin's own unit: an empty form is told to choose a file, and creates nothing.
  '/admin/import GET': { url: '/admin/import', clientData: false, expect: admins(200) },
  '/admin/import POST': { url: '/admin/import', body: '', expect: admins(400) },
  // A's sign-in (card, picture PIN, lock): only the admin of A's unit. The GET shows A's name
  // and sign-in state (logged); an empty form is answered with "choose an action" (400), so
  // nothing is issued or reset here (tests/e2e/login-cards.test.ts does that on its own server).
  '/admin/people/[id]/card GET': { url: '/admin/people/{A}/card', clientData: true, expect: area('/login', { admin: 200 }) },
  '/admin/people/[id]/card POST': { url: '/admin/people/{A}/card', body: '', expect: area('/login', { admin: 400 }) },
  '/admin/rates GET': { url: '/admin/rates', clientData: false, expect: admins(200) },
  // People and units (issue 7): each admin manages their own unit; an empty form gets its errors.
  '/admin/people GET': { url: '/admin/people', clientData: true, expect: admins(200) },
  '/admin/people POST': { url: '/admin/people', body: '', expect: admins(400) },
  '/admin/people/[id] GET': { url: '/admin/people/{A}', clientData: true, expect: area('/login', { admin: 200 }) },
  '/admin/people/[id] POST': { url: '/admin/people/{A}', body: 'action=details', expect: area('/login', { admin: 400 }) },
  '/admin/people/move GET': { url: '/admin/people/move', clientData: false, expect: admins(200) },
  '/admin/people/move POST': { url: '/admin/people/move', body: '', expect: admins(400) },
  '/admin/units GET': { url: '/admin/units', clientData: false, expect: admins(200) },
  '/admin/units POST': { url: '/admin/units', body: 'action=edit', expect: admins(400) },
  '/admin/audit GET': { url: '/admin/audit', clientData: false, expect: admins(200) },
  // The unit's security events (sign-ins, refusals…): each admin sees their own unit's only.
  '/admin/security GET': { url: '/admin/security', clientData: false, expect: admins(200) },
  '/admin/rates POST': { url: '/admin/rates', body: '', expect: admins(400) },
};

// ---------------------------------------------------------------------------------------------
// The server and its data
// ---------------------------------------------------------------------------------------------

/** Ids and values the URLs and bodies use ({A}, {goal}, …), filled in by prepareDb. */
const CONTEXT: Record<string, string | number> = {};
const personId = {} as Record<SignedIn, number>;
let cookies = {} as Record<SignedIn, string>;

/** A Helsinki calendar date, `days` from today. */
function helsinkiDay(days = 0): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date(Date.now() + days * 86_400_000));
}

/** The first Monday–Friday from `days` on (A comes on weekdays). */
function weekdayFrom(days: number): string {
  for (let d = days; ; d += Math.sign(days) || 1) {
    const day = helsinkiDay(d);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday >= 1 && weekday <= 5) return day;
  }
}

async function prepareDb(dbFile: string): Promise<void> {
  const people = await peopleByName(dbFile);
  const accounts = {} as Record<SignedIn, { id: number; role: string }>;
  for (const actor of Object.keys(PERSON) as SignedIn[]) {
    const person = people.get(PERSON[actor]);
    if (!person) throw new Error(`${PERSON[actor]} (${actor}) is not in the demo data`);
    accounts[actor] = person;
    personId[actor] = person.id;
  }
  const A = personId.clientA;
  const now = Date.now();
  const [conversation] = await querySql<{ id: number }>(dbFile, 'SELECT id FROM conversations WHERE client_id = ?', [A]);
  await runSql(dbFile, [
    // Pekka stands in for Liisa with A from yesterday for two weeks: "A's substitute".
    ["INSERT INTO client_workers (client_id, worker_id, kind, starts_on, ends_on, created_at) VALUES (?, ?, 'substitute', ?, ?, ?)", [A, personId.substitute, helsinkiDay(-1), helsinkiDay(14), now]],
    // The files of A's that the file routes serve (their bytes are never decoded on the way out).
    ["INSERT INTO photos (mime, bytes, width, height, client_id, created_by, created_at) VALUES ('image/jpeg', ?, 1, 1, ?, ?, ?)", [Buffer.from('authz-matrix photo'), A, personId.namedWorker, now]],
    ["INSERT INTO voice_clips (conversation_id, mime, bytes, duration_ms, created_at) VALUES (?, 'audio/webm', ?, 1000, ?)", [conversation.id, Buffer.from('authz-matrix voice'), now]],
    // An absence report of A's for the cancel row, and a second full link for the end-link rows,
    // so that A's allowed POSTs change nothing other rows depend on.
    ["INSERT INTO absence_reports (client_id, reason, words, idempotency_key, reported_by, reported_at) VALUES (?, 'doctor', '', 'authz-matrix-report', ?, ?)", [A, A, now]],
    ["INSERT INTO absence_report_days (report_id, day) SELECT id, ? FROM absence_reports WHERE idempotency_key = 'authz-matrix-report'", [weekdayFrom(7)]],
    ["INSERT INTO family_links (family_id, client_id, basis, level, note, created_at, created_by) VALUES (?, ?, 'client_agreement', 'full', 'authz-matrix spare link', ?, ?)", [personId.familyFull, A, now, personId.namedWorker]],
  ]);
  const one = async (sql: string, params: unknown[] = []) => {
    const rows = await querySql<{ v: number }>(dbFile, sql, params);
    if (rows.length !== 1) throw new Error(`Expected one row from ${sql}, got ${rows.length}`);
    return rows[0].v;
  };
  const lastMonth = new Date();
  lastMonth.setUTCDate(1);
  lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
  Object.assign(CONTEXT, {
    A,
    cardSecret: 'demo-card-matti-virtanen-0001',
    photo: await one('SELECT MAX(id) AS v FROM photos WHERE client_id = ?', [A]),
    voiceClip: await one('SELECT MAX(id) AS v FROM voice_clips WHERE conversation_id = ?', [conversation.id]),
    planVersion: await one('SELECT MAX(version) AS v FROM plan_versions WHERE client_id = ?', [A]),
    goal: await one("SELECT id AS v FROM goals WHERE client_id = ? AND status = 'active' ORDER BY position LIMIT 1", [A]),
    report: await one("SELECT id AS v FROM absence_reports WHERE idempotency_key = 'authz-matrix-report'"),
    spareLink: await one("SELECT id AS v FROM family_links WHERE note = 'authz-matrix spare link'"),
    // A consent in force that no other row needs (the TE office's): A withdraws it in the POST row.
    consent: await one("SELECT id AS v FROM consents WHERE client_id = ? AND recipient_type = 'te_services'", [A]),
    // (UTC's last month is always before Helsinki's current month, so it can be approved.)
    approvedMonth: lastMonth.toISOString().slice(0, 7),
    // A day A comes, for the daily register (a weekend day would list nobody).
    registerDay: weekdayFrom(-1),
  });
  cookies = await insertSessions(dbFile, accounts);
}

const { server } = useServerWithClients({ prepareDb });

function fill(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in CONTEXT)) throw new Error(`No value for {${name}} in ${template}`);
    return encodeURIComponent(String(CONTEXT[name]));
  });
}

interface Answer {
  status: number;
  outcome: Outcome;
  text: string;
}

async function send(actor: Actor, method: 'GET' | 'POST', url: string, body?: string): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (actor !== 'anonymous') headers.cookie = cookies[actor];
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
  const [{ n }] = await querySql<{ n: number }>(server.dbFile, 'SELECT COUNT(*) AS n FROM access_log WHERE client_id = ? AND actor_id = ?', [CONTEXT.A, personId[actor]]);
  return n;
}

/** An answer that turns the actor away (as opposed to serving them, or asking for better input). */
function refuses(outcome: Outcome): boolean {
  if (typeof outcome === 'number') return outcome === 401 || outcome === 403 || outcome === 404 || outcome === 409;
  return / \/(login|card)$/.test(outcome);
}

beforeAll(async () => {
  // A's unit approves last month, so the payroll export has something to give (and to refuse).
  const approved = await send('admin', 'POST', '/admin/money', `month=${CONTEXT.approvedMonth}`);
  expect(approved.outcome, 'approving last month for the export rows').toBe('303 /admin/money');
});

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

const entries = Object.entries(M) as [string, GetEntry | PostEntry][];
const gets = entries.filter((e): e is [string, GetEntry] => e[0].endsWith(' GET'));
const posts = entries.filter((e): e is [string, PostEntry] => e[0].endsWith(' POST'));

describe('authorization matrix', () => {
  test('has exactly one entry for every route and method in src/pages', () => {
    const routes = routeKeys();
    const inMatrix = Object.keys(M);
    expect({
      // A new route: add it to M with the status every actor should get.
      routesWithoutEntry: routes.filter((k) => !inMatrix.includes(k)),
      // A route that was removed or renamed (or lost its POST handler): update M.
      entriesWithoutRoute: inMatrix.filter((k) => !routes.includes(k)),
    }).toEqual({ routesWithoutEntry: [], entriesWithoutRoute: [] });
  });

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
