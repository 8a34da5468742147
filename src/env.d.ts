/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The signed-in person and session, or null. Set by the session middleware. */
    actor: import('@server/auth/session').SessionActor | null;
    /** Why a session cookie was refused, so the sign-in page can say it in easy words. */
    sessionEnded: 'expired' | null;
    lang: import('@server/i18n').Lang;
    t: import('@server/i18n').T;
    db: import('@server/db').Database;
    /** Set by the outermost middleware run, so a rewrite's second run does not log a 403 again. */
    forbiddenSeen?: boolean;
    /** The client's address (src/server/security/request.ts): the socket, or a trusted proxy's word. */
    clientAddress: string;
    /**
     * The client a page is about, loaded and access-checked once by the `clientInScope`
     * middleware (src/server/client-scope.ts). Reading it on any other page throws.
     */
    client: import('./server/client-scope').ClientInScope;
    /**
     * Client messages waiting for an answer, for the staff header and the worker home (0 for
     * other roles), asked on the first call only (the staffHeader middleware), so only a page
     * that shows the header asks.
     */
    waitingMessages: () => Promise<number>;
    /** The browser reached us over TLS. */
    overTls: boolean;
    /** What the socket knows, from the front server (scripts/serve.mjs); undefined without it. */
    socketFacts?: import('@server/security/request').SocketFacts;
  }
}
