import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestDb, openTestDb } from '@tests/helpers/test-db';
import type { Database } from './database';
import { bundledMigrations } from './migrations';
import { databaseReadiness } from './readiness';

let db: Database;
const latest = bundledMigrations().at(-1)!.version;

beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => closeTestDb(db));

describe('the readiness of the database', () => {
  it('is ready when it answers at the migration level this code ships', async () => {
    expect(await databaseReadiness({ open: async () => db })).toEqual({ ready: true, level: latest });
  });

  it('is not ready behind or ahead of this code, and says the levels', async () => {
    expect(await databaseReadiness({ open: async () => db, expected: latest + 1 })).toEqual({ ready: false, problem: 'behind', level: latest, expected: latest + 1 });
    expect(await databaseReadiness({ open: async () => db, expected: latest - 1 })).toEqual({ ready: false, problem: 'ahead', level: latest, expected: latest - 1 });
  });

  it('is not ready when the database cannot be opened or asked, or does not answer in time', async () => {
    expect(await databaseReadiness({ open: () => Promise.reject(new Error('SQLITE_NOTADB')) })).toEqual({ ready: false, problem: 'unreachable' });
    expect(await databaseReadiness({ open: async () => ({ get: () => Promise.reject(new Error('no such table')) }) })).toEqual({ ready: false, problem: 'unreachable' });
    const began = Date.now();
    expect(await databaseReadiness({ open: () => new Promise(() => undefined), timeoutMs: 100 })).toEqual({ ready: false, problem: 'slow' });
    expect(Date.now() - began).toBeLessThan(1_000);
  });
});
