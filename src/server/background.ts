/**
 * The work a server does besides answering requests, started once with it (the middleware loads
 * at start) and again by a request if the database was down then: the mail sender, which checks
 * each notification once more just before sending it, the notification scheduler, and the push
 * sender (the client's own tablet).
 */
import { startMailSender, stopMailSender } from '@server/mail';
import { startNotificationScheduler, stopNotificationScheduler } from '@server/notifications';
import { recheckNotification } from '@server/notifications/recheck';
import { startPushSender, stopPushSender } from '@server/push';

export function startBackgroundWork(): void {
  void startMailSender(recheckNotification);
  void startNotificationScheduler();
  void startPushSender();
}

/**
 * Stops them for good (the graceful stop, src/server/ops/front.ts): the scheduler first, so it
 * queues nothing more, then the senders, which finish the mail and the push they are sending.
 */
export async function stopBackgroundWork(): Promise<void> {
  await stopNotificationScheduler();
  await stopMailSender();
  await stopPushSender();
}
