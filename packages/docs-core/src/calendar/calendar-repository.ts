import type { Kysely } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import type { Database } from '../store/schema.js';
import { assertDate, WorkingCalendar, type DayException, type RecurringHoliday } from './working-calendar.js';

/** app_settings key: weekdays off, comma-separated (0 = Sunday). Saturday and Sunday unless the admin says else. */
export const WEEKEND_SETTING = 'calendar.weekend';
const DEFAULT_WEEKEND = [0, 6];

export async function loadWorkingCalendar(db: Kysely<Database>): Promise<WorkingCalendar> {
  const [recurring, exceptions, weekend] = await Promise.all([
    listFixedHolidays(db),
    db.selectFrom('calendar_days').select(['date', 'kind', 'name']).execute(),
    readWeekend(db),
  ]);
  return new WorkingCalendar({ recurring, exceptions, weekend });
}

/** The fixed-date public holidays shipped as data (1/1, 30/4, 1/5, 2/9), in calendar order. */
export async function listFixedHolidays(db: Kysely<Database>): Promise<RecurringHoliday[]> {
  return db.selectFrom('calendar_recurring_holidays').select(['month', 'day', 'name']).orderBy('month').orderBy('day').execute();
}

export async function readWeekend(db: Kysely<Database>): Promise<number[]> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', WEEKEND_SETTING).executeTakeFirst();
  return row ? row.value.split(',').filter((d) => d !== '').map(Number) : DEFAULT_WEEKEND;
}

export interface SetCalendarDayInput extends DayException {
  readonly actor: string | null;
  readonly now: Date;
}

/**
 * Adds or replaces a dated exception: Tết and Giỗ Tổ Hùng Vương (lunar, so entered per year), the day next to
 * Quốc khánh, compensatory days off (holiday) and weekend days worked in exchange (working).
 */
export async function setCalendarDay(db: Kysely<Database>, input: SetCalendarDayInput): Promise<void> {
  assertDate(input.date);
  const name = input.name.trim();
  if (name === '' || name.length > 200) {
    throw new EOfficeError('E_INVALID_INPUT', 'Tên ngày nghỉ/làm bù phải có 1–200 ký tự / name must be 1–200 characters');
  }
  if (input.kind !== 'holiday' && input.kind !== 'working') {
    throw new EOfficeError('E_INVALID_INPUT', `Loại ngày không hợp lệ / kind must be holiday or working: ${String(input.kind)}`);
  }
  const row = { date: input.date, kind: input.kind, name, created_at: input.now.toISOString(), created_by: input.actor };
  await db
    .insertInto('calendar_days')
    .values(row)
    .onConflict((oc) => oc.column('date').doUpdateSet({ kind: row.kind, name: row.name, created_at: row.created_at, created_by: row.created_by }))
    .execute();
}

export async function removeCalendarDay(db: Kysely<Database>, date: string): Promise<boolean> {
  assertDate(date);
  const result = await db.deleteFrom('calendar_days').where('date', '=', date).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listCalendarDays(db: Kysely<Database>, year: number): Promise<DayException[]> {
  return db
    .selectFrom('calendar_days')
    .select(['date', 'kind', 'name'])
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
}
