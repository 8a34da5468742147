/**
 * The work a server does besides answering requests, started once with it (the middleware loads
 * at start) and again by a request if the database was down then: the mail sender, which checks
 * each notification once more just before sending it, and the notification scheduler.
 */
import { startMailSender } from '@server/mail';
import { startNotificationScheduler } from '@server/notifications';
import { recheckNotification } from '@server/notifications/recheck';

export function startBackgroundWork(): void {
  void startMailSender(recheckNotification);
  void startNotificationScheduler();
}
