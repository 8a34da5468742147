/**
 * The work a server does besides answering requests, started once with it (the middleware loads
 * at start) and again by a request if the database was down then: the mail sender, which checks
 * each notification once more just before sending it, and the notification scheduler.
 */
import { startMailSender, stopMailSender } from '@server/mail';
import { startNotificationScheduler, stopNotificationScheduler } from '@server/notifications';
import { recheckNotification } from '@server/notifications/recheck';

export function startBackgroundWork(): void {
  void startMailSender(recheckNotification);
  void startNotificationScheduler();
}

/**
 * Stops both for good (the graceful stop, src/server/ops/front.ts): the scheduler first, so it
 * queues nothing more, then the sender, which finishes the mail it is sending.
 */
export async function stopBackgroundWork(): Promise<void> {
  await stopNotificationScheduler();
  await stopMailSender();
}
