/**
 * A seeded fuzzer for every POST route of the portal (read from src/pages by routes.ts, as the
 * authorization matrix does). Used by tests/e2e/fuzz.test.ts (a few bodies a route, in
 * `npm test`) and scripts/fuzz.ts (`npm run fuzz`, thousands a route, with figures).
 *
 * Each body is a pure function of (seed, route, index): a failure is replayed with
 * `npm run fuzz -- --seed=<seed> --route=<pattern> --from=<index> --bodies=1`.
 *
 * The form fields come from the page itself (every name="…" of a form in what the actor gets
 * with GET, with its value as a plausible sample) and from the page file's field(form, '…')
 * calls, so a new field is fuzzed without anyone listing it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoClient, demoStaff } from '@server/demo/people';
import { insertSessions, peopleByName } from './authz';
import { pageRoutes, type PageRoute } from './routes';
import { ROOT, querySql } from './server';

// ---------------------------------------------------------------------------------------------
// Who posts where
// ---------------------------------------------------------------------------------------------

export const ACTOR_PEOPLE = {
  client: demoClient('matti').name,
  family: demoStaff('maija').name, // Matti's full link
  guardian: demoStaff('anja').name, // Matti's edunvalvoja: the family member who may change consents
  worker: demoStaff('liisa').name, // Matti's named worker
  admin: demoStaff('helena').name, // admin of Matti's unit
} as const;
export type SignedInActor = keyof typeof ACTOR_PEOPLE;
export type FuzzActor = SignedInActor | 'anonymous';

/** The people who may post to the route, and always someone signed out too. */
export function actorsFor(pattern: string): FuzzActor[] {
  if (pattern.startsWith('/client')) return ['client', 'anonymous'];
  if (pattern.startsWith('/family/[client]/consents')) return ['guardian', 'anonymous'];
  if (pattern.startsWith('/family')) return ['family', 'anonymous'];
  if (pattern.startsWith('/worker')) return ['worker', 'admin', 'anonymous'];
  if (pattern.startsWith('/admin')) return ['admin', 'anonymous'];
  return ['anonymous', 'client', 'family', 'worker', 'admin'];
}

/**
 * Groups in the order they run: a later group may change what an earlier one needs (a client
 * ending a family link, an admin resetting the client's PIN), never the other way round.
 */
export const GROUPS = ['public', 'family', 'client', 'worker', 'admin'] as const;
export type FuzzGroup = (typeof GROUPS)[number];
export function groupOf(pattern: string): FuzzGroup {
  for (const group of ['family', 'client', 'worker', 'admin'] as const) if (pattern.startsWith(`/${group}`)) return group;
  return 'public';
}

/**
 * Routes that run last in their group: sign-out ends the sessions (they are made anew for the
 * next route, but not for the other bodies of the same route), and the person page may
 * deactivate Matti, whose card page the admin group also fuzzes.
 */
const LAST_OF_GROUP = ['/logout', '/admin/people/[id]'];

/** Every POST route, in group order. */
export function postRoutes(): PageRoute[] {
  const routes = pageRoutes().filter((r) => r.methods.includes('POST'));
  const rank = (r: PageRoute) => GROUPS.indexOf(groupOf(r.pattern)) * 2 + (LAST_OF_GROUP.includes(r.pattern) ? 1 : 0);
  return routes.sort((a, b) => rank(a) - rank(b) || a.pattern.localeCompare(b.pattern));
}

// ---------------------------------------------------------------------------------------------
// The server's people and sessions
// ---------------------------------------------------------------------------------------------

export interface FuzzContext {
  baseUrl: string;
  dbFile: string;
  personIds: Record<SignedInActor, number>;
  /** Path parameters by name ([client] → Matti's id, …). */
  params: Record<string, string>;
  cookies: Record<SignedInActor, string>;
}

/** New sessions for every actor, written beside the running server (WAL allows it). */
export function freshSessions(dbFile: string, personIds: Record<SignedInActor, number>): Promise<Record<SignedInActor, string>> {
  const people = Object.fromEntries(Object.entries(personIds).map(([actor, id]) => [actor, { id, role: actor === 'client' ? 'client' : 'staff' }]));
  return insertSessions(dbFile, people as Record<SignedInActor, { id: number; role: string }>);
}

export async function fuzzContext(baseUrl: string, dbFile: string): Promise<FuzzContext> {
  const people = await peopleByName(dbFile);
  const personIds = {} as Record<SignedInActor, number>;
  for (const [actor, name] of Object.entries(ACTOR_PEOPLE) as [SignedInActor, string][]) {
    const person = people.get(name);
    if (!person) throw new Error(`${name} is not in the demo data`);
    personIds[actor] = person.id;
  }
  const [plan] = await querySql<{ v: number }>(dbFile, 'SELECT MAX(version) AS v FROM plan_versions WHERE client_id = ?', [personIds.client]);
  // An invitation's or a reset's token that is nobody's: the page must answer 410, never a 5xx.
  const params = { client: String(personIds.client), id: String(personIds.client), version: String(plan?.v ?? 1), token: 'abcdefghijklmnopqrstuvwxyz234567' };
  return { baseUrl, dbFile, personIds, params, cookies: await freshSessions(dbFile, personIds) };
}

export function fillPattern(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/\[(\w+)\]/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`No value for [${name}] in ${pattern}: add it to fuzzContext`);
    return params[name];
  });
}

// ---------------------------------------------------------------------------------------------
// The fields of a route's forms
// ---------------------------------------------------------------------------------------------

export interface FormFields {
  /** Field name → values seen on the page (hidden ids, option values, button values). */
  values: Record<string, string[]>;
  /** Fields that take a file. */
  files: string[];
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const unescapeHtml = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The names (and values) of every form control in the page's HTML. */
export function fieldsOfHtml(html: string, into: FormFields = { values: {}, files: [] }): FormFields {
  const add = (name: string, value: string | undefined) => {
    const list = (into.values[name] ??= []);
    if (value !== undefined && value !== '' && !list.includes(value) && list.length < 20) list.push(unescapeHtml(value));
  };
  for (const match of html.matchAll(/<(input|button|textarea|select)\b[^>]*>/g)) {
    const tag = match[0];
    const name = attr(tag, 'name');
    if (!name) continue;
    if (attr(tag, 'type') === 'file') {
      if (!into.files.includes(name)) into.files.push(name);
      continue;
    }
    add(name, attr(tag, 'value'));
    if (match[1] === 'select') {
      const rest = html.slice(match.index! + tag.length, html.indexOf('</select>', match.index));
      for (const option of rest.matchAll(/<option\b[^>]*\svalue="([^"]*)"/g)) add(name, option[1]);
    }
  }
  return into;
}

/** Field names the page's own file reads (also the forms its GET does not show, e.g. a step). */
export function fieldsOfSource(file: string, into: FormFields = { values: {}, files: [] }): FormFields {
  const source = readFileSync(join(ROOT, file), 'utf8');
  for (const match of source.matchAll(/\b(?:field|fileField)\(\s*form\s*,\s*'([^']+)'|\bform\.(?:get|getAll|has)\(\s*'([^']+)'/g)) {
    into.values[match[1] ?? match[2]] ??= [];
  }
  return into;
}

/** The route's fields: from its file, and from its page as each actor sees it. */
export async function routeFields(route: PageRoute, ctx: FuzzContext, actors: FuzzActor[]): Promise<FormFields> {
  const fields = fieldsOfSource(route.file);
  if (route.methods.includes('GET')) {
    for (const actor of actors) {
      const response = await fetch(ctx.baseUrl + fillPattern(route.pattern, ctx.params), {
        redirect: 'manual',
        headers: actor === 'anonymous' ? {} : { cookie: ctx.cookies[actor] },
      });
      if (response.status === 200) fieldsOfHtml(await response.text(), fields);
      else await response.arrayBuffer();
    }
  }
  return fields;
}

// ---------------------------------------------------------------------------------------------
// The bodies
// ---------------------------------------------------------------------------------------------

/** mulberry32: small, fast and the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of the parts: one seed per (run seed, route, index). */
export function seedOf(...parts: Array<string | number>): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export const BODY_KINDS = ['missing', 'long', 'control', 'markup', 'sql', 'numbers', 'dates', 'repeated', 'contentType'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

const HOSTILE: Record<Exclude<BodyKind, 'missing' | 'repeated' | 'contentType'>, readonly string[]> = {
  long: ['a'.repeat(100_000), 'ä'.repeat(100_000), '😀'.repeat(50_000), '1'.repeat(100_000), ' '.repeat(100_000), 'x\n'.repeat(50_000)],
  control: ['\u0000', '\u007f', 'a\u0000b', '\r\nX-Injected: 1', '\t', '\u001b[31m', '\u0008\u0007', '\u2028\u2029', '\ufeff', '\ud800', '\u0085', '%00', '%0d%0a', '/\u007f'],
  markup: ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", '</textarea><b>x</b>', '{{7*7}}', '${7*7}', '<!--', ']]>', '&amp;&lt;'],
  sql: ["'", "''", "' OR '1'='1", "1; DROP TABLE people; --", '" OR ""="', "1' UNION SELECT * FROM sessions --", '%', '_', '\\', "Robert'); --"],
  numbers: ['-1', '0', '-0', '99999999999999999999', '9007199254740993', '1e308', '-1e308', 'NaN', 'Infinity', '0x10', '1.5', '2147483648', '-2147483649', ' 1', '1 ', '١٢'],
  dates: ['2026-02-30', '2026-13-01', '0000-00-00', '9999-12-31', '0000-01-01', '2026-00', '9999-12', '0000-01', '2026-1-1', '31.12.2026', '2026-02-29T25:61', '+275760-09-13', '-000001-01-01', '1970-01-01'],
};

export interface FuzzBody {
  kind: BodyKind;
  /** Content-Type header, or null to send none. */
  contentType: string | null;
  body: string | Uint8Array | FormData;
  /** A short description for failure reports (the body itself may be 100 000 characters). */
  summary: string;
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

function plausible(rand: () => number, name: string, fields: FormFields, ctx: FuzzContext): string {
  const seen = fields.values[name] ?? [];
  if (seen.length > 0 && rand() < 0.7) return pick(rand, seen);
  return pick(rand, [ctx.params.client, '1', '2026-11-24', '2026-11', 'fi', 'kissa', 'Hei', 'matti@example.fi', '12:00', '']);
}

function hostile(rand: () => number, kind: BodyKind): string {
  const value = kind in HOSTILE ? pick(rand, HOSTILE[kind as keyof typeof HOSTILE]) : pick(rand, pick(rand, Object.values(HOSTILE)));
  // Half the short ones as a path of ours would start, so that fields taking a path or an
  // address (back, a redirect target) get past their first check.
  return value.length < 100 && rand() < 0.5 ? '/' + value : value;
}

/** (URLSearchParams, not encodeURIComponent: a lone surrogate becomes U+FFFD, as a browser sends it.) */
function urlencode(pairs: Array<[string, string]>): string {
  return new URLSearchParams(pairs).toString();
}

/** The body number `index` for the route: the same for the same seed, always. */
export function makeBody(seed: number, routePattern: string, index: number, fields: FormFields, ctx: FuzzContext): FuzzBody {
  const rand = prng(seedOf(seed, routePattern, index));
  const kind = BODY_KINDS[index % BODY_KINDS.length];
  const names = Object.keys(fields.values);
  const pairs: Array<[string, string]> = [];
  for (const name of names) {
    if (kind === 'missing' && rand() < 0.5) continue;
    // Mostly hostile values, some plausible ones, so that checks behind the first field are reached.
    const value = kind !== 'missing' && rand() < 0.6 ? hostile(rand, kind) : plausible(rand, name, fields, ctx);
    pairs.push([name, value]);
    if (kind === 'repeated') {
      const times = 1 + Math.floor(rand() * 3);
      for (let i = 0; i < times; i++) pairs.push([name, rand() < 0.5 ? plausible(rand, name, fields, ctx) : hostile(rand, 'repeated')]);
    }
  }
  if (kind === 'repeated' && rand() < 0.3) for (let i = 0; i < 500; i++) pairs.push(['x' + i, 'y']);
  if (rand() < 0.15) pairs.push([hostile(rand, 'control') + hostile(rand, 'markup'), 'unknown field']);
  const shown = (v: string) => JSON.stringify(v.length > 40 ? `${v.slice(0, 20)}…(${v.length} chars)` : v).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const summary = `${kind}: ${pairs.map(([k, v]) => `${k}=${shown(v)}`).join('&')}`.slice(0, 400);

  if (kind === 'contentType') {
    const form = urlencode(pairs);
    const variant = Math.floor(rand() * 8);
    switch (variant) {
      case 0: return { kind, contentType: 'application/json', body: JSON.stringify(Object.fromEntries(pairs)), summary: `json ${summary}` };
      case 1: return { kind, contentType: 'text/plain', body: form, summary: `text/plain ${summary}` };
      case 2: return { kind, contentType: 'multipart/form-data', body: form, summary: `multipart without boundary ${summary}` };
      case 3: return { kind, contentType: 'multipart/form-data; boundary=zz', body: `--zz\r\nContent-Disposition: form-data; name="${names[0] ?? 'a'}"\r\n\r\nunterminated`, summary: 'multipart cut short' };
      case 4: return { kind, contentType: null, body: form, summary: `no content type ${summary}` };
      case 5: return { kind, contentType: 'application/x-www-form-urlencoded; charset=utf-16', body: new Uint8Array(randomBytesOf(rand, 300)), summary: 'random bytes as utf-16 form' };
      case 6: return { kind, contentType: 'application/x-www-form-urlencoded', body: '%%%&=&==&%E0%A4%A&' + form, summary: `broken percent-encoding ${summary}` };
      default: return { kind, contentType: 'application/xml', body: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "x">]><a>&x;</a>', summary: 'xml' };
    }
  }
  // Some bodies as multipart (as the photo and import forms send), with a file in each file field.
  if (rand() < 0.25 || (fields.files.length > 0 && rand() < 0.5)) {
    const form = new FormData();
    for (const [k, v] of pairs) form.append(k, v);
    for (const name of fields.files) {
      if (kind === 'missing' && rand() < 0.5) continue;
      const size = kind === 'long' ? 100_000 : Math.floor(rand() * 2000);
      form.append(name, new Blob([new Uint8Array(randomBytesOf(rand, size))], { type: pick(rand, ['image/jpeg', 'text/csv', 'audio/webm', 'application/octet-stream', '']) }), pick(rand, ['a.jpg', 'a.csv', '../../etc/passwd', '<b>.png', '']));
    }
    return { kind, contentType: null, body: form, summary: `multipart ${summary}` };
  }
  return { kind, contentType: 'application/x-www-form-urlencoded', body: urlencode(pairs), summary };
}

function randomBytesOf(rand: () => number, n: number): number[] {
  return Array.from({ length: n }, () => Math.floor(rand() * 256));
}

// ---------------------------------------------------------------------------------------------
// Sending and judging
// ---------------------------------------------------------------------------------------------

export const ANSWER_WITHIN_MS = 5_000;

/** What a body must never show: a stack trace or the server's insides. */
const LEAKS = /\n\s+at \S.*:\d+:\d+|node_modules|file:\/\/\/|\/work\/|SQLITE_|SqliteError|TypeError|RangeError|ReferenceError|\bat async\b/;

export interface FuzzResult {
  route: string;
  actor: FuzzActor;
  index: number;
  status: number | 'no answer' | 'error';
  ms: number;
  /** Why this request failed, or null. */
  failure: string | null;
  summary: string;
}

export async function sendBody(ctx: FuzzContext, route: PageRoute, actor: FuzzActor, index: number, body: FuzzBody): Promise<FuzzResult> {
  const headers: Record<string, string> = { origin: ctx.baseUrl };
  if (body.contentType) headers['content-type'] = body.contentType;
  if (actor !== 'anonymous') headers.cookie = ctx.cookies[actor];
  const started = performance.now();
  const base = { route: route.pattern, actor, index, summary: body.summary };
  try {
    const response = await fetch(ctx.baseUrl + fillPattern(route.pattern, ctx.params), {
      method: 'POST',
      redirect: 'manual',
      headers,
      body: body.body as BodyInit,
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    const leak = LEAKS.exec(text);
    const failure =
      response.status >= 500 ? `status ${response.status}` : leak ? `the body shows ${JSON.stringify(text.slice(Math.max(0, leak.index - 60), leak.index + 80))}` : ms > ANSWER_WITHIN_MS ? `answered after ${Math.round(ms)} ms` : null;
    return { ...base, status: response.status, ms, failure };
  } catch (err) {
    const ms = performance.now() - started;
    const timedOut = (err as Error).name === 'TimeoutError';
    return { ...base, status: timedOut ? 'no answer' : 'error', ms, failure: timedOut ? `no answer within ${ANSWER_WITHIN_MS} ms` : `request failed: ${(err as Error).message}` };
  }
}

export interface RouteFigures {
  route: string;
  count: number;
  statuses: Record<string, number>;
  maxMs: number;
  p95Ms: number;
  failures: FuzzResult[];
}

export function figuresOf(route: string, results: FuzzResult[]): RouteFigures {
  const statuses: Record<string, number> = {};
  for (const r of results) statuses[String(r.status)] = (statuses[String(r.status)] ?? 0) + 1;
  const times = results.map((r) => r.ms).sort((a, b) => a - b);
  return {
    route,
    count: results.length,
    statuses,
    maxMs: times.at(-1) ?? 0,
    p95Ms: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? 0,
    failures: results.filter((r) => r.failure !== null),
  };
}

/**
 * Sends `bodies` bodies (from index `from`) to the route, spread over its actors in turn, at most
 * `concurrency` at a time. Sessions are made anew first (an earlier route may have ended them).
 */
export async function fuzzRoute(
  ctx: FuzzContext,
  route: PageRoute,
  { seed, bodies, from = 0, concurrency = 1, actors = actorsFor(route.pattern) }: { seed: number; bodies: number; from?: number; concurrency?: number; actors?: FuzzActor[] },
): Promise<FuzzResult[]> {
  ctx.cookies = await freshSessions(ctx.dbFile, ctx.personIds);
  const fields = await routeFields(route, ctx, actors);
  const results: FuzzResult[] = [];
  let next = from;
  const worker = async () => {
    while (next < from + bodies) {
      const index = next++;
      // Each actor in turn for a whole round of body kinds, so every actor gets every kind.
      const actor = actors[Math.floor(index / BODY_KINDS.length) % actors.length];
      results.push(await sendBody(ctx, route, actor, index, makeBody(seed, route.pattern, index, fields, ctx)));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return results.sort((a, b) => a.index - b.index);
}

/** A failure as one line, with what replays it. */
export function describeFailure(seed: number, f: FuzzResult): string {
  return `${f.route} as ${f.actor}, body ${f.index} (npm run fuzz -- --seed=${seed} --route=${f.route} --from=${f.index} --bodies=1): ${f.failure}; sent ${f.summary}`;
}
