import { describe, expect, it } from 'vitest';
import { setCalendarDay } from '../src/calendar/index.js';
import { listDueSoon } from '../src/reminders/due-soon.js';
import { useTempDir } from './helpers.js';
import { SENDER, makeWorld, writePdf, type World } from './workflow-helpers.js';

/** Issue 11 item 5: đôn đốc — the assignments due within N working days, on the agency's calendar. */
describe('assignments due soon (đôn đốc)', () => {
  const tempDir = useTempDir();

  async function assigned(world: World, index: number, dueDate: string, lead = 'chuyenvien'): Promise<string> {
    const clerk = await world.as('vanthu');
    const doc = await world.workflow.receive(clerk, {
      file: { path: await writePdf(world.dir, `den-${index}.pdf`) }, attachments: [], source: 'paper', from: SENDER, fromName: 'Sở Tài chính',
      number: String(index), symbol: 'STC', issuedDate: '2026-03-02', type: 'Công văn', subject: `Việc số ${index}`, urgency: 'normal',
      secrecy: 'none', language: 'Tiếng Việt',
    });
    await world.workflow.verify(clerk, doc.id);
    await world.workflow.register(clerk, doc.id);
    await world.workflow.present(clerk, doc.id);
    await world.workflow.assign(await world.as('lanhdao'), doc.id, { lead, support: [], inform: [], dueDate });
    return doc.id;
  }

  it('lists open assignments due within N working days, counting only working days; the assignee sees their own', async () => {
    // Thursday 5 March 2026; the weekend and a holiday on Monday 9 March lie between.
    const world = await makeWorld(await tempDir(), { now: '2026-03-05T09:00:00+07:00' });
    try {
      await setCalendarDay(world.store.db, { date: '2026-03-09', kind: 'holiday', name: 'Nghỉ bù', actor: 'admin', now: world.clock.now() });
      const friday = await assigned(world, 1, '2026-03-06');
      const tuesday = await assigned(world, 2, '2026-03-10');
      await assigned(world, 3, '2026-03-20');
      const leader = await world.as('lanhdao');
      // Two working days from Thursday: Friday and (past the weekend and the holiday) Tuesday.
      const two = await listDueSoon(world.store.db, world.clock, leader, 2);
      expect(two.map((e) => [e.documentId, e.dueDate, e.workingDaysLeft])).toEqual([[friday, '2026-03-06', 1], [tuesday, '2026-03-10', 2]]);
      expect((await listDueSoon(world.store.db, world.clock, leader, 1)).map((e) => e.documentId)).toEqual([friday]);
      expect((await listDueSoon(world.store.db, world.clock, await world.as('chuyenvien'), 2)).map((e) => e.assignee)).toEqual(['chuyenvien', 'chuyenvien']);
      expect(await listDueSoon(world.store.db, world.clock, await world.as('luutru'), 60)).toEqual([]);
    } finally {
      await world.store.close();
    }
  });
});
