import { describe, expect, it } from 'vitest';
import { migrateTo } from '../src/store/migrator.js';
import { migrations } from '../src/store/migrations/index.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { versionBefore } from './migration-helpers.js';

describe('migration 0060 (document reads)', () => {
  const tempDir = useTempDir();

  it('keeps one read per user and document, and drops it with the document or the user', async () => {
    const store = await openStore({ dataDir: await tempDir(), migrateToVersion: versionBefore(60) });
    try {
      await migrateTo(store.db, migrations, 60);
      await store.db.insertInto('documents').values({ id: 'd1', direction: 'incoming', state: 'received', created_at: 'x', updated_at: 'x' } as never).execute();
      await store.db.insertInto('users').values({ id: 'u1', username: 'vanthu', full_name: 'V', created_at: 'x' } as never).execute();
      await store.db.insertInto('document_reads').values({ user_id: 'u1', document_id: 'd1', read_at: 'x' }).execute();
      await expect(store.db.insertInto('document_reads').values({ user_id: 'u1', document_id: 'd1', read_at: 'y' }).execute()).rejects.toThrow(/UNIQUE|PRIMARY/);
      await expect(store.db.insertInto('document_reads').values({ user_id: 'u1', document_id: 'nope', read_at: 'y' }).execute()).rejects.toThrow(/FOREIGN KEY/);
      await store.db.deleteFrom('documents').where('id', '=', 'd1').execute();
      expect(await store.db.selectFrom('document_reads').selectAll().execute()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
