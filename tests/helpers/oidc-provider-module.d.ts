/**
 * oidc-provider ships no types (they live in @types/oidc-provider, not installed): the little the
 * tests' provider (tests/helpers/oidc-provider.ts) uses of it.
 */
declare module 'oidc-provider' {
  import type { Server } from 'node:http';

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    listen(port: number, host: string, callback: () => void): Server;
    on(event: string, listener: (...args: never[]) => void): this;
    use(middleware: (ctx: never, next: () => Promise<void>) => Promise<void>): this;
  }
}
