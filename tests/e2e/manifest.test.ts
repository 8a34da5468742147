/** The portal opens full-screen from a tablet's home screen: a linked manifest with real icons. */
import { describe, expect, it } from 'vitest';
import { baseUrl } from '../helpers/browser';

describe('web app manifest', () => {
  it('is linked from every page and names a full-screen app with icons that exist', async () => {
    const base = baseUrl();
    const page = await (await fetch(`${base}/card`)).text();
    expect(page).toContain('<link rel="manifest" href="/manifest.webmanifest">');
    const manifest = await (await fetch(`${base}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ name: 'Omapolku', display: 'fullscreen', start_url: '/' });
    const sizes = manifest.icons.map((icon: { sizes: string }) => icon.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons as { src: string; type: string }[]) {
      const response = await fetch(base + icon.src);
      expect(response.status, icon.src).toBe(200);
      expect(response.headers.get('content-type'), icon.src).toContain(icon.type.split('+')[0]);
      expect((await response.arrayBuffer()).byteLength, icon.src).toBeGreaterThan(200);
    }
  });
});
