import type { SessionActor } from '@server/auth/session';

/**
 * What an admin page's handler answers, so the page only reads the request, calls its handler
 * and renders: go to another page (303 after a saved form), refuse (the page rewrites to /403 or
 * /404), or show the page with this status and what it needs (values kept, errors, a notice).
 */
export type Admin = SessionActor['person'];
export type Redirect = { kind: 'redirect'; to: string };
export type Refusal = { kind: 'refused'; status: 403 | 404 };
export type Shown<V> = { kind: 'show'; status: number } & V;
export type PageAnswer<V> = Redirect | Refusal | Shown<V>;

/**
 * The posted form, read when the handler gets that far; null for a GET. A handler refuses
 * before it reads: Astro.rewrite('/403') passes the request on and needs its body unread.
 */
export type Posted = (() => Promise<FormData>) | null;

export const redirectTo = (to: string): Redirect => ({ kind: 'redirect', to });
export const refused = (status: 403 | 404 = 403): Refusal => ({ kind: 'refused', status });
export const show = <V extends object>(view: V, status = 200): Shown<V> => ({ kind: 'show', status, ...view });
