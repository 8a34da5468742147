import { parseDayInput } from '@domain/time/day-input';
import { isLoggedTopic, type StaffLogFilter } from './access-log';

/** Reads the access log filter from a URL (the page's GET form and the CSV link share it). */
export function readLogFilter(params: URLSearchParams): { filter: StaffLogFilter; typed: Record<string, string>; badDates: string[] } {
  const typed = {
    actor: params.get('actor') ?? '',
    topic: params.get('topic') ?? '',
    from: (params.get('from') ?? '').slice(0, 40),
    to: (params.get('to') ?? '').slice(0, 40),
  };
  const actorId = Number(typed.actor);
  const from = typed.from ? parseDayInput(typed.from) : null;
  const to = typed.to ? parseDayInput(typed.to) : null;
  return {
    filter: {
      actorId: typed.actor && Number.isInteger(actorId) ? actorId : null,
      topic: isLoggedTopic(typed.topic) ? typed.topic : null,
      from: from || null,
      to: to || null,
    },
    typed,
    badDates: [from === '' ? 'from' : '', to === '' ? 'to' : ''].filter(Boolean),
  };
}
