import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateTo } from '../src/store/migrator.js';
import { migrations } from '../src/store/migrations/index.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { versionBefore } from './migration-helpers.js';

describe('migration 0022 (search)', () => {
  const tempDir = useTempDir();

  it('adds the search entries and the folded FTS5 table (with facets) beside existing data', async () => {
    const store = await openStore({ dataDir: await tempDir(), migrateToVersion: versionBefore(22) });
    try {
      await store.db.insertInto('app_settings').values({ key: 'k', value: 'v', updated_at: 'x' }).execute();
      await migrateTo(store.db, migrations, 22);
      expect(await store.schemaVersion()).toBe(22);
      expect(await store.db.selectFrom('app_settings').select('value').executeTakeFirst()).toEqual({ value: 'v' });
      const insert = (rowid: number, subject: string, facets: string) =>
        sql`insert into search_folded (rowid, number_symbol, subject, people, body, facets) values (${rowid}, '', ${subject}, '', '', ${facets})`.execute(store.db);
      const match = async (expression: string) =>
        (await sql<{ rowid: number }>`select rowid from search_folded where search_folded match ${expression} order by rowid desc`.execute(store.db)).rows.map((r) => r.rowid);
      await insert(7, 'dat dai', 'zzdincoming');
      await insert(8, 'thương dat dai', 'zzdoutgoing');
      expect(await match('"dat dai"')).toEqual([8, 7]);
      // remove_diacritics 2 strips marks FTS5 sees (our JS folding has already removed Vietnamese ones).
      expect(await match('thuong')).toEqual([8]);
      expect(await match('"dat dai" AND facets : zzdincoming')).toEqual([7]);
      // Contentless: a row is forgotten through the 'delete' command with the values it was indexed with.
      await sql`insert into search_folded (search_folded, rowid, number_symbol, subject, people, body, facets) values ('delete', 7, '', 'dat dai', '', '', 'zzdincoming')`.execute(store.db);
      expect(await match('"dat dai"')).toEqual([8]);
      await store.db.insertInto('search_file_texts').values({ sha256: 'a'.repeat(64), status: 'pending', text: null, error: null, updated_at: 'x' }).execute();
      await expect(
        store.db.insertInto('search_file_texts').values({ sha256: 'b'.repeat(64), status: 'lost' as 'done', text: null, error: null, updated_at: 'x' }).execute(),
      ).rejects.toThrow(/CHECK constraint/);
    } finally {
      await store.close();
    }
  });
});
