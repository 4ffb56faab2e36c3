import { describe, expect, it } from 'vitest';
import { createDispatcher, type CallContext, type ServiceImplementations } from '@eoffice/contract';
import { verifyAuditChain } from '../src/audit/index.js';
import { loadWorkingCalendar } from '../src/calendar/index.js';
import { createCalendarService } from '../src/services/calendar-service.js';
import { useTempDir } from './helpers.js';
import { makeWorld } from './workflow-helpers.js';

const as = (username: string): CallContext => ({ sessionToken: null, actingUsername: username, face: 'test' });

describe('calendar service: the admin enters what moves each year', () => {
  const tempDir = useTempDir();

  it('Tết and a compensatory working Saturday change the working-day count; only an admin changes them; each change is audited', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const calendar = createCalendarService({ store: world.store, clock: world.clock });
      // Before: 5 working days after Thursday 2027-02-04 end on Thursday 2027-02-11.
      expect((await loadWorkingCalendar(world.store.db)).addWorkingDays('2027-02-04', 5)).toBe('2027-02-11');

      for (const date of ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11']) {
        await calendar.setDay({ date, kind: 'holiday', name: 'Tết Nguyên đán' }, as('admin'));
      }
      await calendar.setDay({ date: '2027-02-20', kind: 'working', name: 'Làm bù cho ngày 05/02' }, as('admin'));
      const working = await loadWorkingCalendar(world.store.db);
      expect(working.dayOffReason('2027-02-08')).toBe('Tết Nguyên đán');
      expect(working.isWorkingDay('2027-02-20')).toBe(true);
      expect(working.addWorkingDays('2027-02-04', 5)).toBe('2027-02-18');

      await expect(calendar.setDay({ date: '2027-04-16', kind: 'holiday', name: 'Giỗ Tổ Hùng Vương' }, as('vanthu'))).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      await expect(calendar.removeDay({ date: '2027-02-20' }, as('lanhdao'))).rejects.toMatchObject({ code: 'E_FORBIDDEN' });

      const listed = await calendar.list({ year: 2027 }, as('chuyenvien'));
      expect(listed.days.map((d) => d.date)).toEqual(['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-20']);
      expect(listed.fixedHolidays.map((h) => `${h.day}/${h.month}`)).toEqual(['1/1', '30/4', '1/5', '2/9']);
      expect(listed.weekend).toEqual([0, 6]);

      expect(await calendar.removeDay({ date: '2027-02-20' }, as('admin'))).toEqual({ removed: true });
      expect(await calendar.removeDay({ date: '2027-02-20' }, as('admin'))).toEqual({ removed: false });
      expect((await loadWorkingCalendar(world.store.db)).isWorkingDay('2027-02-20')).toBe(false);

      const audit = await world.store.db.selectFrom('audit_log').select(['action', 'object_id']).where('object_type', '=', 'calendar-day').execute();
      expect(audit.filter((a) => a.action === 'calendar.set')).toHaveLength(6);
      expect(audit.filter((a) => a.action === 'calendar.remove')).toEqual([{ action: 'calendar.remove', object_id: '2027-02-20' }]);
      expect((await verifyAuditChain(world.store.db)).ok).toBe(true);

      // Through the contract: a date that does not exist is bad input before any service code runs.
      // Only the calendar is served here; the dispatcher looks a service up when it is called.
      const dispatch = createDispatcher({ calendar } as Partial<ServiceImplementations> as ServiceImplementations);
      const reply = await dispatch('calendar.setDay', { date: '2027-02-30', kind: 'holiday', name: 'Không có' }, as('admin'));
      expect(reply).toMatchObject({ ok: false, error: { code: 'E_INVALID_INPUT' } });
    } finally {
      await world.store.close();
    }
  });
});
