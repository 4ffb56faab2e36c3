import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../src/audit/audit-log.js';
import { bulkImportDocuments, type ImportedDocumentRow } from '../src/bulk/index.js';
import { FixedClock } from '../src/clock/index.js';
import { defaultSearchIndex, indexDocumentForSearch, PostgresSearchIndex, searchDocumentOfRow, type SearchIndex, type SearchQuery } from '../src/search/index.js';
import type { Database } from '../src/store/schema.js';
import { dialectOf } from '../src/store/store-dialect.js';
import { openStore, type Store } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';

const clock = new FixedClock('2026-11-28T09:00:00+07:00');
// Tabs, newlines, backslashes and quotes: what COPY's text format must escape, and what a legacy archive holds.
const SUBJECTS = [
  'Về việc quản lý đất đai trên địa bàn', 'Ke hoach chuyen doi so nam 2026', 'Báo cáo thi đua,\tkhen thưởng',
  'Tờ trình về "cải cách" hành chính\nquý 2 \\ năm 2026', "Giấy mời họp 'phòng, chống' thiên tai\r\n",
];

function legacyRows(count: number): ImportedDocumentRow[] {
  return Array.from({ length: count }, (_, i): ImportedDocumentRow => {
    // Two documents a day, every ninth day over three years (so searches on PostgreSQL read many months and years).
    const date = new Date(Date.UTC(2026, 10, 27) - Math.floor(i / 2) * 9 * 86_400_000).toISOString().slice(0, 10);
    const incoming = i % 2 === 0;
    return {
      id: `legacy-${i}`, direction: incoming ? 'incoming' : 'outgoing', state: incoming ? 'completed' : 'dispatched',
      created_at: '2026-11-28T09:00:00+07:00', updated_at: '2026-11-28T09:00:00+07:00', year: Number(date.slice(0, 4)),
      source: 'import', type_code: incoming ? 'cong-van' : 'QĐ', type_name: incoming ? 'Công văn' : 'Quyết định',
      code_number: String(1 + Math.floor(i / 2)), code_notation: incoming ? 'UBND-VP' : 'QĐ-UBND', issued_date: i % 7 === 3 ? null : date,
      arrival_date: incoming ? date : null, organ_id: '000.00.00.Z99', organ_name: i % 5 === 0 ? null : 'Ủy ban nhân dân tỉnh Demo',
      subject: `${SUBJECTS[i % SUBJECTS.length]} (${i})`, signer_full_name: i % 4 === 0 ? 'Trần Thị Lan' : 'Nguyễn Văn Hùng',
      urgency: i % 9 === 0 ? 'flash' : 'normal', secrecy: i % 11 === 8 ? 'secret' : 'none',
    };
  });
}

/** What the app does for one document, in its own transaction: the row, its audit entry, its search entry. */
async function importOneByOne(db: Kysely<Database>, rows: readonly ImportedDocumentRow[]): Promise<void> {
  for (const row of rows) {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('documents').values(row).execute();
      await appendAudit(trx, clock, {
        actor: 'importer', action: 'document.import', objectType: 'document', objectId: row.id,
        after: { state: row.state, source: row.source ?? null, code: row.code_number ? `${row.code_number}/${row.code_notation ?? ''}` : null, from: row.organ_id ?? null },
      });
      const stored = await trx.selectFrom('documents').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      await indexDocumentForSearch(trx, searchDocumentOfRow(stored));
    });
  }
}

/** Every row of the tables a load writes, in a fixed order; the folded words as PostgreSQL prints them back. */
async function tables(db: Kysely<Database>): Promise<Record<string, unknown[]>> {
  const postgres = dialectOf(db) === 'postgres';
  return {
    documents: (await sql`select * from documents order by id`.execute(db)).rows,
    audit: (await sql`select * from audit_log order by id`.execute(db)).rows,
    head: (await sql`select * from audit_head`.execute(db)).rows,
    search: (await sql`select * ${postgres ? sql`, folded::text as folded` : sql``} from search_entries order by sort_key`.execute(db)).rows,
  };
}

async function secondaryIndexes(db: Kysely<Database>): Promise<string[]> {
  const rows = dialectOf(db) === 'postgres'
    ? await sql<{ name: string }>`select indexname as name from pg_indexes
        where schemaname = current_schema() and tablename in ('documents', 'audit_log', 'search_entries') order by 1`.execute(db)
    : await sql<{ name: string }>`select name from sqlite_master
        where type = 'index' and tbl_name in ('documents', 'audit_log', 'search_entries') order by 1`.execute(db);
  return rows.rows.map((r) => r.name);
}

const QUERIES: SearchQuery[] = [
  { text: 'dat dai' }, { text: 'đất đai', limit: 3 }, { text: 'khen thuong' }, { text: 'cải cách' }, { text: 'qd-ubnd', direction: 'outgoing' },
  { text: 'phong chong thien tai', urgency: 'flash' }, { text: 'tran thi lan', order: 'oldest', limit: 7 }, { text: '02/QĐ-UBND' },
  { text: 'ubnd', year: 2025, type: 'cong-van' }, { text: 'nam 2026', dateFrom: '2025-10-01', dateTo: '2026-03-31' }, { text: 'ubnd', order: 'oldest', state: 'dispatched' }, { text: 'khủng long' },
  { text: 'hanh chinh', secretsVisible: 'all' }, { text: 'thien tai', secretsVisible: ['legacy-19', 'legacy-41'] }, {},
];

/** Every page of every query (following cursors), so paging agrees too, not only the first page. */
async function answers(db: Kysely<Database>, index: SearchIndex = defaultSearchIndex): Promise<unknown[]> {
  const all: unknown[] = [];
  for (const query of QUERIES) {
    let cursor: string | undefined;
    for (let page = 0; page < 50; page += 1) {
      const result = await index.search(db, { ...query, ...(cursor ? { cursor } : {}) });
      all.push(result.hits);
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
  }
  return all;
}

describeEachDialect('bulk import against the one-document-at-a-time path', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);
  const open = async (): Promise<Store> => openStore({ dataDir: await tempDir(), ...(await database()) });

  it('writes the same documents, audit chain and search entries (COPY on PostgreSQL), so search answers the same', async () => {
    const rows = legacyRows(230);
    const [bulk, oneByOne] = [await open(), await open()];
    try {
      const indexesBefore = await secondaryIndexes(bulk.db);
      const report = await bulkImportDocuments(bulk.db, rows, { clock, actor: 'importer', batchSize: 70, deferIndexes: true, optimizeSearch: true });
      expect(report).toEqual({ imported: 230, auditIds: { first: 1, last: 230 } });
      expect(await secondaryIndexes(bulk.db)).toEqual(indexesBefore);
      await importOneByOne(oneByOne.db, rows);
      const [loaded, reference] = [await tables(bulk.db), await tables(oneByOne.db)];
      expect(loaded.documents).toHaveLength(230);
      expect(loaded.search).toHaveLength(230);
      expect(loaded).toEqual(reference);
      expect(await verifyAuditChain(bulk.db)).toMatchObject({ ok: true, entries: 230 });
      const found = await answers(bulk.db);
      expect(found).toEqual(await answers(oneByOne.db));
      // PostgreSQL without its first walk in key order: every page comes from the GIN lookups by stretch of time.
      if (dialect === 'postgres') expect(await answers(bulk.db, new PostgresSearchIndex({ firstWalk: 0 }))).toEqual(found);
      // Not vacuous: the queries find documents, the special characters came through, secrets stay hidden.
      expect(found.filter((hits) => (hits as unknown[]).length > 0).length).toBeGreaterThan(QUERIES.length);
      const tricky = await defaultSearchIndex.search(bulk.db, { text: '"cải cách" hành chính' });
      expect(tricky.hits[0]!.subject).toContain('"cải cách" hành chính\nquý 2 \\ năm 2026');
      expect((await defaultSearchIndex.search(bulk.db, { text: 'khen thuong (52)' })).hits.map((h) => h.id)).toEqual([]);
      expect((await defaultSearchIndex.search(bulk.db, { text: 'khen thuong (52)', secretsVisible: ['legacy-52'] })).hits.map((h) => h.id)).toEqual(['legacy-52']);
    } finally {
      await bulk.close();
      await oneByOne.close();
    }
  });

  it('refuses an id the store holds with E_CONFLICT and writes nothing, indexes kept', async () => {
    const store = await open();
    try {
      await bulkImportDocuments(store.db, legacyRows(40), { clock, actor: 'importer' });
      const indexesBefore = await secondaryIndexes(store.db);
      const again = [...legacyRows(60).slice(40), legacyRows(1)[0]!];
      await expect(bulkImportDocuments(store.db, again, { clock, actor: 'importer', batchSize: 15, deferIndexes: true })).rejects.toMatchObject({ code: 'E_CONFLICT' });
      expect(await secondaryIndexes(store.db)).toEqual(indexesBefore);
      expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, entries: 40 });
      const n = await store.db.selectFrom('search_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(40);
    } finally {
      await store.close();
    }
  });
});
