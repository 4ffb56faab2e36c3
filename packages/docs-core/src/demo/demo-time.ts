import { addCalendarDays, vietnamDate, weekdayOfDate } from '@eoffice/vietnamese';

/** Office hours of the demo agency, Vietnam time: 07:30–17:00, Monday to Friday. */
const OPEN_MINUTE = 7 * 60 + 30;
const CLOSE_MINUTE = 17 * 60;

export function vietnamMoment(date: string, minuteOfDay: number): Date {
  const hh = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  const mm = String(minuteOfDay % 60).padStart(2, '0');
  return new Date(`${date}T${hh}:${mm}:00+07:00`);
}

function minuteOfDay(instant: Date): number {
  const local = new Date(instant.getTime() + 7 * 3_600_000);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

/** Fixed-date public holidays (Tết Dương lịch, 30/4, 1/5, 2/9): the demo office is closed then too. */
const FIXED_HOLIDAYS = new Set(['01-01', '04-30', '05-01', '09-02']);

export function isWorkingDate(date: string): boolean {
  const day = weekdayOfDate(date);
  return day !== 0 && day !== 6 && !FIXED_HOLIDAYS.has(date.slice(5));
}

/** The first working date on or after `date`. */
export function workingDateFrom(date: string): string {
  let d = date;
  while (!isWorkingDate(d)) d = addCalendarDays(d, 1);
  return d;
}

/**
 * `minutes` after `from`, moved into office hours: past closing or on a weekend it becomes the next working morning
 * (plus `morningOffset` minutes, so that not everything happens at 07:30 sharp).
 */
export function laterInOfficeHours(from: Date, minutes: number, morningOffset: number): Date {
  const candidate = new Date(from.getTime() + minutes * 60_000);
  const date = vietnamDate(candidate);
  const minute = minuteOfDay(candidate);
  if (isWorkingDate(date) && minute >= OPEN_MINUTE && minute < CLOSE_MINUTE) return candidate;
  const nextDate = minute < OPEN_MINUTE && isWorkingDate(date) ? date : workingDateFrom(addCalendarDays(date, 1));
  return vietnamMoment(nextDate, OPEN_MINUTE + Math.min(morningOffset, CLOSE_MINUTE - OPEN_MINUTE - 1));
}

export const OFFICE_MINUTES = { open: OPEN_MINUTE, close: CLOSE_MINUTE } as const;
