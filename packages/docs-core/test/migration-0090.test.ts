import { expect, it } from 'vitest';
import { migrateTo } from '../src/store/migrator.js';
import { migrations } from '../src/store/migrations/index.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';
import { versionBefore } from './migration-helpers.js';

const VERSION = 90;

describeEachDialect('migration 0090 (exchange sync)', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  it('keeps queued outbox rows (not yet sent), keeps a status once, and admits only edoc/status inbox lines', async () => {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()), migrateToVersion: versionBefore(VERSION) });
    try {
      await store.db.insertInto('documents').values({ id: 'd1', direction: 'outgoing', state: 'issued', created_at: 'x', updated_at: 'x' } as never).execute();
      await store.db
        .insertInto('outbox')
        .values({ created_at: 'x', document_id: 'd1', kind: 'document', business_type: 0, status_code: null, recipient_organ_id: '000.00.02.Z99', payload: '{}', state: 'pending', next_attempt_at: 'x' } as never)
        .execute();
      await migrateTo(store.db, migrations, VERSION);
      expect(await store.db.selectFrom('outbox').select(['document_id', 'state', 'axis_doc_id', 'sent_at']).execute()).toEqual([
        { document_id: 'd1', state: 'pending', axis_doc_id: null, sent_at: null },
      ]);
      const status = { exchange_document_id: 'A,2026/12/05,1/UBND', document_id: 'd1', organ_id: 'B', organ_name: null, status_code: '03', description: '', status_time: 't', received_at: 'r', axis_doc_id: 'x1' };
      await store.db.insertInto('exchange_statuses').values(status).execute();
      await expect(store.db.insertInto('exchange_statuses').values({ ...status, axis_doc_id: 'x2', received_at: 'r2' }).execute()).rejects.toThrow(/UNIQUE|duplicate key/);
      await expect(
        store.db.insertInto('exchange_inbox').values({ axis_doc_id: 'm1', message_type: 'other', state: 'stored', received_at: 'r' } as never).execute(),
      ).rejects.toThrow(/CHECK|check constraint/);
    } finally {
      await store.close();
    }
  });
});
