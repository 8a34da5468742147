/**
 * The access log and the audit log read in words (issue 15, point 16): every action, target,
 * field and value code the code writes has its words in staff.json in fi, sv and en. The central
 * list (src/domain/logs/catalogue.ts) is what the log writers' types allow; this test checks its
 * words, and reads the sources for action strings and changed fields written past the types.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, tFor, byKey } from '@server/i18n';
import { ACCESS_ACTIONS, AUDIT_ACTIONS, AUDIT_FIELDS, AUDIT_TARGETS, LOG_ENUMS, LOGGED_TOPICS, accessActionOf, topicOf } from '@domain/logs/catalogue';
import { describeChange, personIdsIn } from '@domain/logs/describe';

const staff = Object.fromEntries(LANGUAGES.map((l) => [l, JSON.parse(fs.readFileSync(path.resolve('locales', l, 'staff.json'), 'utf8'))]));
const client = Object.fromEntries(LANGUAGES.map((l) => [l, JSON.parse(fs.readFileSync(path.resolve('locales', l, 'client.json'), 'utf8'))]));

function wordAt(tree: Record<string, unknown>, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
}

/** Every missing word, as a line that says what to add where. */
function missing(what: string, keys: [code: string, key: string][]): string[] {
  const lines: string[] = [];
  for (const lang of LANGUAGES) {
    for (const [code, key] of keys) {
      const word = wordAt(staff[lang], key);
      if (typeof word !== 'string' || word.trim() === '') lines.push(`${what} "${code}" has no words in ${lang}: add "${key}" to locales/${lang}/staff.json`);
    }
  }
  return lines;
}

describe('the central list of log actions and fields has words in every language', () => {
  it('every audit action', () => {
    expect(missing('Audit action', Object.entries(AUDIT_ACTIONS).map(([a, w]) => [a, `logs.actions.${w}`]))).toEqual([]);
  });

  it('every access-log action, and its topic in the client’s easy words', () => {
    expect(missing('Access-log action', Object.entries(ACCESS_ACTIONS).map(([a, v]) => [a, `logs.access.${v.word}`]))).toEqual([]);
    for (const lang of LANGUAGES) {
      for (const topic of LOGGED_TOPICS) {
        expect(wordAt(staff[lang], `accessLog.topics.${topic}`), `${lang} staff accessLog.topics.${topic}`).toBeTypeOf('string');
        const easy = topic === 'other' ? wordAt(client[lang], 'accessLog.otherTopic') : wordAt(client[lang], `tiles.${topic}`);
        expect(easy, `${lang} client words for the topic ${topic}`).toBeTypeOf('string');
      }
    }
  });

  it('every target, field and value code', () => {
    const keys: [string, string][] = [
      ...AUDIT_TARGETS.map((t): [string, string] => [t, `logs.targets.${t}`]),
      ...Object.keys(AUDIT_FIELDS).map((f): [string, string] => [f, `logs.fields.${f}`]),
      ...Object.entries(LOG_ENUMS).flatMap(([e, codes]) => (codes as readonly string[]).map((c): [string, string] => [`${e}.${c}`, `logs.values.${e}.${c}`])),
      ...['yesNo', 'activeInactive'].flatMap((b) => ['on', 'off'].map((v): [string, string] => [`${b}.${v}`, `logs.values.${b}.${v}`])),
    ];
    expect(missing('Log code', keys)).toEqual([]);
  });

  it('no two actions read the same in one language (a reader could not tell them apart)', () => {
    for (const lang of LANGUAGES) {
      const words = Object.values(AUDIT_ACTIONS).map((w) => wordAt(staff[lang], `logs.actions.${w}`));
      expect(new Set(words).size, `${lang} audit actions`).toBe(words.length);
      const access = Object.values(ACCESS_ACTIONS).map((v) => wordAt(staff[lang], `logs.access.${v.word}`));
      expect(new Set(access).size, `${lang} access actions`).toBe(access.length);
    }
  });
});

/** Every .ts and .astro file under src, without tests. */
function sources(dir = path.resolve('src')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|astro)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
  });
}

/** The text of each call `name(` … `)` in a source, parentheses balanced, strings skipped. */
function callsOf(text: string, name: RegExp): string[] {
  const calls: string[] = [];
  for (const m of text.matchAll(name)) {
    let depth = 0;
    let quote: string | null = null;
    for (let i = m.index! + m[0].length - 1; i < text.length; i++) {
      const c = text[i];
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"' || c === '`') quote = c;
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) {
        calls.push(text.slice(m.index!, i + 1));
        break;
      }
    }
  }
  return calls;
}

describe('the sources write only actions and fields of the central list', () => {
  const files = sources().map((f) => ({ file: path.relative(process.cwd(), f), text: fs.readFileSync(f, 'utf8') }));
  const auditCalls = files.flatMap(({ file, text }) => callsOf(text, /(?<!function )\b(?:audit|auditClientChange|logged)\(/g).map((call) => ({ file, call })));
  const accessCalls = files.flatMap(({ file, text }) => callsOf(text, /(?<!function )\b(?:canReadClient|logViews|logListView)\(/g).map((call) => ({ file, call })));

  it('finds the log writers (the scan itself works)', () => {
    expect(auditCalls.length).toBeGreaterThan(30);
    expect(accessCalls.length).toBeGreaterThan(8);
  });

  it('every audit action string written is in the list', () => {
    const unknown: string[] = [];
    for (const { file, call } of auditCalls) {
      const written = [...call.matchAll(/action: '([^']+)'/g), ...call.matchAll(/^logged\('([^']+)'/g)].map((m) => m[1]);
      for (const a of written) if (!(a in AUDIT_ACTIONS)) unknown.push(`${file}: audit action "${a}" is not in AUDIT_ACTIONS (src/domain/logs/catalogue.ts)`);
    }
    expect(unknown).toEqual([]);
  });

  it('every access-log action string written is in the list', () => {
    const unknown: string[] = [];
    for (const { file, call } of accessCalls) {
      for (const m of call.matchAll(/, '([a-z][a-z -]+)', /g)) if (!accessActionOf(m[1])) unknown.push(`${file}: access-log action "${m[1]}" is not in ACCESS_ACTIONS (src/domain/logs/catalogue.ts)`);
    }
    const scope = fs.readFileSync(path.resolve('src/server/client-scope.ts'), 'utf8');
    for (const m of scope.matchAll(/action\('([^']+)'\)/g)) if (!(m[1] in ACCESS_ACTIONS)) unknown.push(`client-scope.ts: "${m[1]}"`);
    expect(unknown).toEqual([]);
  });

  it('every field named in an audit row is in the list (or its language form, title_sv)', () => {
    const notCalls = new Set(['actorId', 'unitId', 'action', 'targetType', 'targetId', 'old', 'new', 'clientId']);
    const unknown = new Set<string>();
    for (const { file, call } of auditCalls) {
      for (const m of call.matchAll(/\b(\w+): /g)) {
        const key = m[1];
        if (notCalls.has(key) || key in AUDIT_FIELDS || /^https?$/.test(key)) continue;
        unknown.add(`${file}: field "${key}" is not in AUDIT_FIELDS (src/domain/logs/catalogue.ts)`);
      }
    }
    expect([...unknown]).toEqual([]);
  });
});

describe('a change in words', () => {
  const names = new Map([[3, 'Liisa Ohjaaja'], [13, 'Pekka Valmentaja']]);
  for (const [lang, worker, daily, other] of [
    ['fi', 'Omaohjaaja: Liisa Ohjaaja → Pekka Valmentaja', 'Päiväraha: 5,80\u00a0€', 'toinen henkilö'],
    ['sv', 'Egen handledare: Liisa Ohjaaja → Pekka Valmentaja', 'Dagsbelopp: 5,80\u00a0€', 'en annan person'],
    ['en', 'Named worker: Liisa Ohjaaja → Pekka Valmentaja', 'Daily amount: €5.80', 'another person'],
  ] as const) {
    it(`reads in ${lang}: names for ids, euros for cents, words for codes, never JSON`, () => {
      const ctx = { tr: byKey(tFor(lang)), lang, names };
      const moved = describeChange('{"named_worker_id":3}', '{"named_worker_id":13}', ctx);
      expect(moved.words).toBe(worker);
      expect(moved.codes).toBe('named_worker_id: 3 → 13');
      const rate = describeChange(null, JSON.stringify({ service_type: 'tyotoiminta', valid_from: '2027-01-01', daily_cents: 580, meal_cents: 0 }), ctx);
      expect(rate.words).toContain(daily);
      expect(rate.codes).toContain('daily_cents: 580');
      expect(rate.words).not.toMatch(/tyotoiminta|580|2027-01-01|[{}]/);
      // Someone outside the reader's unit is not named, and not shown as a number either.
      expect(describeChange('{"named_worker_id":99}', '{"named_worker_id":3}', ctx).words).toContain(`${other} → Liisa Ohjaaja`);
      // A field from a newer version: a readable label, the value as text; a form's key only in codes.
      const odd = describeChange(null, JSON.stringify({ travel_zone_id: 'b', key: 'abc-123', extra: { a: 1 } }), ctx);
      expect(odd.words).toBe('Travel zone: b; Extra: a: 1');
      expect(odd.codes).toContain('key: abc-123');
    });
  }

  it('reads enums, days, yes/no, a text in the client’s language, and lists of people', () => {
    const ctx = { tr: byKey(tFor('fi')), lang: 'fi' as const, names: new Map([[5, 'Matti Virtanen'], [6, 'Aino Laine']]) };
    const words = describeChange(
      JSON.stringify({ status: 'sick', meal_fee: 1 }),
      JSON.stringify({ day: '2026-11-24', status: 'present', meal_fee: 0, title_sv: 'Jag cyklar', information: 'health plan', client_ids: [5, 6] }),
      ctx,
    ).words;
    expect(words).toBe('Tila: Sairas → Paikalla; Ruokamaksu käytössä: kyllä → ei; Päivä: 24.11.2026; Otsikko (ruotsi): Jag cyklar; Tiedot: Terveys, Suunnitelma; Asiakkaat: Matti Virtanen, Aino Laine');
    expect(personIdsIn(['{"client_ids":[5,6]}', '{"named_worker_id":3,"worker_id":null}'])).toEqual([5, 6, 3]);
  });

  it('an older access row names its plan version with a number: still the plan version', () => {
    expect(accessActionOf('plan version 12')).toBe('plan version');
    expect(topicOf('plan version 12')).toBe('plan');
    expect(accessActionOf('something new')).toBeNull();
  });
});
