/**
 * /card reads the login card's QR code with the tablet's camera ("Näytä kortti kameralle").
 * Chromium's fake camera plays a video file the test makes: a card's QR code drawn into
 * YUV4MPEG2 frames. Each test launches a Chromium of its own, because the camera is chosen by
 * start-up flags: the run's shared browser has a fake camera showing only a moving pattern.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { chromium, type Browser, type Page } from 'playwright-core';
import { baseUrl, CLIENTS, clickAndWait, path } from '../helpers/browser';
import { FULL_CHROMIUM_PATH, LAUNCH_OPTIONS } from '../helpers/chromium';
import { expectNoAxeViolations, expectTargetSizes } from '../helpers/axe';

const dir = mkdtempSync(join(tmpdir(), 'omapolku-camera-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A 640×480 video (a few identical frames; Chromium plays the file in a loop) of a QR code for
 * `text` on white, with the standard's 4-module quiet zone. YUV 4:2:0: the Y plane is the
 * picture in black and white, the U and V planes are 128 (no colour).
 */
function qrVideo(name: string, text: string): string {
  const width = 640;
  const height = 480;
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const quiet = 4;
  const scale = Math.floor((height * 0.9) / (size + 2 * quiet));
  const left = Math.floor((width - size * scale) / 2);
  const top = Math.floor((height - size * scale) / 2);
  const y = Buffer.alloc(width * height, 255);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!data[row * size + col]) continue;
      for (let dy = 0; dy < scale; dy++) y.fill(0, (top + row * scale + dy) * width + left + col * scale, (top + row * scale + dy) * width + left + (col + 1) * scale);
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  const file = join(dir, `${name}.y4m`);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), frame, frame, frame]));
  return file;
}

/**
 * Chromium with the shared start-up flags and a fake camera showing `video`; or with no camera at
 * all (a headless Chromium on a server has none: NotFoundError); or with a camera whose permission
 * prompt is refused (headless Chromium refuses prompts without the fake-UI flag: NotAllowedError;
 * the headless shell has no prompt to refuse and says there is no camera, so this one case runs in
 * the full browser, FULL_CHROMIUM_PATH).
 */
function launch(video: string | 'no camera' | 'camera refused'): Promise<Browser> {
  const shared = LAUNCH_OPTIONS.args ?? [];
  const args =
    video === 'no camera'
      ? shared.filter((a) => a !== '--use-fake-device-for-media-stream' && a !== '--use-fake-ui-for-media-stream')
      : video === 'camera refused'
        ? shared.filter((a) => a !== '--use-fake-ui-for-media-stream')
        : [...shared, `--use-file-for-fake-video-capture=${video}`];
  return chromium.launch({ ...LAUNCH_OPTIONS, ...(video === 'camera refused' ? { executablePath: FULL_CHROMIUM_PATH } : {}), args });
}

async function cardPage(browser: Browser): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'fi-FI' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${baseUrl()}/card`);
  return { page, requests, errors };
}

describe('Näytä kortti kameralle (/card)', () => {
  it('signs in through the camera: the card’s QR code opens the picture PIN, and only the card’s address is asked for', async () => {
    const browser = await launch(qrVideo('aino', `${baseUrl()}${CLIENTS.aino.qr}`));
    try {
      const { page, requests, errors } = await cardPage(browser);
      const open = page.locator('[data-camera-open]');
      await expect.poll(() => open.isVisible()).toBe(true);
      expect((await open.textContent())?.trim()).toBe('Näytä kortti kameralle');
      const box = await open.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
      // The page words are true with a camera and without: the camera button, or the typed code.
      expect(await page.locator('#main').innerText()).toMatch(/Näytä kortti kameralle\s+Tai\s+Kirjoita kortin koodi\./);

      // The QR decoder is fetched only when the camera starts (where the browser has no
      // BarcodeDetector for QR codes, as Chromium on Linux), so /card itself ships little script.
      expect(requests.filter((r) => /jsQR/i.test(r))).toEqual([]);
      const native = await page.evaluate(() => 'BarcodeDetector' in window);
      requests.length = 0;
      await Promise.all([page.waitForURL(/\/card\/pin$/), open.click()]);
      if (!native) expect(requests.filter((r) => /jsQR/i.test(r))).toHaveLength(1);
      expect(path(page)).toBe('/card/pin');
      expect(await page.locator('h1').textContent()).toContain('Valitse omat kuvasi');
      // Nothing but the card's own address went anywhere (and the decoder and the page's own files were fetched): no POST,
      // no other site, no picture.
      const origin = new URL(baseUrl()).origin;
      expect(requests.filter((r) => !r.startsWith(`GET ${origin}/`))).toEqual([]);
      expect(requests.filter((r) => !/\/(k\/|card\/pin|_astro\/|icons\/|fonts\/)/.test(r))).toEqual([]);
      expect(requests).toContain(`GET ${origin}${CLIENTS.aino.qr}`);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('refuses a QR code that is not an Omapolku card, in easy words, shows the camera picture, and closes the camera', async () => {
    const browser = await launch(qrVideo('foreign', `https://example.com${CLIENTS.aino.qr}`));
    try {
      const { page, requests, errors } = await cardPage(browser);
      await page.locator('[data-camera-open]').click();
      const problem = page.locator('[data-camera-problem]');
      await expect.poll(() => problem.isVisible()).toBe(true);
      expect((await problem.textContent())?.trim()).toBe('Tämä ei ole Omapolun kortti. Näytä oma korttisi.');
      expect(path(page)).toBe('/card');
      expect(requests.filter((r) => !r.startsWith(`GET ${new URL(baseUrl()).origin}/`))).toEqual([]);

      // The camera's picture is on the screen, and the page passes axe with the camera open.
      const video = page.locator('.card-camera video');
      expect(await video.isVisible()).toBe(true);
      expect(await video.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBe(640);
      expect((await video.boundingBox())!.width).toBeGreaterThan(300);
      await expectNoAxeViolations(page, { client: true });
      await expectTargetSizes(page);

      // "Sulje kamera" turns the camera off: the stream's tracks end and the picture goes.
      const track = await video.evaluateHandle((v: HTMLVideoElement) => (v.srcObject as MediaStream).getVideoTracks()[0]);
      await page.locator('[data-camera-close]').click();
      expect(await track.evaluate((t: MediaStreamTrack) => t.readyState)).toBe('ended');
      expect(await video.isVisible()).toBe(false);
      expect(await page.locator('[data-camera-open]').isVisible()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('without a camera says so in easy words, and the typed code still signs in', async () => {
    const browser = await launch('no camera');
    try {
      const { page } = await cardPage(browser);
      await page.locator('[data-camera-open]').click();
      const problem = page.locator('[data-camera-problem]');
      await expect.poll(() => problem.isVisible()).toBe(true);
      expect((await problem.textContent())?.trim()).toBe('Kamera ei toimi tässä tabletissa. Kirjoita kortin koodi.');
      expect(await page.locator('.card-camera video').isVisible()).toBe(false);
      await expectNoAxeViolations(page, { client: true });

      await page.locator('input[name=code]').fill(CLIENTS.aino.code);
      await clickAndWait(page, page.locator('form[action="/card"] button[type=submit]'));
      expect(path(page)).toBe('/card/pin');
    } finally {
      await browser.close();
    }
  });

  it('when the camera is not allowed says so in easy words, and the typed code stays', async () => {
    const browser = await launch('camera refused');
    try {
      const { page } = await cardPage(browser);
      await page.locator('[data-camera-open]').click();
      const problem = page.locator('[data-camera-problem]');
      await expect.poll(() => problem.isVisible()).toBe(true);
      expect((await problem.textContent())?.trim()).toBe('Kamera ei ole sallittu. Kirjoita kortin koodi.');
      expect(await page.locator('input[name=code]').isVisible()).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
