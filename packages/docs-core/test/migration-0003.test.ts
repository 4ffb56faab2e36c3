import { expect, it } from 'vitest';
import { migrations } from '../src/store/migrations/index.js';
import { migrateTo } from '../src/store/migrator.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';

describeEachDialect('migration 0003 (document fields)', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  it('adds the Phụ lục VI fields to existing documents and the file, signature and log tables', async () => {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()), migrateToVersion: 2 });
    try {
      await store.db
        .insertInto('documents')
        .values({ id: 'd1', direction: 'outgoing', state: 'draft', created_at: 'x', updated_at: 'x' })
        .execute();
      await migrateTo(store.db, migrations, 3);
      const before = await store.db.selectFrom('documents').selectAll().executeTakeFirstOrThrow();
      expect(before.subject).toBeNull();
      await store.db
        .updateTable('documents')
        .set({ subject: 'Về việc tổ chức hội nghị', code_notation: 'UBND-VP', arrival_number: 3 })
        .where('id', '=', 'd1')
        .execute();
      await store.db
        .insertInto('document_files')
        .values({ document_id: 'd1', role: 'main', name: 'a.pdf', sha256: 'a'.repeat(64), size: 1, media_type: 'application/pdf', added_at: 'x' })
        .execute();
      await expect(
        store.db
          .insertInto('document_files')
          .values({ document_id: 'd1', role: 'other' as 'main', name: 'a', sha256: 'a'.repeat(64), size: 1, media_type: 'x', added_at: 'x' })
          .execute(),
      ).rejects.toThrow(/CHECK constraint|violates check constraint/);
      await expect(
        store.db
          .insertInto('processing_log')
          .values({ document_id: 'missing', at: 'x', actor_id: 'u', action: 'a' })
          .execute(),
      ).rejects.toThrow(/FOREIGN KEY|violates foreign key/);
      const after = await store.db.selectFrom('documents').selectAll().executeTakeFirstOrThrow();
      expect(after).toMatchObject({ subject: 'Về việc tổ chức hội nghị', code_notation: 'UBND-VP', arrival_number: 3 });
    } finally {
      await store.close();
    }
  });
});
