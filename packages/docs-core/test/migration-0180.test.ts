import { expect, it } from 'vitest';
import { migrateTo } from '../src/store/migrator.js';
import { migrations } from '../src/store/migrations/index.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';
import { versionBefore } from './migration-helpers.js';

const VERSION = 180;

describeEachDialect('migration 0180 (replaced_by)', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  it('backfills the successor of documents replaced before it, and leaves a copy and a replacement unmarked', async () => {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()), migrateToVersion: versionBefore(VERSION) });
    try {
      const doc = (id: string, related: string | null) => ({ id, direction: 'outgoing', state: 'dispatched', related_document_id: related, created_at: 'x', updated_at: 'x' });
      // old was replaced by neu (its log has `replace`); neu points back to old; copy points to its source.
      await store.db.insertInto('documents').values([doc('old', 'neu'), doc('neu', 'old'), doc('copy', 'old')] as never).execute();
      const log = (documentId: string, action: string) => ({ document_id: documentId, at: 'x', actor_id: 'u', action, from_state: null, to_state: null, note: null });
      await store.db.insertInto('processing_log').values([log('old', 'replace'), log('neu', 'dispatch'), log('copy', 'copy')] as never).execute();
      await migrateTo(store.db, migrations, VERSION);
      const rows = await store.db.selectFrom('documents').select(['id', 'replaced_by']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: 'copy', replaced_by: null },
        { id: 'neu', replaced_by: null },
        { id: 'old', replaced_by: 'neu' },
      ]);
    } finally {
      await store.close();
    }
  });
});
