/**
 * The words of each notification (issue 17, point 4): in the recipient's own language, plain
 * text, and with no client data at all. A mail says what kind of thing is waiting and links to
 * the page, never who or what: "Omapolussa on uusi viesti", not "Matti kysyi…". Links carry no
 * client id either (the inbox, the worker's home, the family home). A family member's mail is
 * easy-read (mail.json is checked by the easy-read rules).
 */
import { tFor } from '@server/i18n';
import type { OutgoingMail } from '@server/mail';
import { timeWords } from '@domain/notifications/schedule';
import type { Recipient } from './store';

/** The kinds of notification mail, as the outbox page names them (staff.json outbox.kinds). */
export type NotificationMailKind = 'notify-message' | 'notify-absence' | 'notify-digest' | 'family-message' | 'family-absence';

/** What the sender checks again before the mail goes (src/server/notifications/recheck.ts). */
export type Recheck =
  | { check: 'worker'; person: number }
  | { check: 'staff'; person: number; client: number; message?: number; report?: number }
  | { check: 'family'; person: number; client: number }
  | { check: 'family_absence'; person: number; client: number; report: number };

export interface DigestCounts {
  messages: number;
  absences: number;
  consents: number;
  reviews: number;
}

function lines(...parts: (string | null)[]): string {
  return parts.filter((p): p is string => p !== null).join('\n\n');
}

function mail(to: Recipient, key: string, kind: NotificationMailKind, subject: string, text: string, recheck: Recheck): OutgoingMail {
  return { key, unitId: to.unit_id, recipientId: to.id, to: to.email, language: to.language, kind, subject, text, recheck: recheck as Record<string, unknown> };
}

/** A client's message waits for the worker's answer (at once, or after an hour). */
export function workerMessageMail(to: Recipient, key: string, base: string, hour: boolean, recheck: Recheck): OutgoingMail {
  const t = tFor(to.language);
  return mail(
    to,
    key,
    'notify-message',
    t('mail:notify.message.subject'),
    lines(t('mail:notify.hello', { name: to.preferred_name }), t(hour ? 'mail:notify.message.hour' : 'mail:notify.message.now'), t('mail:notify.message.open', { link: `${base}/worker/messages` }), t('mail:notify.settings', { link: `${base}/settings/notifications` }), t('mail:notify.bye')),
    recheck,
  );
}

/** A new absence report for today or the next working day. */
export function workerAbsenceMail(to: Recipient, key: string, base: string, recheck: Recheck): OutgoingMail {
  const t = tFor(to.language);
  return mail(
    to,
    key,
    'notify-absence',
    t('mail:notify.absence.subject'),
    lines(t('mail:notify.hello', { name: to.preferred_name }), t('mail:notify.absence.text'), t('mail:notify.absence.open', { link: `${base}/worker` }), t('mail:notify.settings', { link: `${base}/settings/notifications` }), t('mail:notify.bye')),
    recheck,
  );
}

/** The summary at a chosen time: how many of each kind are new, nothing more. */
export function workerDigestMail(to: Recipient, key: string, base: string, time: string, counts: DigestCounts): OutgoingMail {
  const t = tFor(to.language);
  const count = (kind: keyof DigestCounts) => (counts[kind] > 0 ? t(`mail:notify.digest.${kind}`, { count: counts[kind] }) : null);
  const list = [count('messages'), count('absences'), count('consents'), count('reviews')].filter((l): l is string => l !== null).join('\n');
  return mail(
    to,
    key,
    'notify-digest',
    t('mail:notify.digest.subject', { time: timeWords(time) }),
    lines(t('mail:notify.hello', { name: to.preferred_name }), t('mail:notify.digest.intro'), list, t('mail:notify.digest.open', { link: `${base}/worker` }), t('mail:notify.settings', { link: `${base}/settings/notifications` }), t('mail:notify.bye')),
    { check: 'worker', person: to.id },
  );
}

/** A worker wrote in the conversation of a client the family member helps. */
export function familyMessageMail(to: Recipient, key: string, base: string, recheck: Recheck): OutgoingMail {
  const t = tFor(to.language);
  return mail(
    to,
    key,
    'family-message',
    t('mail:family.message.subject'),
    lines(t('mail:notify.hello', { name: to.preferred_name }), t('mail:family.message.text'), t('mail:family.message.open', { link: `${base}/family` }), t('mail:family.settings', { link: `${base}/settings/notifications` }), t('mail:notify.bye')),
    recheck,
  );
}

/** An absence report of a client who has consented to family knowing their schedule. */
export function familyAbsenceMail(to: Recipient, key: string, base: string, recheck: Recheck): OutgoingMail {
  const t = tFor(to.language);
  return mail(
    to,
    key,
    'family-absence',
    t('mail:family.absence.subject'),
    lines(t('mail:notify.hello', { name: to.preferred_name }), t('mail:family.absence.text'), t('mail:family.absence.open', { link: `${base}/family` }), t('mail:family.settings', { link: `${base}/settings/notifications` }), t('mail:notify.bye')),
    recheck,
  );
}
