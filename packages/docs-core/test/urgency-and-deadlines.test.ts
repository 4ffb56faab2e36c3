import { describe, expect, it } from 'vitest';
import type { CallContext } from '@eoffice/contract';
import { createCalendarService } from '../src/services/calendar-service.js';
import { createDocumentsService } from '../src/services/documents-service.js';
import { RECIPIENT, SENDER, makeWorld, writePdf, type World } from './workflow-helpers.js';
import { useTempDir } from './helpers.js';

const as = (username: string): CallContext => ({ sessionToken: null, actingUsername: username, face: 'test' });
type Urgency = 'normal' | 'urgent' | 'very-urgent' | 'flash';

/** Decree 30 Điều 4, 18, 23, 24 and rule 8: the three urgency levels, same-day handling, deadlines on the calendar. */
describe('urgency and deadlines', () => {
  const tempDir = useTempDir();

  const services = (world: World) => createDocumentsService({ store: world.store, clock: world.clock, signer: world.signer, verifier: world.verifier });

  async function receive(world: World, number: string, urgency: Urgency, extra: { dueDate?: string; dueInWorkingDays?: number } = {}) {
    const file = await writePdf(world.dir, `den-${number}.pdf`);
    return services(world).receive(
      {
        file: { path: file }, attachments: [], source: 'paper', from: SENDER, number, symbol: 'STC-NS', issuedDate: '2026-02-27',
        type: 'Công văn', subject: `V/v số ${number}`, urgency, secrecy: 'none', language: 'Tiếng Việt', ...extra,
      },
      as('vanthu'),
    );
  }

  it('keeps Khẩn, Thượng khẩn and Hỏa tốc apart in the flags of a document and of the list', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const docs = services(world);
      const levels: Urgency[] = ['normal', 'urgent', 'very-urgent', 'flash'];
      const received = [];
      for (const [index, urgency] of levels.entries()) received.push(await receive(world, String(10 + index), urgency));
      const urgencyFlags = (flags: readonly string[]) => flags.filter((f) => ['urgent', 'very-urgent', 'flash'].includes(f));
      expect(received.map((d) => [d.urgency, urgencyFlags(d.flags)])).toEqual([
        ['normal', []],
        ['urgent', ['urgent']],
        ['very-urgent', ['very-urgent']],
        ['flash', ['flash']],
      ]);
      const { documents } = await docs.list({ direction: 'incoming', limit: 100, offset: 0 }, as('vanthu'));
      const byNumber = new Map(documents.map((d) => [d.number, urgencyFlags(d.flags)]));
      expect([...['10', '11', '12', '13'].map((n) => byNumber.get(n))]).toEqual([[], ['urgent'], ['very-urgent'], ['flash']]);
    } finally {
      await world.store.close();
    }
  });

  it('flags an urgent incoming document not registered or presented on the day it arrived, with how late', async () => {
    // Monday 2 March 2026, 09:00.
    const world = await makeWorld(await tempDir());
    try {
      const docs = services(world);
      const clerk = as('vanthu');
      const flash = await receive(world, '21', 'flash');
      const khan = await receive(world, '22', 'urgent');
      const normal = await receive(world, '23', 'normal');
      for (const doc of [flash, khan, normal]) await docs.verify({ id: doc.id }, clerk);
      // Registered at once the same day: on time.
      await docs.register({ id: flash.id }, clerk);
      world.clock.set('2026-03-02T16:30:00+07:00');
      expect((await docs.show({ id: flash.id }, clerk)).urgentLate).toBeNull();
      expect((await docs.show({ id: khan.id }, clerk)).flags).not.toContain('urgent-late');

      // Tuesday: the Hỏa tốc one is presented a day late; the Khẩn one not even registered; the ordinary one may wait.
      world.clock.set('2026-03-03T08:15:00+07:00');
      const presented = await docs.present({ id: flash.id }, clerk);
      expect(presented.flags).toContain('urgent-late');
      expect(presented.urgentLate).toEqual({ step: 'present', dueOn: '2026-03-02', doneOn: '2026-03-03', daysLate: 1 });
      await docs.register({ id: normal.id }, clerk);
      expect((await docs.show({ id: normal.id }, clerk)).flags).not.toContain('urgent-late');

      // Wednesday: still not registered, two days late and counting; once registered the lateness stays as it was.
      world.clock.set('2026-03-04T10:00:00+07:00');
      expect((await docs.show({ id: khan.id }, clerk)).urgentLate).toEqual({ step: 'register', dueOn: '2026-03-02', doneOn: null, daysLate: 2 });
      await docs.register({ id: khan.id }, clerk);
      world.clock.set('2026-03-06T10:00:00+07:00');
      expect((await docs.show({ id: khan.id }, clerk)).urgentLate).toEqual({ step: 'register', dueOn: '2026-03-02', doneOn: '2026-03-04', daysLate: 2 });
    } finally {
      await world.store.close();
    }
  });

  it('flags an urgent outgoing document not issued on the day it was signed', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const docs = services(world);
      const { workflow } = world;
      const file = await writePdf(world.dir, 'qd-khan.pdf');
      const draft = await docs.draft(
        { type: 'QĐ', subject: 'Về việc ứng phó bão số 3', file: { path: file }, attachments: [], to: [RECIPIENT], urgency: 'flash', secrecy: 'none', signer: 'lanhdao', language: 'Tiếng Việt', direction: 'outgoing' },
        as('chuyenvien'),
      );
      await workflow.submit(await world.as('chuyenvien'), draft.id);
      await workflow.approve(await world.as('lanhdao'), draft.id);
      await workflow.sign(await world.as('lanhdao'), draft.id);
      await workflow.issue(await world.as('vanthu'), draft.id);
      world.clock.set('2026-03-03T09:00:00+07:00');
      expect((await docs.show({ id: draft.id }, as('vanthu'))).urgentLate).toEqual({ step: 'dispatch', dueOn: '2026-03-02', doneOn: null, daysLate: 1 });
      const dispatched = await workflow.dispatch(await world.as('vanthu'), draft.id, { paper: true });
      expect(dispatched.flags).toEqual(expect.arrayContaining(['flash', 'urgent-late']));
      expect(dispatched.urgentLate).toEqual({ step: 'dispatch', dueOn: '2026-03-02', doneOn: '2026-03-03', daysLate: 1 });
    } finally {
      await world.store.close();
    }
  });

  it('counts a deadline of N working days on the calendar and refuses a due date on a day off, naming the next working day', async () => {
    // Friday 6 March 2026.
    const world = await makeWorld(await tempDir(), { now: '2026-03-06T09:00:00+07:00' });
    try {
      const docs = services(world);
      const calendar = createCalendarService({ store: world.store, clock: world.clock });
      await calendar.setDay({ date: '2026-03-10', kind: 'holiday', name: 'Nghỉ bù' }, as('admin'));
      // 5 working days from Friday: Mon 9, (Tue 10 off), Wed 11, Thu 12, Fri 13, Mon 16.
      expect(await calendar.dueDate({ workingDays: 5 }, as('chuyenvien'))).toEqual({ date: '2026-03-16' });
      const received = await receive(world, '31', 'normal', { dueInWorkingDays: 5 });
      expect(received.dueDate).toBe('2026-03-16');

      const count = async () => (await world.store.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
      const before = await count();
      // Saturday, and the holiday: refused with the next working day suggested, nothing stored.
      await expect(receive(world, '32', 'normal', { dueDate: '2026-03-07' })).rejects.toMatchObject({
        code: 'E_DUE_DATE_DAY_OFF',
        message: expect.stringContaining('09/03/2026'),
        details: { dueDate: '2026-03-07', reason: 'Nghỉ cuối tuần', suggested: '2026-03-09' },
      });
      await expect(receive(world, '33', 'normal', { dueDate: '2026-03-10' })).rejects.toMatchObject({
        code: 'E_DUE_DATE_DAY_OFF',
        details: { reason: 'Nghỉ bù', suggested: '2026-03-11' },
      });
      await expect(receive(world, '34', 'normal', { dueDate: '2026-03-11', dueInWorkingDays: 2 })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
      expect(await count()).toBe(before);

      // The leader's assignment and its extension take the same two forms.
      const clerk = as('vanthu');
      await docs.verify({ id: received.id }, clerk);
      await docs.register({ id: received.id }, clerk);
      await docs.present({ id: received.id }, clerk);
      await expect(docs.assign({ id: received.id, lead: 'chuyenvien', support: [], inform: [], dueDate: '2026-03-08' }, as('lanhdao'))).rejects.toMatchObject({
        code: 'E_DUE_DATE_DAY_OFF',
        details: { suggested: '2026-03-09' },
      });
      await expect(docs.assign({ id: received.id, lead: 'chuyenvien', support: [], inform: [] }, as('lanhdao'))).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
      const assigned = await docs.assign({ id: received.id, lead: 'chuyenvien', support: [], inform: [], dueInWorkingDays: 3 }, as('lanhdao'));
      expect(assigned.assignments[0]!.dueDate).toBe('2026-03-12');
      const extended = await docs.extendDeadline({ id: received.id, dueInWorkingDays: 6, reason: 'Chờ số liệu' }, as('lanhdao'));
      expect(extended.dueDate).toBe('2026-03-17');
    } finally {
      await world.store.close();
    }
  });
});
