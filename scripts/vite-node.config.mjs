// Vite's config for the scripts run with vite-node (first run, demo seed, backup, fuzz): the path
// aliases of tsconfig.json (@server/…, @domain/…), which Astro and Vitest read from tsconfig.json
// themselves. `vite-node -c scripts/vite-node.config.mjs <script>`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { compilerOptions } = JSON.parse(readFileSync(new URL('../tsconfig.json', import.meta.url), 'utf8'));
const alias = Object.entries(compilerOptions.paths).map(([from, [to]]) => ({
  find: new RegExp(`^${from.replace('/*', '/')}`),
  replacement: `${root}${to.replace('*', '')}`,
}));

export default { root, resolve: { alias } };
