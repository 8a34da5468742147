/**
 * The route fixture: one row for every route of src/pages (tests/helpers/routes.ts finds them),
 * saying who may open it (the HTTP answer each kind of person gets), whether it is an easy-read
 * page, a staff page or no page at all, and as whom the accessibility sweep looks at it.
 *
 * Read by the authorization matrix (tests/e2e/authorization-matrix.test.ts: every row × every
 * person) and the accessibility sweep (tests/e2e/accessibility.test.ts: every page in every
 * language); tests/unit/layers.test.ts fails when a route has no row, a row no route, or a row
 * a look other than its page's layout.
 *
 * Client A is Matti Virtanen; every URL with an id points at his data. {name} in a URL or body is
 * filled in from the server's database (prepareRouteFixture in tests/helpers/authz.ts).
 */
import { demoClient, demoStaff } from '@server/demo/people';

// ---------------------------------------------------------------------------------------------
// Who
// ---------------------------------------------------------------------------------------------

export const ACTORS = [
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
export type Actor = (typeof ACTORS)[number];
export type SignedIn = Exclude<Actor, 'anonymous'>;

/** The demo people (src/server/demo/people.json) behind each actor, by full name. */
export const PERSON: Record<SignedIn, string> = {
  clientA: demoClient('matti').name,
  clientB: demoClient('aino').name, // a client of the same unit as A
  familyFull: demoStaff('maija').name, // A's link at level full
  familyMessages: demoStaff('eero').name, // A's link at level messages (no records)
  familyReadOnly: demoStaff('anja').name, // A's edunvalvoja: basis guardian, level read_only
  namedWorker: demoStaff('liisa').name, // A's named worker
  substitute: demoStaff('pekka').name, // made A's substitute by prepareRouteFixture (and Aino's named worker in the demo)
  otherUnitWorker: demoStaff('sanna').name,
  admin: demoStaff('helena').name, // admin of A's unit
  otherUnitAdmin: demoStaff('olli').name,
};
export const CLIENT_A_NAME = PERSON.clientA;

/** Those with a current tie to A other than A: their reads of A's data must be logged. */
export const TIED_TO_A: readonly SignedIn[] = ['familyFull', 'familyMessages', 'familyReadOnly', 'namedWorker', 'substitute', 'admin'];
/** Those with no tie to A at all: A's name must never appear in what they get. */
export const STRANGERS_TO_A: readonly Actor[] = ['anonymous', 'clientB', 'otherUnitWorker', 'otherUnitAdmin'];

// ---------------------------------------------------------------------------------------------
// What they get
// ---------------------------------------------------------------------------------------------

/** A status, or for a redirect the status and the path it leads to ("303 /login"). */
export type Outcome = number | `${number} /${string}`;
export type Row = Record<Actor, Outcome>;

export interface GetEntry {
  /** The URL requested; {name} is filled in from the ids of the server's database. */
  url: string;
  /** Does the page show client A's data? Then every 200 to someone tied to A must be logged. */
  clientData: boolean;
  expect: Row;
}
export interface PostEntry {
  url: string;
  /** The form sent (application/x-www-form-urlencoded), with {name} filled in like the URL. */
  body: string;
  expect: Row;
  /** Signs the actor out: runs after every other entry. */
  endsSession?: true;
}

/**
 * How the page looks: easy-read (EasyReadLayout or the error pages: AAA contrast and 44×44 px
 * targets are checked), staff (StaffLayout) or none (an endpoint: a file, a redirect, JSON).
 */
export type Look = 'easy-read' | 'staff' | 'none';

/**
 * One look of the accessibility sweep at a page: as whom, and if not the GET row's URL, which
 * URL, the status it ends with and the path it lands on after redirects.
 */
export interface AxeView {
  as: Actor;
  url?: string;
  status?: number;
  lands?: string;
  /** A page drawn in both layouts by role (a person's own settings): this view's look, if not the row's. */
  look?: Look;
  /**
   * A cookie the device has besides the session (for someone signed out: a half-done sign-in),
   * its value a {name} from the fixture's context.
   */
  cookie?: { name: string; value: string };
}

export interface RouteRow {
  look: Look;
  GET?: GetEntry;
  POST?: PostEntry;
  /**
   * The sweep's views of the page. Without it: the first person in ACTORS order who gets 200
   * (else a plain error status) with the GET row's URL.
   */
  axe?: AxeView[];
}

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
/** Everyone with a password: family members, workers and admins (not clients). */
const accountHolders = (outcome: Outcome): Row =>
  area('/login', { familyFull: outcome, familyMessages: outcome, familyReadOnly: outcome, namedWorker: outcome, substitute: outcome, otherUnitWorker: outcome, admin: outcome, otherUnitAdmin: outcome });
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
 * One row per route. POST bodies are chosen so that nothing a later entry reads changes: an
 * allowed actor gets a form with nothing to do (400) or acts on a row made for this test; a
 * refused actor aims at A's real data.
 */
export const ROUTES: Record<string, RouteRow> = {
  // Public pages and sign-in
  '/': {
    look: 'easy-read',
    GET: { url: '/', clientData: false, expect: { anonymous: 200, ...toOwnHome } },
  },
  '/403': {
    look: 'easy-read',
    GET: { url: '/403', clientData: false, expect: everyone(403) },
    // The 403 page for someone signed out, for a client in the staff area and a worker in the admin area.
    axe: [{ as: 'anonymous' }, { as: 'clientA', url: '/worker', status: 403 }, { as: 'namedWorker', url: '/admin', status: 403 }],
  },
  '/404': {
    look: 'easy-read',
    GET: { url: '/404', clientData: false, expect: everyone(404) },
    axe: [{ as: 'anonymous', url: '/no-such-page', status: 404 }],
  },
  '/500': {
    look: 'easy-read',
    GET: { url: '/500', clientData: false, expect: everyone(500) },
  },
  '/about': {
    look: 'easy-read',
    GET: { url: '/about', clientData: false, expect: everyone(200) },
    // (The help pages and /about differ for someone signed out only by the header, checked on /help.)
    axe: [{ as: 'clientA' }],
  },
  '/help': {
    look: 'easy-read',
    GET: { url: '/help', clientData: false, expect: everyone(200) },
    axe: [{ as: 'anonymous' }, { as: 'clientA' }],
  },
  '/help/[slug]': {
    look: 'easy-read',
    GET: { url: '/help/pictures', clientData: false, expect: everyone(200) },
    axe: ['what-is-omapolku', 'sign-in', 'pictures'].map((slug): AxeView => ({ as: 'clientA', url: `/help/${slug}`, status: 200 })),
  },
  '/help/glossary': {
    look: 'easy-read',
    GET: { url: '/help/glossary', clientData: false, expect: everyone(200) },
    axe: [{ as: 'clientA' }],
  },
  '/login': {
    look: 'easy-read',
    GET: { url: '/login', clientData: false, expect: { ...toOwnHome, anonymous: 200, clientA: 200, clientB: 200 } },
    POST: { url: '/login', body: '', expect: { ...toOwnHome, anonymous: 400, clientA: 400, clientB: 400 } },
  },
  '/login/forgot': {
    look: 'easy-read',
    // The same page for everyone (a signed-in person may want a new password too); an empty form: 400.
    GET: { url: '/login/forgot', clientData: false, expect: everyone(200) },
    POST: { url: '/login/forgot', body: '', expect: everyone(400) },
    axe: [{ as: 'anonymous' }],
  },
  // Single sign-on (issue 16, points 8 and 9): the shared server has no OMAPOLKU_OIDC_* settings,
  // so both are no page at all for anyone (404). tests/e2e/single-sign-on.test.ts signs people in
  // through them against a real OpenID provider, and checks their pages with axe there.
  '/login/sso': {
    look: 'easy-read',
    GET: { url: '/login/sso', clientData: false, expect: everyone(404) },
  },
  '/login/sso/callback': {
    look: 'easy-read',
    GET: { url: '/login/sso/callback?code=abc&state=def', clientData: false, expect: everyone(404) },
  },
  // An invitation's or a reset's link that does not work (unknown, used, cancelled or old): one
  // answer for all, 410. The form of a working link is checked in tests/e2e/invitations.test.ts.
  '/invite/[token]': {
    look: 'easy-read',
    GET: { url: '/invite/abcdefghijklmnopqrstuvwxyz234567', clientData: false, expect: everyone(410) },
    POST: { url: '/invite/abcdefghijklmnopqrstuvwxyz234567', body: '', expect: everyone(410) },
    axe: [{ as: 'anonymous', status: 410 }],
  },
  '/reset/[token]': {
    look: 'easy-read',
    GET: { url: '/reset/abcdefghijklmnopqrstuvwxyz234567', clientData: false, expect: everyone(410) },
    POST: { url: '/reset/abcdefghijklmnopqrstuvwxyz234567', body: '', expect: everyone(410) },
    axe: [{ as: 'anonymous', status: 410 }],
  },
  // Two-step sign-in (issue 16, point 7): the step after a staff member's right password, only
  // with its own cookie (omapolku_second_step); without one, back to /login. The sweep opens
  // each with a pending step prepared for a worker (the code) and an admin (enrolling).
  '/login/code': {
    look: 'easy-read',
    GET: { url: '/login/code', clientData: false, expect: { ...toOwnHome, anonymous: '303 /login', clientA: '303 /login', clientB: '303 /login' } },
    POST: { url: '/login/code', body: '', expect: { ...toOwnHome, anonymous: '303 /login', clientA: '303 /login', clientB: '303 /login' } },
    axe: [{ as: 'anonymous', url: '/login/code', status: 200, cookie: { name: 'omapolku_second_step', value: '{secondStepCode}' } }],
  },
  '/login/enrol': {
    look: 'easy-read',
    GET: { url: '/login/enrol', clientData: false, expect: { ...toOwnHome, anonymous: '303 /login', clientA: '303 /login', clientB: '303 /login' } },
    POST: { url: '/login/enrol', body: '', expect: { ...toOwnHome, anonymous: '303 /login', clientA: '303 /login', clientB: '303 /login' } },
    axe: [{ as: 'anonymous', url: '/login/enrol', status: 200, cookie: { name: 'omapolku_second_step', value: '{secondStepEnrol}' } }],
  },
  '/card': {
    look: 'easy-read',
    GET: { url: '/card', clientData: false, expect: { ...everyone(200), clientA: '303 /client', clientB: '303 /client' } },
    POST: { url: '/card', body: '', expect: { ...everyone(400), clientA: '303 /client', clientB: '303 /client' } },
  },
  '/card/pin': {
    look: 'easy-read',
    GET: { url: '/card/pin', clientData: false, expect: everyone(200) },
    POST: { url: '/card/pin', body: '', expect: everyone(200) },
    // The pictures to tap, after the card's QR address.
    axe: [{ as: 'anonymous', url: '/k/{cardSecret}', status: 200, lands: '/card/pin' }],
  },
  '/k/[secret]': {
    look: 'easy-read',
    // The QR address of A's card starts a sign-in for anyone holding the card: that is its purpose.
    GET: { url: '/k/{cardSecret}', clientData: false, expect: everyone('303 /card/pin') },
    // A card that is no one's: the page of its own (a known card goes on to /card/pin).
    axe: [{ as: 'anonymous', url: '/k/no-such-card', status: 404 }],
  },
  '/session/extend': {
    look: 'none',
    POST: { url: '/session/extend', body: '', expect: { ...everyone(200), anonymous: 401 } },
  },
  '/settings/language': {
    look: 'none',
    POST: { url: '/settings/language', body: '', expect: everyone('303 /') },
  },
  '/settings/text-size': {
    look: 'none',
    POST: { url: '/settings/text-size', body: '', expect: everyone('303 /') },
  },
  // A person's own account (issue 16, points 4 and 6): family members, workers and admins, each
  // their own; a client has no password (403). Staff get StaffLayout, family the easy-read page:
  // the sweep looks at both. An empty password form is told to write the current password (400,
  // nothing counted); an empty sessions form ends nothing and goes back to the list.
  '/settings/password': {
    look: 'staff',
    GET: { url: '/settings/password', clientData: false, expect: accountHolders(200) },
    POST: { url: '/settings/password', body: '', expect: accountHolders(400) },
    axe: [{ as: 'namedWorker' }, { as: 'familyFull', look: 'easy-read' }],
  },
  '/settings/sessions': {
    look: 'staff',
    GET: { url: '/settings/sessions', clientData: false, expect: accountHolders(200) },
    POST: { url: '/settings/sessions', body: '', expect: accountHolders('303 /settings/sessions') },
    axe: [{ as: 'admin' }, { as: 'familyFull', look: 'easy-read' }],
  },
  // A worker's or admin's own two-step sign-in: staff only (family members have none, 403). An
  // empty form does nothing and goes back to the page. The sweep sees it off (the QR code to
  // enrol with) and on (Pekka is enrolled by prepareRouteFixture).
  '/settings/two-step': {
    look: 'staff',
    GET: { url: '/settings/two-step', clientData: false, expect: staff(200) },
    POST: { url: '/settings/two-step', body: '', expect: staff('303 /settings/two-step') },
    axe: [{ as: 'namedWorker' }, { as: 'substitute' }],
  },
  // Notifications by mail (issue 17): each worker and family member chooses their own; admins and
  // clients have none (403). An empty form has no choice: drawn again with the error (400),
  // nothing saved. Workers get StaffLayout, family the easy-read page: the sweep looks at both.
  '/settings/notifications': {
    look: 'staff',
    GET: {
      url: '/settings/notifications',
      clientData: false,
      expect: area('/login', { familyFull: 200, familyMessages: 200, familyReadOnly: 200, namedWorker: 200, substitute: 200, otherUnitWorker: 200 }),
    },
    POST: {
      url: '/settings/notifications',
      body: '',
      expect: area('/login', { familyFull: 400, familyMessages: 400, familyReadOnly: 400, namedWorker: 400, substitute: 400, otherUnitWorker: 400 }),
    },
    axe: [{ as: 'namedWorker' }, { as: 'familyFull', look: 'easy-read' }],
  },
  '/logout': {
    look: 'none',
    POST: { url: '/logout', body: '', expect: everyone('303 /'), endsSession: true },
  },

  // The client's own pages: the client is always the signed-in one, never an id from the URL.
  '/client': {
    look: 'easy-read',
    GET: { url: '/client', clientData: true, expect: clients(200) },
  },
  '/client/[area]': {
    look: 'easy-read',
    // Every tile has its own page now, so this route answers only slugs that are no area.
    GET: { url: '/client/no-such-area', clientData: false, expect: clients(404) },
  },
  '/client/me': {
    look: 'easy-read',
    GET: { url: '/client/me', clientData: true, expect: clients(200) },
  },
  // Web Push on the client's own tablet (issue 17): keeps or ends this tablet's subscription. The
  // matrix's clients are on remembered sessions; an empty form asks for nothing (400).
  '/client/push': {
    look: 'none',
    POST: { url: '/client/push', body: '', expect: clients(400) },
  },
  '/client/plan': {
    look: 'easy-read',
    GET: { url: '/client/plan', clientData: true, expect: clients(200) },
  },
  '/client/goals': {
    look: 'easy-read',
    GET: { url: '/client/goals', clientData: true, expect: clients(200) },
    // A's own goal without a feeling: A is told to pick one (400); B may not answer A's goal.
    POST: { url: '/client/goals', body: 'goal={goal}&key=authz-matrix', expect: area('/card', { clientA: 400, clientB: 403 }) },
  },
  '/client/attendance': {
    look: 'easy-read',
    GET: { url: '/client/attendance', clientData: true, expect: clients(200) },
    // Cancelling the absence report made for this test: B cannot, A can.
    POST: { url: '/client/attendance', body: 'report={report}', expect: area('/card', { clientA: '303 /client/attendance', clientB: 409 }) },
    // This month, and last month in full (recorded days of every kind).
    axe: [{ as: 'clientA' }, { as: 'clientA', url: '/client/attendance?month={approvedMonth}', status: 200 }],
  },
  '/client/attendance/report': {
    look: 'easy-read',
    GET: { url: '/client/attendance/report', clientData: true, expect: clients(200) },
    POST: { url: '/client/attendance/report', body: '', expect: clients(200) },
  },
  '/client/money': {
    look: 'easy-read',
    GET: { url: '/client/money', clientData: true, expect: clients(200) },
    // This month so far, and last month's statement with its lines.
    axe: [{ as: 'clientA' }, { as: 'clientA', url: '/client/money?month={approvedMonth}', status: 200 }],
  },
  '/client/money/statement': {
    look: 'easy-read',
    GET: { url: '/client/money/statement', clientData: true, expect: clients(200) },
    // The printable month: this month so far, and last month approved.
    axe: [{ as: 'clientA' }, { as: 'clientA', url: '/client/money/statement?month={approvedMonth}', status: 200 }],
  },
  '/client/messages': {
    look: 'easy-read',
    GET: { url: '/client/messages', clientData: true, expect: clients(200) },
    POST: { url: '/client/messages', body: '', expect: clients(400) },
    // The conversation, and the question before a quick message is sent.
    axe: [{ as: 'clientA' }, { as: 'clientA', url: '/client/messages?quick=sick', status: 200 }],
  },
  '/client/consents': {
    look: 'easy-read',
    GET: { url: '/client/consents', clientData: true, expect: clients(200) },
  },
  '/client/consents/history': {
    look: 'easy-read',
    GET: { url: '/client/consents/history', clientData: true, expect: clients(200) },
  },
  '/client/consents/log': {
    look: 'easy-read',
    GET: { url: '/client/consents/log', clientData: true, expect: clients(200) },
  },
  '/client/consents/give': {
    look: 'easy-read',
    GET: { url: '/client/consents/give', clientData: true, expect: clients(200) },
    POST: { url: '/client/consents/give', body: '', expect: clients(400) },
  },
  '/client/consents/withdraw': {
    look: 'easy-read',
    // A's consent and A's spare family link: B aims at them by id and must find nothing (404).
    GET: { url: '/client/consents/withdraw?id={consent}', clientData: true, expect: area('/card', { clientA: 200, clientB: 404 }) },
    POST: { url: '/client/consents/withdraw', body: 'id={consent}', expect: area('/card', { clientA: '303 /client/consents', clientB: 404 }) },
  },
  '/client/consents/end-link': {
    look: 'easy-read',
    GET: { url: '/client/consents/end-link?id={spareLink}', clientData: true, expect: area('/card', { clientA: 200, clientB: 404 }) },
    POST: { url: '/client/consents/end-link', body: 'id={spareLink}', expect: area('/card', { clientA: '303 /client/consents', clientB: 404 }) },
  },

  // Family pages about A
  '/family': {
    look: 'easy-read',
    GET: { url: '/family', clientData: false, expect: area('/login', { familyFull: 200, familyMessages: 200, familyReadOnly: 200 }) },
  },
  '/family/[client]/plan': {
    look: 'easy-read',
    GET: { url: '/family/{A}/plan', clientData: true, expect: familyRecordsOfA },
  },
  '/family/[client]/goals': {
    look: 'easy-read',
    GET: { url: '/family/{A}/goals', clientData: true, expect: familyRecordsOfA },
  },
  '/family/[client]/attendance': {
    look: 'easy-read',
    GET: { url: '/family/{A}/attendance', clientData: true, expect: familyRecordsOfA },
  },
  '/family/[client]/money': {
    look: 'easy-read',
    GET: { url: '/family/{A}/money', clientData: true, expect: familyRecordsOfA },
  },
  '/family/[client]/messages': {
    look: 'easy-read',
    // Every current link reads the conversation; full and messages-only links may also write.
    GET: { url: '/family/{A}/messages', clientData: true, expect: area('/login', { familyFull: 200, familyMessages: 200, familyReadOnly: 200 }) },
    POST: { url: '/family/{A}/messages', body: '', expect: area('/login', { familyFull: 400, familyMessages: 400, familyReadOnly: 403 }) },
  },
  '/family/[client]/consents': {
    look: 'easy-read',
    // Consents: a messages-only link does not open them; only the legal representative (Anja) may
    // change them. Her allowed posts aim at nothing (no answers, a consent id that is no one's).
    GET: { url: '/family/{A}/consents', clientData: true, expect: familyRecordsOfA },
    // Anja, A's edunvalvoja, may change his consents: her page has the buttons.
    axe: [{ as: 'familyFull' }, { as: 'familyReadOnly' }],
  },
  '/family/[client]/consents/give': {
    look: 'easy-read',
    GET: { url: '/family/{A}/consents/give', clientData: false, expect: area('/login', { familyReadOnly: 200 }) },
    POST: { url: '/family/{A}/consents/give', body: '', expect: area('/login', { familyReadOnly: 400 }) },
  },
  '/family/[client]/consents/withdraw': {
    look: 'easy-read',
    GET: { url: '/family/{A}/consents/withdraw?id={consent}', clientData: true, expect: area('/login', { familyReadOnly: 200 }) },
    POST: { url: '/family/{A}/consents/withdraw', body: 'id=0', expect: area('/login', { familyReadOnly: 404 }) },
  },

  // Files of A's: a voice message (everyone who reads the conversation) and a photo (the records).
  // A file of A's is A's data however it is asked for: a direct request, not through the page
  // that logged its view, must leave a row in the access log too.
  '/messages/voice/[id]': {
    look: 'none',
    GET: { url: '/messages/voice/{voiceClip}', clientData: true, expect: { anonymous: 401, clientA: 200, clientB: 403, familyFull: 200, familyMessages: 200, familyReadOnly: 200, namedWorker: 200, substitute: 200, otherUnitWorker: 403, admin: 200, otherUnitAdmin: 403 } },
  },
  '/photos/[id]': {
    look: 'none',
    GET: { url: '/photos/{photo}', clientData: true, expect: { anonymous: 401, clientA: 200, clientB: 403, familyFull: 200, familyMessages: 403, familyReadOnly: 200, namedWorker: 200, substitute: 200, otherUnitWorker: 403, admin: 200, otherUnitAdmin: 403 } },
  },

  // Workers
  '/worker': {
    look: 'staff',
    // The worker's clients with reading needs and review dates: the list to open a client from.
    GET: { url: '/worker', clientData: true, expect: workers(200) },
    // Unlocking A's sign-in: his workers may (A is not locked, so nothing changes), others not.
    POST: { url: '/worker', body: 'client={A}', expect: area('/login', { namedWorker: '303 /worker', substitute: '303 /worker', otherUnitWorker: 403 }) },
  },
  '/worker/substitute': {
    look: 'staff',
    // A worker names a colleague of their unit for their holiday: workers only. An empty form is
    // told to choose a substitute and the days (400), nothing made.
    GET: { url: '/worker/substitute', clientData: false, expect: workers(200) },
    POST: { url: '/worker/substitute', body: '', expect: workers(400) },
  },
  '/worker/register': {
    look: 'staff',
    GET: { url: '/worker/register?day={registerDay}', clientData: true, expect: staff(200) },
    // A mark for A without a day: A's staff are told the day is wrong (400), others are refused.
    POST: { url: '/worker/register', body: 'client={A}', expect: area('/login', { namedWorker: 400, substitute: 400, otherUnitWorker: 403, admin: 400, otherUnitAdmin: 403 }) },
  },
  '/worker/help': {
    look: 'staff',
    // The staff guide: every worker and admin; clients and family have the easy-read /help.
    GET: { url: '/worker/help', clientData: false, expect: staff(200) },
    axe: [{ as: 'namedWorker' }, { as: 'admin' }],
  },
  '/worker/messages': {
    look: 'staff',
    // The inbox shows the start of each client's latest message, reading needs and reported absences.
    GET: { url: '/worker/messages', clientData: true, expect: staff(200) },
  },
  '/worker/messages/client/[client]': {
    look: 'staff',
    GET: { url: '/worker/messages/client/{A}', clientData: true, expect: staffOfA(200) },
    POST: { url: '/worker/messages/client/{A}', body: '', expect: staffOfA(400) },
  },
  '/worker/clients/picture-search': {
    look: 'none',
    GET: { url: '/worker/clients/picture-search?q=kissa', clientData: false, expect: staff(200) },
  },
  '/worker/clients/[client]': {
    look: 'staff',
    GET: { url: '/worker/clients/{A}', clientData: true, expect: staffOfA(200) },
  },
  '/worker/clients/[client]/plan': {
    look: 'staff',
    GET: { url: '/worker/clients/{A}/plan', clientData: true, expect: staffOfA(200) },
    POST: { url: '/worker/clients/{A}/plan', body: '', expect: staffOfA(400) },
  },
  '/worker/clients/[client]/plan-versions/[version]': {
    look: 'staff',
    GET: { url: '/worker/clients/{A}/plan-versions/{planVersion}', clientData: true, expect: staffOfA(200) },
  },
  '/worker/clients/[client]/goals': {
    look: 'staff',
    GET: { url: '/worker/clients/{A}/goals', clientData: true, expect: staffOfA(200) },
    POST: { url: '/worker/clients/{A}/goals', body: '', expect: staffOfA(400) },
  },
  '/worker/clients/[client]/attendance': {
    look: 'staff',
    GET: { url: '/worker/clients/{A}/attendance', clientData: true, expect: staffOfA(200) },
    POST: { url: '/worker/clients/{A}/attendance', body: '', expect: staffOfA(400) },
  },
  '/worker/clients/[client]/consents': {
    look: 'staff',
    // Consents, family links and the access log of A: an empty form is answered with its errors.
    GET: { url: '/worker/clients/{A}/consents', clientData: true, expect: staffOfA(200) },
    POST: { url: '/worker/clients/{A}/consents', body: '', expect: staffOfA(400) },
    axe: [{ as: 'namedWorker' }, { as: 'admin' }],
  },
  '/worker/clients/[client]/family': {
    look: 'staff',
    GET: { url: '/worker/clients/{A}/family', clientData: true, expect: staffOfA(200) },
    POST: { url: '/worker/clients/{A}/family', body: '', expect: staffOfA(400) },
  },
  '/worker/clients/[client]/notes': {
    look: 'staff',
    // Daily notes: A's staff read and write them (each read logged); an empty note comes back with its error.
    GET: { url: '/worker/clients/{A}/notes', clientData: true, expect: staffOfA(200) },
    POST: { url: '/worker/clients/{A}/notes', body: 'day={registerDay}&body=', expect: staffOfA(400) },
    axe: [{ as: 'namedWorker' }, { as: 'admin' }],
  },
  '/worker/clients/[client]/access-log': {
    look: 'staff',
    GET: { url: '/worker/clients/{A}/access-log', clientData: true, expect: staffOfA(200) },
    axe: [{ as: 'namedWorker' }, { as: 'admin' }],
  },
  '/worker/clients/[client]/access-log.csv': {
    look: 'none',
    GET: { url: '/worker/clients/{A}/access-log.csv', clientData: true, expect: staffOfA(200) },
  },
  '/worker/clients/[client]/access-log/report': {
    look: 'staff',
    GET: { url: '/worker/clients/{A}/access-log/report', clientData: true, expect: staffOfA(200) },
    axe: [{ as: 'namedWorker' }, { as: 'admin' }],
  },

  // Unit admins: each sees their own unit only
  '/admin': {
    look: 'staff',
    GET: { url: '/admin', clientData: false, expect: admins(200) },
  },
  '/admin/clients': {
    look: 'staff',
    // Names, named workers, reading needs and review dates: the list to open a client from.
    GET: { url: '/admin/clients', clientData: true, expect: admins(200) },
  },
  '/admin/cards': {
    look: 'staff',
    // "Tulosta kortit": the unit's clients with their sign-in states (logged). A's card is in use,
    // so a post choosing A is asked about first (200, nothing made); another unit's admin is refused.
    GET: { url: '/admin/cards', clientData: true, expect: admins(200) },
    POST: { url: '/admin/cards', body: 'client={A}', expect: area('/login', { admin: 200, otherUnitAdmin: 403 }) },
  },
  '/admin/covers': {
    look: 'staff',
    // The unit's holiday covers; ending one needs a cover of the admin's own unit (none is id 0).
    GET: { url: '/admin/covers', clientData: false, expect: admins(200) },
    POST: { url: '/admin/covers', body: 'cover=0', expect: area('/login', {}) },
  },
  '/admin/money': {
    look: 'staff',
    GET: { url: '/admin/money?month={approvedMonth}', clientData: true, expect: admins(200) },
    POST: { url: '/admin/money', body: '', expect: admins(400) },
  },
  '/admin/money/export': {
    look: 'none',
    // A's unit approved the month (beforeAll); the other unit did not, so it has nothing to export.
    // The file lists only clients with something to pay or a correction: A (työtoiminta, a meal
    // fee equal to the daily rate) has nothing to pay in the demo's month and is not in it, so it
    // reads none of A's data. That the export logs each client it lists, and only those, is
    // checked in tests/e2e/payroll.test.ts.
    GET: { url: '/admin/money/export?month={approvedMonth}', clientData: false, expect: area('/login', { admin: 200, otherUnitAdmin: 404 }) },
  },
  '/admin/money/statement': {
    look: 'staff',
    // The accountant's statement of A's month (approved in the matrix, today's figures in the
    // sweep): A is not of the other unit, so its admin finds nothing (404).
    GET: { url: '/admin/money/statement?month={approvedMonth}&client={A}', clientData: true, expect: area('/login', { admin: 200, otherUnitAdmin: 404 }) },
  },
  '/admin/import': {
    look: 'staff',
    // Importing clients into the admin's own unit: an empty form is told to choose a file, and creates nothing.
    GET: { url: '/admin/import', clientData: false, expect: admins(200) },
    POST: { url: '/admin/import', body: '', expect: admins(400) },
  },
  '/admin/people/[id]/card': {
    look: 'staff',
    // A's sign-in (card, picture PIN, lock): only the admin of A's unit. The GET shows A's name
    // and sign-in state (logged); an empty form is answered with "choose an action" (400), so
    // nothing is issued or reset here (tests/e2e/login-cards.test.ts does that on its own server).
    GET: { url: '/admin/people/{A}/card', clientData: true, expect: area('/login', { admin: 200 }) },
    POST: { url: '/admin/people/{A}/card', body: '', expect: area('/login', { admin: 400 }) },
  },
  '/admin/rates': {
    look: 'staff',
    GET: { url: '/admin/rates', clientData: false, expect: admins(200) },
    POST: { url: '/admin/rates', body: '', expect: admins(400) },
  },
  '/admin/people': {
    look: 'staff',
    // People and units (issue 7): each admin manages their own unit; an empty form gets its errors.
    GET: { url: '/admin/people', clientData: true, expect: admins(200) },
    POST: { url: '/admin/people', body: '', expect: admins(400) },
  },
  '/admin/people/[id]': {
    look: 'staff',
    GET: { url: '/admin/people/{A}', clientData: true, expect: area('/login', { admin: 200 }) },
    POST: { url: '/admin/people/{A}', body: 'action=details', expect: area('/login', { admin: 400 }) },
    // A client, and a worker with two-step sign-in on (its state and "Nollaa kaksivaiheinen tunnistus").
    axe: [{ as: 'admin' }, { as: 'admin', url: '/admin/people/{enrolledWorker}', status: 200 }],
  },
  '/admin/people/move': {
    look: 'staff',
    GET: { url: '/admin/people/move', clientData: false, expect: admins(200) },
    POST: { url: '/admin/people/move', body: '', expect: admins(400) },
  },
  '/admin/units': {
    look: 'staff',
    GET: { url: '/admin/units', clientData: false, expect: admins(200) },
    POST: { url: '/admin/units', body: 'action=edit', expect: admins(400) },
  },
  '/admin/audit': {
    look: 'staff',
    GET: { url: '/admin/audit', clientData: false, expect: admins(200) },
  },
  '/admin/audit.csv': {
    look: 'none',
    // The unit's audit log as CSV: each admin gets their own unit's rows only.
    GET: { url: '/admin/audit.csv', clientData: false, expect: admins(200) },
  },
  '/admin/security': {
    look: 'staff',
    // The unit's security events (sign-ins, refusals…): each admin sees their own unit's only.
    GET: { url: '/admin/security', clientData: false, expect: admins(200) },
    // With the sign-ins and refusals of this very run in it, and filtered.
    axe: [{ as: 'admin' }, { as: 'admin', url: '/admin/security?kind=sign_in&person=&from=2026-01-01&to=', status: 200 }],
  },
  '/admin/outbox': {
    look: 'staff',
    // The unit's mails and pushes: each admin sees their own unit's only. A retry of a mail that
    // is not a failed one of the admin's unit changes nothing and goes back to the list. (A push
    // names its client, and that view is logged, 'push outbox'; this run's database has no pushes,
    // so the page shows no client data here: tests/e2e/web-push.test.ts checks the log.)
    GET: { url: '/admin/outbox', clientData: false, expect: admins(200) },
    POST: { url: '/admin/outbox', body: 'action=retry&mail=1', expect: area('/login', { admin: '303 /admin/outbox', otherUnitAdmin: '303 /admin/outbox' }) },
  },
};

/** "pattern METHOD" of every entry: what tests/helpers/routes.ts `routeKeys()` must equal. */
export function fixtureKeys(routes: Record<string, RouteRow> = ROUTES): string[] {
  return Object.entries(routes)
    .flatMap(([pattern, row]) => (['GET', 'POST'] as const).filter((m) => row[m]).map((m) => `${pattern} ${m}`))
    .sort();
}

export interface ResolvedAxeView {
  pattern: string;
  as: Actor;
  /** With {name} placeholders still in it. */
  url: string;
  status: number;
  /** The path (with {name} placeholders) the page ends on; the URL's own unless redirected. */
  lands: string;
  /** A cookie to give the device first (its value with {name} placeholders). */
  cookie?: { name: string; value: string };
  /** The easy-read checks (AAA contrast, 44 px targets): an easy-read page, or any error page. */
  easyRead: boolean;
}

/** Error pages are easy-read pages (src/components/ErrorPage.astro), whoever gets them. */
const ERROR_STATUSES = [403, 404, 500];

/** Every view of the accessibility sweep, defaults filled in; throws at a view the row cannot answer. */
export function axeViews(routes: Record<string, RouteRow> = ROUTES): ResolvedAxeView[] {
  return Object.entries(routes).flatMap(([pattern, row]) => {
    if (row.look === 'none') {
      if (row.axe) throw new Error(`${pattern}: no page (look none), so no axe views`);
      return [];
    }
    if (!row.GET) throw new Error(`${pattern}: a page (look ${row.look}) needs a GET entry`);
    const get = row.GET;
    const views = row.axe ?? [defaultView(pattern, get)];
    return views.map((view) => {
      const url = view.url ?? get.url;
      const status = view.status ?? (view.url === undefined ? get.expect[view.as] : undefined);
      if (typeof status !== 'number') throw new Error(`${pattern} as ${view.as}: give the status of ${url} (the GET row says ${String(status)})`);
      return { pattern, as: view.as, url, status, lands: view.lands ?? url, easyRead: (view.look ?? row.look) === 'easy-read' || ERROR_STATUSES.includes(status), cookie: view.cookie };
    });
  });
}

function defaultView(pattern: string, get: GetEntry): AxeView {
  const as = ACTORS.find((a) => get.expect[a] === 200) ?? ACTORS.find((a) => typeof get.expect[a] === 'number');
  if (!as) throw new Error(`${pattern}: nobody gets a page of it; give its axe views`);
  return { as };
}
