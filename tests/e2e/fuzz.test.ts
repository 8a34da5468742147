/**
 * The fuzzer (tests/helpers/fuzz.ts) over every POST route of src/pages, a few bodies each: as
 * the people who may post there and signed out, bodies with missing fields, 100 000-character
 * strings, control characters, markup, SQL quotes, huge and negative numbers, impossible dates,
 * repeated fields and wrong content types. No 5xx, no stack trace, every answer within 5 s.
 * `npm run fuzz` runs the same bodies and thousands more against a server of its own.
 */
import { describe, expect, test } from 'vitest';
import { useServerWithClients } from '../helpers/own-server';
import { BODY_KINDS, GROUPS, describeFailure, fuzzContext, fuzzRoute, groupOf, postRoutes, type FuzzContext } from '../helpers/fuzz';

/** The seed of `npm test`: a failure here replays with `npm run fuzz -- --seed=1 …`. */
const SEED = 1;
/** Each kind of body twice a route: enough to meet every kind, few enough for `npm test`. */
const BODIES_PER_ROUTE = 2 * BODY_KINDS.length;

const { server } = useServerWithClients();
let ctx: FuzzContext | undefined;

describe('fuzzing every POST route', () => {
  test('finds POST routes in every group', () => {
    const groups = new Set(postRoutes().map((r) => groupOf(r.pattern)));
    expect([...groups].sort()).toEqual([...GROUPS].sort());
  });

  // One test a route, in the order of postRoutes() (a later group may end what an earlier one needs).
  test.each(postRoutes().map((r) => [r.pattern, r] as const))('POST %s: no 5xx, no stack trace, all answered within 5 s', async (_pattern, route) => {
    ctx ??= await fuzzContext(server.baseUrl, server.dbFile);
    const results = await fuzzRoute(ctx, route, { seed: SEED, bodies: BODIES_PER_ROUTE });
    expect(results).toHaveLength(BODIES_PER_ROUTE);
    expect(results.filter((r) => r.failure !== null).map((f) => describeFailure(SEED, f))).toEqual([]);
  });
});
