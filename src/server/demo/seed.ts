import type { Database, Tx } from '../db';
import { hashCredential } from '../auth/login-card';
import { hashPassword } from '../auth/password';
import { hashPin } from '../auth/picture-pin';
import type { PinPicture } from '../auth/picture-pin';

/**
 * Fictional demo data: two units, their workers and admins, clients with login cards and
 * picture PINs, a family member. Every name, email, phone number and card is made up.
 * Demo cards use fixed codes so the README can print them; real cards are random.
 */
export const DEMO_PASSWORD = 'demo-salasana-2026';

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
  const clients: (DemoClient & { preferred: string; unit: 'a' | 'b'; worker: string; needs: string; place: string; hours: [string, string]; days: number[] })[] = [
    { name: 'Matti Virtanen', preferred: 'Matti', shortCode: 'MATTI-23456', secret: 'demo-card-matti-virtanen-0001', pin: ['cat', 'dog', 'sun', 'car'], unit: 'a', worker: 'liisa', needs: 'Lukee vähän. Vastaa lyhyesti tai äänellä.', place: 'Pajakulman puutyöpaja', hours: ['08:30', '14:00'], days: WORKDAYS },
    { name: 'Aino Laine', preferred: 'Aino', shortCode: 'AINO2-34567', secret: 'demo-card-aino-laine-0002', pin: ['apple', 'tree', 'flower', 'ball'], unit: 'a', worker: 'pekka', needs: 'Lukee hyvin. Pitää kuvista.', place: 'Kahvila Kulma, avotyö', hours: ['09:00', '13:00'], days: [1, 3, 5] },
    { name: 'Jukka Niemi', preferred: 'Jukka', shortCode: 'JUKKA-45678', secret: 'demo-card-jukka-niemi-0003', pin: ['fish', 'fish', 'sun', 'ball'], unit: 'a', worker: 'liisa', needs: 'Ei lue. Käytä ääntä ja kuvia.', place: 'Pajakulman tekstiilipaja', hours: ['08:30', '14:00'], days: [2, 3, 4] },
    { name: 'Ville Koski', preferred: 'Ville', shortCode: 'VILLE-56789', secret: 'demo-card-ville-koski-0004', pin: ['car', 'car', 'tree', 'dog'], unit: 'b', worker: 'sanna', needs: 'Lukee lyhyitä tekstejä.', place: 'Kivijalan kierrätyspiste', hours: ['09:00', '14:30'], days: WORKDAYS },
  ];

  return db.write(async (tx) => {
    const now = Date.now();
    const unitA = (await tx.run('INSERT INTO units (name, municipality, address, created_at) VALUES (?, ?, ?, ?)', ['Työkeskus Pajakulma', 'Pori', 'Pajakatu 3, 28100 Pori', now])).lastID;
    const unitB = (await tx.run('INSERT INTO units (name, municipality, address, created_at) VALUES (?, ?, ?, ?)', ['Avotyöpiste Kivijalka', 'Rauma', 'Kivijalankatu 7, 26100 Rauma', now])).lastID;
    const staff = [
      { key: 'helena', role: 'admin', unit: unitA, name: 'Helena Vastaava', email: 'helena.vastaava@demo.omapolku.fi', phone: '050 555 0100' },
      { key: 'liisa', role: 'worker', unit: unitA, name: 'Liisa Ohjaaja', email: 'liisa.ohjaaja@demo.omapolku.fi', phone: '050 555 0101' },
      { key: 'pekka', role: 'worker', unit: unitA, name: 'Pekka Valmentaja', email: 'pekka.valmentaja@demo.omapolku.fi', phone: '050 555 0102' },
      { key: 'sanna', role: 'worker', unit: unitB, name: 'Sanna Sivu', email: 'sanna.sivu@demo.omapolku.fi', phone: '050 555 0201' },
      { key: 'olli', role: 'admin', unit: unitB, name: 'Olli Esimies', email: 'olli.esimies@demo.omapolku.fi', phone: '050 555 0200' },
      { key: 'maija', role: 'family', unit: null, name: 'Maija Virtanen', email: 'maija.virtanen@demo.omapolku.fi', phone: '050 555 0300' },
    ];
    const ids: Record<string, number> = {};
    for (const s of staff) {
      ids[s.key] = await insertPerson(tx, {
        unit_id: s.unit, role: s.role, full_name: s.name, preferred_name: s.name.split(' ')[0], email: s.email, phone: s.phone,
        password_hash: passwordHash, avatar: s.role === 'family' ? 'family' : 'worker',
      });
    }
    for (const c of clients) {
      const id = await insertPerson(tx, {
        unit_id: c.unit === 'a' ? unitA : unitB, role: 'client', full_name: c.name, preferred_name: c.preferred,
        pin_hash: await hashPin(c.pin), reading_needs: c.needs,
      });
      ids[c.preferred.toLowerCase()] = id;
      await tx.run('INSERT INTO login_cards (client_id, secret_hash, short_code_hash, issued_at) VALUES (?, ?, ?, ?)', [id, hashCredential(c.secret), hashCredential(c.shortCode), now]);
      await tx.run("INSERT INTO client_workers (client_id, worker_id, kind, starts_on, created_at) VALUES (?, ?, 'named', '2024-01-01', ?)", [id, ids[c.worker], now]);
      for (const day of c.days) {
        await tx.run('INSERT INTO weekly_schedule (client_id, weekday, starts_at, ends_at, place) VALUES (?, ?, ?, ?, ?)', [id, day, c.hours[0], c.hours[1], c.place]);
      }
    }
    // Pekka stands in for Liisa's client Jukka for a long period, so the substitute path has data.
    await tx.run("INSERT INTO client_workers (client_id, worker_id, kind, starts_on, ends_on, created_at) VALUES (?, ?, 'substitute', '2024-01-01', '2099-12-31', ?)", [ids.jukka, ids.pekka, now]);
    await tx.run("INSERT INTO family_links (family_id, client_id, basis, level, created_at) VALUES (?, ?, 'client_agreement', 'full', ?)", [ids.maija, ids.matti, now]);
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
