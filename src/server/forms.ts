/** Small helpers shared by every form handler. */
import { safeBackPath } from '@domain/routes/back-path';
import { PAGE_PATTERNS } from './page-routes';

/** Ordinary forms are text: far below this. A larger body is refused unread. */
export const FORM_MAX_BYTES = 1_000_000;
/**
 * Forms with a photo. Larger than the photo limit itself (PHOTO_MAX_BYTES), so that a too-big
 * photo is still read and answered with "the photo is too big" while every typed field is kept.
 */
export const UPLOAD_FORM_MAX_BYTES = 25_000_000;

/** The body, or null when it is larger than `maxBytes` (checked while reading, not trusted from headers). */
async function readBodyCapped(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > maxBytes) return null;
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * The form with every NUL character taken out of its names and text. Nobody types one, and
 * PostgreSQL's text cannot hold one: a lookup of a form key with it fails there with an error,
 * where SQLite only finds nothing. Taken out here, every page on either engine sees the same text.
 */
function withoutNul(form: FormData): FormData {
  const hasNul = (text: string) => text.includes('\u0000');
  if (![...form].some(([name, value]) => hasNul(name) || (typeof value === 'string' && hasNul(value)))) return form;
  const clean = new FormData();
  for (const [name, value] of form) {
    const cleanName = name.replaceAll('\u0000', '');
    if (typeof value === 'string') clean.append(cleanName, value.replaceAll('\u0000', ''));
    else clean.append(cleanName, value);
  }
  return clean;
}

/**
 * Reads a POSTed form; a body that is not a form, or is too large, gives an empty one instead
 * of a 500 (the page then shows its usual "fill this in" errors).
 */
export async function readForm(request: Request, maxBytes = FORM_MAX_BYTES): Promise<FormData> {
  try {
    const body = await readBodyCapped(request, maxBytes);
    if (body === null) return new FormData();
    // (Buffer is a Uint8Array; the DOM typings only want to be sure it is not a SharedArrayBuffer.)
    return withoutNul(await new Response(body as unknown as BodyInit, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData());
  } catch {
    return new FormData();
  }
}

/**
 * Like readForm, but says when the body was larger than `maxBytes`, for pages that must answer
 * that with 413 (a voice message over the limit) rather than with an empty form.
 */
export async function readFormOrTooLarge(request: Request, maxBytes: number): Promise<FormData | 'tooLarge'> {
  let body: Uint8Array | null;
  try {
    body = await readBodyCapped(request, maxBytes);
  } catch {
    return new FormData();
  }
  if (body === null) return 'tooLarge';
  try {
    return withoutNul(await new Response(body as unknown as BodyInit, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData());
  } catch {
    return new FormData();
  }
}

export function field(form: FormData, name: string, maxLength = 500): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.slice(0, maxLength) : '';
}

/**
 * A database id from a form field or the address: a positive whole number the database can hold,
 * else null. ("1e308", "1.5" and "99999999999999999999" are no ids: SQLite would only find nothing
 * with them, PostgreSQL refuses them as a bigint with an error.)
 */
export function idParam(text: string | null | undefined): number | null {
  if (!text || !/^[1-9][0-9]{0,15}$/.test(text)) return null;
  const id = Number(text);
  return Number.isSafeInteger(id) ? id : null;
}

/** An uploaded file, or null when the field is empty (a form posted without choosing a file). */
export function fileField(form: FormData, name: string): File | null {
  const value = form.get(name);
  return value instanceof File && value.size > 0 ? value : null;
}

/**
 * Only our own pages may be a redirect target (no open redirect through a `back` field, and no
 * value that cannot be a Location header): anything else goes to `fallback`.
 */
export function safeLocalPath(value: string | null | undefined, fallback: string): string {
  return safeBackPath(value, PAGE_PATTERNS, fallback);
}
