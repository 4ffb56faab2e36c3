import type { ServiceImplementation } from '@eoffice/contract';
import { appendAudit } from '../audit/audit-log.js';
import { resolveDueDate } from '../calendar/due-date.js';
import { listCalendarDays, loadWorkingCalendar, listFixedHolidays, readWeekend, removeCalendarDay, setCalendarDay } from '../calendar/calendar-repository.js';
import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/store.js';
import { requireRole } from '../users/actor.js';
import { actorOf } from './call-actor.js';

export interface CalendarServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
}

/** The working-day calendar: everyone signed in reads it (deadlines depend on it); only an admin changes it. */
export function createCalendarService({ store, clock }: CalendarServiceOptions): ServiceImplementation<'calendar'> {
  const db = store.db;
  return {
    list: async ({ year }, context) => {
      await actorOf(store, clock, context);
      const [days, fixedHolidays, weekend] = await Promise.all([listCalendarDays(db, year), listFixedHolidays(db), readWeekend(db)]);
      return { days, fixedHolidays, weekend };
    },
    setDay: async (day, context) => {
      const actor = await actorOf(store, clock, context);
      requireRole(actor, ['admin'], 'sửa lịch làm việc');
      await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('calendar_days').select(['kind', 'name']).where('date', '=', day.date).executeTakeFirst();
        await setCalendarDay(trx, { ...day, actor: actor.username, now: clock.now() });
        await appendAudit(trx, clock, { actor: actor.username, action: 'calendar.set', objectType: 'calendar-day', objectId: day.date, before: before ?? null, after: { kind: day.kind, name: day.name } });
      });
      return { date: day.date, kind: day.kind, name: day.name };
    },
    dueDate: async ({ workingDays }, context) => {
      await actorOf(store, clock, context);
      return { date: resolveDueDate(await loadWorkingCalendar(db), { dueInWorkingDays: workingDays }, clock.now())! };
    },
    removeDay: async ({ date }, context) => {
      const actor = await actorOf(store, clock, context);
      requireRole(actor, ['admin'], 'sửa lịch làm việc');
      const removed = await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('calendar_days').select(['kind', 'name']).where('date', '=', date).executeTakeFirst();
        if (!before) return false;
        await removeCalendarDay(trx, date);
        await appendAudit(trx, clock, { actor: actor.username, action: 'calendar.remove', objectType: 'calendar-day', objectId: date, before, after: null });
        return true;
      });
      return { removed };
    },
  };
}
