/**
 * `npm run crash-test [-- --engine postgres] [--cycles N]`: twenty `kill -9` cycles (by default)
 * of the built server while a worker's messages are being sent from six connections, checking
 * after each restart that every acknowledged message is saved (tests/helpers/crash-cycles.ts).
 * On PostgreSQL it needs OMAPOLKU_TEST_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test),
 * where it makes and drops a database of its own. `npm test` runs three cycles on each engine.
 */
import { crashCycles } from '../tests/helpers/crash-cycles';
import { DEMO_PASSWORD, demoStaff } from '../src/server/demo/people';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
};
const engine = arg('--engine') ?? 'sqlite';
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error('--engine sqlite or postgres');
if (engine === 'postgres') {
  process.env.OMAPOLKU_TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
  process.env.OMAPOLKU_TEST_ENGINE = 'postgres';
}
const cycles = Number(arg('--cycles') ?? 20);
const started = performance.now();
const report = await crashCycles({ cycles, email: demoStaff('liisa').email, password: DEMO_PASSWORD, log: (line) => console.log(line) });
const seconds = ((performance.now() - started) / 1000).toFixed(0);
console.log(`${engine}: ${report.cycles} kill -9 cycles, ${report.acknowledged} messages acknowledged, ${report.cutOff} requests cut off by the kills, ${report.lost.length} acknowledged messages lost (${seconds} s).`);
if (report.lost.length > 0) {
  console.error('LOST:', report.lost.join('\n'));
  process.exit(1);
}
