import { expect, it } from 'vitest';
import { migrateTo } from '../src/store/migrator.js';
import { migrations } from '../src/store/migrations/index.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';
import { versionBefore } from './migration-helpers.js';

const SHA = 'b'.repeat(64);

describeEachDialect('migration 0190 (archival file role, archival_pending)', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  it('keeps every file row and its id, accepts the archival role, still refuses an unknown one and still cascades', async () => {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()), migrateToVersion: versionBefore(190) });
    try {
      await store.db.insertInto('documents').values({ id: 'd1', direction: 'incoming', state: 'registered', created_at: 'x', updated_at: 'x' } as never).execute();
      await store.db.insertInto('document_files').values([
        { id: 4, document_id: 'd1', role: 'main', name: 'qd.pdf', sha256: SHA, size: 10, media_type: 'application/pdf', added_at: 'x' },
        { id: 6, document_id: 'd1', role: 'issued-attachment', name: 'phu-luc.pdf', sha256: SHA, size: 10, media_type: 'application/pdf', added_at: 'x' },
      ]).execute();
      const archival = { document_id: 'd1', role: 'archival' as const, name: 'qd-luu-tru.pdf', sha256: SHA, size: 12, media_type: 'application/pdf', added_at: 'x' };
      await expect(store.db.insertInto('document_files').values(archival).execute()).rejects.toThrow(/CHECK|check constraint/);

      await migrateTo(store.db, migrations, 190);
      expect(await store.schemaVersion()).toBe(190);
      expect(await store.db.selectFrom('document_files').select(['id', 'role', 'name']).orderBy('id').execute()).toEqual([
        { id: 4, role: 'main', name: 'qd.pdf' },
        { id: 6, role: 'issued-attachment', name: 'phu-luc.pdf' },
      ]);
      await store.db.insertInto('document_files').values(archival).execute();
      await expect(store.db.insertInto('document_files').values({ ...archival, role: 'bogus' as never }).execute()).rejects.toThrow(/CHECK|check constraint/);
      expect(await store.db.selectFrom('archival_pending').selectAll().execute()).toEqual([]);
      await store.db.deleteFrom('documents').where('id', '=', 'd1').execute();
      expect(await store.db.selectFrom('document_files').selectAll().execute()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
