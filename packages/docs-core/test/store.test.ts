import { chmod, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../src/store/migrations/index.js';
import { DATABASE_FILE_NAME, openStore } from '../src/store/store.js';
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

  it.skipIf(process.platform === 'win32')('makes the folder 0700 and the database with its -wal and -shm 0600, whatever the umask', async () => {
    const dataDir = join(await tempDir(), 'data');
    const umask = process.umask(0);
    try {
      const store = await openStore({ dataDir });
      try {
        const mode = async (name: string) => ((await stat(join(dataDir, name))).mode & 0o777).toString(8);
        expect(await mode('.')).toBe('700');
        expect(await mode(DATABASE_FILE_NAME)).toBe('600');
        expect(await mode(`${DATABASE_FILE_NAME}-wal`)).toBe('600');
        expect(await mode(`${DATABASE_FILE_NAME}-shm`)).toBe('600');
      } finally {
        await store.close();
      }
    } finally {
      process.umask(umask);
    }
  });

  it.skipIf(process.platform === 'win32')('narrows a folder and a database an earlier version left open to others', async () => {
    const dataDir = await tempDir();
    await chmod(dataDir, 0o755);
    await writeFile(join(dataDir, DATABASE_FILE_NAME), '', { mode: 0o644 });
    await chmod(join(dataDir, DATABASE_FILE_NAME), 0o644);
    const store = await openStore({ dataDir });
    await store.close();
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dataDir, DATABASE_FILE_NAME))).mode & 0o777).toBe(0o600);
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
