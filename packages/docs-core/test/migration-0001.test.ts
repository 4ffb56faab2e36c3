import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';

describe('migration 0001 (initial)', () => {
  const tempDir = useTempDir();

  it('creates settings, documents and blobs from an empty file', async () => {
    const store = await openStore({ dataDir: await tempDir(), migrateToVersion: 0 });
    try {
      expect(await store.schemaVersion()).toBe(0);
      const { migrateTo } = await import('../src/store/migrator.js');
      const { migrations } = await import('../src/store/migrations/index.js');
      await migrateTo(store.db, migrations, 1);
      expect(await store.schemaVersion()).toBe(1);
      await store.db
        .insertInto('documents')
        .values({ id: 'd1', direction: 'incoming', state: 'received', created_at: 'x', updated_at: 'x' })
        .execute();
      const rows = await store.db.selectFrom('documents').selectAll().execute();
      expect(rows).toHaveLength(1);
      await expect(
        store.db
          .insertInto('documents')
          .values({ id: 'd2', direction: 'sideways' as 'incoming', state: 's' as 'received', created_at: 'x', updated_at: 'x' })
          .execute(),
      ).rejects.toThrow(/CHECK constraint/);
      const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(store.db);
      expect(tables.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['app_settings', 'documents', 'blobs']));
    } finally {
      await store.close();
    }
  });
});
