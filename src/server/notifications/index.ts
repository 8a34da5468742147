/** The process's one notification scheduler (./scheduler.ts), started with the server. */
import { config } from '@server/config';
import { getDb } from '@server/db';
import { NotificationScheduler } from './scheduler';

let starting: Promise<NotificationScheduler | null> | null = null;
let stopped = false;

export function startNotificationScheduler(): Promise<NotificationScheduler | null> {
  // Once stopped (the server is stopping) it stays stopped, as the mail sender does.
  if (stopped) return Promise.resolve(null);
  starting ??= getDb()
    .then((db) => new NotificationScheduler(db, config.notifyTickMs).start())
    .catch((err: unknown) => {
      // As the mail sender: the first request that opens the database tries again.
      console.error('Omapolku notifications: the scheduler did not start:', err);
      starting = null;
      return null;
    });
  return starting;
}

/** Stops the scheduler for good (the graceful stop): a tick in progress finishes first. */
export async function stopNotificationScheduler(): Promise<void> {
  stopped = true;
  const scheduler = await starting;
  starting = null;
  await scheduler?.stop();
}
