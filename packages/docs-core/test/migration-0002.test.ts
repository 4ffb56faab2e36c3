import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrations } from '../src/store/migrations/index.js';
import { migrateTo } from '../src/store/migrator.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';

describeEachDialect('migration 0002 (users and audit)', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  it('keeps version-1 documents and adds users, roles, sessions and an append-only audit log', async () => {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()), migrateToVersion: 1 });
    try {
      await store.db
        .insertInto('documents')
        .values({ id: 'd1', direction: 'incoming', state: 'received', created_at: 'x', updated_at: 'x' })
        .execute();
      await migrateTo(store.db, migrations, 2);
      expect(await store.schemaVersion()).toBe(2);
      expect(await store.db.selectFrom('documents').select('id').execute()).toEqual([{ id: 'd1' }]);
      await store.db
        .insertInto('users')
        .values({ id: 'u1', username: 'vanthu', full_name: 'Văn thư', created_at: 'x' })
        .execute();
      await store.db.insertInto('user_roles').values({ user_id: 'u1', role: 'clerk' }).execute();
      await expect(
        store.db.insertInto('user_roles').values({ user_id: 'u1', role: 'king' as 'clerk' }).execute(),
      ).rejects.toThrow(/CHECK constraint|violates check constraint/);
      await store.db
        .insertInto('audit_log')
        .values({ id: 1, at: 'x', actor: 'u1', action: 'a', object_type: 'o', object_id: '1', prev_hash: '0', hash: 'h' })
        .execute();
      await expect(sql`update audit_log set actor = 'x'`.execute(store.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_log`.execute(store.db)).rejects.toThrow(/append-only/);
    } finally {
      await store.close();
    }
  });
});
