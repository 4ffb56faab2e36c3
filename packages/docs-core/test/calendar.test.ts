import { describe, expect, it } from 'vitest';
import {
  listCalendarDays,
  loadWorkingCalendar,
  removeCalendarDay,
  setCalendarDay,
  WEEKEND_SETTING,
} from '../src/calendar/index.js';
import { openStore, type Store } from '../src/store/store.js';
import { useTempDir } from './helpers.js';

const now = new Date('2026-01-05T09:00:00+07:00');

describe('working-day calendar (real SQLite)', () => {
  const tempDir = useTempDir();

  async function withStore(run: (store: Store) => Promise<void>): Promise<void> {
    const store = await openStore({ dataDir: await tempDir() });
    try {
      await run(store);
    } finally {
      await store.close();
    }
  }

  it('ships the fixed-date public holidays and skips weekends', async () => {
    await withStore(async (store) => {
      const calendar = await loadWorkingCalendar(store.db);
      expect(calendar.dayOffReason('2026-01-01')).toBe('Tết Dương lịch');
      expect(calendar.dayOffReason('2026-04-30')).toBe('Ngày Chiến thắng');
      expect(calendar.dayOffReason('2026-05-01')).toBe('Ngày Quốc tế lao động');
      expect(calendar.dayOffReason('2026-09-02')).toBe('Quốc khánh');
      expect(calendar.dayOffReason('2026-05-02')).toBe('Nghỉ cuối tuần');
      expect(calendar.isWorkingDay('2026-04-29')).toBe(true);
      // Wed 29/4 + 1 working day jumps Thu 30/4, Fri 1/5 and the weekend.
      expect(calendar.addWorkingDays('2026-04-29', 1)).toBe('2026-05-04');
      expect(calendar.addWorkingDays('2026-04-29', 0)).toBe('2026-04-29');
      expect(calendar.addWorkingDays('2026-04-27', 5)).toBe('2026-05-06');
      expect(calendar.workingDaysBetween('2026-04-27', '2026-05-06')).toBe(5);
      expect(calendar.workingDaysBetween('2026-05-06', '2026-04-27')).toBe(0);
    });
  });

  it('takes Tết, Giỗ Tổ and compensatory days from the admin, per year, and worked Saturdays too', async () => {
    await withStore(async (store) => {
      expect((await loadWorkingCalendar(store.db)).isWorkingDay('2026-02-17')).toBe(true);
      for (const date of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) {
        await setCalendarDay(store.db, { date, kind: 'holiday', name: 'Tết Nguyên đán', actor: 'admin', now });
      }
      await setCalendarDay(store.db, { date: '2026-04-27', kind: 'holiday', name: 'Giỗ Tổ Hùng Vương', actor: 'admin', now });
      await setCalendarDay(store.db, { date: '2026-02-28', kind: 'working', name: 'Làm bù', actor: 'admin', now });
      const calendar = await loadWorkingCalendar(store.db);
      expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
      expect(calendar.dayOffReason('2026-04-27')).toBe('Giỗ Tổ Hùng Vương');
      expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
      expect(calendar.addWorkingDays('2026-02-27', 1)).toBe('2026-02-28');
      expect((await listCalendarDays(store.db, 2026)).map((d) => d.date)).toHaveLength(7);
      expect(await listCalendarDays(store.db, 2027)).toEqual([]);
      expect(await removeCalendarDay(store.db, '2026-02-28')).toBe(true);
      expect(await removeCalendarDay(store.db, '2026-02-28')).toBe(false);
      expect((await loadWorkingCalendar(store.db)).isWorkingDay('2026-02-28')).toBe(false);
      await expect(setCalendarDay(store.db, { date: '2026-02-30', kind: 'holiday', name: 'x', actor: null, now })).rejects.toMatchObject({
        code: 'E_INVALID_INPUT',
      });
      await expect(setCalendarDay(store.db, { date: '2026-03-02', kind: 'holiday', name: '  ', actor: null, now })).rejects.toThrow(/1–200/);
    });
  });

  it('reads the weekend from settings', async () => {
    await withStore(async (store) => {
      await store.db.insertInto('app_settings').values({ key: WEEKEND_SETTING, value: '0', updated_at: 'x' }).execute();
      const calendar = await loadWorkingCalendar(store.db);
      expect(calendar.isWorkingDay('2026-05-02')).toBe(true);
      expect(calendar.isWorkingDay('2026-05-03')).toBe(false);
    });
  });

  it('flags registration late after the end of the next working day, in Vietnam time (Điều 4)', async () => {
    await withStore(async (store) => {
      const calendar = await loadWorkingCalendar(store.db);
      const friday = new Date('2026-04-24T16:00:00+07:00');
      expect(calendar.endOfNextWorkingDay(friday).toISOString()).toBe(new Date('2026-04-28T00:00:00+07:00').toISOString());
      const beforeHolidays = new Date('2026-04-29T10:00:00+07:00');
      expect(calendar.isRegistrationLate(beforeHolidays, new Date('2026-05-04T23:59:59+07:00'))).toBe(false);
      expect(calendar.isRegistrationLate(beforeHolidays, new Date('2026-05-05T00:00:00+07:00'))).toBe(true);
      // 17:30 UTC on 29/4 is already 30/4 in Vietnam: the next working day is still 4/5.
      const lateEvening = new Date('2026-04-29T17:30:00Z');
      expect(calendar.endOfNextWorkingDay(lateEvening).toISOString()).toBe(new Date('2026-05-05T00:00:00+07:00').toISOString());
      // Received on Monday 4/5: must be registered by the end of Tuesday 5/5.
      expect(calendar.isRegistrationLate(new Date('2026-05-04T08:00:00+07:00'), new Date('2026-05-06T08:00:00+07:00'))).toBe(true);
    });
  });

  it('computes overdue on working days, moving a due date that falls on a day off', async () => {
    await withStore(async (store) => {
      const calendar = await loadWorkingCalendar(store.db);
      expect(calendar.overdue('2026-05-01', new Date('2026-05-04T15:00:00+07:00'))).toEqual({
        effectiveDueDate: '2026-05-04',
        overdue: false,
        workingDaysLate: 0,
      });
      expect(calendar.overdue('2026-05-01', new Date('2026-05-06T08:00:00+07:00'))).toEqual({
        effectiveDueDate: '2026-05-04',
        overdue: true,
        workingDaysLate: 2,
      });
      // Finished on a Saturday after a Thursday deadline: Friday counts, Saturday does not.
      expect(calendar.overdue('2026-05-07', new Date('2026-05-09T10:00:00+07:00'))).toMatchObject({ overdue: true, workingDaysLate: 1 });
      expect(() => calendar.overdue('2026-13-01', now)).toThrow(/Ngày không hợp lệ/);
    });
  });
});
