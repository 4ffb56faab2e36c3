import { expect, it } from 'vitest';
import { migrateTo } from '../src/store/migrator.js';
import { migrations } from '../src/store/migrations/index.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';
import { versionBefore } from './migration-helpers.js';

const SHA = 'a'.repeat(64);

describeEachDialect('migration 0031 (issued-attachment file role)', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  it('keeps every file row and its id, accepts the new role, still refuses an unknown one and still cascades', async () => {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()), migrateToVersion: versionBefore(31) });
    try {
      await store.db.insertInto('documents').values({ id: 'd1', direction: 'outgoing', state: 'draft', created_at: 'x', updated_at: 'x' } as never).execute(); // the row as version 30 knew it
      await store.db.insertInto('document_files').values([
        { id: 7, document_id: 'd1', role: 'main', name: 'qd.pdf', sha256: SHA, size: 10, media_type: 'application/pdf', added_at: 'x' },
        { id: 9, document_id: 'd1', role: 'attachment', name: 'phu-luc.pdf', sha256: SHA, size: 10, media_type: 'application/pdf', added_at: 'x' },
      ]).execute();
      await expect(store.db.insertInto('document_files').values({ document_id: 'd1', role: 'issued-attachment', name: 'p', sha256: SHA, size: 1, media_type: 'application/pdf', added_at: 'x' }).execute()).rejects.toThrow(/CHECK|check constraint/);

      await migrateTo(store.db, migrations, 31);
      expect(await store.schemaVersion()).toBe(31);
      expect(await store.db.selectFrom('document_files').select(['id', 'role', 'name']).orderBy('id').execute()).toEqual([
        { id: 7, role: 'main', name: 'qd.pdf' },
        { id: 9, role: 'attachment', name: 'phu-luc.pdf' },
      ]);
      await store.db.insertInto('document_files').values({ document_id: 'd1', role: 'issued-attachment', name: 'phu-luc.pdf', sha256: SHA, size: 12, media_type: 'application/pdf', added_at: 'x' }).execute();
      await expect(store.db.insertInto('document_files').values({ document_id: 'd1', role: 'bogus' as never, name: 'p', sha256: SHA, size: 1, media_type: 'x', added_at: 'x' }).execute()).rejects.toThrow(/CHECK|check constraint/);
      await store.db.deleteFrom('documents').where('id', '=', 'd1').execute();
      expect(await store.db.selectFrom('document_files').selectAll().execute()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
