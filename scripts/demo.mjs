// `npm run demo`: Omapolku with fictional demo data, in its own database file (data/demo.sqlite
// unless OMAPOLKU_DB says otherwise), so the demo is never mixed into a real database.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

process.env.OMAPOLKU_DB ??= path.resolve('data', 'demo.sqlite');
process.env.OMAPOLKU_DEMO = '1';
// The demo runs on plain http://127.0.0.1: no Secure cookies, no HSTS (see README, Security).
process.env.OMAPOLKU_PLAIN_HTTP ??= '1';
const seeded = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['vite-node', '-c', 'scripts/vite-node.config.mjs', 'scripts/seed-demo.ts'], { stdio: 'inherit', env: process.env });
if (seeded.status !== 0) process.exit(seeded.status ?? 1);
await import('./start.mjs');
