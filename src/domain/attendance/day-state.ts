import type { AttendanceStatus } from './status';

/**
 * What one day of the client's calendar shows. A recorded status wins; then a reported absence
 * ("ilmoitettu" until a worker confirms it); then a public holiday (no service); then a coming
 * day of the weekly schedule. Other days show nothing.
 */
export type DayState = AttendanceStatus | 'reported' | 'coming' | 'none';

export function dayState(day: string, facts: { status?: AttendanceStatus; reported: boolean; holiday: boolean; scheduled: boolean; today: string }): DayState {
  if (facts.status) return facts.status;
  if (facts.reported) return 'reported';
  if (facts.holiday && facts.scheduled) return 'no_service';
  if (facts.scheduled && day >= facts.today) return 'coming';
  return 'none';
}
