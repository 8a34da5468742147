import { parseDayInput } from '@domain/time/day-input';
import { isAccessAction, isLoggedTopic, type StaffLogFilter } from './access-log';

/** Reads a log filter's days and page from a URL (shared by the access log and the audit log). */
export function readDaysAndPage(params: URLSearchParams): { from: string | null; to: string | null; page: number; typedFrom: string; typedTo: string; badDates: string[] } {
  const typedFrom = (params.get('from') ?? '').slice(0, 40);
  const typedTo = (params.get('to') ?? '').slice(0, 40);
  const from = typedFrom ? parseDayInput(typedFrom) : null;
  const to = typedTo ? parseDayInput(typedTo) : null;
  const page = Number(params.get('page') ?? '1');
  return {
    from: from || null,
    to: to || null,
    page: Number.isSafeInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
    typedFrom,
    typedTo,
    badDates: [from === '' ? 'from' : '', to === '' ? 'to' : ''].filter(Boolean),
  };
}

/** Reads the access log filter from a URL (the page's GET form and the CSV link share it). */
export function readLogFilter(params: URLSearchParams): { filter: StaffLogFilter; typed: Record<string, string>; badDates: string[]; page: number } {
  const days = readDaysAndPage(params);
  const typed = {
    actor: params.get('actor') ?? '',
    topic: params.get('topic') ?? '',
    action: params.get('action') ?? '',
    from: days.typedFrom,
    to: days.typedTo,
  };
  const actorId = Number(typed.actor);
  return {
    filter: {
      actorId: typed.actor && Number.isSafeInteger(actorId) ? actorId : null,
      topic: isLoggedTopic(typed.topic) ? typed.topic : null,
      action: isAccessAction(typed.action) ? typed.action : null,
      from: days.from,
      to: days.to,
    },
    typed,
    badDates: days.badDates,
    page: days.page,
  };
}
