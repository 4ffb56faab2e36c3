import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { storeConflictOf } from '../src/store/store-conflict.js';
import { DATABASE_FILE_NAME, openStore, type Store } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { POSTGRES_TEST_URL, describeEachDialect, useStoreDatabase } from './postgres-test-db.js';
import type { StoreDialect } from '../src/store/store-dialect.js';

/** The error a statement fails with, as the driver gives it (never a hand-made stand-in). */
async function failureOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected the statement to fail');
}

/** A store on `dialect` with a table of the test's own: what is checked is how the database refuses, not a schema detail. */
function useProbeStore(dialect: StoreDialect) {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);
  return async function withStore(work: (db: Kysely<unknown>, store: Store) => Promise<void>): Promise<void> {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()) });
    try {
      await sql`create table race_probe (k text primary key, u text unique, n text not null, c integer check (c > 0))`.execute(store.db);
      await sql`insert into race_probe (k, u, n, c) values ('a', 'x', 'n', 1)`.execute(store.db);
      await work(store.db as unknown as Kysely<unknown>, store);
    } finally {
      await store.close();
    }
  };
}

describeEachDialect('storeConflictOf', (dialect) => {
  const withStore = useProbeStore(dialect);

  it('reads a primary-key or unique-key refusal as E_CONFLICT, and a NOT NULL or CHECK refusal as a bug', async () => {
    await withStore(async (db) => {
      const primary = await failureOf(sql`insert into race_probe (k, u, n, c) values ('a', 'y', 'n', 1)`.execute(db));
      const unique = await failureOf(sql`insert into race_probe (k, u, n, c) values ('b', 'x', 'n', 1)`.execute(db));
      expect(storeConflictOf(primary)).toMatchObject({ code: 'E_CONFLICT', message: expect.stringContaining('try again') });
      expect(storeConflictOf(unique)).toMatchObject({ code: 'E_CONFLICT' });

      const notNull = await failureOf(sql`insert into race_probe (k, u, n, c) values ('c', 'z', null, 1)`.execute(db));
      const check = await failureOf(sql`insert into race_probe (k, u, n, c) values ('d', 'w', 'n', 0)`.execute(db));
      const syntax = await failureOf(sql`insert into race_probe values (`.execute(db));
      expect(storeConflictOf(notNull)).toBeUndefined();
      expect(storeConflictOf(check)).toBeUndefined();
      expect(storeConflictOf(syntax)).toBeUndefined();
      expect(storeConflictOf('UNIQUE constraint failed')).toBeUndefined();
    });
  });

});

// As the other store tests: without a server a developer's run skips loudly; CI (which starts one) never skips.
const describeOnPostgres = POSTGRES_TEST_URL === '' && !process.env.CI ? describe.skip : describe;

describeOnPostgres('storeConflictOf on PostgreSQL', () => {
  const withStore = useProbeStore('postgres');

  it('reads the side PostgreSQL fails to break a deadlock as E_CONFLICT, with nothing written', async () => {
    await withStore(async (db) => {
      await sql`insert into race_probe (k, u, n, c) values ('b', 'y', 'n', 1)`.execute(db);
      let firstLocked!: () => void;
      let secondLocked!: () => void;
      const first = new Promise<void>((resolve) => (firstLocked = resolve));
      const second = new Promise<void>((resolve) => (secondLocked = resolve));
      // Two writers take the same two rows in opposite orders: each waits for the other, and PostgreSQL fails one.
      const writer = (mine: string, theirs: string, locked: () => void, otherLocked: Promise<void>) =>
        db.transaction().execute(async (tx) => {
          await sql`update race_probe set c = c + 1 where k = ${mine}`.execute(tx);
          locked();
          await otherLocked;
          await sql`update race_probe set c = c + 1 where k = ${theirs}`.execute(tx);
        });
      const outcomes = await Promise.allSettled([writer('a', 'b', firstLocked, second), writer('b', 'a', secondLocked, first)]);
      const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(failed).toHaveLength(1);
      expect((failed[0]!.reason as { code?: string }).code).toBe('40P01');
      expect(storeConflictOf(failed[0]!.reason)).toMatchObject({ code: 'E_CONFLICT', message: expect.stringContaining('nothing was changed') });
      // The winner's two increments only: the loser's first update rolled back with it.
      const rows = await sql<{ total: number }>`select sum(c)::int as total from race_probe`.execute(db);
      expect(rows.rows[0]?.total).toBe(4);
    });
  });

});

describe('storeConflictOf on SQLite', () => {
  const withStore = useProbeStore('sqlite');

  it('reads SQLITE_BUSY (another connection holds the write lock past the wait) as E_CONFLICT', async () => {
    await withStore(async (_db, store) => {
      const file = join(store.dataDir, DATABASE_FILE_NAME);
      const open = () => new sqlite3.Database(file);
      const run = (connection: sqlite3.Database, text: string) =>
        new Promise<void>((resolve, reject) => connection.run(text, (error) => (error ? reject(error) : resolve())));
      const holder = open();
      const waiter = open();
      try {
        await run(holder, 'BEGIN IMMEDIATE');
        const busy = await failureOf(run(waiter, 'BEGIN IMMEDIATE'));
        expect((busy as { code?: string }).code).toBe('SQLITE_BUSY');
        expect(storeConflictOf(busy)).toMatchObject({ code: 'E_CONFLICT' });
        await run(holder, 'ROLLBACK');
      } finally {
        await Promise.all([holder, waiter].map((c) => new Promise((resolve) => c.close(resolve))));
      }
    });
  });
});
