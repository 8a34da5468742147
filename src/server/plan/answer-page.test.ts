import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import { handleGoalAnswer } from './answer-page';

let db: Database;
let ids: { client: number; other: number; goal: number; othersGoal: number };

beforeEach(async () => {
  db = await openTestDb();
  ids = await db.write(async (tx) => {
    const unit = (await tx.run("INSERT INTO units (name, municipality, created_at) VALUES ('Paja', 'Pori', 0)")).lastID;
    const client = async (name: string) => (await tx.run("INSERT INTO people (unit_id, role, full_name, preferred_name, created_at) VALUES (?, 'client', ?, ?, 0)", [unit, name, name])).lastID;
    const goal = async (clientId: number) => (await tx.run("INSERT INTO goals (client_id, picture, title, position, created_at) VALUES (?, 'bus', 'Kuljen bussilla', 0, 0)", [clientId])).lastID;
    const [matti, aino] = [await client('Matti'), await client('Aino')];
    return { client: matti, other: aino, goal: await goal(matti), othersGoal: await goal(aino) };
  });
});
afterEach(() => closeTestDb(db));

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};
const answers = async () => (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM goal_answers'))!.n;

describe('the "Miten menee?" answer', () => {
  it('puts each error under the id of that goal’s own control, keeping what was chosen and typed', async () => {
    const long = 'sana '.repeat(200);
    const result = await handleGoalAnswer(db, ids.client, form({ goal: String(ids.goal), key: 'k1', feeling: '', words: long }));
    expect(result).toEqual({
      status: 400,
      form: { goalId: ids.goal, feeling: '', words: long.trim(), errors: { [`feeling-${ids.goal}`]: 'client:goals.pickFeeling', [`words-${ids.goal}`]: 'client:goals.wordsTooLong' } },
    });
    expect(await answers()).toBe(0);
  });

  it('records an answer once per key and opens the page at that goal', async () => {
    const sent = form({ goal: String(ids.goal), key: 'k2', feeling: 'good', words: ' Hyvä päivä ' });
    expect(await handleGoalAnswer(db, ids.client, sent)).toEqual({ redirect: `/client/goals?saved=${ids.goal}#goal-${ids.goal}` });
    expect(await handleGoalAnswer(db, ids.client, sent)).toEqual({ redirect: `/client/goals?saved=${ids.goal}#goal-${ids.goal}` });
    expect(await db.all('SELECT feeling, words FROM goal_answers')).toEqual([{ feeling: 'good', words: 'Hyvä päivä' }]);
  });

  it('refuses another client’s goal, a goal id that is no number, and a form without its key', async () => {
    for (const fields of [{ goal: String(ids.othersGoal), key: 'k3' }, { goal: '1e3', key: 'k4' }, { goal: '-1', key: 'k5' }, { goal: String(ids.goal), key: '' }]) {
      expect(await handleGoalAnswer(db, ids.client, form({ ...fields, feeling: 'good', words: '' }))).toEqual({ forbidden: true });
    }
    expect(await answers()).toBe(0);
  });
});
