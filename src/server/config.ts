import path from 'node:path';
import { parseTrustedProxies } from './security/client-address';
import { parseSsoConfig } from './auth/sso-config';

/** Plain HTTP only on purpose (a test network, the demo): everything else is HTTPS. */
const plainHttp = process.env.OMAPOLKU_PLAIN_HTTP === '1';

/** OMAPOLKU_TWO_STEP_KEY as given, or null; a key that cannot be one stops the server at start. */
function twoStepKeyFrom(value: string | undefined): string | null {
  if (!value) return null;
  if (!/^[0-9a-fA-F]{64}$/.test(value.trim())) throw new Error('OMAPOLKU_TWO_STEP_KEY must be 64 hexadecimal digits (32 bytes), e.g. from `openssl rand -hex 32`');
  return value.trim();
}

/**
 * Every setting the server reads from its environment, in one place, with the default
 * that makes `npm start` work on a fresh clone. The README lists the same variables.
 */
const databasePath = process.env.OMAPOLKU_DB ?? path.resolve('data', 'omapolku.sqlite');
const databaseUrl = process.env.OMAPOLKU_DATABASE_URL || null;
const twoStepKey = twoStepKeyFrom(process.env.OMAPOLKU_TWO_STEP_KEY);
// On SQLite the two-step key may be a file beside the database; PostgreSQL has no such place, and
// every app server must use the same key.
if (databaseUrl && !twoStepKey) throw new Error('OMAPOLKU_DATABASE_URL needs OMAPOLKU_TWO_STEP_KEY (64 hexadecimal digits, e.g. from `openssl rand -hex 32`), the same on every app server');

export const config = {
  /** The SQLite file. Tests and the benchmark point this at their own temporary files. */
  databasePath,
  /**
   * PostgreSQL instead of the SQLite file (postgres://user@host:5432/db; `?options=-c
   * search_path=…` for a schema of its own): a county's database with a standby, shared by
   * several app servers (docs/deployment.md).
   */
  databaseUrl,
  /** Connections each app server keeps to PostgreSQL. */
  databasePoolSize: Number(process.env.OMAPOLKU_DATABASE_POOL ?? 10),
  /**
   * `npm start` is what a unit runs, so it is secure without any setting: Secure cookies, and
   * HSTS on requests that came over TLS. OMAPOLKU_PLAIN_HTTP=1 (a test network, the demo, the
   * tests on http://127.0.0.1) turns both off.
   */
  plainHttp,
  secureCookies: !plainHttp,
  /**
   * Our own reverse proxies (addresses or CIDR ranges). Only from these is X-Forwarded-For or
   * X-Forwarded-Proto believed; empty by default, so the socket's peer is the client.
   */
  trustedProxies: parseTrustedProxies(process.env.OMAPOLKU_TRUSTED_PROXIES),
  /** Sign-in attempts per client address (IPv6: per /64) per 10 minutes. */
  ipSignInLimit: Number(process.env.OMAPOLKU_IP_SIGNIN_LIMIT ?? 30),
  /** Minutes without activity before a shared-tablet session ends (WCAG 2.2.1: warned first). */
  sharedIdleMinutes: Number(process.env.OMAPOLKU_SHARED_IDLE_MINUTES ?? 15),
  /** Seconds before the idle end when the "Jatka" warning appears. */
  idleWarningSeconds: Number(process.env.OMAPOLKU_IDLE_WARNING_SECONDS ?? 120),
  /**
   * Mail (src/server/mail/): an SMTP server as a URL (smtp://user:pass@host:587, smtps://… for
   * TLS from the start). Without it mails are written to `outboxDir` (beside the database) as .eml files and the admin
   * reads them on /admin/outbox: the demo and development need no mail server.
   */
  smtpUrl: process.env.OMAPOLKU_SMTP_URL || null,
  mailFrom: process.env.OMAPOLKU_MAIL_FROM || 'Omapolku <omapolku@localhost>',
  outboxDir: process.env.OMAPOLKU_OUTBOX_DIR ?? path.join(path.dirname(databasePath), 'outbox'),
  /** The first delay before a failed mail is tried again; later ones grow (domain/mail/retry.ts). */
  mailRetryBaseMs: Number(process.env.OMAPOLKU_MAIL_RETRY_MS ?? 30_000),
  /** How often the sender looks for due mails besides being woken by a new one. */
  mailPollMs: Number(process.env.OMAPOLKU_MAIL_POLL_MS ?? 15_000),
  /**
   * How long a mail taken for sending stays taken: if the process dies mid-send, the mail is due
   * again after this. Two minutes outlasts any SMTP conversation; the tests, which kill servers on
   * purpose, shorten it.
   */
  mailLeaseMs: Number(process.env.OMAPOLKU_MAIL_LEASE_MS ?? 120_000),
  /**
   * The key that encrypts the staff's two-step (TOTP) keys in the database: 64 hex digits. Without
   * it, the key is the file `two-step.key` beside the database, made on first use; either way a
   * copy of the database alone gives no codes (src/server/auth/two-step-secret.ts).
   */
  twoStepKey,
  /**
   * From SIGTERM to the forced exit: requests in flight get this long to finish (the process
   * exits 0 as soon as they have, 1 if it had to cut them off). Keep systemd's TimeoutStopSec
   * and a load balancer's deregistration delay above it.
   */
  shutdownTimeoutMs: Number(process.env.OMAPOLKU_SHUTDOWN_TIMEOUT_MS ?? 10_000),
  /** The portal's address in mails' links; without it, the address the request came to. */
  publicUrl: process.env.OMAPOLKU_PUBLIC_URL?.replace(/\/+$/, '') || null,
  /** Where this server listens (scripts/serve.mjs): the last resort for a link in a mail written before any request. */
  listenUrl: `${process.env.SERVER_CERT_PATH ? 'https' : 'http'}://${process.env.HOST === '0.0.0.0' ? 'localhost' : (process.env.HOST ?? '127.0.0.1')}:${process.env.PORT ?? 4321}`,
  /**
   * How often the notification scheduler (src/server/notifications/scheduler.ts) looks for what
   * is due: "after an hour", the summary times, reminders. The tests make it short.
   */
  notifyTickMs: Number(process.env.OMAPOLKU_NOTIFY_TICK_MS ?? 60_000),
  /**
   * Single sign-on for staff (OpenID Connect: Entra ID and others), or null when not set up:
   * OMAPOLKU_OIDC_ISSUER, OMAPOLKU_OIDC_CLIENT_ID, OMAPOLKU_OIDC_CLIENT_SECRET (src/server/auth/sso.ts).
   */
  sso: parseSsoConfig(process.env),
  /**
   * Web Push (src/server/push/): the VAPID subject, an address the browsers' push services may
   * contact about our pushes (RFC 8292 §2.1). By default the mail sender's address. The push
   * outbox is delivered with the mail outbox's poll, retry and lease times above.
   */
  /**
   * Push service hosts besides the browsers' own (comma-separated): a self-hosted service, or the
   * tests' loopback one. A subscription to any other address is refused (src/domain/push/subscription.ts).
   */
  pushHosts: (process.env.OMAPOLKU_PUSH_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean),
  pushSubject: process.env.OMAPOLKU_PUSH_SUBJECT || `mailto:${/<([^>]+)>/.exec(process.env.OMAPOLKU_MAIL_FROM ?? '')?.[1] ?? process.env.OMAPOLKU_MAIL_FROM ?? 'omapolku@localhost'}`,
};
