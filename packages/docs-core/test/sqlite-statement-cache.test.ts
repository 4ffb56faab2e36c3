import { join } from 'node:path';
import { Kysely, sql, type Generated } from 'kysely';
import sqlite3 from 'sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { SqliteFileDialect } from '../src/store/sqlite-dialect.js';
import { useTempDir } from './helpers.js';

interface TestDb {
  notes: { id: Generated<number>; text: string };
}

/** The driver keeps each statement prepared between runs (sqlite-dialect.ts, StatementCache): what that must not change. */
describe('SQLite statements kept prepared between runs', () => {
  const tempDir = useTempDir();

  async function open(path: string): Promise<Kysely<TestDb>> {
    const db = new Kysely<TestDb>({ dialect: new SqliteFileDialect({ path }) });
    await sql`create table if not exists notes (id integer primary key, text text not null unique)`.execute(db);
    return db;
  }

  it('binds each run its own parameters: the same statement many times, one after another and at once', async () => {
    const db = await open(join(await tempDir(), 'a.sqlite'));
    try {
      for (let i = 1; i <= 50; i += 1) await db.insertInto('notes').values({ id: i, text: `note ${i}` }).execute();
      const one = await Promise.all(Array.from({ length: 50 }, (_, i) => db.selectFrom('notes').select('text').where('id', '=', i + 1).executeTakeFirst()));
      expect(one.map((row) => row?.text)).toEqual(Array.from({ length: 50 }, (_, i) => `note ${i + 1}`));
      // A run without parameters after runs with them, and the reverse: nothing is left bound from before.
      expect((await sql<{ n: number }>`select count(*) as n from notes`.execute(db)).rows[0]?.n).toBe(50);
      const updated = await db.updateTable('notes').set({ text: 'changed' }).where('id', '=', 7).executeTakeFirst();
      expect(updated.numUpdatedRows).toBe(1n);
      const inserted = await db.insertInto('notes').values({ text: 'last' }).executeTakeFirst();
      expect(inserted.insertId).toBe(51n);
    } finally {
      await db.destroy();
    }
  });

  it('a run that fails gives SQLite\'s error, and the same statement runs again afterwards', async () => {
    const db = await open(join(await tempDir(), 'b.sqlite'));
    try {
      await db.insertInto('notes').values({ id: 1, text: 'same' }).execute();
      await expect(db.insertInto('notes').values({ id: 2, text: 'same' }).execute()).rejects.toThrow(/UNIQUE constraint failed: notes.text/);
      await db.insertInto('notes').values({ id: 2, text: 'other' }).execute();
      // A statement that cannot be prepared: the error names the cause; once the table exists, the same text runs.
      await expect(sql`select * from later`.execute(db)).rejects.toThrow(/no such table: later/);
      await sql`create table later (x integer)`.execute(db);
      await sql`insert into later (x) values (${5})`.execute(db);
      expect((await sql<{ x: number }>`select * from later`.execute(db)).rows).toEqual([{ x: 5 }]);
      // A column added after a statement was prepared shows in its next run (SQLite prepares it again).
      await sql`alter table later add column y text default 'y'`.execute(db);
      expect((await sql<{ x: number }>`select * from later`.execute(db)).rows).toEqual([{ x: 5, y: 'y' }]);
      expect((await db.selectFrom('notes').select('text').orderBy('id').execute()).map((r) => r.text)).toEqual(['same', 'other']);
    } finally {
      await db.destroy();
    }
  });

  it('more distinct statements than it keeps, then closed: every result right, and the file opens again', async () => {
    const path = join(await tempDir(), 'c.sqlite');
    const db = await open(path);
    await db.insertInto('notes').values({ id: 1, text: 'x' }).execute();
    // An IN list of each length is its own statement text: 300 of them, past the 256 kept.
    for (let n = 1; n <= 300; n += 1) {
      const rows = await db.selectFrom('notes').select('id').where('id', 'in', Array.from({ length: n }, (_, i) => i + 1)).execute();
      expect(rows).toEqual([{ id: 1 }]);
    }
    // SQLite refuses to close a connection with statements not finalized ("unable to close due to unfinalized statements").
    await db.destroy();
    const again = await open(path);
    try {
      expect(await again.selectFrom('notes').selectAll().execute()).toEqual([{ id: 1, text: 'x' }]);
    } finally {
      await again.destroy();
    }
  });

  it('a statement whose shape the driver cannot tell is not kept: it holds no read open after it ran', async () => {
    const path = join(await tempDir(), 'd.sqlite');
    const db = await open(path);
    const other = await new Promise<sqlite3.Database>((resolve, reject) => {
      const handle = new sqlite3.Database(path, (error) => (error ? reject(error) : resolve(handle)));
    });
    const all = (text: string) => new Promise<unknown[]>((resolve, reject) => other.all(text, (error, rows) => (error ? reject(error) : resolve(rows))));
    try {
      await db.insertInto('notes').values([{ id: 1, text: 'a' }, { id: 2, text: 'b' }]).execute();
      // Not recognised as returning rows (a comment first): run as sqlite3's run does, which steps to the first row.
      await sql`/* first row only */ select * from notes`.execute(db);
      await sql`select * from notes where id > ${0}`.execute(db);
      await all("insert into notes (id, text) values (3, 'c')");
      // A statement left on a row would keep its read of the old snapshot: the checkpoint could not finish (busy = 1).
      expect(await all('pragma wal_checkpoint(truncate)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
      await db.destroy();
    }
  });

  it('an idle connection lets its statements go, and prepares them again when it works; a transaction idle past it still commits', async () => {
    const path = join(await tempDir(), 'e.sqlite');
    // A short idle time so the test waits for the release itself, not for a clock.
    const dialect = new SqliteFileDialect({ path, statementIdleMs: 20 });
    const db = new Kysely<TestDb>({ dialect });
    try {
      await sql`create table notes (id integer primary key, text text not null unique)`.execute(db);
      for (let i = 1; i <= 5; i += 1) await db.insertInto('notes').values({ id: i, text: `note ${i}` }).execute();
      expect(await db.selectFrom('notes').select('text').where('id', '=', 3).executeTakeFirst()).toEqual({ text: 'note 3' });
      expect(dialect.keptStatements()).toBeGreaterThan(0);
      await vi.waitFor(() => expect(dialect.keptStatements()).toBe(0), { timeout: 10_000, interval: 10 });
      expect(await db.selectFrom('notes').select('text').where('id', '=', 4).executeTakeFirst()).toEqual({ text: 'note 4' });
      expect(dialect.keptStatements()).toBeGreaterThan(0);
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('notes').values({ id: 6, text: 'note 6' }).execute();
        // Idle inside the transaction until the statements are gone, then go on with it.
        await vi.waitFor(() => expect(dialect.keptStatements()).toBe(0), { timeout: 10_000, interval: 10 });
        await trx.insertInto('notes').values({ id: 7, text: 'note 7' }).execute();
        await trx.updateTable('notes').set({ text: 'changed' }).where('id', '=', 1).execute();
      });
      expect((await db.selectFrom('notes').select(['id', 'text']).orderBy('id').execute()).map((r) => `${r.id} ${r.text}`)).toEqual([
        '1 changed', '2 note 2', '3 note 3', '4 note 4', '5 note 5', '6 note 6', '7 note 7',
      ]);
    } finally {
      await db.destroy();
    }
    // Every statement was finalized: SQLite closed the connection, and the file opens again.
    const again = await open(path);
    try {
      expect(await again.selectFrom('notes').select('id').where('id', '=', 7).executeTakeFirst()).toEqual({ id: 7 });
    } finally {
      await again.destroy();
    }
  });
});
