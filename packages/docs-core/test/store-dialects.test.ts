import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { latestSchemaVersion } from '../src/store/migrations/index.js';
import { readSchemaVersion, writeSchemaVersion } from '../src/store/migrator.js';
import { openStore } from '../src/store/store.js';
import { dialectOf } from '../src/store/store-dialect.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';

describeEachDialect('openStore', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  it('migrates an empty database to the latest schema, and a second open finds nothing to do', async () => {
    const options = { dataDir: await tempDir(), ...(await database()) };
    const store = await openStore(options);
    try {
      expect(store.dialect).toBe(dialect);
      expect(dialectOf(store.db)).toBe(dialect);
      expect(await store.schemaVersion()).toBe(latestSchemaVersion);
    } finally {
      await store.close();
    }
    const again = await openStore(options);
    try {
      expect(await readSchemaVersion(again.db)).toBe(latestSchemaVersion);
    } finally {
      await again.close();
    }
  });

  // PostgreSQL's migration lock (migrator.ts). On SQLite, BEGIN IMMEDIATE orders the steps, but three connections
  // switching a brand-new file to WAL at the same instant can meet SQLITE_BUSY: the app opens one store per process.
  it.runIf(dialect === 'postgres')('three stores opening one empty database at once migrate it once', async () => {
    const options = { dataDir: await tempDir(), ...(await database()) };
    const stores = await Promise.all([openStore(options), openStore(options), openStore(options)]);
    try {
      for (const store of stores) expect(await store.schemaVersion()).toBe(latestSchemaVersion);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('refuses a database written by a newer app', async () => {
    const options = { dataDir: await tempDir(), ...(await database()) };
    const store = await openStore(options);
    await writeSchemaVersion(store.db, latestSchemaVersion + 5);
    await store.close();
    await expect(openStore(options)).rejects.toMatchObject({ code: 'E_SCHEMA_TOO_NEW' });
  });

  it('rolls a transaction back entirely when it fails', async () => {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()) });
    try {
      await expect(
        store.db.transaction().execute(async (trx) => {
          await trx.insertInto('app_settings').values({ key: 'agency', value: 'A', updated_at: 'now' }).execute();
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.db.selectFrom('app_settings').selectAll().execute()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('numbers a row the way SQLite numbers its rowid when the insert leaves the id out, with 64-bit integers', async () => {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()) });
    try {
      await store.db.insertInto('documents').values({ id: 'd1', direction: 'incoming', state: 'received', created_at: 'x', updated_at: 'x' }).execute();
      const file = { document_id: 'd1', role: 'main' as const, name: 'a.pdf', sha256: 'a'.repeat(64), media_type: 'application/pdf', added_at: 'x' };
      const first = await store.db.insertInto('document_files').values({ ...file, size: 2 ** 40 }).returning(['id', 'size']).executeTakeFirstOrThrow();
      const second = await store.db.insertInto('document_files').values({ ...file, size: 1 }).returning('id').executeTakeFirstOrThrow();
      expect(first).toEqual({ id: 1, size: 2 ** 40 });
      expect(second.id).toBe(2);
      const count = await store.db.selectFrom('document_files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(count.n).toBe(2);
      expect((await sql<{ one: number }>`select 1 as one`.execute(store.db)).rows[0]?.one).toBe(1);
    } finally {
      await store.close();
    }
  });
});
