import type { TFunction } from 'i18next';
import type { Lang } from '@domain/language';
import { waitingOf } from '@domain/messages/waiting';
import { dayWithWeekday } from '@domain/time/format';

/**
 * How long a client's message has waited, said for staff (the inbox and the conversation page):
 * "Odottanut 3 työpäivää", and the promised day, or "Myöhässä: …" once it has passed (the words
 * say it, not only the colour).
 */
export interface WaitingWords {
  waited: string;
  /** "Luvattu vastaus viimeistään …", or "Myöhässä: vastaus oli luvattu viimeistään …". */
  due: string;
  overdue: boolean;
}

export function waitingWords(t: TFunction | ((key: string, options?: Record<string, unknown>) => string), lang: Lang, since: number, replyDays: number, now = Date.now()): WaitingWords {
  const tr = t as (key: string, options?: Record<string, unknown>) => string;
  const w = waitingOf(since, now, replyDays);
  const waited =
    w.unit === 'workingDays'
      ? tr('staff:messages.waitedWorkingDays', { count: w.workingDays })
      : w.hours < 1
        ? tr('staff:messages.waitedLessThanHour')
        : tr('staff:messages.waitedHours', { count: w.hours });
  const date = dayWithWeekday(w.dueOn, lang);
  return { waited, due: tr(w.overdue ? 'staff:messages.overdue' : 'staff:messages.dueBy', { date }), overdue: w.overdue };
}
