import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../src/audit/audit-log.js';
import { bulkImportDocuments, type ImportedDocumentRow } from '../src/bulk/index.js';
import { FixedClock } from '../src/clock/index.js';
import { SqliteSearchIndex } from '../src/search/index.js';
import { openStore, type Store } from '../src/store/store.js';
import { useTempDir } from './helpers.js';

const clock = new FixedClock('2026-11-28T09:00:00+07:00');
const SUBJECTS = ['Về việc quản lý đất đai trên địa bàn', 'Ke hoach chuyen doi so nam 2026', 'Báo cáo thi đua, khen thưởng'];

/** `count` legacy documents, one a day backwards from 2026-11-27; the one at index 8 is secret. */
function legacyRows(count: number, prefix = 'legacy'): ImportedDocumentRow[] {
  return Array.from({ length: count }, (_, i): ImportedDocumentRow => {
    const date = new Date(Date.UTC(2026, 10, 27) - i * 86_400_000).toISOString().slice(0, 10);
    const incoming = i % 2 === 0;
    return {
      id: `${prefix}-${i}`, direction: incoming ? 'incoming' : 'outgoing', state: incoming ? 'completed' : 'dispatched',
      created_at: '2026-11-28T09:00:00+07:00', updated_at: '2026-11-28T09:00:00+07:00', year: Number(date.slice(0, 4)),
      source: 'import', type_code: incoming ? 'cong-van' : 'QĐ', type_name: incoming ? 'Công văn' : 'Quyết định',
      code_number: String(1 + Math.floor(i / 2)), code_notation: incoming ? 'UBND-VP' : 'QĐ-UBND', issued_date: date,
      arrival_date: incoming ? date : null, organ_id: '000.00.00.Z99', organ_name: 'Ủy ban nhân dân tỉnh Demo',
      subject: `${SUBJECTS[i % SUBJECTS.length]} (${i})`, signer_full_name: 'Nguyễn Văn Hùng', urgency: 'normal',
      secrecy: i === 8 ? 'secret' : 'none',
    };
  });
}

async function documentIndexes(store: Store): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from sqlite_master
    where type = 'index' and sql is not null and tbl_name in ('documents', 'audit_log') order by name`.execute(store.db);
  return rows.rows.map((r) => r.name);
}

describe('bulk import of documents (real SQLite)', () => {
  const tempDir = useTempDir();

  it('writes rows, a chain that verifies after the entries before it, and search entries; the indexes come back', async () => {
    const store = await openStore({ dataDir: await tempDir() });
    try {
      const indexesBefore = await documentIndexes(store);
      await store.db.transaction().execute((trx) => appendAudit(trx, clock, { actor: 'admin', action: 'agency.init', objectType: 'agency', objectId: 'a' }));
      const progress: number[] = [];
      // Small batches: the next batch is prepared while the previous one is written, several times over.
      const report = await bulkImportDocuments(store.db, legacyRows(2_500), {
        clock, actor: 'importer', batchSize: 400, deferIndexes: true, optimizeSearch: true, rollbackJournal: true, onProgress: (n) => progress.push(n),
      });
      // Loaded with the rollback journal, back in WAL (what every other connection expects) afterwards.
      expect((await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db)).rows[0]!.journal_mode).toBe('wal');
      expect(report).toEqual({ imported: 2_500, auditIds: { first: 2, last: 2_501 } });
      expect(progress.at(-1)).toBe(2_500);
      expect(progress.length).toBe(7);
      expect(await documentIndexes(store)).toEqual(indexesBefore);
      const count = await store.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(2_500);

      const chain = await verifyAuditChain(store.db);
      expect(chain).toMatchObject({ ok: true, entries: 2_501, headId: 2_501 });
      const entry = await store.db.selectFrom('audit_log').selectAll().where('object_id', '=', 'legacy-3').executeTakeFirstOrThrow();
      expect(entry).toMatchObject({ actor: 'importer', action: 'document.import', object_type: 'document', at: '2026-11-28T09:00:00+07:00' });
      expect(JSON.parse(entry.after!)).toEqual({ state: 'dispatched', source: 'import', code: '2/QĐ-UBND', from: '000.00.00.Z99' });
      // The app keeps appending to the same chain afterwards.
      await store.db.transaction().execute((trx) => appendAudit(trx, clock, { actor: 'admin', action: 'user.login', objectType: 'user', objectId: 'admin' }));
      expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, entries: 2_502 });

      const index = new SqliteSearchIndex();
      const folded = await index.search(store.db, { text: 'dat dai', limit: 5 });
      expect(folded.hits).toHaveLength(5);
      expect(folded.hits.every((h) => h.subject?.startsWith('Về việc quản lý đất đai'))).toBe(true);
      // Newest first: legacy-0 (2026-11-27) is a land document and the newest of all.
      expect(folded.hits[0]!.id).toBe('legacy-0');
      const filtered = await index.search(store.db, { text: 'qd-ubnd', direction: 'outgoing', year: 2025, limit: 100 });
      expect(filtered.hits.length).toBeGreaterThan(0);
      expect(filtered.hits.every((h) => h.direction === 'outgoing' && h.date.startsWith('2025') && h.symbol === 'QĐ-UBND')).toBe(true);
      // Outgoing numbers are shown two-digit, as the workflow's search hook writes them.
      expect((await index.search(store.db, { text: '02/QĐ-UBND' })).hits.map((h) => h.id)).toContain('legacy-3');
      // The secret one is imported but hidden from search unless the caller may see it.
      expect((await index.search(store.db, { text: 'khen thưởng (8)' })).hits).toEqual([]);
      expect((await index.search(store.db, { text: 'khen thưởng (8)', secretsVisible: 'all' })).hits.map((h) => h.id)).toEqual(['legacy-8']);
    } finally {
      await store.close();
    }
  });

  it('writes nothing when any row is bad, however many batches were already written', async () => {
    const store = await openStore({ dataDir: await tempDir() });
    try {
      const indexesBefore = await documentIndexes(store);
      const rows = [...legacyRows(1_000), legacyRows(1)[0]!];
      await expect(bulkImportDocuments(store.db, rows, { clock, actor: 'importer', batchSize: 300, deferIndexes: true })).rejects.toMatchObject({
        code: 'E_CONFLICT',
        message: expect.stringContaining('documents.id'),
      });
      const broken = [...legacyRows(700), { ...legacyRows(1, 'x')[0]!, direction: 'sideways' } as unknown as ImportedDocumentRow];
      await expect(bulkImportDocuments(store.db, broken, { clock, actor: 'importer', batchSize: 300, rollbackJournal: true })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
      expect((await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db)).rows[0]!.journal_mode).toBe('wal');
      for (const table of ['documents', 'audit_log', 'audit_head', 'search_entries'] as const) {
        const n = await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        expect(Number(n.n), table).toBe(0);
      }
      expect(await documentIndexes(store)).toEqual(indexesBefore);
      expect((await new SqliteSearchIndex().search(store.db, { text: 'dat dai' })).hits).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('refuses ids the store already holds with E_CONFLICT and keeps the store as it was', async () => {
    const store = await openStore({ dataDir: await tempDir() });
    try {
      await bulkImportDocuments(store.db, legacyRows(50), { clock, actor: 'importer' });
      const again = [...legacyRows(10, 'new'), ...legacyRows(1)];
      await expect(bulkImportDocuments(store.db, again, { clock, actor: 'importer', deferIndexes: true })).rejects.toMatchObject({ code: 'E_CONFLICT' });
      expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, entries: 50 });
      const ids = await store.db.selectFrom('search_entries').select('document_id').where('document_id', 'like', 'new-%').execute();
      expect(ids).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
