import { expect, it } from 'vitest';
import { defaultSearchIndex } from '../src/search/index.js';
import { migrateTo } from '../src/store/migrator.js';
import { migrations } from '../src/store/migrations/index.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';
import { versionBefore } from './migration-helpers.js';
import { insertVersion22Entry } from './search-entry-rows.js';

describeEachDialect('migration 0024 (secret mark on search entries)', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  it('marks entries indexed before it as secret from their document, so search hides them at once', async () => {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()), migrateToVersion: versionBefore(24) });
    try {
      for (const [offset, [id, secrecy]] of ([['open', 'none'], ['hidden', 'top-secret']] as const).entries()) {
        await store.db.insertInto('documents').values({ id, direction: 'incoming', state: 'received', created_at: 'x', updated_at: 'x', secrecy } as never).execute(); // other columns stay null
        await insertVersion22Entry(store.db, { id, direction: 'incoming', date: '2026-01-05', subject: 'Đất đai' }, offset);
      }
      await migrateTo(store.db, migrations, 24);
      expect(await store.schemaVersion()).toBe(24);
      const marks = await store.db.selectFrom('search_entries').select(['document_id', 'secret']).orderBy('document_id').execute();
      expect(marks).toEqual([{ document_id: 'hidden', secret: 1 }, { document_id: 'open', secret: 0 }]);
      expect((await defaultSearchIndex.search(store.db, { text: 'dat dai' })).hits.map((h) => h.id)).toEqual(['open']);
      expect((await defaultSearchIndex.search(store.db, { text: 'dat dai', secretsVisible: 'all' })).hits).toHaveLength(2);
      expect((await defaultSearchIndex.search(store.db, { text: 'dat dai', secretsVisible: ['hidden'] })).hits).toHaveLength(2);
    } finally {
      await store.close();
    }
  });
});
