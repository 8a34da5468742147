import { holidayOn } from './holidays';
import { addDays, isoWeekday } from './month';

/** Whether a day is a working day: Monday to Friday and not a Finnish public holiday. */
export function isWorkingDay(day: string): boolean {
  return isoWeekday(day) <= 5 && !holidayOn(day);
}

/** The next `count` working days after `from` (not `from` itself), in order. */
export function workingDaysAfter(from: string, count: number): string[] {
  const days: string[] = [];
  for (let day = addDays(from, 1); days.length < count; day = addDays(day, 1)) if (isWorkingDay(day)) days.push(day);
  return days;
}
