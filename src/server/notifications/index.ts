/** The process's one notification scheduler (./scheduler.ts), started with the server. */
import { config } from '@server/config';
import { getDb } from '@server/db';
import { NotificationScheduler } from './scheduler';

let starting: Promise<NotificationScheduler | null> | null = null;

export function startNotificationScheduler(): Promise<NotificationScheduler | null> {
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
