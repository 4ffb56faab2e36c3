import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { defaultSearchIndex, facetWord } from '../src/search/index.js';
import { migrateTo } from '../src/store/migrator.js';
import { migrations } from '../src/store/migrations/index.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { versionBefore } from './migration-helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';

const VERSION = 230;
const DOCS = [
  { id: 'a', date: '2025-12-31', subject: 'Về việc quản lý đất đai', signer: 'Nguyễn Văn Hùng' },
  { id: 'b', date: '2026-01-02', subject: 'Báo cáo đất đai quý 4', signer: 'Trần Thị Lan' },
  { id: 'c', date: '2024-03-09', subject: 'Kế hoạch chuyển đổi số', signer: 'Nguyễn Văn Hùng' },
];

describeEachDialect('migration 0230 (search time buckets and facets)', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  it('folds entries written before it again with their month, year and filter values, and search finds them as before', async () => {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()), migrateToVersion: versionBefore(VERSION) });
    try {
      await store.db.transaction().execute((trx) =>
        defaultSearchIndex.index(trx, DOCS.map((d) => ({ id: d.id, direction: 'incoming', date: d.date, subject: d.subject, signerName: d.signer, state: 'registered' }))),
      );
      if (dialect === 'postgres') {
        // As the previous version wrote them: the words only, no bucket words.
        await sql`update search_entries set folded = ts_delete(folded, array(select w from unnest(tsvector_to_array(folded)) w where w like '\_%'))`.execute(store.db);
        const before = await sql<{ n: number }>`select count(*)::int as n from search_entries where folded @@ '_y2026'::tsquery`.execute(store.db);
        expect(before.rows[0]!.n).toBe(0);
      }
      await migrateTo(store.db, migrations, VERSION);
      expect(await store.schemaVersion()).toBe(VERSION);
      if (dialect === 'postgres') {
        const rows = await sql<{ document_id: string; folded: string }>`select document_id, folded::text as folded from search_entries order by document_id`.execute(store.db);
        expect(rows.rows.map((r) => r.folded)).toEqual([
          expect.stringMatching(/'_m202512' .*'_y2025'/), expect.stringMatching(/'_m202601' .*'_y2026'/), expect.stringMatching(/'_m202403' .*'_y2024'/),
        ]);
        // Positions kept: a phrase still matches only as written.
        expect(rows.rows[0]!.folded).toContain("'dat':5");
        // And the filters' facet words.
        expect(rows.rows[0]!.folded).toContain(`'${facetWord('state', 'registered')}'`);
        expect(rows.rows[0]!.folded).toContain(`'${facetWord('direction', 'incoming')}'`);
      }
      const hits = async (text: string, extra = {}) => (await defaultSearchIndex.search(store.db, { text, ...extra })).hits.map((h) => h.id);
      expect(await hits('dat dai')).toEqual(['b', 'a']);
      expect(await hits('dat dai', { order: 'oldest' })).toEqual(['a', 'b']);
      expect(await hits('dat dai', { year: 2025 })).toEqual(['a']);
      expect(await hits('nguyen van hung')).toEqual(['a', 'c']);
      expect(await hits('chuyển đổi số', { dateFrom: '2024-03-09', dateTo: '2024-03-09' })).toEqual(['c']);
      expect(await hits('dai quan')).toEqual([]);
      expect(await hits('dat dai', { state: 'registered', direction: 'incoming' })).toEqual(['b', 'a']);
      expect(await hits('dat dai', { state: 'completed' })).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
