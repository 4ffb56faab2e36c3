import { expect, it } from 'vitest';
import { migrateTo } from '../src/store/migrator.js';
import { migrations } from '../src/store/migrations/index.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';
import { versionBefore } from './migration-helpers.js';

describeEachDialect('migration 0080 (password change required)', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  it('keeps existing accounts free of a forced change and lets a reset mark one', async () => {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()), migrateToVersion: versionBefore(80) });
    try {
      await store.db.insertInto('users').values({ id: 'u1', username: 'vanthu', full_name: 'V', created_at: 'x' } as never).execute();
      await migrateTo(store.db, migrations, 80);
      expect(await store.schemaVersion()).toBe(80);
      const before = await store.db.selectFrom('users').select('must_change_password').where('id', '=', 'u1').executeTakeFirstOrThrow();
      expect(before.must_change_password).toBe(0);
      await store.db.updateTable('users').set({ must_change_password: 1 }).where('id', '=', 'u1').execute();
      const after = await store.db.selectFrom('users').select('must_change_password').where('id', '=', 'u1').executeTakeFirstOrThrow();
      expect(after.must_change_password).toBe(1);
    } finally {
      await store.close();
    }
  });
});
