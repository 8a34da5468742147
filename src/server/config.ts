import path from 'node:path';

/**
 * Every setting the server reads from its environment, in one place, with the default
 * that makes `npm start` work on a fresh clone. The README lists the same variables.
 */
export const config = {
  /** The SQLite file. Tests and the benchmark point this at their own temporary files. */
  databasePath: process.env.OMAPOLKU_DB ?? path.resolve('data', 'omapolku.sqlite'),
  /** Secure cookies need HTTPS; on by default in production, off on plain http://localhost. */
  secureCookies: (process.env.OMAPOLKU_SECURE_COOKIES ?? (process.env.NODE_ENV === 'production' ? '1' : '0')) === '1',
  /** Minutes without activity before a shared-tablet session ends (WCAG 2.2.1: warned first). */
  sharedIdleMinutes: Number(process.env.OMAPOLKU_SHARED_IDLE_MINUTES ?? 15),
  /** Seconds before the idle end when the "Jatka" warning appears. */
  idleWarningSeconds: Number(process.env.OMAPOLKU_IDLE_WARNING_SECONDS ?? 120),
};
