/**
 * What a person has chosen to be told of by mail (issue 17), and the form that chooses it.
 * Pure: the store reads and writes the row, the page draws the form.
 *
 * A worker chooses a timing for messages and for absence reports, whether consents ending and
 * plan reviews are in the summary, and the summary times. A family member chooses only yes or no
 * for a worker's reply and for the client's absence reports (the latter only counts with the
 * client's consent: src/server/notifications/recipients.ts).
 */
import { isAbsenceTiming, isDigestTime, isMessageTiming, normalTimes, type AbsenceTiming, type MessageTiming } from './schedule';

export interface NotificationSettings {
  messages: MessageTiming;
  absences: AbsenceTiming;
  consents: boolean;
  reviews: boolean;
  /** Summary times, "HH:00", in order. */
  times: string[];
}

/** Until a worker chooses: messages after an hour, absences at once, reminders at 8.00 and 13.00. */
export const WORKER_DEFAULTS: NotificationSettings = { messages: 'hour', absences: 'now', consents: true, reviews: true, times: ['08:00', '13:00'] };
/** Until a family member chooses: a mail for a reply and (with the client's consent) for an absence. */
export const FAMILY_DEFAULTS: NotificationSettings = { messages: 'now', absences: 'now', consents: false, reviews: false, times: [] };

export function defaultsFor(role: 'worker' | 'family'): NotificationSettings {
  return role === 'worker' ? WORKER_DEFAULTS : FAMILY_DEFAULTS;
}

/** Whether the summary times are used: something is told in the summary. */
export function usesSummary(s: Pick<NotificationSettings, 'messages' | 'absences' | 'consents' | 'reviews'>): boolean {
  return s.messages === 'digest' || s.absences === 'digest' || s.consents || s.reviews;
}

export type SettingsError = 'pickTime' | 'badChoice';

export interface SettingsForm {
  settings: NotificationSettings;
  /** Field name → error code; empty when the choices hold. */
  errors: Partial<Record<'messages' | 'absences' | 'times', SettingsError>>;
}

/**
 * Reads the posted form of a worker or a family member. An unknown value (a changed form) is an
 * error of its field; a summary without any time is "Valitse ainakin yksi aika". Every choice is
 * kept for the form drawn again.
 */
export function readSettingsForm(
  role: 'worker' | 'family',
  fields: { messages: string; absences: string; consents: boolean; reviews: boolean; times: readonly string[] },
): SettingsForm {
  const errors: SettingsForm['errors'] = {};
  if (role === 'family') {
    const yes = (v: string) => v === 'now';
    const known = (v: string) => v === 'now' || v === 'off';
    if (!known(fields.messages)) errors.messages = 'badChoice';
    if (!known(fields.absences)) errors.absences = 'badChoice';
    return {
      settings: { messages: yes(fields.messages) ? 'now' : 'off', absences: yes(fields.absences) ? 'now' : 'off', consents: false, reviews: false, times: [] },
      errors,
    };
  }
  const messages = isMessageTiming(fields.messages) ? fields.messages : null;
  const absences = isAbsenceTiming(fields.absences) ? fields.absences : null;
  if (!messages) errors.messages = 'badChoice';
  if (!absences) errors.absences = 'badChoice';
  const times = normalTimes(fields.times);
  const settings: NotificationSettings = { messages: messages ?? WORKER_DEFAULTS.messages, absences: absences ?? WORKER_DEFAULTS.absences, consents: fields.consents, reviews: fields.reviews, times };
  if (fields.times.some((t) => !isDigestTime(t))) errors.times = 'badChoice';
  else if (usesSummary(settings) && times.length === 0) errors.times = 'pickTime';
  return { settings, errors };
}

/** The summary times as stored: "08:00,13:00". */
export const timesText = (times: readonly string[]): string => normalTimes(times).join(',');
export const timesFromText = (text: string): string[] => normalTimes(text.split(','));
