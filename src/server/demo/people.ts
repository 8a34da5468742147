import people from './people.json';
import { isValidPin, type PinPicture } from '../auth/picture-pin';

/**
 * The fictional demo people of people.json, typed: the seed writes them into the database, and
 * the tests sign in as them (the benchmark, plain Node, reads the JSON file itself). A JSON file
 * rather than constants here, so that all three read the very same list.
 */
export type DemoUnit = 'a' | 'b';

export interface DemoStaff {
  /** The first name in lower case: helena, liisa, pekka, sanna, olli, maija, eero, anja. */
  key: string;
  role: 'admin' | 'worker' | 'family';
  /** null for family members, who belong to no unit. */
  unit: DemoUnit | null;
  name: string;
  email: string;
  phone: string;
}

export interface DemoClientPerson {
  /** The preferred name in lower case: matti, aino, jukka, ville. */
  key: string;
  name: string;
  preferred: string;
  /** The code typed on /card and the secret of the QR address /k/<secret>. */
  shortCode: string;
  secret: string;
  pin: PinPicture[];
  unit: DemoUnit;
  /** The key of the named worker. */
  worker: string;
  needs: string;
  place: string;
  hours: [string, string];
  /** ISO weekdays (1 = Monday) the client comes. */
  days: number[];
}

export const DEMO_PASSWORD: string = people.password;

export const DEMO_STAFF: readonly DemoStaff[] = people.staff.map((s) => {
  if (s.role !== 'admin' && s.role !== 'worker' && s.role !== 'family') throw new Error(`people.json: ${s.key} has the role ${s.role}`);
  if (s.unit !== null && s.unit !== 'a' && s.unit !== 'b') throw new Error(`people.json: ${s.key} is in the unit ${s.unit}`);
  return { ...s, role: s.role, unit: s.unit };
});

export const DEMO_CLIENTS: readonly DemoClientPerson[] = people.clients.map((c) => {
  if (!isValidPin(c.pin)) throw new Error(`people.json: ${c.key} has no valid picture PIN`);
  if (c.unit !== 'a' && c.unit !== 'b') throw new Error(`people.json: ${c.key} is in the unit ${c.unit}`);
  if (!DEMO_STAFF.some((s) => s.key === c.worker && s.role === 'worker')) throw new Error(`people.json: ${c.key}'s worker ${c.worker} is no worker`);
  return { ...c, pin: c.pin, unit: c.unit, hours: [c.hours[0], c.hours[1]] };
});

/** A demo staff member or family member by key; throws for a key that is not there. */
export function demoStaff(key: string): DemoStaff {
  const found = DEMO_STAFF.find((s) => s.key === key);
  if (!found) throw new Error(`No demo person ${key} in src/server/demo/people.json`);
  return found;
}

/** A demo client by key; throws for a key that is not there. */
export function demoClient(key: string): DemoClientPerson {
  const found = DEMO_CLIENTS.find((c) => c.key === key);
  if (!found) throw new Error(`No demo client ${key} in src/server/demo/people.json`);
  return found;
}
