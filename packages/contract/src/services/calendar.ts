import { z } from 'zod';
import { method } from '../define.js';
import { isoDateSchema } from './documents.js';

export const calendarDaySchema = z.object({
  date: z.string(),
  /** holiday: a day off (Tết, Giỗ Tổ, a compensatory day); working: a weekend day worked in exchange. */
  kind: z.enum(['holiday', 'working']),
  name: z.string(),
});

/**
 * Lịch làm việc: the fixed public holidays ship as data; what moves each year (Tết and Giỗ Tổ by the lunar calendar,
 * the day next to 2/9, compensatory days and the weekend days worked for them) the admin enters by date. Deadlines,
 * late registration and statistics count working days with it.
 */
export const calendarService = {
  list: method({
    summary: 'Ngày nghỉ, ngày làm bù và ngày lễ cố định của một năm / days off and working days of a year',
    input: z.object({ year: z.number().int().min(1900).max(9999) }),
    output: z.object({
      days: z.array(calendarDaySchema),
      /** The fixed-date public holidays (Labour Code 2019, Điều 112), every year. */
      fixedHolidays: z.array(z.object({ month: z.number().int(), day: z.number().int(), name: z.string() })),
      weekend: z.array(z.number().int().min(0).max(6)),
    }),
  }),
  setDay: method({
    summary: 'Thêm hoặc sửa một ngày nghỉ / ngày làm bù (quản trị) / add or change a day off or a working day (admin)',
    input: calendarDaySchema.extend({ date: isoDateSchema, name: z.string().trim().min(1).max(200) }),
    output: calendarDaySchema,
  }),
  dueDate: method({
    summary: 'Ngày hết hạn sau N ngày làm việc kể từ hôm nay (theo lịch) / the date N working days from today',
    input: z.object({ workingDays: z.number().int().min(1).max(365) }).strict(),
    output: z.object({ date: z.string() }),
  }),
  removeDay: method({
    summary: 'Bỏ một ngày đã nhập (quản trị) / remove an entered day (admin)',
    input: z.object({ date: isoDateSchema }),
    output: z.object({ removed: z.boolean() }),
  }),
};
