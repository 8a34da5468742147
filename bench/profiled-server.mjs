/**
 * The built server under V8's CPU profiler, for `npm run bench -- --profile`. `node --cpu-prof`
 * writes its profile only on a normal exit, and the server stops by a signal, so the profiler
 * is driven here through node:inspector and the profile is written when SIGTERM arrives.
 * Usage: node bench/profiled-server.mjs <profile file>   (HOST, PORT, OMAPOLKU_DB as for the server)
 */
import fs from 'node:fs';
import inspector from 'node:inspector/promises';

const [file] = process.argv.slice(2);
const session = new inspector.Session();
session.connect();
await session.post('Profiler.enable');
// 100 µs between samples: fine enough for a page that costs about a millisecond.
await session.post('Profiler.setSamplingInterval', { interval: 100 });
let started = false;

process.on('SIGUSR2', async () => {
  // Started on a signal after the warm-up, so start-up and JIT warm-up stay out of the figure.
  if (!started) await session.post('Profiler.start');
  started = true;
});
let written = Promise.resolve();
process.on('SIGTERM', () => {
  if (started) written = session.post('Profiler.stop').then(({ profile }) => fs.writeFileSync(file, JSON.stringify(profile)));
});
// The server stops on SIGTERM by itself (src/server/ops/front.ts: requests finish, the database
// closes, then process.exit); the profile must be on disk before the process ends.
const exit = process.exit.bind(process);
process.exit = (code) => void written.finally(() => exit(code));

// Through the front that `npm start` runs (scripts/serve.mjs): built pages answer 500 without it.
await import('../scripts/serve.mjs');
