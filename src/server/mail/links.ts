import { config } from '@server/config';

/**
 * The portal's address for links in mails: OMAPOLKU_PUBLIC_URL when set (behind a proxy the
 * request's own address may be an internal one), else the address the request came to.
 */
export function portalBaseUrl(requestUrl: URL): string {
  return config.publicUrl ?? requestUrl.origin;
}

let lastOrigin: string | null = null;

/** Every request says where the portal was reached, for mails written with no request at hand. */
export function rememberPortalOrigin(requestUrl: URL): void {
  lastOrigin = requestUrl.origin;
}

/**
 * The portal's address for a mail written away from any request (a notification of the
 * scheduler, or of a change inside a transaction): OMAPOLKU_PUBLIC_URL, else the address the
 * latest request came to, else where this server listens.
 */
export function backgroundBaseUrl(): string {
  return config.publicUrl ?? lastOrigin ?? config.listenUrl;
}
