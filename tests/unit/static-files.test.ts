import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticFiles } from '../../scripts/static-files.mjs';

// scripts/static-files.mjs: the build's files are listed once, so a page's address never asks
// the disk, and a file is sent as Astro's own static handler sends it.
describe('static files of the build', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omapolku-static-'));
  mkdirSync(join(dir, '_astro'));
  mkdirSync(join(dir, 'icons'));
  writeFileSync(join(dir, '_astro', 'client.abc123.js'), 'console.log(1);');
  writeFileSync(join(dir, 'icons', 'a b.svg'), '<svg/>');
  writeFileSync(join(dir, 'manifest.webmanifest'), '{}');
  writeFileSync(join(dir, '.secret'), 'no');
  const files = staticFiles(dir);
  let server: http.Server;
  let base = '';

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const file = files.match(req.url!);
      if (file) return files.serve(req, res, file);
      res.writeHead(299).end('page');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('knows the files by path (query ignored, escapes decoded) and nothing else', () => {
    expect(files.match('/_astro/client.abc123.js')).toBe('/_astro/client.abc123.js');
    expect(files.match('/_astro/client.abc123.js?v=2')).toBe('/_astro/client.abc123.js');
    expect(files.match('/icons/a%20b.svg')).toBe('/icons/a b.svg');
    for (const page of ['/', '/client', '/_astro/', '/_astro/other.js', '/.secret', '/icons/%E0%A4%A', '/manifest.webmanifest/x']) {
      expect(files.match(page), page).toBeNull();
    }
  });

  it('sends a file with its type, a year of cache for /_astro/, and 304 for a known ETag', async () => {
    const script = await fetch(`${base}/_astro/client.abc123.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await script.text()).toBe('console.log(1);');
    // (node:http, not fetch: fetch adds "cache-control: no-cache" to a conditional request.)
    const etag = script.headers.get('etag')!;
    const status = await new Promise<number>((resolve, reject) =>
      http.get(`${base}/_astro/client.abc123.js`, { headers: { 'if-none-match': etag } }, (res) => resolve(res.resume().statusCode!)).on('error', reject),
    );
    expect(status).toBe(304);
    const manifest = await fetch(`${base}/manifest.webmanifest`);
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('cache-control')).not.toContain('immutable');
    const page = await fetch(`${base}/client`);
    expect(page.status).toBe(299);
  });
});
