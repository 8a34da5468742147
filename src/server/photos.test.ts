import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { PHOTO_MAX_BYTES, processPhoto } from './photos';

const fileOf = (bytes: Buffer, type = 'image/jpeg') => new File([new Uint8Array(bytes)], 'upload', { type });

describe('processPhoto', () => {
  it('makes a small upright JPEG without the metadata of the upload', async () => {
    // A phone photo lying on its side: EXIF orientation 6 says "turn 90° clockwise to view".
    const upload = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#aa3300' } })
      .withExif({ IFD0: { Artist: 'Kuvaaja Testinen', Copyright: 'exif-marker-123' } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    expect((await sharp(upload).metadata()).exif).toBeDefined();
    const result = await processPhoto(fileOf(upload));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([result.photo.width, result.photo.height]).toEqual([600, 800]);
    const meta = await sharp(result.photo.bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(result.photo.bytes.includes(Buffer.from('exif-marker-123'))).toBe(false);
  });

  it('turns a transparent PNG into a JPEG on white, and never enlarges a small one', async () => {
    const png = await sharp({ create: { width: 120, height: 80, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const result = await processPhoto(fileOf(png, 'image/png'));
    expect(result.ok && [result.photo.width, result.photo.height]).toEqual([120, 80]);
    if (!result.ok) return;
    const { data } = await sharp(result.photo.bytes).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(240); // white, not black
  });

  it('refuses a file that is not an image, and one over the size limit before reading it', async () => {
    expect(await processPhoto(fileOf(Buffer.from('%PDF-1.7 not an image'), 'application/pdf'))).toEqual({ ok: false, error: 'photoNotImage' });
    expect(await processPhoto(fileOf(Buffer.alloc(PHOTO_MAX_BYTES + 1)))).toEqual({ ok: false, error: 'photoTooBig' });
  });
});
