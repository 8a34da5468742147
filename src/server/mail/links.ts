import { config } from '@server/config';

/**
 * The portal's address for links in mails: OMAPOLKU_PUBLIC_URL when set (behind a proxy the
 * request's own address may be an internal one), else the address the request came to.
 */
export function portalBaseUrl(requestUrl: URL): string {
  return config.publicUrl ?? requestUrl.origin;
}
