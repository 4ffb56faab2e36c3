import { expect, it } from 'vitest';
import { migrateTo } from '../src/store/migrator.js';
import { migrations } from '../src/store/migrations/index.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';
import { versionBefore } from './migration-helpers.js';

describeEachDialect('migration 0020 (directory)', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  it('adds the directory tables beside existing data, with the parent link checked at commit', async () => {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()), migrateToVersion: versionBefore(20) });
    try {
      await store.db.insertInto('app_settings').values({ key: 'k', value: 'v', updated_at: 'x' }).execute();
      await migrateTo(store.db, migrations, 20);
      expect(await store.schemaVersion()).toBe(20);
      expect(await store.db.selectFrom('app_settings').select('value').where('key', '=', 'k').executeTakeFirst()).toEqual({ value: 'v' });
      const row = (code: string, parent: string | null, level: number) => ({
        code, name: code, name_folded: code, parent_code: parent, level, kind: null, updated_at: 'x',
      });
      // Child before parent inside one transaction: allowed, the foreign key is deferred.
      await store.db.transaction().execute(async (trx) => {
        await trx.insertInto('directory_endpoints').values(row('000.00.01.Z99', '000.00.00.Z99', 2)).execute();
        await trx.insertInto('directory_endpoints').values(row('000.00.00.Z99', null, 1)).execute();
      });
      await expect(
        store.db.insertInto('directory_endpoints').values(row('000.00.02.Z99', '000.00.00.Z98', 2)).execute(),
      ).rejects.toThrow(/FOREIGN KEY|violates foreign key/);
      await expect(
        store.db.insertInto('directory_endpoints').values(row('000.00.03.Z99', null, 2)).execute(),
      ).rejects.toThrow(/CHECK constraint|violates check constraint/);
      expect(await store.db.selectFrom('directory_endpoints').select('code').execute()).toHaveLength(2);
    } finally {
      await store.close();
    }
  });
});
