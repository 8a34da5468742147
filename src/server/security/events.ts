import type { Database, Tx } from '../db';
import { addDays } from '@domain/attendance/month';
import { helsinkiMidnight } from '@domain/time/helsinki';
import { logLine } from '@server/ops/log';
import type { SocketFacts } from './request';
import { orderIgnoringCase } from '@server/db/dialect';

/**
 * The security event log: one row in `security_events` (append-only by triggers) and one JSON
 * line on stdout per event, for the unit's admins (/admin/security) and for whoever watches the
 * server's output.
 *
 * What an event may hold is fixed here, field by field, so that no caller can put a password,
 * a PIN pick, a session token or a card secret into it: there is no free text and no "details"
 * object. An email that matched nobody is not stored in any form (it may be a password typed
 * into the wrong field, and a plain hash of a short password is easy to reverse).
 */
export const SECURITY_EVENT_KINDS = [
  'sign_in',
  'sign_in_failed',
  'locked',
  'unlocked',
  'signed_out',
  'session_ended',
  'card_issued',
  'sessions_ended',
  'pin_reset',
  'pin_chosen',
  'forbidden',
  'invitation_sent',
  'invitation_accepted',
  'invitation_cancelled',
  'password_reset_requested',
  'password_reset',
  'password_changed',
  'two_step_enrolled',
  'two_step_turned_off',
  'two_step_reset',
  'recovery_codes_made',
  'recovery_code_used',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export function isSecurityEventKind(value: string): value is SecurityEventKind {
  return (SECURITY_EVENT_KINDS as readonly string[]).includes(value);
}

/** The reasons each kind may carry (the admin view translates them). */
export const SECURITY_EVENT_REASONS = {
  sign_in: ['password', 'pin', 'new_pin', 'sso', 'two_step', 'recovery_code'],
  sign_in_failed: [
    'wrong_password',
    'wrong_pin',
    'unknown_email',
    'unknown_card',
    'locked',
    'too_many_from_here',
    // A wrong or reused code of the second step (two-step.ts).
    'wrong_code',
    // A staff member of a unit that signs in only with the organisation's account (sso-settings.ts).
    'password_off',
    // The organisation's sign-in (src/server/auth/sso.ts, sso-match.ts): the flow, then the person.
    'sso_expired',
    'sso_state',
    'sso_code',
    'sso_denied',
    'sso_unavailable',
    'sso_error',
    'sso_unknown',
    'sso_inactive',
    'sso_unverified',
    'sso_other_account',
  ],
  locked: ['for_a_while', 'until_unlocked'],
  unlocked: ['by_admin', 'by_worker'],
  signed_out: ['by_person'],
  session_ended: ['idle', 'time_limit', 'deactivated', 'by_person'],
  card_issued: ['first', 'lost', 'worn'],
  sessions_ended: ['card_lost', 'by_person', 'by_admin', 'password_changed', 'two_step_reset'],
  pin_reset: ['by_admin'],
  pin_chosen: ['by_client'],
  forbidden: ['GET', 'POST', 'other'],
  invitation_sent: ['new_account', 'resent'],
  invitation_accepted: ['by_person'],
  invitation_cancelled: ['by_admin'],
  password_reset_requested: ['by_person'],
  password_reset: ['by_link'],
  password_changed: ['by_person'],
  two_step_enrolled: ['in_settings', 'at_sign_in'],
  two_step_turned_off: ['by_person'],
  two_step_reset: ['by_admin'],
  recovery_codes_made: ['by_person'],
  recovery_code_used: ['at_sign_in', 'to_turn_off'],
} as const satisfies Record<SecurityEventKind, readonly string[]>;
export type ReasonOf<K extends SecurityEventKind> = (typeof SECURITY_EVENT_REASONS)[K][number];

/** Where a request came from: the address, the browser in short, and the path (no query). */
export interface RequestInfo {
  ip: string;
  userAgent: string;
  path: string;
  /** The request's id, for the log line only (not stored with the event). */
  requestId?: string;
}

export const NO_REQUEST: RequestInfo = { ip: '', userAgent: '', path: '' };

/** The person an event is about, as far as known. */
export interface EventPerson {
  id: number;
  role: string;
  unit_id: number | null;
}

export type SecurityEvent = {
  [K in SecurityEventKind]: {
    kind: K;
    reason: ReasonOf<K>;
    person: EventPerson | null;
    /** Who did it, when it was someone else than the person (an admin, a worker). */
    by?: number | null;
    /** The unit whose admins see the event; defaults to the person's unit. */
    unitId?: number | null;
    request: RequestInfo;
  };
}[SecurityEventKind];

export interface SecurityEventRecord {
  at: string;
  kind: SecurityEventKind;
  reason: string;
  person_id: number | null;
  role: string | null;
  unit_id: number | null;
  by_id: number | null;
  ip: string;
  user_agent: string;
  path: string;
  /** The request it came from: printed in the log line, not stored. */
  requestId?: string;
}

/**
 * Reads a request's origin for an event: Astro's context or anything alike. The address is the
 * one the origin middleware found (the socket, or a trusted proxy's word), never Astro's own
 * clientAddress, which believes any X-Forwarded-For.
 */
export function requestInfo(context: { request: Request; url: URL; locals?: { clientAddress?: string; socketFacts?: SocketFacts } }): RequestInfo {
  const ip = context.locals?.clientAddress ?? '';
  let userAgent: string | undefined;
  // Every signed-in request makes one (the session check), and few ever read the device: the
  // user agent's patterns run only when something is written with it.
  return {
    ip: ip.slice(0, 64),
    get userAgent() {
      return (userAgent ??= shortUserAgent(context.request.headers.get('user-agent')));
    },
    path: pathForLog(context.url.pathname),
    requestId: context.locals?.socketFacts?.requestId,
  };
}

/**
 * A path as a log may hold it (the security events here, the request log in src/server/ops/):
 * a login card's QR address holds the card's secret, an invitation's or a reset's address its
 * token; those parts never go into a log. (A query string never reaches this: callers pass the
 * path alone.)
 */
export function pathForLog(pathname: string): string {
  if (pathname.startsWith('/k/')) return '/k/[secret]';
  if (/^\/(invite|reset)\//.test(pathname)) return pathname.replace(/^\/(invite|reset)\/.*/, '/$1/[token]');
  return pathname.slice(0, 200);
}

const BROWSERS: readonly [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/(?:Chrome|Chromium|CriOS)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[.\d]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
];
const SYSTEMS: readonly [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Windows/, 'Windows'],
  [/CrOS/, 'ChromeOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

/**
 * "Chrome 131, Android": enough to tell devices apart in the log without storing the full
 * header (which fingerprints a device far more finely than a log needs).
 */
export function shortUserAgent(header: string | null): string {
  if (!header) return '';
  let browser = 'other';
  for (const [re, name] of BROWSERS) {
    const m = re.exec(header);
    if (m) {
      browser = `${name} ${m[1]}`;
      break;
    }
  }
  const system = SYSTEMS.find(([re]) => re.test(header))?.[1] ?? 'other';
  return `${browser}, ${system}`;
}

function toRecord(e: SecurityEvent, now: number): SecurityEventRecord {
  return {
    at: new Date(now).toISOString(),
    kind: e.kind,
    reason: e.reason,
    person_id: e.person?.id ?? null,
    role: e.person?.role ?? null,
    unit_id: e.unitId !== undefined ? e.unitId : (e.person?.unit_id ?? null),
    by_id: e.by ?? null,
    ip: e.request.ip,
    user_agent: e.request.userAgent,
    path: e.request.path,
    requestId: e.request.requestId,
  };
}

/**
 * Writes an event inside the caller's write transaction, so the change and its event commit
 * together (or neither does). Returns the record to print once the transaction has committed:
 * see `writeWithEvents`, which does both.
 */
export async function recordSecurityEvent(tx: Tx, e: SecurityEvent, now = Date.now()): Promise<SecurityEventRecord> {
  const r = toRecord(e, now);
  await tx.run(
    'INSERT INTO security_events (at, kind, reason, person_id, role, unit_id, by_id, ip, user_agent, path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [now, r.kind, r.reason, r.person_id, r.role, r.unit_id, r.by_id, r.ip, r.user_agent, r.path],
  );
  return r;
}

/**
 * One JSON line per event in the server's log (src/server/ops/log.ts, beside the request lines),
 * printed only after its commit, with the id of the request it came from.
 */
export function printSecurityEvents(records: readonly SecurityEventRecord[]): void {
  for (const { requestId, ...record } of records) logLine('security_event', { request_id: requestId, ...record });
}

/**
 * A write transaction that may log security events: `log` writes each one in the transaction,
 * and the lines are printed after the commit (a rolled-back change prints nothing).
 */
export async function writeWithEvents<T>(db: Database, work: (tx: Tx, log: (e: SecurityEvent) => Promise<void>) => Promise<T>, now = Date.now()): Promise<T> {
  const records: SecurityEventRecord[] = [];
  const result = await db.write((tx) => work(tx, async (e) => void records.push(await recordSecurityEvent(tx, e, now))));
  printSecurityEvents(records);
  return result;
}

/**
 * Writes one event in a transaction of its own. Logging must never turn an answer into an
 * error page (a refused request stays a 403), so a failure to write is reported on stderr.
 */
export async function logSecurityEvent(db: Database, e: SecurityEvent, now = Date.now()): Promise<void> {
  try {
    await writeWithEvents(db, (_tx, log) => log(e), now);
  } catch (error) {
    console.error('Could not write a security event', e.kind, error);
  }
}

/** The person behind an id, for an event (null when the id is nobody's). */
export async function eventPerson(db: Database | Tx, id: number): Promise<EventPerson | null> {
  return (await db.get<EventPerson>('SELECT id, role, unit_id FROM people WHERE id = ?', [id])) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Reading, for the unit's admins
// ---------------------------------------------------------------------------------------------

export interface SecurityEventFilter {
  kind: SecurityEventKind | null;
  personId: number | null;
  /** Helsinki days, inclusive. */
  from: string | null;
  to: string | null;
}

export interface SecurityEventRow {
  id: number;
  at: number;
  kind: SecurityEventKind;
  reason: string;
  person_id: number | null;
  person_name: string | null;
  role: string | null;
  by_name: string | null;
  ip: string;
  user_agent: string;
  path: string;
}

/**
 * Family members belong to no unit: their events are shown to the admins of every unit where
 * they have a client (a family link), as the admins there look after those sign-ins.
 */
const IN_UNIT = `(e.unit_id = ? OR (e.unit_id IS NULL AND e.person_id IN (
  SELECT l.family_id FROM family_links l JOIN people c ON c.id = l.client_id WHERE c.unit_id = ?)))`;

/** A page of a unit's events, newest first; one more than `limit` tells that there are more. */
export async function securityEventsOfUnit(db: Database, unitId: number, f: SecurityEventFilter, limit: number, offset: number): Promise<SecurityEventRow[]> {
  return db.all<SecurityEventRow>(
    `SELECT e.id, e.at, e.kind, e.reason, e.person_id, p.full_name AS person_name, e.role, b.full_name AS by_name, e.ip, e.user_agent, e.path
       FROM security_events e LEFT JOIN people p ON p.id = e.person_id LEFT JOIN people b ON b.id = e.by_id
      WHERE ${IN_UNIT} AND (? IS NULL OR e.kind = ?) AND (? IS NULL OR e.person_id = ?) AND (? IS NULL OR e.at >= ?) AND (? IS NULL OR e.at < ?)
      ORDER BY e.at DESC, e.id DESC LIMIT ? OFFSET ?`,
    [
      unitId,
      unitId,
      f.kind,
      f.kind,
      f.personId,
      f.personId,
      f.from,
      f.from ? helsinkiMidnight(f.from) : null,
      f.to,
      f.to ? helsinkiMidnight(addDays(f.to, 1)) : null,
      limit,
      offset,
    ],
  );
}

/** The people who appear in a unit's events, for the filter's list. */
export async function peopleInSecurityEvents(db: Database, unitId: number): Promise<{ id: number; full_name: string }[]> {
  return db.all(
    `SELECT p.id, p.full_name FROM people p
      WHERE p.id IN (SELECT e.person_id FROM security_events e WHERE ${IN_UNIT})
      ORDER BY ${orderIgnoringCase(db, 'p.full_name')}`,
    [unitId, unitId],
  );
}
