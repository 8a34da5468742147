/**
 * Three `kill -9` cycles on the file's own server, on SQLite and (in e2e-postgres) on
 * PostgreSQL: a worker's messages sent from six connections at once, the server killed with
 * SIGKILL mid-write and started again, and every acknowledged message saved. `npm run
 * crash-test` runs twenty (tests/helpers/crash-cycles.ts).
 */
import { describe, expect, it } from 'vitest';
import { crashCycles } from '../helpers/crash-cycles';
import { DEMO_PASSWORD, STAFF } from '../helpers/browser';

describe('kill -9 in the middle of writes', () => {
  it('loses no acknowledged message over three cycles', async () => {
    const report = await crashCycles({ cycles: 3, email: STAFF.worker, password: DEMO_PASSWORD });
    expect(report.lost).toEqual([]);
    // The cycles did write (the kill came while messages were being sent, not after).
    expect(report.acknowledged).toBeGreaterThan(3);
  }, 120_000);
});
