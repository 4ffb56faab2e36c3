import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../src/store/migrations/index.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';

describe('openStore', () => {
  const tempDir = useTempDir();

  it('creates the file with WAL, foreign keys and the latest schema', async () => {
    const store = await openStore({ dataDir: await tempDir() });
    try {
      expect(await store.schemaVersion()).toBe(latestSchemaVersion);
      const journal = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(store.db);
      expect(journal.rows[0]?.journal_mode).toBe('wal');
      const fk = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(store.db);
      expect(fk.rows[0]?.foreign_keys).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('refuses a database written by a newer app', async () => {
    const dataDir = await tempDir();
    const store = await openStore({ dataDir });
    await sql.raw(`PRAGMA user_version = ${latestSchemaVersion + 5}`).execute(store.db);
    await store.close();
    await expect(openStore({ dataDir })).rejects.toMatchObject({ code: 'E_SCHEMA_TOO_NEW' });
  });

  it('rolls a transaction back entirely when it fails', async () => {
    const store = await openStore({ dataDir: await tempDir() });
    try {
      await expect(
        store.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('app_settings')
            .values({ key: 'agency', value: 'A', updated_at: 'now' })
            .execute();
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.db.selectFrom('app_settings').selectAll().execute()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
