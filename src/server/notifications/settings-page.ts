/**
 * /settings/notifications (issue 17): a worker chooses what Omapolku mails them and when (staff
 * page); a family member chooses yes or no for a worker's reply and for the client's absence
 * reports (easy-read page). A plain POST; a saved form answers 303 to the page with its notice,
 * and a form with a wrong or missing choice is drawn again with every choice kept (400). The
 * same choices sent twice save the same row.
 */
import type { Database } from '@server/db';
import type { SessionActor } from '@server/auth/session';
import { field } from '@server/forms';
import type { FieldErrors } from '@domain/forms/field-errors';
import { readSettingsForm, type NotificationSettings } from '@domain/notifications/settings';
import { saveSettings, settingsOf } from './store';

export type NotificationsAnswer = { kind: 'redirect'; to: string } | { kind: 'show'; status: 200 | 400; role: 'worker' | 'family'; settings: NotificationSettings; errors: FieldErrors; saved: boolean };

const ERROR_KEYS = {
  pickTime: 'staff:notifications.errors.pickTime',
  badChoice: 'staff:notifications.errors.badChoice',
} as const;
const FAMILY_ERROR_KEYS = { pickTime: 'family:notifications.errors.badChoice', badChoice: 'family:notifications.errors.badChoice' } as const;

export async function notificationSettingsPage(db: Database, actor: SessionActor, form: FormData | null, url: URL, now = Date.now()): Promise<NotificationsAnswer> {
  const role = actor.person.role;
  // (ROLE_AREAS lets only workers and family members here.)
  if (role !== 'worker' && role !== 'family') return { kind: 'redirect', to: '/' };
  if (!form) {
    return { kind: 'show', status: 200, role, settings: await settingsOf(db, actor.person.id, role), errors: {}, saved: url.searchParams.get('saved') === '1' };
  }
  const strings = (name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string').slice(0, 20).map((v) => v.slice(0, 10));
  const reminders = strings('reminders');
  const { settings, errors } = readSettingsForm(role, {
    messages: field(form, 'messages', 10),
    absences: field(form, 'absences', 10),
    consents: reminders.includes('consents'),
    reviews: reminders.includes('reviews'),
    times: strings('times'),
  });
  const keys = role === 'worker' ? ERROR_KEYS : FAMILY_ERROR_KEYS;
  const fieldErrors: FieldErrors = Object.fromEntries(Object.entries(errors).map(([name, code]) => [name, keys[code]]));
  if (Object.keys(fieldErrors).length > 0) return { kind: 'show', status: 400, role, settings, errors: fieldErrors, saved: false };
  await saveSettings(db, actor.person.id, settings, now);
  return { kind: 'redirect', to: '/settings/notifications?saved=1#notice' };
}
