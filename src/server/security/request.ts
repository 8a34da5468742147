import { config } from '../config';
import { cameOverTls, clientAddressFrom } from './client-address';

/**
 * What the socket of the current request knows, handed to the app by the front server
 * (scripts/serve.mjs, src/server/ops/front.ts) with each request as `locals.socketFacts`
 * (src/server/ops/astro-entry.ts); undefined when the built app runs without it.
 */
export interface SocketFacts {
  peer: string;
  encrypted: boolean;
  /** The request's id (the X-Request-Id header of the answer, and `request_id` in the log). */
  requestId?: string;
  /**
   * The route pattern that answered (`/k/[secret]`, `/worker/clients/[client]/plan`), set by
   * the middleware for the request log: a pattern holds no secret and no id.
   */
  route?: string;
}

export interface RequestOrigin {
  /** The client's address for limits and logs: the one answer every sign-in route uses. */
  clientAddress: string;
  /** The browser reached us over TLS (directly, or through a trusted proxy that says so). */
  overTls: boolean;
}

/** Where a request came from, believing forwarded headers only from a trusted proxy. */
export function requestOrigin(facts: SocketFacts, headers: Headers, trusted = config.trustedProxies): RequestOrigin {
  return {
    clientAddress: clientAddressFrom(facts.peer, headers.get('x-forwarded-for'), trusted),
    overTls: cameOverTls(facts.encrypted, facts.peer, headers.get('x-forwarded-proto'), trusted),
  };
}
