import { addCalendarDays, weekdayOfDate } from '../clock/vietnam-time.js';

/**
 * Hook for the working-day calendar. TODO(D-search): use the holiday calendar in `src/calendar/` (fixed public
 * holidays, Tết and compensatory days kept as data) once it lands; until then only Saturdays and Sundays are off.
 */
export function isWorkingDay(date: string): boolean {
  const weekday = weekdayOfDate(date);
  return weekday !== 0 && weekday !== 6;
}

/** The first working day strictly after `date` (Điều 4.2.c: "at the latest the next working day"). */
export function nextWorkingDay(date: string): string {
  let day = addCalendarDays(date, 1);
  while (!isWorkingDay(day)) day = addCalendarDays(day, 1);
  return day;
}
