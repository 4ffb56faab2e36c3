import { describe, expect, it } from 'vitest';
import { createDispatcher, type CallContext, type ServiceImplementations } from '@eoffice/contract';
import { createWorklistService } from '../src/services/worklist-service.js';
import { SENDER, RECIPIENT, makeWorld, writePdf, type World } from './workflow-helpers.js';
import { useTempDir } from './helpers.js';

const as = (username: string): CallContext => ({ sessionToken: null, actingUsername: username, face: 'test' });

let nextNumber = 12;

/** Each its own số: the same số, ký hiệu and sender twice would be a duplicate (issue 11 item 2). */
async function receive(world: World, subject: string, secrecy: 'none' | 'secret' = 'none') {
  return world.workflow.receive(await world.as('vanthu'), {
    file: { path: await writePdf(world.dir, `${subject}.pdf`) }, attachments: [], source: 'paper', from: SENDER, fromName: 'Sở Tài chính',
    number: String(nextNumber++), symbol: 'STC-NS', issuedDate: '2026-02-27', type: 'Công văn', subject, urgency: 'normal', secrecy, language: 'Tiếng Việt',
  });
}

describe('worklist service: badges and read marks per user (real SQLite)', () => {
  const tempDir = useTempDir();

  it('counts unread incoming per user, overdue by the working calendar, and drafts awaiting the caller’s signature', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const service = createWorklistService({ store: world.store, clock: world.clock });
      const a = await receive(world, 'Văn bản A');
      const b = await receive(world, 'Văn bản B');
      await receive(world, 'Văn bản mật', 'secret');

      expect(await service.badges({}, as('vanthu'))).toEqual({ unreadIncoming: 3, awaitingMySignature: 0, overdue: 0 });
      await service.markRead({ id: a.id }, as('vanthu'));
      await service.markRead({ id: a.id }, as('vanthu'));
      expect((await service.badges({}, as('vanthu'))).unreadIncoming).toBe(2);
      // Read marks are the reader's own: the leader still has all three unread.
      expect((await service.badges({}, as('lanhdao'))).unreadIncoming).toBe(3);
      expect(await service.unread({ ids: [a.id, b.id, a.id, 'no-such-id'] }, as('vanthu'))).toEqual({ unread: [b.id] });

      // A specialist's incoming work is what they were assigned; overdue follows the deadline.
      expect(await service.badges({}, as('chuyenvien'))).toEqual({ unreadIncoming: 0, awaitingMySignature: 0, overdue: 0 });
      const clerk = await world.as('vanthu');
      await world.workflow.verify(clerk, b.id);
      await world.workflow.register(clerk, b.id);
      await world.workflow.present(clerk, b.id);
      await world.workflow.assign(await world.as('lanhdao'), b.id, { lead: 'chuyenvien', support: [], inform: [], dueDate: '2026-03-04' });
      expect(await service.badges({}, as('chuyenvien'))).toEqual({ unreadIncoming: 1, awaitingMySignature: 0, overdue: 0 });
      world.clock.set('2026-03-09T09:00:00+07:00');
      expect(await service.badges({}, as('chuyenvien'))).toMatchObject({ overdue: 1 });
      expect((await service.badges({}, as('lanhdao'))).overdue).toBe(1);

      // An approved draft naming lanhdao waits for lanhdao, not for another leader.
      const draft = await world.workflow.draft(await world.as('chuyenvien'), {
        type: 'QĐ', subject: 'Quy chế', file: { path: await writePdf(world.dir, 'du-thao.pdf') }, attachments: [], to: [RECIPIENT],
        urgency: 'normal', secrecy: 'none', signer: 'lanhdao', language: 'Tiếng Việt', direction: 'outgoing',
      });
      await world.workflow.submit(await world.as('chuyenvien'), draft.id);
      await world.workflow.approve(await world.as('lanhdao'), draft.id);
      expect((await service.badges({}, as('lanhdao'))).awaitingMySignature).toBe(1);
      expect((await service.badges({}, as('lanhdao2'))).awaitingMySignature).toBe(0);
      await world.workflow.sign(await world.as('lanhdao'), draft.id);
      expect((await service.badges({}, as('lanhdao'))).awaitingMySignature).toBe(0);
    } finally {
      await world.store.close();
    }
  });

  it('answers a hidden secret document exactly as a missing one, refuses callers without a session, and validates input', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const secret = await receive(world, 'Phương án mật', 'secret');
      const normal = await receive(world, 'Công văn thường');
      const service = createWorklistService({ store: world.store, clock: world.clock });
      const dispatch = createDispatcher({ worklist: service } as Partial<ServiceImplementations> as ServiceImplementations);

      const hidden = await dispatch('worklist.markRead', { id: secret.id }, as('chuyenvien'));
      const missing = await dispatch('worklist.markRead', { id: 'khong-co' }, as('chuyenvien'));
      expect(hidden).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
      expect(missing).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
      expect(JSON.stringify(hidden).replace(secret.id, 'X')).toBe(JSON.stringify(missing).replace('khong-co', 'X'));
      // The admin reads no secrets by role: its badge does not count the secret one, and unread drops it.
      expect((await service.badges({}, as('admin'))).unreadIncoming).toBe(1);
      expect(await service.unread({ ids: [secret.id, normal.id] }, as('admin'))).toEqual({ unread: [normal.id] });
      expect(await world.store.db.selectFrom('document_reads').selectAll().execute()).toEqual([]);

      const anonymous: CallContext = { sessionToken: null, actingUsername: null, face: 'http' };
      for (const path of ['worklist.badges', 'worklist.markRead', 'worklist.unread'] as const) {
        const input = path === 'worklist.markRead' ? { id: normal.id } : path === 'worklist.unread' ? { ids: [normal.id] } : {};
        expect(await dispatch(path, input, anonymous)).toMatchObject({ ok: false, error: { code: 'E_UNAUTHORIZED' } });
      }
      for (const [path, input] of [
        ['worklist.markRead', {}],
        ['worklist.markRead', { id: '' }],
        ['worklist.unread', { ids: 'x' }],
        ['worklist.unread', { ids: Array.from({ length: 1001 }, (_, i) => String(i)) }],
        ['worklist.badges', { extra: 1 }],
      ] as const) {
        expect(await dispatch(path, input, as('vanthu')), path).toMatchObject({ ok: false, error: { code: 'E_INVALID_INPUT' } });
      }
    } finally {
      await world.store.close();
    }
  });
});
