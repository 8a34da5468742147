import { isIsoDate } from '../attendance/month';

/** Reads a Finnish date "31.12.2026" (or an ISO date from a date picker) as YYYY-MM-DD, or '' if it is not one. */
export function parseDayInput(text: string): string {
  const s = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return isIsoDate(s) ? s : '';
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (!m) return '';
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : '';
}
