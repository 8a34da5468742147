/**
 * What a browser's push subscription (PushSubscription.toJSON()) must look like before the portal
 * keeps it. The endpoint is where the server will later POST, so it must be a push service's
 * https address: the browsers' own services, or a host the unit names (OMAPOLKU_PUSH_HOSTS: a
 * self-hosted service, the tests' loopback one). Any other address would let a signed-in client
 * make the server send requests wherever they like (server-side request forgery).
 */

/** The push services of Chrome and Edge (FCM), Firefox (Mozilla), Safari (Apple) and Windows (WNS). */
export const BROWSER_PUSH_HOSTS: readonly string[] = ['fcm.googleapis.com', 'push.services.mozilla.com', 'push.apple.com', 'notify.windows.com'];

export interface SubscriptionKeys {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** base64url without padding, decoding to exactly `bytes` bytes. */
function isBase64UrlOf(value: string, bytes: number): boolean {
  return value.length === Math.ceil((bytes * 4) / 3) && /^[A-Za-z0-9_-]+$/.test(value);
}

function hostAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((a) => host === a || host.endsWith(`.${a}`));
}

/** The subscription, or null when any part is not what a browser gives. */
export function parseSubscription(input: SubscriptionKeys, extraHosts: readonly string[] = []): SubscriptionKeys | null {
  let url: URL;
  try {
    url = new URL(input.endpoint);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || input.endpoint.length > 1000) return null;
  if (!hostAllowed(url.hostname, [...BROWSER_PUSH_HOSTS, ...extraHosts])) return null;
  // An uncompressed P-256 public key (65 bytes) and a 16-byte auth secret (RFC 8291 §3).
  if (!isBase64UrlOf(input.p256dh, 65) || !isBase64UrlOf(input.auth, 16)) return null;
  return { endpoint: url.href, p256dh: input.p256dh, auth: input.auth };
}
