import { expect, it } from 'vitest';
import { SENDER, makeWorld, writePdf, type World } from './workflow-helpers.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';

/**
 * A list page builds its views with one query per related table for the whole page (document-view.ts, buildViews):
 * every listed document must carry its own files, assignments, opinions, extensions, flags and replacement links,
 * exactly as showing it alone does.
 */
describeEachDialect('document list views', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  async function receive(world: World, number: string, urgency: 'normal' | 'urgent', from = SENDER) {
    const file = await writePdf(world.dir, `scan-${number}.pdf`);
    return world.workflow.receive(await world.as('vanthu'), {
      file: { path: file }, attachments: [], source: 'paper', from, fromName: `Nơi gửi ${number}`, number,
      symbol: 'STC-NS', issuedDate: '2026-02-27', type: 'Công văn', subject: `Văn bản số ${number}`,
      urgency, secrecy: 'none', language: 'Tiếng Việt',
    });
  }

  it('lists each document with its own related rows, as showing it alone does', async () => {
    const world = await makeWorld(await tempDir(), await database());
    const { workflow } = world;
    try {
      const clerk = await world.as('vanthu');
      const leader = await world.as('lanhdao');
      const plain = await receive(world, '1', 'normal');
      const urgent = await receive(world, '2', 'urgent');
      const assigned = await receive(world, '3', 'normal');
      const other = await receive(world, '4', 'urgent');
      for (const doc of [urgent, assigned, other]) {
        await workflow.verify(clerk, doc.id);
        await workflow.register(clerk, doc.id);
        await workflow.present(clerk, doc.id);
      }
      await workflow.assign(leader, assigned.id, { lead: 'chuyenvien', support: ['chuyenvien2'], inform: [], dueDate: '2026-03-10', note: 'Chủ trì' });
      await workflow.assign(leader, other.id, { lead: 'chuyenvien2', support: ['chuyenvien'], inform: ['luutru'], dueDate: '2026-03-20', note: 'Khác' });
      await workflow.giveOpinion(await world.as('chuyenvien2'), assigned.id, 'Ý kiến cho văn bản 3');
      await workflow.giveOpinion(await world.as('chuyenvien'), other.id, 'Ý kiến cho văn bản 4');
      await workflow.extendDeadline(leader, other.id, { dueDate: '2026-03-25', reason: 'Gia hạn văn bản 4' });
      // A replacement link both ways (the view reads it from the row; how it was made is the workflow's business).
      await world.store.db.updateTable('documents').set({ replaced_by: other.id }).where('id', '=', plain.id).execute();

      const listed = await workflow.list({ direction: 'incoming', limit: 100, offset: 0, secretsVisible: 'all' });
      expect(listed.map((d) => d.id).sort()).toEqual([plain.id, urgent.id, assigned.id, other.id].sort());
      for (const view of listed) expect(view).toEqual(await workflow.show(view.id));

      const byId = new Map(listed.map((d) => [d.id, d]));
      expect(byId.get(assigned.id)!.assignments.flatMap((a) => a.opinions ?? []).map((o) => o.text)).toEqual(['Ý kiến cho văn bản 3']);
      expect(byId.get(other.id)!.assignments.find((a) => a.role === 'lead')!.extensions.map((e) => e.reason)).toEqual(['Gia hạn văn bản 4']);
      expect(byId.get(plain.id)!.assignments).toEqual([]);
      expect(byId.get(plain.id)!.replacedBy?.id).toBe(other.id);
      expect((byId.get(other.id)!.replaces ?? []).map((r) => r.id)).toEqual([plain.id]);
      expect(byId.get(urgent.id)!.replaces).toEqual([]);
      expect(byId.get(plain.id)!.issuer.name).toBe('Nơi gửi 1');
      expect(byId.get(other.id)!.files).toHaveLength(1);
      expect(byId.get(other.id)!.files[0]!.name).not.toBe(byId.get(urgent.id)!.files[0]!.name);
    } finally {
      await world.store.close();
    }
  });
});
