import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { defaultSearchIndex } from '../src/search/index.js';
import { migrateTo } from '../src/store/migrator.js';
import { migrations } from '../src/store/migrations/index.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { versionBefore } from './migration-helpers.js';
import { insertVersion22Entry } from './search-entry-rows.js';

describe('migration 0023 (drop the search filter indexes)', () => {
  const tempDir = useTempDir();

  it('drops the per-column indexes and keeps indexed documents searchable with filters', async () => {
    const store = await openStore({ dataDir: await tempDir(), migrateToVersion: versionBefore(23) });
    try {
      await insertVersion22Entry(store.db, { id: 'a', direction: 'incoming', date: '2026-01-05', subject: 'Đất đai', urgency: 'flash' });
      const indexes = async () =>
        (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'search_entries' and name like 'search_entries_%'`.execute(store.db)).rows.map((r) => r.name);
      expect(await indexes()).toHaveLength(5);
      await migrateTo(store.db, migrations, 23);
      expect(await store.schemaVersion()).toBe(23);
      expect(await indexes()).toEqual([]);
      // 'all': the secret mark on entries comes with migration 24, after this one.
      const page = await defaultSearchIndex.search(store.db, { text: 'dat dai', urgency: 'flash', direction: 'incoming', secretsVisible: 'all' });
      expect(page.hits.map((h) => h.id)).toEqual(['a']);
      expect((await defaultSearchIndex.search(store.db, { urgency: 'normal', secretsVisible: 'all' })).hits).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
