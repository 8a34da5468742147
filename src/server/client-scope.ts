import type { Database } from './db';
import type { SessionActor } from './auth/session';
import type { Lang } from '@domain/language';
import { consentChangeRight, familyLevel, logViews, relationTo, type AccessBasis } from './access';
import { clientInScopeFacts } from './people/store';
import type { AccessAction } from '@domain/logs/catalogue';

/**
 * The client a page is about, for the pages under `/worker/clients/:client/*`,
 * `/worker/messages/client/:client` and `/family/:client/*`: loaded and access-checked once, by
 * the `clientInScope` middleware, before the page runs (as pay-frontend's charge middleware
 * loads the charge once). Pages read it from `Astro.locals.client` and never parse the id.
 */
export interface ClientInScope {
  id: number;
  fullName: string;
  preferredName: string;
  unitId: number;
  /** The client's reading needs, for staff writing to them. */
  readingNeeds: string;
  /** The language the client reads (their own choice, saved on their account): staff write to them in it. */
  language: Lang;
  /** Why the reader may open this client: named worker, substitute, admin of the unit, family. */
  basis: AccessBasis;
  /** For a family member: the level of their link (full, messages, read). */
  familyLevel: 'full' | 'messages' | 'read' | null;
}

/**
 * What a page needs of the reader:
 * - `staff`: the client's named worker, a substitute in their period, or an admin of the unit;
 * - `records`: a family link that opens the records (not a messages-only link);
 * - `conversation`: any current family link;
 * - `legalRepresentative`: a family link resting on a legal role, for changing consents.
 */
type Need = 'staff' | 'records' | 'conversation' | 'legalRepresentative';

interface ScopedRoute {
  /** The rest of the path after the client's id ('' for the client's own page). */
  rest: RegExp;
  need: Need;
  /**
   * The access-log action written when the page shows the client's data, or null when the page
   * shows none (a form that only takes a new consent).
   */
  action: ((match: RegExpMatchArray) => AccessAction) | null;
}

const action = (name: AccessAction) => (): AccessAction => name;

/** Every page about one client, by its area prefix; a path in no list is not in scope. */
const SCOPES: readonly { prefix: string; routes: readonly ScopedRoute[] }[] = [
  {
    prefix: '/worker/clients/',
    routes: [
      { rest: /^$/, need: 'staff', action: action('client overview') },
      { rest: /^\/plan$/, need: 'staff', action: action('plan editor') },
      { rest: /^\/goals$/, need: 'staff', action: action('goal editor') },
      { rest: /^\/attendance$/, need: 'staff', action: action('attendance') },
      { rest: /^\/consents$/, need: 'staff', action: action('consents') },
      { rest: /^\/family$/, need: 'staff', action: action('family links') },
      { rest: /^\/notes$/, need: 'staff', action: action('daily notes') },
      { rest: /^\/access-log$/, need: 'staff', action: action('access log') },
      { rest: /^\/access-log\.csv$/, need: 'staff', action: action('access log export') },
      { rest: /^\/access-log\/report$/, need: 'staff', action: action('access log report') },
      { rest: /^\/plan-versions\/([^/]+)$/, need: 'staff', action: action('plan version') },
    ],
  },
  { prefix: '/worker/messages/client/', routes: [{ rest: /^$/, need: 'staff', action: action('messages') }] },
  {
    prefix: '/family/',
    routes: [
      { rest: /^\/(plan|goals|attendance|money|consents)$/, need: 'records', action: (m) => m[1] as AccessAction },
      { rest: /^\/messages$/, need: 'conversation', action: action('messages') },
      { rest: /^\/consents\/give$/, need: 'legalRepresentative', action: null },
      { rest: /^\/consents\/withdraw$/, need: 'legalRepresentative', action: action('consents') },
    ],
  },
];

/** Static routes that share a prefix with a client's id: not a client. */
const NOT_A_CLIENT = new Set(['/worker/clients/picture-search']);

export interface ScopeMatch {
  /** The id as written in the path (checked by `loadClientInScope`). */
  idText: string;
  route: ScopedRoute;
  match: RegExpMatchArray;
}

/** Which scoped page this path is, or null when it is not about one client. */
export function scopedRoute(pathname: string): ScopeMatch | null {
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  if (NOT_A_CLIENT.has(path)) return null;
  for (const scope of SCOPES) {
    if (!path.startsWith(scope.prefix)) continue;
    const tail = path.slice(scope.prefix.length);
    const slash = tail.indexOf('/');
    const idText = slash === -1 ? tail : tail.slice(0, slash);
    const rest = slash === -1 ? '' : tail.slice(slash);
    if (idText === '') return null;
    for (const route of scope.routes) {
      const match = rest.match(route.rest);
      if (match) return { idText, route, match };
    }
    return null;
  }
  return null;
}

/** A database id as written in a path: digits only, no sign, no leading zero, a safe integer. */
export function parseClientId(text: string): number | null {
  if (!/^[1-9][0-9]{0,15}$/.test(text)) return null;
  const id = Number(text);
  return Number.isSafeInteger(id) ? id : null;
}

/** Whether the reader's relation to the client meets the page's need. */
async function meets(db: Database, actor: SessionActor['person'], clientId: number, need: Need, basis: AccessBasis, level: string | undefined): Promise<boolean> {
  switch (need) {
    case 'staff':
      return basis === 'named_worker' || basis === 'substitute' || basis === 'admin';
    case 'records':
      return basis === 'family' && level !== undefined && level !== 'messages';
    case 'conversation':
      return basis === 'family' && level !== undefined;
    case 'legalRepresentative':
      return (await consentChangeRight(db, actor, clientId)) === 'legal_representative';
  }
}

/**
 * The client of a scoped page, or why not: 'forbidden' for an id that is not a number or not a
 * client this reader may open (the same answer for both, so ids cannot be probed).
 */
export async function loadClientInScope(db: Database, actor: SessionActor['person'], scope: ScopeMatch): Promise<ClientInScope | 'forbidden'> {
  const clientId = parseClientId(scope.idText);
  if (clientId === null) return 'forbidden';
  const basis = await relationTo(db, actor, clientId);
  if (!basis || basis === 'self') return 'forbidden';
  const level = basis === 'family' ? await familyLevel(db, actor.id, clientId) : undefined;
  if (!(await meets(db, actor, clientId, scope.route.need, basis, level))) return 'forbidden';
  const facts = await clientInScopeFacts(db, clientId);
  if (!facts) return 'forbidden';
  return { ...facts, basis, familyLevel: (level as ClientInScope['familyLevel']) ?? null };
}

/**
 * Writes the access-log row of a scoped page that showed the client's data: a page answer or a
 * form sent back with its errors, not a redirect after a save, a refusal or an empty answer.
 */
export async function logScopedView(db: Database, actor: SessionActor['person'], client: ClientInScope, scope: ScopeMatch, status: number, path: string): Promise<void> {
  if (!scope.route.action) return;
  const showed = (status >= 200 && status < 300 && status !== 204) || status === 400 || status === 409 || status === 422;
  if (!showed) return;
  await logViews(db, actor, [{ clientId: client.id, basis: client.basis }], scope.route.action(scope.match), path);
}
