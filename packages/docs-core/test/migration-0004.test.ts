import { expect, it } from 'vitest';
import { migrations } from '../src/store/migrations/index.js';
import { migrateTo } from '../src/store/migrator.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';

describeEachDialect('migration 0004 (registers and numbering)', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  it('creates registers whose entries can never repeat a number', async () => {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()), migrateToVersion: 3 });
    try {
      await store.db
        .insertInto('documents')
        .values({ id: 'd1', direction: 'incoming', state: 'received', created_at: 'x', updated_at: 'x', subject: 'giữ lại' })
        .execute();
      await migrateTo(store.db, migrations, 4);
      expect((await store.db.selectFrom('documents').select('subject').executeTakeFirstOrThrow()).subject).toBe('giữ lại');
      await store.db
        .insertInto('registers')
        .values({ id: 'r1', agency_id: '000.00.01.H99', year: 2026, direction: 'incoming', kind: 'normal', title: 'Sổ văn bản đến', created_at: 'x' })
        .execute();
      const entry = { register_id: 'r1', sequence_key: 'in', number: 1, document_id: 'd1', status: 'active' as const, registered_at: 'x', registered_by: 'u' };
      await store.db.insertInto('register_entries').values(entry).execute();
      await expect(store.db.insertInto('register_entries').values(entry).execute()).rejects.toThrow(/UNIQUE|duplicate key/);
      await expect(
        store.db
          .insertInto('registers')
          .values({ id: 'r2', agency_id: '000.00.01.H99', year: 2026, direction: 'incoming', kind: 'normal', title: 'dup', created_at: 'x' })
          .execute(),
      ).rejects.toThrow(/UNIQUE|duplicate key/);
    } finally {
      await store.close();
    }
  });
});
