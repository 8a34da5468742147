/**
 * What a push service's answer means for a push (RFC 8030 §5, §7.3; RFC 8292): 201 is taken.
 * 404 and 410 say the subscription is gone for good (the person turned notifications off in the
 * browser, the browser was reset): it is ended, and nothing is tried again. Any other 4xx but 429
 * is a push the service will never take (a payload too large, a bad key): failed, not retried.
 * A 429, a 5xx or no answer at all (the network, the service down) is tried again later, with the
 * mail outbox's growing delays (../mail/retry.ts).
 */
export type PushOutcome = 'sent' | 'gone' | 'refused' | 'retry';

export function pushOutcome(statusCode: number | undefined): PushOutcome {
  if (statusCode === undefined) return 'retry';
  if (statusCode >= 200 && statusCode < 300) return 'sent';
  if (statusCode === 404 || statusCode === 410) return 'gone';
  if (statusCode === 429 || statusCode >= 500) return 'retry';
  return 'refused';
}

/** What the service worker (public/sw.js) shows: no client data, only "you have a new message". */
export interface PushPayload {
  title: string;
  body: string;
  /** The messages picture, a path of the portal (the service worker resolves it). */
  icon: string;
  /** The page a tap opens. */
  url: string;
  /** One notification per kind on the tablet: a second one replaces the first. */
  tag: string;
}
