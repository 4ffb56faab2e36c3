import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { defaultSearchIndex } from '../src/search/index.js';
import { WorkflowCore } from '../src/workflow/workflow-core.js';
import { SENDER, SENDER_NAME, makeWorld, signedBySender, writePdf, type World } from './workflow-helpers.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';

// The search entry of a change is made from the row its last write returned (the intake's insert, a step's update),
// not read back: these hold it to the row as the database has it, a step body's own writes to the row included.
describeEachDialect('search entry from the row as written', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  const found = async (world: World, text: string, state: string) =>
    (await defaultSearchIndex.search(world.store.db, { text, state })).hits.map((h) => h.id);

  it('an arrival is found in its state at once; a step whose body writes the row itself is found by what it wrote', async () => {
    const world = await makeWorld(await tempDir(), await database());
    try {
      const raw = await readFile(await writePdf(world.dir, 'axis.pdf'));
      const { id } = await world.workflow.takeFromAxis({
        pdf: await signedBySender(world, raw, 'Giám đốc Sở Tài chính'), pdfName: 'cv45.pdf', attachments: [],
        exchangeDocumentId: '000.00.17.H99,2026/02/27,45/STC-NS', businessType: 0, from: SENDER, fromName: SENDER_NAME,
        number: '45', symbol: 'STC-NS', issuedDate: '2026-02-27', type: 'Công văn', subject: 'V/v báo cáo tình hình thu chi',
        urgency: 'normal', secrecy: 'none', language: 'Tiếng Việt',
      });
      expect(await found(world, 'bao cao tinh hinh thu chi', 'received')).toEqual([id]);

      const clerk = await world.as('vanthu');
      await world.workflow.verifyArrival(clerk, id);
      const verified = (await world.workflow.show(id)).state;
      expect(await found(world, 'bao cao tinh hinh thu chi', verified)).toEqual([id]);
      expect(await found(world, 'bao cao tinh hinh thu chi', 'received')).toEqual([]);
      const registered = await world.workflow.register(clerk, id, { confirm: true, reason: 'đã xác minh với nơi gửi' });
      expect(registered.state).toBe('registered');

      // A step body that changes the row itself, before the step's own update: the entry must carry it.
      await new WorkflowCore({ store: world.store, clock: world.clock }).apply(clerk, id, 'present', async (trx) => {
        await trx.updateTable('documents').set({ subject: 'Trích yếu sửa trong bước trình' }).where('id', '=', id).execute();
        return { note: null };
      });
      expect(await found(world, 'trich yeu sua trong buoc trinh', 'presented')).toEqual([id]);
      expect(await found(world, 'bao cao tinh hinh thu chi', 'presented')).toEqual([]);
    } finally {
      await world.store.close();
    }
  });
});
