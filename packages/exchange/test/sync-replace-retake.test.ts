import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAxisServer } from '../src/index.js';
import { issueDocument, makeEndpoint, makeIdentity } from './endpoint.js';
import { useWorkDir } from './work-dir.js';
import { A, AGENCIES, B, exchangeOf, SYSTEMS } from './two-agencies.js';

const work = useWorkDir();

describe('a replacement taken in again after a crash', () => {
  it('still marks what it replaces when the crash came after storing it and before the mark and the ack', async () => {
    const dir = work();
    const axis = await startAxisServer({ dataDir: join(dir, 'axis'), systems: SYSTEMS, agencies: AGENCIES });
    const a = await makeEndpoint(join(dir, 'a'), A, 'UBND tỉnh Demo A', await makeIdentity(dir, 'Nguyễn Văn An', 'pki-a'), exchangeOf(axis, A));
    const b = await makeEndpoint(join(dir, 'b'), B, 'UBND tỉnh Demo B', await makeIdentity(dir, 'Trần Văn Bình', 'pki-b'), exchangeOf(axis, B));
    try {
      const original = await issueDocument(a, [B], { subject: 'V/v văn bản sẽ bị thay thế' });
      await a.as('vanthu').services.documents.dispatch({ id: original.id });
      await a.services.sync!.syncOnce();
      await b.services.sync!.syncOnce();
      const replacement = await issueDocument(a, [B], { subject: 'V/v văn bản thay thế' });
      await a.as('vanthu').services.documents.replace({ id: original.id, replacementId: replacement.id, reason: 'Sai sót nội dung' });
      await a.services.sync!.syncOnce();
      await b.services.sync!.syncOnce();

      const db = b.services.store.db;
      const incoming = () => db.selectFrom('documents').select(['id', 'subject', 'business_type', 'related_document_id', 'replaced_by']).where('direction', '=', 'incoming').orderBy('created_at').execute();
      const taken = await incoming();
      const replaced = taken.find((d) => d.subject === original.subject)!;
      const successor = taken.find((d) => d.business_type === 3)!;
      expect(replaced.related_document_id).toBe(successor.id);
      expect(replaced.replaced_by).toBe(successor.id);
      // The mark is audited (by the system, before → after), which is also how a running app hears of it.
      const marks = () =>
        db.selectFrom('audit_log').select(['actor', 'before', 'after']).where('action', '=', 'document.replacedFromAxis').where('object_id', '=', replaced.id).execute();
      expect((await marks()).map((m) => [m.actor, JSON.parse(m.before ?? 'null'), JSON.parse(m.after ?? 'null')])).toEqual([
        ['system', { replacedBy: null }, { replacedBy: successor.id }],
      ]);

      // The state a SIGKILL leaves between docs-core storing the replacement and the receiver marking, recording and
      // acking it: the replaced document unmarked, no inbox line, the message still waiting on the axis.
      const line = await db.selectFrom('exchange_inbox').select('axis_doc_id').where('document_id', '=', successor.id).executeTakeFirstOrThrow();
      await db.updateTable('documents').set({ related_document_id: null, replaced_by: null }).where('id', '=', replaced.id).execute();
      await db.deleteFrom('exchange_inbox').where('axis_doc_id', '=', line.axis_doc_id).execute();
      await axis.store.db.updateTable('axis_messages').set({ state: 'initial' }).where('doc_id', '=', line.axis_doc_id).where('to_organ', '=', B).execute();

      await b.services.sync!.syncOnce();
      const after = await incoming();
      expect(after.map((d) => d.id)).toEqual(taken.map((d) => d.id));
      expect(after.find((d) => d.id === replaced.id)!.related_document_id).toBe(successor.id);
      expect(after.find((d) => d.id === replaced.id)!.replaced_by).toBe(successor.id);
      expect(await db.selectFrom('exchange_inbox').select(['state', 'document_id']).where('axis_doc_id', '=', line.axis_doc_id).execute()).toEqual([{ state: 'stored', document_id: successor.id }]);
      expect(await marks()).toHaveLength(2);

      // A crash after the mark and before the ack: taken in again, the document already marked by this replacement is
      // not marked, logged or audited a second time.
      const logLines = () => db.selectFrom('processing_log').select('id').where('document_id', '=', replaced.id).where('action', '=', 'replaced').execute();
      const linesBefore = (await logLines()).length;
      await db.deleteFrom('exchange_inbox').where('axis_doc_id', '=', line.axis_doc_id).execute();
      await axis.store.db.updateTable('axis_messages').set({ state: 'initial' }).where('doc_id', '=', line.axis_doc_id).where('to_organ', '=', B).execute();
      await b.services.sync!.syncOnce();
      expect(await marks()).toHaveLength(2);
      expect(await logLines()).toHaveLength(linesBefore);
      expect((await incoming()).map((d) => d.id)).toEqual(taken.map((d) => d.id));
    } finally {
      await a.close();
      await b.close();
      await axis.close();
    }
  }, 180_000);
});
