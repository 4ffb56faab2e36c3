import { EOfficeError } from '@eoffice/contract';
import { addCalendarDays, startOfVietnamDay, vietnamDate, weekdayOfDate } from '@eoffice/vietnamese';

export interface DayException {
  readonly date: string;
  readonly kind: 'holiday' | 'working';
  readonly name: string;
}

export interface RecurringHoliday {
  readonly month: number;
  readonly day: number;
  readonly name: string;
}

export interface WorkingCalendarData {
  readonly recurring: readonly RecurringHoliday[];
  readonly exceptions: readonly DayException[];
  /** Weekdays off (0 = Sunday): Saturday and Sunday for state bodies working five days a week. */
  readonly weekend: readonly number[];
}

export interface Overdue {
  /** The due date moved to the next working day when it falls on a day off. */
  readonly effectiveDueDate: string;
  readonly overdue: boolean;
  /** Working days after the effective due date, up to and including the day of completion (or today). */
  readonly workingDaysLate: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// A guard against an endless walk if every day were marked off.
const MAX_DAYS_SEARCHED = 3660;

/**
 * Working days in Vietnam time: weekends, the fixed public holidays and the per-date exceptions the admin keeps.
 * Pure: built from rows read once, so a service can ask many questions without touching the database.
 */
export class WorkingCalendar {
  readonly #recurring: Map<string, string>;
  readonly #exceptions: Map<string, DayException>;
  readonly #weekend: Set<number>;

  constructor(data: WorkingCalendarData) {
    this.#recurring = new Map(data.recurring.map((h) => [`${pad(h.month)}-${pad(h.day)}`, h.name]));
    this.#exceptions = new Map(data.exceptions.map((e) => [e.date, e]));
    this.#weekend = new Set(data.weekend);
  }

  /** Why a date is not a working day (holiday name or "Nghỉ cuối tuần"), or null when it is one. */
  dayOffReason(date: string): string | null {
    assertDate(date);
    const exception = this.#exceptions.get(date);
    if (exception) return exception.kind === 'working' ? null : exception.name;
    const recurring = this.#recurring.get(date.slice(5));
    if (recurring) return recurring;
    return this.#weekend.has(weekdayOfDate(date)) ? 'Nghỉ cuối tuần' : null;
  }

  isWorkingDay(date: string): boolean {
    return this.dayOffReason(date) === null;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    return this.addWorkingDays(date, 1);
  }

  /** `date` itself if it is a working day, else the next one. */
  sameOrNextWorkingDay(date: string): string {
    return this.isWorkingDay(date) ? date : this.nextWorkingDay(date);
  }

  /** The date `count` working days after `date` (count ≥ 0; 0 returns `date`). */
  addWorkingDays(date: string, count: number): string {
    assertDate(date);
    if (!Number.isInteger(count) || count < 0) {
      throw new EOfficeError('E_INVALID_INPUT', `Số ngày làm việc không hợp lệ / invalid working-day count: ${count}`);
    }
    let current = date;
    let left = count;
    for (let steps = 0; left > 0; steps += 1) {
      if (steps > MAX_DAYS_SEARCHED) throw new EOfficeError('E_INTERNAL', 'Lịch không có ngày làm việc / no working day found');
      current = addCalendarDays(current, 1);
      if (this.isWorkingDay(current)) left -= 1;
    }
    return current;
  }

  /** Working days in (from, to]: 0 when `to` is not after `from`. */
  workingDaysBetween(from: string, to: string): number {
    assertDate(from);
    assertDate(to);
    let count = 0;
    for (let current = addCalendarDays(from, 1); current <= to; current = addCalendarDays(current, 1)) {
      if (this.isWorkingDay(current)) count += 1;
    }
    return count;
  }

  /**
   * Điều 4.2.c of Decree 30: what arrives on a day is registered that day, at the latest the next working day. The
   * instant by which an item received at `receivedAt` must be registered: 24:00 of the next working day.
   */
  endOfNextWorkingDay(receivedAt: Date): Date {
    const next = this.nextWorkingDay(vietnamDate(receivedAt));
    return startOfVietnamDay(addCalendarDays(next, 1));
  }

  /** True when an item received at `receivedAt` and not registered by `registeredAtOrNow` is late (Điều 4). */
  isRegistrationLate(receivedAt: Date, registeredAtOrNow: Date): boolean {
    return registeredAtOrNow.getTime() >= this.endOfNextWorkingDay(receivedAt).getTime();
  }

  /**
   * A task due on `dueDate` and finished (or still open) at `doneAtOrNow`: late when the day it was done is after
   * the due date, the due date first moved to the next working day if it falls on a day off.
   */
  overdue(dueDate: string, doneAtOrNow: Date): Overdue {
    const effectiveDueDate = this.sameOrNextWorkingDay(dueDate);
    const doneDate = vietnamDate(doneAtOrNow);
    const overdue = doneDate > effectiveDueDate;
    return { effectiveDueDate, overdue, workingDaysLate: overdue ? this.workingDaysBetween(effectiveDueDate, doneDate) : 0 };
  }
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

export function assertDate(date: string): void {
  if (!DATE.test(date) || Number.isNaN(new Date(`${date}T00:00:00Z`).getTime()) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    throw new EOfficeError('E_INVALID_INPUT', `Ngày không hợp lệ (YYYY-MM-DD) / invalid date: ${date}`);
  }
}
