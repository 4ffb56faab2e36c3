import { EOfficeError } from '@eoffice/contract';
import { vietnamDate } from '@eoffice/vietnamese';
import type { WorkingCalendar } from './working-calendar.js';

/** A deadline as a caller gives it: a date, or a number of working days from today (Vietnam time). */
export interface DueDateRequest {
  readonly dueDate?: string | undefined;
  readonly dueInWorkingDays?: number | undefined;
}

/**
 * The due date a deadline names, on the working-day calendar: N working days after today, or the date given, which
 * must be a working day. A date on a day off is refused (E_DUE_DATE_DAY_OFF) with the next working day suggested,
 * never moved silently: the one who sets the deadline decides. Undefined when neither was given.
 */
export function resolveDueDate(calendar: WorkingCalendar, request: DueDateRequest, now: Date): string | undefined {
  const { dueDate, dueInWorkingDays } = request;
  if (dueDate !== undefined && dueInWorkingDays !== undefined) {
    throw new EOfficeError('E_INVALID_INPUT', 'Chỉ ghi hạn theo ngày hoặc theo số ngày làm việc, không cả hai / give a due date or a number of working days, not both');
  }
  if (dueInWorkingDays !== undefined) return calendar.addWorkingDays(vietnamDate(now), dueInWorkingDays);
  if (dueDate === undefined) return undefined;
  const reason = calendar.dayOffReason(dueDate);
  if (reason !== null) {
    const suggested = calendar.nextWorkingDay(dueDate);
    throw new EOfficeError(
      'E_DUE_DATE_DAY_OFF',
      `Hạn ${dayText(dueDate)} là ngày nghỉ (${reason}); ngày làm việc kế tiếp: ${dayText(suggested)} / the due date is a day off; the next working day is ${suggested}`,
      { dueDate, reason, suggested },
    );
  }
  return dueDate;
}

function dayText(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}
