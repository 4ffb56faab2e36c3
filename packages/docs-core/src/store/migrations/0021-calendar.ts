import { sql } from 'kysely';
import type { Migration } from '../migration.js';
import { dialectOf } from '../store-dialect.js';

/**
 * Working-day calendar kept as data. Recurring rows are the fixed-date public holidays of the Labour Code 2019
 * (Điều 112): 1/1, 30/4, 1/5, 2/9. Everything that moves from year to year — Tết (5 days, lunar), Giỗ Tổ Hùng
 * Vương (10/3 lunar), the day next to 2/9 that the Prime Minister picks, compensatory days off and the Saturdays
 * worked in exchange — is entered per date by the admin into `calendar_days`.
 */
export const migration0021Calendar: Migration = {
  version: 21,
  name: 'calendar',
  async up(db) {
    await db.schema
      .createTable('calendar_recurring_holidays')
      .addColumn('month', 'integer', (c) => c.notNull().check(sql`month between 1 and 12`))
      .addColumn('day', 'integer', (c) => c.notNull().check(sql`day between 1 and 31`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('calendar_recurring_holidays_pk', ['month', 'day'])
      .execute();
    await db
      .insertInto('calendar_recurring_holidays')
      .values([
        { month: 1, day: 1, name: 'Tết Dương lịch' },
        { month: 4, day: 30, name: 'Ngày Chiến thắng' },
        { month: 5, day: 1, name: 'Ngày Quốc tế lao động' },
        { month: 9, day: 2, name: 'Quốc khánh' },
      ])
      .execute();
    await db.schema
      .createTable('calendar_days')
      .addColumn('date', 'text', (c) =>
        c.primaryKey().check(
          dialectOf(db) === 'postgres'
            ? sql`date ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'`
            : sql`date glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`,
        ),
      )
      // holiday: a day off on a weekday; working: a weekend day worked (ngày làm bù).
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('holiday', 'working')`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .execute();
  },
};
