/**
 * What a QR code read by the camera on /card may be: an Omapolku login card of this portal, and
 * nothing else. The card prints its own address, `<origin>/k/<secret>` (src/pages/k/[secret].astro);
 * an older or hand-made card may hold just the short code typed under it. Anything else (another
 * site's address, a card of another portal, a text) is refused without being sent anywhere.
 */
export type CardCode = { kind: 'address'; path: string } | { kind: 'short-code'; code: string } | { kind: 'foreign' };

// The card secret is base32 (lower case) from src/server/auth/login-card.ts; demo cards use
// letters, digits and dashes. Anything else in the path is not one of our cards.
const SECRET = /^[A-Za-z0-9_-]{8,128}$/;
// The short code: 5 + 5 letters or digits (new cards leave out look-alikes, src/server/auth/login-card.ts;
// the server checks the code itself, this only tells a card from something else).
const SHORT_CODE = /^[A-Z0-9]{5}-?[A-Z0-9]{5}$/;

export function readCardCode(text: string, origin: string): CardCode {
  const trimmed = text.trim();
  if (SHORT_CODE.test(trimmed.toUpperCase())) return { kind: 'short-code', code: trimmed.toUpperCase() };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { kind: 'foreign' };
  }
  if (url.origin !== origin || url.search !== '' || url.hash !== '') return { kind: 'foreign' };
  const match = /^\/k\/([^/]+)$/.exec(url.pathname);
  if (!match || !SECRET.test(match[1])) return { kind: 'foreign' };
  return { kind: 'address', path: `/k/${match[1]}` };
}
