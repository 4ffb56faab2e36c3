import { expect, it } from 'vitest';
import { migrateTo } from '../src/store/migrator.js';
import { migrations } from '../src/store/migrations/index.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';
import { versionBefore } from './migration-helpers.js';

describeEachDialect('migration 0060 (document reads)', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  it('keeps one read per user and document, and drops it with the document or the user', async () => {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()), migrateToVersion: versionBefore(60) });
    try {
      await migrateTo(store.db, migrations, 60);
      await store.db.insertInto('documents').values({ id: 'd1', direction: 'incoming', state: 'received', created_at: 'x', updated_at: 'x' } as never).execute();
      await store.db.insertInto('users').values({ id: 'u1', username: 'vanthu', full_name: 'V', created_at: 'x' } as never).execute();
      await store.db.insertInto('document_reads').values({ user_id: 'u1', document_id: 'd1', read_at: 'x' }).execute();
      await expect(store.db.insertInto('document_reads').values({ user_id: 'u1', document_id: 'd1', read_at: 'y' }).execute()).rejects.toThrow(/UNIQUE|PRIMARY|duplicate key/);
      await expect(store.db.insertInto('document_reads').values({ user_id: 'u1', document_id: 'nope', read_at: 'y' }).execute()).rejects.toThrow(/FOREIGN KEY|violates foreign key/);
      await store.db.deleteFrom('documents').where('id', '=', 'd1').execute();
      expect(await store.db.selectFrom('document_reads').selectAll().execute()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
