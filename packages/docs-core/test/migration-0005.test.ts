import { expect, it } from 'vitest';
import { migrations } from '../src/store/migrations/index.js';
import { migrateTo } from '../src/store/migrator.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';

describeEachDialect('migration 0005 (assignments and outbox)', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  it('adds assignments with extension history and the outbox', async () => {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()), migrateToVersion: 4 });
    try {
      await store.db
        .insertInto('documents')
        .values({ id: 'd1', direction: 'incoming', state: 'presented', created_at: 'x', updated_at: 'x' })
        .execute();
      await store.db.insertInto('users').values({ id: 'u1', username: 'cv', full_name: 'Chuyên viên', created_at: 'x' }).execute();
      await migrateTo(store.db, migrations, 5);
      const { id } = await store.db
        .insertInto('assignments')
        .values({ document_id: 'd1', user_id: 'u1', role: 'lead', due_date: '2026-12-01', status: 'assigned', assigned_by: 'u1', assigned_at: 'x' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await store.db
        .insertInto('assignment_extensions')
        .values({ assignment_id: id, previous_due_date: '2026-12-01', new_due_date: '2026-12-10', reason: 'chờ số liệu', granted_by: 'u1', granted_at: 'x' })
        .execute();
      await expect(
        store.db
          .insertInto('assignments')
          .values({ document_id: 'd1', user_id: 'u1', role: 'boss' as 'lead', status: 'assigned', assigned_by: 'u1', assigned_at: 'x' })
          .execute(),
      ).rejects.toThrow(/CHECK constraint|violates check constraint/);
      await store.db
        .insertInto('outbox')
        .values({ created_at: 'x', document_id: 'd1', kind: 'status', status_code: '01', recipient_organ_id: '000.00.01.H99', payload: '{}', state: 'pending' })
        .execute();
      const row = await store.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ attempts: 0, state: 'pending', status_code: '01' });
    } finally {
      await store.close();
    }
  });
});
