import type { Database, Tx } from '../db';
import { hashCredential } from '../auth/login-card';
import { hashPassword } from '../auth/password';
import { hashPin } from '../auth/picture-pin';
import { addDays, addMonths, holidayOn, isoWeekday, monthOf } from '@domain/attendance';
import { todayInHelsinki } from '@domain/time/helsinki';
import type { PinPicture } from '../auth/picture-pin';
import { DEMO_CLIENTS, DEMO_PASSWORD, DEMO_STAFF } from './people';

/**
 * Fictional demo data: two units, their workers and admins, clients with login cards and
 * picture PINs, family members. The people are in people.json (the tests and the benchmark sign
 * in as them); every name, email, phone number and card is made up. Demo cards use fixed codes
 * so the README can print them; real cards are random.
 */
export { DEMO_PASSWORD };

export interface DemoClient {
  name: string;
  shortCode: string;
  secret: string;
  pin: PinPicture[];
}

export interface DemoAccounts {
  staff: { role: string; name: string; email: string }[];
  clients: DemoClient[];
}

async function insertPerson(tx: Tx, p: Record<string, unknown>): Promise<number> {
  const keys = Object.keys(p);
  const { lastID } = await tx.run(
    `INSERT INTO people (${keys.join(', ')}, created_at) VALUES (${keys.map(() => '?').join(', ')}, ?)`,
    [...keys.map((k) => p[k]), Date.now()],
  );
  return lastID;
}

const WORKDAYS = [1, 2, 3, 4, 5];

export async function isEmpty(db: Database): Promise<boolean> {
  const row = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM people');
  return (row?.n ?? 0) === 0;
}

export async function seedDemo(db: Database): Promise<DemoAccounts> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const clients = DEMO_CLIENTS;

  return db.write(async (tx) => {
    const now = Date.now();
    const unitA = (await tx.run('INSERT INTO units (name, municipality, address, created_at) VALUES (?, ?, ?, ?)', ['Työkeskus Pajakulma', 'Pori', 'Pajakatu 3, 28100 Pori', now])).lastID;
    const unitB = (await tx.run('INSERT INTO units (name, municipality, address, created_at) VALUES (?, ?, ?, ?)', ['Avotyöpiste Kivijalka', 'Rauma', 'Kivijalankatu 7, 26100 Rauma', now])).lastID;
    const unitIds = { a: unitA, b: unitB };
    const staff = DEMO_STAFF.map((s) => ({ ...s, unit: s.unit === null ? null : unitIds[s.unit] }));
    const ids: Record<string, number> = {};
    for (const s of staff) {
      ids[s.key] = await insertPerson(tx, {
        unit_id: s.unit, role: s.role, full_name: s.name, preferred_name: s.name.split(' ')[0], email: s.email, phone: s.phone,
        password_hash: passwordHash, avatar: s.role === 'family' ? 'family' : 'worker',
      });
    }
    for (const c of clients) {
      const id = await insertPerson(tx, {
        unit_id: unitIds[c.unit], role: 'client', full_name: c.name, preferred_name: c.preferred,
        pin_hash: await hashPin(c.pin), reading_needs: c.needs,
      });
      ids[c.key] = id;
      await tx.run('INSERT INTO login_cards (client_id, secret_hash, short_code_hash, issued_at) VALUES (?, ?, ?, ?)', [id, hashCredential(c.secret), hashCredential(c.shortCode), now]);
      await tx.run("INSERT INTO client_workers (client_id, worker_id, kind, starts_on, created_at) VALUES (?, ?, 'named', '2024-01-01', ?)", [id, ids[c.worker], now]);
      for (const day of c.days) {
        await tx.run('INSERT INTO weekly_schedule (client_id, weekday, starts_at, ends_at, place) VALUES (?, ?, ?, ?, ?)', [id, day, c.hours[0], c.hours[1], c.place]);
      }
    }
    await seedPlansAndGoals(tx, ids, clients, now);
    await seedAttendanceAndRates(tx, ids, clients, { a: unitA, b: unitB }, now);
    // Liisa is away from Jukka for three weeks around today, and Pekka stands in for her: the
    // substitute path ("Liisa on poissa. Pekka vastaa sinulle nyt.") has data whenever the demo runs.
    const today = todayInHelsinki(now);
    await tx.run("INSERT INTO client_workers (client_id, worker_id, kind, starts_on, ends_on, created_at) VALUES (?, ?, 'substitute', ?, ?, ?)", [ids.jukka, ids.pekka, addDays(today, -7), addDays(today, 14), now]);
    await seedMessages(tx, ids, now);
    await seedConsentsAndFamilyLinks(tx, ids, today, now);
    await seedDailyNotes(tx, ids, now);
    return {
      staff: staff.map((s) => ({ role: s.role, name: s.name, email: s.email })),
      clients: clients.map(({ name, shortCode, secret, pin }) => ({ name, shortCode, secret, pin })),
    };
  });
}

/**
 * Many generated clients for the benchmark (fictional "Asiakas 1234" names). One PIN hash is
 * shared: hashing 10 000 PINs with scrypt would take most of an hour and measure nothing.
 */
export async function seedGeneratedClients(db: Database, count: number, pin: PinPicture[]): Promise<void> {
  const pinHash = await hashPin(pin);
  const unitId = (await db.get<{ id: number }>('SELECT id FROM units ORDER BY id LIMIT 1'))!.id;
  const workers = await db.all<{ id: number }>("SELECT id FROM people WHERE role = 'worker' AND unit_id = ?", [unitId]);
  const batch = 500;
  for (let start = 0; start < count; start += batch) {
    await db.write(async (tx) => {
      const now = Date.now();
      for (let i = start; i < Math.min(start + batch, count); i++) {
        const id = await insertPerson(tx, {
          unit_id: unitId, role: 'client', full_name: `Asiakas ${i + 1}`, preferred_name: `Asiakas ${i + 1}`, pin_hash: pinHash,
        });
        await tx.run("INSERT INTO client_workers (client_id, worker_id, kind, starts_on, created_at) VALUES (?, ?, 'named', '2024-01-01', ?)", [id, workers[i % workers.length].id, now]);
        for (const day of WORKDAYS) {
          await tx.run("INSERT INTO weekly_schedule (client_id, weekday, starts_at, ends_at, place) VALUES (?, ?, '08:30', '14:00', 'Pajakulman puutyöpaja')", [id, day]);
        }
      }
    });
  }
}

interface DemoPlan {
  client: string;
  service: 'tyotoiminta' | 'avotyotoiminta' | 'tyohonvalmennus' | 'kuntouttava_tyotoiminta';
  address: string;
  picture: string;
  startsOn: string;
  reviewOn: string;
  legalBasis: string;
  summary: string;
  /**
   * Texts the worker also wrote in Swedish (text_translations): the client's pages show them to a
   * reader of Swedish, and the other texts in Finnish with an "only in Finnish" note.
   */
  inSwedish?: { summary: string; goals: { title: string; steps: string[]; comment?: string }[] };
  goals: {
    picture: string;
    title: string;
    steps: [string, boolean][];
    answers: ['good' | 'some' | 'hard', string][];
    comment?: string;
    /** A goal already reached, on this day. */
    reachedOn?: string;
  }[];
}

/** Plans for the three service types and a few goals, in the easy words a worker would write. */
const DEMO_PLANS: DemoPlan[] = [
  {
    client: 'matti', service: 'tyotoiminta', address: 'Pajakatu 3, Pori', picture: 'hammer-and-wrench',
    startsOn: '2025-01-15', reviewOn: '2027-01-15', legalBasis: 'SHL 27 e §',
    summary: 'Teet puutöitä puutyöpajassa. Teet esimerkiksi linnunpönttöjä. Liisa auttaa sinua.',
    goals: [
      { picture: 'alarm-clock', title: 'Tulen ajoissa töihin', steps: [['Herätyskello soi kello 7.', true], ['Lähden bussille kello 7.45.', false]],
        answers: [['some', 'Bussi oli myöhässä.'], ['good', '']], comment: 'Hienoa, Matti! Olit ajoissa koko viikon.' },
      { picture: 'hammer-and-wrench', title: 'Teen linnunpöntön', steps: [['Mittaan laudat.', true], ['Sahaan laudat.', false], ['Naulaan pöntön.', false]],
        answers: [['hard', 'Saha on raskas.']] },
      { picture: 'broom', title: 'Siivoan oman työpisteeni', steps: [['Lakaisen lattian.', true], ['Laitan työkalut paikoilleen.', true]],
        answers: [['good', '']], reachedOn: '2026-09-18' },
    ],
  },
  {
    client: 'aino', service: 'avotyotoiminta', address: 'Torikatu 5, Pori', picture: 'hot-beverage',
    startsOn: '2025-08-01', reviewOn: '2026-12-10', legalBasis: 'SHL 27 e §',
    summary: 'Olet töissä kahvilassa. Keität kahvia ja pyyhit pöydät. Pekka käy katsomassa sinua.',
    // Aino reads Finnish (the tests sign in as her in Finnish); her first goal is written in
    // Swedish too, so choosing svenska shows both a Swedish text and the "only in Finnish" note.
    inSwedish: {
      summary: 'Du arbetar på ett kafé. Du kokar kaffe och torkar borden. Pekka kommer och ser hur det går.',
      goals: [{ title: 'Jag kokar kaffe själv', steps: ['Jag mäter kaffet.', 'Jag sätter på bryggaren.'], comment: 'Aino, kunderna berömde kaffet.' }],
    },
    goals: [
      { picture: 'hot-beverage', title: 'Keitän kahvin itse', steps: [['Mittaan kahvin.', true], ['Laitan keittimen päälle.', true]],
        answers: [['good', 'Kahvi oli hyvää.']], comment: 'Aino, asiakkaat kehuivat kahvia.' },
      { picture: 'bus', title: 'Kuljen bussilla yksin', steps: [['Katson bussin numeron.', true], ['Näytän bussikortin.', false]], answers: [] },
      { picture: 'hand-with-fingers-splayed', title: 'Pesen kädet ennen töitä', steps: [['Pesen kädet saippualla.', true]], answers: [], reachedOn: '2026-03-02' },
    ],
  },
  {
    client: 'jukka', service: 'tyohonvalmennus', address: 'Pajakatu 3, Pori', picture: 'hammer-and-wrench',
    startsOn: '2024-03-01', reviewOn: '2026-10-01', legalBasis: 'EHL 2 §',
    summary: 'Harjoittelet työtä tekstiilipajassa. Tavoite on työpaikka kaupassa. Liisa auttaa sinua.',
    goals: [
      { picture: 'shopping-cart', title: 'Harjoittelen hyllyjen täyttöä', steps: [['Katson, mihin tavara kuuluu.', false]], answers: [['some', '']] },
    ],
  },
  {
    client: 'ville', service: 'kuntouttava_tyotoiminta', address: 'Kivijalankatu 7, Rauma', picture: 'broom',
    startsOn: '2025-05-05', reviewOn: '2026-11-05', legalBasis: 'laki kuntouttavasta työtoiminnasta',
    summary: 'Lajittelet tavaroita kierrätyspisteessä. Sanna auttaa sinua.',
    goals: [{ picture: 'broom', title: 'Lajittelen tavarat oikein', steps: [['Opin lajit.', true]], answers: [] }],
  },
];

async function seedPlansAndGoals(
  tx: Tx,
  ids: Record<string, number>,
  clients: readonly { key: string; worker: string; place: string; hours: [string, string]; days: number[] }[],
  now: number,
): Promise<void> {
  let answerNumber = 0;
  for (const plan of DEMO_PLANS) {
    const client = clients.find((c) => c.key === plan.client)!;
    const clientId = ids[plan.client];
    const { lastID: planId } = await tx.run(
      `INSERT INTO plan_versions (client_id, version, service_type, place_name, place_address, place_picture, named_worker_id,
         starts_on, review_on, legal_basis, summary, created_by, created_at)
       VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [clientId, plan.service, client.place, plan.address, plan.picture, ids[client.worker], plan.startsOn, plan.reviewOn, plan.legalBasis, plan.summary, ids[client.worker], now],
    );
    for (const day of client.days) {
      await tx.run('INSERT INTO plan_schedule (plan_version_id, weekday, starts_at, ends_at) VALUES (?, ?, ?, ?)', [planId, day, client.hours[0], client.hours[1]]);
    }
    const inSwedish = (kind: string, recordId: number, text: string | undefined) =>
      text ? tx.run("INSERT INTO text_translations (kind, record_id, lang, text) VALUES (?, ?, 'sv', ?)", [kind, recordId, text]) : undefined;
    await inSwedish('plan_summary', planId, plan.inSwedish?.summary);
    for (const [position, goal] of plan.goals.entries()) {
      const { lastID: goalId } = await tx.run(
        'INSERT INTO goals (client_id, picture, title, position, status, reached_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [clientId, goal.picture, goal.title, position, goal.reachedOn ? 'done' : 'active', goal.reachedOn ?? null, now],
      );
      const swedish = plan.inSwedish?.goals[position];
      await inSwedish('goal_title', goalId, swedish?.title);
      for (const [stepPosition, [title, done]] of goal.steps.entries()) {
        const { lastID: stepId } = await tx.run('INSERT INTO goal_steps (goal_id, title, position, done_on) VALUES (?, ?, ?, ?)', [goalId, title, stepPosition, done ? plan.startsOn : null]);
        await inSwedish('step_title', stepId, swedish?.steps[stepPosition]);
      }
      for (const [i, [feeling, words]] of goal.answers.entries()) {
        const at = now - (goal.answers.length - i) * 7 * 24 * 3600_000; // one a week, the newest last week
        await tx.run(
          'INSERT INTO goal_answers (goal_id, answered_by, feeling, words, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?)',
          [goalId, clientId, feeling, words, `demo-answer-${++answerNumber}`, at],
        );
      }
      if (goal.comment) {
        const { lastID: commentId } = await tx.run('INSERT INTO goal_comments (goal_id, worker_id, text, created_at) VALUES (?, ?, ?, ?)', [goalId, ids[client.worker], goal.comment, now]);
        await inSwedish('goal_comment', commentId, swedish?.comment);
      }
    }
  }
}

/**
 * Rates from the seeds (työtoiminta 5,37 € → 5,60 € a day with an equal meal fee; avotyö 12 € a
 * day, also for 4 weeks of summer holiday; a Keusote-style 7–9 € with a 5 € meal fee), and
 * attendance from three months back to yesterday: mostly present, now and then sick or away,
 * public holidays without service. Jukka brings his own food (no meal fee).
 */
async function seedAttendanceAndRates(
  tx: Tx,
  ids: Record<string, number>,
  clients: readonly { key: string; days: number[] }[],
  units: { a: number; b: number },
  now: number,
): Promise<void> {
  const rates: [number, string, string, number, number][] = [
    [units.a, 'tyotoiminta', '2025-01-01', 537, 537],
    [units.a, 'tyotoiminta', '2026-01-01', 560, 560],
    [units.a, 'avotyotoiminta', '2025-01-01', 1200, 0],
    [units.a, 'tyohonvalmennus', '2025-01-01', 900, 537],
    [units.b, 'tyotoiminta', '2025-01-01', 700, 500],
    [units.b, 'kuntouttava_tyotoiminta', '2025-01-01', 900, 500],
  ];
  for (const [unit, service, from, daily, meal] of rates) {
    await tx.run('INSERT INTO rates (unit_id, service_type, valid_from, daily_cents, meal_cents, created_at) VALUES (?, ?, ?, ?, ?, ?)', [unit, service, from, daily, meal, now]);
  }
  await tx.run('UPDATE units SET paid_summer_holiday = 1 WHERE id = ?', [units.a]);
  await tx.run('UPDATE people SET meal_fee = 0 WHERE id = ?', [ids.jukka]);

  const today = todayInHelsinki(now);
  const start = `${addMonths(monthOf(today), -3)}-01`;
  for (const client of clients) {
    const id = ids[client.key];
    let n = 0;
    for (let day = start; day < today; day = addDays(day, 1)) {
      if (!client.days.includes(isoWeekday(day))) continue;
      n++;
      // A fixed pattern, not chance: the demo looks the same every time.
      const status = holidayOn(day) ? 'no_service' : n % 13 === 0 ? 'sick' : n % 17 === 0 ? 'absent' : 'present';
      await tx.run('INSERT INTO attendance (client_id, day, status, recorded_at) VALUES (?, ?, ?, ?)', [id, day, status, now]);
    }
  }
}

/**
 * Two of Liisa's daily notes about Matti, on his present days before the latest: one shared with
 * him (in easy words, on his calendar), one for the workers only.
 */
async function seedDailyNotes(tx: Tx, ids: Record<string, number>, now: number): Promise<void> {
  const days = await tx.all<{ day: string }>("SELECT day FROM attendance WHERE client_id = ? AND status = 'present' ORDER BY day DESC LIMIT 2 OFFSET 1", [ids.matti]);
  const notes: [string, number][] = [
    ['Teit linnunpöntön valmiiksi. Se on hieno. Hyvää työtä!', 1],
    ['Keskittyi hyvin aamupäivällä. Iltapäivällä väsytti, tauko auttoi.', 0],
  ];
  for (const [i, { day }] of days.entries()) {
    const [body, shared] = notes[i];
    await tx.run(
      'INSERT INTO daily_notes (client_id, day, body, shared_with_client, written_by, written_at, form_key, corrects) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)',
      [ids.matti, day, body, shared, ids.liisa, now, `demo-note-${i}`],
    );
  }
}

/**
 * A short conversation between Matti and Liisa: one message read and answered, the newest not
 * yet read, and waiting for an answer.
 */
async function seedMessages(tx: Tx, ids: Record<string, number>, now: number): Promise<void> {
  const { lastID: conversation } = await tx.run('INSERT INTO conversations (client_id, created_at) VALUES (?, ?)', [ids.matti, now]);
  const hour = 3600_000;
  const messages: [number, 'text' | 'quick', string, string | null, number, boolean][] = [
    [ids.matti, 'quick', '', 'question', now - 26 * hour, true],
    [ids.liisa, 'text', 'Hei Matti! Kysy vain. Olen pajalla huomenna.', null, now - 25 * hour, true],
    [ids.matti, 'text', 'Saanko tehdä linnunpöntön kotiin?', null, now - 2 * hour, false],
  ];
  for (const [i, [sender, kind, body, quick, at, read]] of messages.entries()) {
    const fromClient = sender === ids.matti ? 1 : 0;
    await tx.run(
      `INSERT INTO messages (conversation_id, sender_id, kind, body, quick, from_client_side, read_at, read_by, idempotency_key, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [conversation, sender, kind, body, quick, fromClient, read ? at + hour / 2 : null, read ? (fromClient ? ids.liisa : ids.matti) : null, `demo-message-${i}`, at],
    );
  }
  // Liisa's answer handled Matti's question before it.
  await tx.run("UPDATE messages SET handled_at = ?, handled_by = ?, handled_how = 'reply' WHERE idempotency_key = 'demo-message-0'", [now - 25 * hour, ids.liisa]);
}

/**
 * Matti's family links at each level (Maija full, Eero messages only, Anja his edunvalvoja with a
 * read-only link who may give consents), and consents with a history: one ending within the
 * reminder period, one recorded from paper by Liisa, one withdrawn, one expired.
 */
async function seedConsentsAndFamilyLinks(tx: Tx, ids: Record<string, number>, today: string, now: number): Promise<void> {
  const link = (family: string, basis: string, level: string, note: string) =>
    tx.run('INSERT INTO family_links (family_id, client_id, basis, level, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)', [ids[family], ids.matti, basis, level, note, now, ids.liisa]);
  await link('maija', 'client_agreement', 'full', 'Äiti. Matti kertoi suostumuksestaan tapaamisessa.');
  await link('eero', 'client_agreement', 'messages', 'Veli. Auttaa viesteissä.');
  await link('anja', 'guardian', 'read_only', 'Edunvalvoja. Päätös Digi- ja väestötietovirastolta 2024.');
  const day = 86_400_000;
  const consent = async (c: { type: string; name: string; info: string[]; startsAgo: number; endsOn: string; by: string; as: string; signedOn?: string; witness?: string; purpose?: string }) => {
    const id = (
      await tx.run(
        `INSERT INTO consents (client_id, recipient_type, recipient_name, purpose, starts_on, ends_on, given_by, given_as, signed_on, witness, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [ids.matti, c.type, c.name, c.purpose ?? null, addDays(today, -c.startsAgo), c.endsOn, ids[c.by], c.as, c.signedOn ?? null, c.witness ?? null, now - c.startsAgo * day],
      )
    ).lastID;
    for (const info of c.info) await tx.run('INSERT INTO consent_information (consent_id, info_type) VALUES (?, ?)', [id, info]);
    return id;
  };
  await consent({ type: 'housing', name: 'Koivukoti', info: ['medication', 'health'], startsAgo: 340, endsOn: addDays(today, 20), by: 'matti', as: 'client' });
  await consent({ type: 'te_services', name: '', info: ['schedule', 'plan'], startsAgo: 60, endsOn: addDays(today, 300), by: 'matti', as: 'client' });
  await consent({
    type: 'health_centre', name: 'Porin terveyskeskus', info: ['medication'], startsAgo: 10, endsOn: addDays(today, 355), by: 'liisa', as: 'paper',
    signedOn: addDays(today, -10), witness: 'Pekka Valmentaja', purpose: 'Lääkäri tietää, mitä lääkkeitä syöt.',
  });
  const withdrawn = await consent({ type: 'workplace', name: 'Kahvila Kulma', info: ['schedule'], startsAgo: 120, endsOn: addDays(today, 200), by: 'matti', as: 'client' });
  await tx.run("INSERT INTO consent_endings (consent_id, reason, ended_by, ended_as, ended_at) VALUES (?, 'withdrawn', ?, 'client', ?)", [withdrawn, ids.matti, now - 30 * day]);
  await consent({ type: 'kela', name: '', info: ['contact'], startsAgo: 400, endsOn: addDays(today, -35), by: 'anja', as: 'legal_representative' });
}
