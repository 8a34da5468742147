import sharp from 'sharp';
import type { Database, Tx } from './db';

/**
 * Photos people upload: a work place's photo, and people's own photos (a small square). The uploaded file is never
 * kept or served: the server decodes it, turns it upright, shrinks it and writes a new small
 * JPEG. Writing a new file drops all metadata, EXIF and GPS location included.
 */
export const PHOTO_MAX_BYTES = 10_000_000;
/** Big enough for a sharp picture on a tablet, small enough for a slow connection. */
const MAX_SIDE = 800;
/** Refuse "decompression bombs": a small file that decodes into a huge image. */
const MAX_INPUT_PIXELS = 60_000_000;

export type PhotoError = 'photoTooBig' | 'photoNotImage';

export interface ProcessedPhoto {
  bytes: Buffer;
  width: number;
  height: number;
}

/** A person's photo: a small square, cropped around the middle (faces are usually there). */
const PORTRAIT_SIDE = 320;

export async function processPhoto(file: File, shape: 'place' | 'portrait' = 'place'): Promise<{ ok: true; photo: ProcessedPhoto } | { ok: false; error: PhotoError }> {
  if (file.size > PHOTO_MAX_BYTES) return { ok: false, error: 'photoTooBig' };
  try {
    const input = Buffer.from(await file.arrayBuffer());
    const { data, info } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize(
        shape === 'portrait'
          ? { width: PORTRAIT_SIDE, height: PORTRAIT_SIDE, fit: 'cover', position: 'attention' }
          : { width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true },
      )
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { ok: true, photo: { bytes: data, width: info.width, height: info.height } };
  } catch {
    // Not an image sharp can read (a PDF, a text file renamed .jpg, a broken file).
    return { ok: false, error: 'photoNotImage' };
  }
}

/** Stores a processed photo as part of `clientId`'s data (who may see it follows from that). */
export async function storePhoto(db: Database, photo: ProcessedPhoto, clientId: number | null, by: number, now = Date.now()): Promise<number> {
  return db.write((tx) => insertPhoto(tx, photo, clientId, by, now));
}

/** storePhoto inside the caller's transaction (a person and their photo are added together). */
export async function insertPhoto(tx: Tx, photo: ProcessedPhoto, clientId: number | null, by: number, now = Date.now()): Promise<number> {
  const { lastID } = await tx.run(
    "INSERT INTO photos (mime, bytes, width, height, client_id, created_by, created_at) VALUES ('image/jpeg', ?, ?, ?, ?, ?, ?)",
    [photo.bytes, photo.width, photo.height, clientId, by, now],
  );
  return lastID;
}

export async function photoById(db: Database, id: number): Promise<{ bytes: Buffer; mime: string; client_id: number | null } | undefined> {
  return db.get('SELECT bytes, mime, client_id FROM photos WHERE id = ?', [id]);
}

/** Is this photo part of this client's data? (A photo id posted in a form is checked here.) */
export async function photoOfClient(db: Database, id: number, clientId: number): Promise<boolean> {
  return !!(await db.get('SELECT 1 FROM photos WHERE id = ? AND client_id = ?', [id, clientId]));
}

/**
 * May `viewer` see the portrait of a staff member or family member (a photo with no client)?
 * Only the person themself, and people who share a unit or a client with them: the same unit;
 * a family member and the staff of a unit where a client they are linked to is; two family
 * members linked to the same client. Links count while in force. A photo that is nobody's
 * portrait any more (replaced) is shown only to the one who uploaded it.
 */
export async function maySeePortrait(db: Database, viewer: { id: number; unit_id: number | null }, photoId: number, today: string): Promise<boolean> {
  const owner = await db.get<{ id: number }>('SELECT id FROM people WHERE photo_id = ? ORDER BY id LIMIT 1', [photoId]);
  if (!owner) return !!(await db.get('SELECT 1 FROM photos WHERE id = ? AND created_by = ?', [photoId, viewer.id]));
  if (owner.id === viewer.id) return true;
  // The clients each person is tied to: their unit's clients (staff), themself (a client), the
  // clients they are linked to (family).
  const ties = (person: string) => `
    SELECT c.id FROM people me JOIN people c ON c.role = 'client' AND c.unit_id = me.unit_id WHERE me.id = ${person} AND me.role IN ('worker', 'admin')
    UNION SELECT me.id FROM people me WHERE me.id = ${person} AND me.role = 'client'
    UNION SELECT l.client_id FROM family_links l WHERE l.family_id = ${person} AND l.ended_at IS NULL AND (l.ends_on IS NULL OR l.ends_on >= ?3)`;
  const shared = await db.get(
    `SELECT 1 FROM people a JOIN people b ON b.id = ?2 WHERE a.id = ?1 AND a.unit_id IS NOT NULL AND a.unit_id = b.unit_id
     UNION ALL SELECT 1 FROM (${ties('?1')}) x JOIN (${ties('?2')}) y ON x.id = y.id LIMIT 1`,
    [viewer.id, owner.id, today],
  );
  return !!shared;
}
