import type { CallContext } from '@eoffice/contract';
import { expect, it } from 'vitest';
import { createDocsCoreServices } from '../src/services/docs-core-services.js';
import { SENDER, makeWorld, writePdf } from './workflow-helpers.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';

const as = (actingUsername: string): CallContext => ({ sessionToken: null, actingUsername, face: 'test' });

/**
 * `registers.entries` by pages (limit, after): the register screen shows the first page of a long register at once
 * and reads the rest behind it. The pages together are the whole register in order, each full but the last, and a
 * line the caller may not see is in no page and not in the total.
 */
describeEachDialect('register entries by pages', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  it('pages through the register in order with full pages, an exact total, and no line the caller may not see', async () => {
    const world = await makeWorld(await tempDir(), await database());
    try {
      const services = createDocsCoreServices({ store: world.store, clock: world.clock, signer: world.signer, verifier: world.verifier });
      const clerk = await world.as('vanthu');
      const ids: string[] = [];
      for (let i = 1; i <= 7; i += 1) {
        const doc = await world.workflow.receive(clerk, {
          file: { path: await writePdf(world.dir, `den-${i}.pdf`) }, attachments: [], source: 'paper', from: SENDER, fromName: 'Sở Tài chính',
          number: String(i), symbol: 'STC-NS', issuedDate: '2026-02-27', type: 'Công văn', subject: `Văn bản đến ${i}`,
          urgency: 'normal', secrecy: 'none', language: 'Tiếng Việt',
        });
        await world.workflow.verify(clerk, doc.id);
        await world.workflow.register(clerk, doc.id);
        ids.push(doc.id);
      }
      // One line of the normal register whose document became secret: only a secret reader sees it.
      const hidden = ids[3]!;
      await world.store.db.updateTable('documents').set({ secrecy: 'secret' }).where('id', '=', hidden).execute();
      const input = { year: 2026, direction: 'incoming' as const, kind: 'normal' as const };

      async function pages(user: string, limit: number) {
        const sizes: number[] = [];
        const seen: string[] = [];
        const totals = new Set<number>();
        let after: { sequenceKey: string; number: number } | undefined;
        for (;;) {
          const page = await services.registers.entries({ ...input, limit, ...(after ? { after } : {}) }, as(user));
          totals.add(page.total);
          if (page.entries.length === 0) break;
          sizes.push(page.entries.length);
          seen.push(...page.entries.map((e) => e.documentId));
          const last = page.entries.at(-1)!;
          after = { sequenceKey: last.sequenceKey, number: last.number };
        }
        return { sizes, seen, totals: [...totals] };
      }

      const whole = await services.registers.entries(input, as('vanthu'));
      expect(whole.entries.map((e) => e.documentId)).toEqual(ids);
      expect(whole.entries.map((e) => e.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(whole.total).toBe(7);
      expect(await pages('vanthu', 3)).toEqual({ sizes: [3, 3, 1], seen: ids, totals: [7] });

      const visible = ids.filter((id) => id !== hidden);
      expect((await services.registers.entries(input, as('chuyenvien'))).entries.map((e) => e.documentId)).toEqual(visible);
      expect(await pages('chuyenvien', 3)).toEqual({ sizes: [3, 3], seen: visible, totals: [6] });
      expect(await pages('admin', 5)).toEqual({ sizes: [5, 1], seen: visible, totals: [6] });
      // A window by position counts visible lines only: the third and fourth visible are ids[2] and ids[4].
      const window = await services.registers.entries({ ...input, limit: 2, offset: 2 }, as('chuyenvien'));
      expect(window.entries.map((e) => e.documentId)).toEqual([ids[2], ids[4]]);
      expect((await services.registers.entries({ ...input, limit: 2, offset: 2 }, as('vanthu'))).entries.map((e) => e.documentId)).toEqual([ids[2], ids[3]]);
    } finally {
      await world.store.close();
    }
  });
});
