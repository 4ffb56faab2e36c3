import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateTo } from '../src/store/migrator.js';
import { migrations } from '../src/store/migrations/index.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { versionBefore } from './migration-helpers.js';

describe('migration 0022 (search)', () => {
  const tempDir = useTempDir();

  it('adds the search entries and the folded and exact FTS5 tables beside existing data', async () => {
    const store = await openStore({ dataDir: await tempDir(), migrateToVersion: versionBefore(22) });
    try {
      await store.db.insertInto('app_settings').values({ key: 'k', value: 'v', updated_at: 'x' }).execute();
      await migrateTo(store.db, migrations, 22);
      expect(await store.schemaVersion()).toBe(22);
      expect(await store.db.selectFrom('app_settings').select('value').executeTakeFirst()).toEqual({ value: 'v' });
      await sql`insert into search_folded (rowid, number_symbol, subject, people, body) values (7, '', 'dat dai', '', '')`.execute(store.db);
      await sql`insert into search_exact (rowid, number_symbol, subject, people, body) values (7, '', 'đất đai', '', '')`.execute(store.db);
      const folded = await sql<{ rowid: number }>`select rowid from search_folded where search_folded match '"dat dai"'`.execute(store.db);
      expect(folded.rows).toEqual([{ rowid: 7 }]);
      // remove_diacritics 0 keeps "đất" apart from "dat"; 2 on the folded table also strips marks FTS5 sees.
      expect((await sql`select rowid from search_exact where search_exact match 'dat'`.execute(store.db)).rows).toEqual([]);
      expect((await sql`select rowid from search_exact where search_exact match '"đất"'`.execute(store.db)).rows).toHaveLength(1);
      await sql`insert into search_folded (rowid, number_symbol, subject, people, body) values (8, '', 'thương', '', '')`.execute(store.db);
      expect((await sql`select rowid from search_folded where search_folded match 'thuong'`.execute(store.db)).rows).toEqual([{ rowid: 8 }]);
      // Contentless tables still accept deletes (contentless_delete=1), which re-indexing relies on.
      await sql`delete from search_folded where rowid = 7`.execute(store.db);
      expect((await sql`select rowid from search_folded where search_folded match 'dat'`.execute(store.db)).rows).toEqual([]);
      await store.db.insertInto('search_file_texts').values({ sha256: 'a'.repeat(64), status: 'pending', text: null, error: null, updated_at: 'x' }).execute();
      await expect(
        store.db.insertInto('search_file_texts').values({ sha256: 'b'.repeat(64), status: 'lost' as 'done', text: null, error: null, updated_at: 'x' }).execute(),
      ).rejects.toThrow(/CHECK constraint/);
    } finally {
      await store.close();
    }
  });
});
