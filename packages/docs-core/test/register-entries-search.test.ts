import { contract, type CallContext } from '@eoffice/contract';
import { expect, it } from 'vitest';
import { createDocsCoreServices } from '../src/services/docs-core-services.js';
import { SENDER, makeWorld, writePdf } from './workflow-helpers.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';

const as = (actingUsername: string): CallContext => ({ sessionToken: null, actingUsername, face: 'test' });

/**
 * `registers.entries` with `query` (issue 12): the register screen's search as you type asks the service, which
 * looks through every line, not only the lines the screen has loaded, folded ("dat dai" finds "Đất đai"). A line the
 * caller may not see is never a match nor counted.
 */
describeEachDialect('register entries search', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  it('finds folded words on any line, pages through the matches, and never a line the caller may not see', async () => {
    const world = await makeWorld(await tempDir(), await database());
    try {
      const services = createDocsCoreServices({ store: world.store, clock: world.clock, signer: world.signer, verifier: world.verifier });
      const clerk = await world.as('vanthu');
      const subjects = ['Về quản lý đất đai năm 2026', 'Về tuyển dụng công chức', 'Đất đai: thu hồi tại xã A', 'Về đất đai ven biển', 'Về lịch họp'];
      const ids: string[] = [];
      for (const [i, subject] of subjects.entries()) {
        const doc = await world.workflow.receive(clerk, {
          file: { path: await writePdf(world.dir, `den-${i}.pdf`) }, attachments: [], source: 'paper', from: SENDER, fromName: 'Sở Tài chính',
          number: String(i + 1), symbol: 'STC-NS', issuedDate: '2026-02-27', type: 'Công văn', subject,
          urgency: 'normal', secrecy: 'none', language: 'Tiếng Việt',
        });
        await world.workflow.verify(clerk, doc.id);
        await world.workflow.register(clerk, doc.id);
        ids.push(doc.id);
      }
      const hidden = ids[2]!;
      await world.store.db.updateTable('documents').set({ secrecy: 'secret' }).where('id', '=', hidden).execute();
      const input = { year: 2026, direction: 'incoming' as const, kind: 'normal' as const };

      const found = await services.registers.entries({ ...input, query: '  dat   DAI ' }, as('vanthu'));
      expect(found.entries.map((e) => e.documentId)).toEqual([ids[0], ids[2], ids[3]]);
      expect(found.total).toBe(3);
      // The secret line is neither found nor counted for one who may not see it.
      const forSpecialist = await services.registers.entries({ ...input, query: 'dat dai' }, as('chuyenvien'));
      expect(forSpecialist.entries.map((e) => e.documentId)).toEqual([ids[0], ids[3]]);
      expect(forSpecialist.total).toBe(2);
      expect((await services.registers.entries({ ...input, query: 'thu hoi' }, as('chuyenvien'))).total).toBe(0);

      // Pages through the matches: limit and after, the total the matches'.
      const first = await services.registers.entries({ ...input, query: 'dat dai', limit: 2 }, as('vanthu'));
      expect(first.entries.map((e) => e.documentId)).toEqual([ids[0], ids[2]]);
      expect(first.total).toBe(3);
      const last = first.entries.at(-1)!;
      const second = await services.registers.entries({ ...input, query: 'dat dai', limit: 2, after: { sequenceKey: last.sequenceKey, number: last.number } }, as('vanthu'));
      expect(second.entries.map((e) => e.documentId)).toEqual([ids[3]]);
      expect((await services.registers.entries({ ...input, query: 'dat dai', limit: 1, offset: 2 }, as('vanthu'))).entries.map((e) => e.documentId)).toEqual([ids[3]]);
      // The number and the registrar are searched too; no word matching means no line.
      expect((await services.registers.entries({ ...input, query: 'vanthu lich hop' }, as('vanthu'))).entries.map((e) => e.documentId)).toEqual([ids[4]]);
      expect((await services.registers.entries({ ...input, query: 'khong co dong nao' }, as('vanthu'))).total).toBe(0);
      // An empty query is no search: the whole register.
      expect((await services.registers.entries({ ...input, query: '' }, as('vanthu'))).total).toBe(5);
    } finally {
      await world.store.close();
    }
  });

  it('refuses a query over 200 characters as bad input', () => {
    const parsed = contract.registers.entries.input.safeParse({ year: 2026, direction: 'incoming', query: 'a'.repeat(201) });
    expect(parsed.success).toBe(false);
  });
});
