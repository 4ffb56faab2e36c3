import { access, readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { FixedClock } from '../src/clock/index.js';
import { defaultSearchIndex, extractPdfText, extractPendingTexts, indexDocumentForSearch, parseSearchText, PostgresSearchIndex, removeFromSearch, SqliteSearchIndex, searchBuckets, toFtsMatch, tsqueryOf, tsvectorOf, type SearchDocument, type SearchQuery } from '../src/search/index.js';
import { foldVietnamese } from '@eoffice/vietnamese';
import { openStore, type Store } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';

const TINOS = '/usr/share/fonts/truetype/croscore/Tinos-Regular.ttf';

const docs: SearchDocument[] = [
  {
    id: 'd1', direction: 'incoming', date: '2026-03-10', type: 'QĐ', number: '12', symbol: 'QĐ-UBND',
    subject: 'Về việc quản lý đất đai trên địa bàn tỉnh', issuerCode: '000.00.00.Z99', issuerName: 'UBND tỉnh Demo',
    signerName: 'Nguyễn Văn Á', state: 'registered', urgency: 'khan',
  },
  {
    id: 'd2', direction: 'outgoing', date: '2026-03-12', type: 'KH', number: '07', symbol: 'KH-STNMT',
    subject: 'Ke hoach kiem tra dat dai nam 2026', issuerCode: '000.00.10.Z99', issuerName: 'Sở Tài nguyên và Môi trường',
    state: 'issued', urgency: 'thuong',
  },
  {
    id: 'd3', direction: 'outgoing', date: '2025-12-01', type: 'BC', number: '101', symbol: 'BC-STNMT',
    subject: 'Báo cáo Đất đai và môi trường năm 2025', issuerCode: '000.00.10.Z99', issuerName: 'Sở Tài nguyên và Môi trường',
    state: 'issued', urgency: 'thuong',
  },
  {
    id: 'd4', direction: 'incoming', date: '2026-03-11', type: 'TB', number: '3', symbol: 'TB-UBND',
    subject: 'Xã đạt chuẩn nông thôn mới, đường dài 5 km', issuerCode: '000.31.31.Z99', issuerName: 'UBND xã An Bình',
    state: 'registered', urgency: 'hoa_toc',
  },
  {
    id: 'd5', direction: 'incoming', date: '2026-02-02', type: null, number: '45', symbol: 'UBND-VP',
    subject: 'V/v góp ý dự thảo quy chế làm việc', issuerCode: '000.00.00.Z99', issuerName: 'UBND tỉnh Demo',
    state: 'completed', urgency: 'thuong',
  },
];

describe('Vietnamese folding and query parsing', () => {
  it('folds marks, đ/Đ and case, including letters with two marks', () => {
    expect(foldVietnamese('Đất đai QUYẾT ĐỊNH ệ ở Ưu')).toBe('dat dai quyet dinh e o uu');
    expect(foldVietnamese('Đ'.normalize('NFD'))).toBe('d');
    // Decomposed input folds the same as composed input.
    expect(foldVietnamese('Thượng khẩn'.normalize('NFD'))).toBe(foldVietnamese('Thượng khẩn'));
  });

  it('makes phrases of word runs and splits symbols the way the tokenizer does', () => {
    expect(parseSearchText('qd-ubnd')).toEqual({ folded: [['qd', 'ubnd']], exact: [['qd', 'ubnd']], hasDiacritics: false });
    const parsed = parseSearchText('"Đất đai", quyết định 12/QĐ-UBND');
    expect(parsed.folded).toEqual([['dat', 'dai'], ['quyet', 'dinh', '12', 'qd', 'ubnd']]);
    expect(parsed.exact).toEqual([['đất', 'đai'], ['quyết', 'định', '12', 'qđ', 'ubnd']]);
    expect(parsed.hasDiacritics).toBe(true);
    expect(toFtsMatch(parsed.folded)).toBe('"dat dai" AND "quyet dinh 12 qd ubnd"');
    // Quotes and FTS5 operators typed by the user cannot reach the MATCH syntax.
    expect(toFtsMatch(parseSearchText('a" OR b* NEAR(c)').folded)).toBe('"a or b near c"');
    expect(toFtsMatch(parseSearchText('"a" OR "b*"').folded)).toBe('"a" AND "b" AND "or"');
    expect(parseSearchText(' %%% ').folded).toEqual([]);
  });
});

describe('the PostgreSQL index text', () => {
  it('keeps fields apart so no phrase spans two, and quotes only letters and digits', () => {
    const entry = { doc_date: '2024-03-09', direction: 'incoming', type_code: 'QĐ', issuer_code: null, state: 'registered', urgency: 'flash' };
    expect(tsvectorOf(['12/qd ubnd', '', 'dat dai dat'], entry)).toBe(
      "'12':1 'qd':2 'ubnd':3 'dat':12,14 'dai':13 '_m202403' '_y2024' '_d696e636f6d696e67' '_t51c490' '_s72656769737465726564' '_u666c617368'",
    );
    // Whole years as one bucket word, the months around them one by one (month indexes count from year 0).
    expect(searchBuckets(2023 * 12 + 10, 2025 * 12 + 1)).toEqual(['_m202311', '_m202312', '_y2024', '_m202501', '_m202502']);
    expect(searchBuckets(2024 * 12, 2024 * 12 + 10)).toHaveLength(11);
    expect(tsqueryOf(parseSearchText('"Đất đai", 12/QĐ-UBND').folded)).toBe("('dat' <-> 'dai') & ('12' <-> 'qd' <-> 'ubnd')");
    expect(tsqueryOf(parseSearchText("a' | !b").folded)).toBe("('a' <-> 'b')");
  });
});

describeEachDialect('search', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  async function withIndexedStore(run: (store: Store) => Promise<void>, extra: SearchDocument[] = []): Promise<void> {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()) });
    try {
      await store.db.transaction().execute(async (trx) => {
        for (const doc of [...docs, ...extra]) await indexDocumentForSearch(trx, doc);
      });
      await run(store);
    } finally {
      await store.close();
    }
  }

  const ids = async (store: Store, query: SearchQuery) => (await defaultSearchIndex.search(store.db, query)).hits.map((h) => h.id);

  it('"dat dai" finds "Đất đai" (and the undiacritised text), newest first, but not "đạt … dài"', async () => {
    await withIndexedStore(async (store) => {
      const page = await defaultSearchIndex.search(store.db, { text: 'dat dai' });
      expect(page.hits.map((h) => h.id)).toEqual(['d2', 'd1', 'd3']);
      expect(page.hits.every((h) => !h.exact)).toBe(true);
      expect(page.nextCursor).toBeNull();
      expect(page.hits[1]).toMatchObject({ number: '12', symbol: 'QĐ-UBND', subject: 'Về việc quản lý đất đai trên địa bàn tỉnh' });
    });
  });

  it('ranks exact-diacritic matches first among the candidates, each group newest first', async () => {
    await withIndexedStore(async (store) => {
      const page = await defaultSearchIndex.search(store.db, { text: 'Đất Đai' });
      expect(page.hits.map((h) => [h.id, h.exact])).toEqual([['d1', true], ['d3', true], ['d2', false]]);
      expect(await ids(store, { text: 'đạt' })).toEqual(['d4', 'd2', 'd1', 'd3']);
      expect((await defaultSearchIndex.search(store.db, { text: 'đạt' })).hits[0]?.exact).toBe(true);
    });
  });

  it('finds numbers and symbols however they are typed', async () => {
    await withIndexedStore(async (store) => {
      expect(await ids(store, { text: 'qd-ubnd' })).toEqual(['d1']);
      expect(await ids(store, { text: 'QĐ-UBND' })).toEqual(['d1']);
      expect(await ids(store, { text: '12/qd-ubnd' })).toEqual(['d1']);
      expect(await ids(store, { text: '45/UBND-VP' })).toEqual(['d5']);
      expect(await ids(store, { text: 'ubnd' })).toEqual(['d4', 'd1', 'd5']);
      expect(await ids(store, { text: 'nguyen van a' })).toEqual(['d1']);
      expect(await ids(store, { text: '%%%' })).toEqual([]);
      // Merging the index (maintenance after a bulk load) changes nothing that a query sees.
      await defaultSearchIndex.optimize(store.db);
      expect(await ids(store, { text: 'ubnd' })).toEqual(['d4', 'd1', 'd5']);
      expect(await ids(store, { text: 'qd-ubnd' })).toEqual(['d1']);
    });
  });

  it('applies every filter: direction, year, type, date range, issuer, state, urgency', async () => {
    await withIndexedStore(async (store) => {
      expect(await ids(store, { text: 'dat dai', direction: 'outgoing' })).toEqual(['d2', 'd3']);
      expect(await ids(store, { text: 'dat dai', year: 2025 })).toEqual(['d3']);
      expect(await ids(store, { text: 'dat dai', type: 'QĐ' })).toEqual(['d1']);
      expect(await ids(store, { text: 'dat dai', dateFrom: '2026-03-10', dateTo: '2026-03-11' })).toEqual(['d1']);
      expect(await ids(store, { text: 'dat dai', dateFrom: '2026-03-11' })).toEqual(['d2']);
      expect(await ids(store, { text: 'ubnd', issuerCode: '000.00.00.Z99' })).toEqual(['d1', 'd5']);
      expect(await ids(store, { text: 'ubnd', state: 'completed' })).toEqual(['d5']);
      expect(await ids(store, { text: 'ubnd', urgency: 'hoa_toc' })).toEqual(['d4']);
      expect(await ids(store, { direction: 'incoming' })).toEqual(['d4', 'd1', 'd5']);
      expect(await ids(store, { text: 'dat dai', order: 'oldest' })).toEqual(['d3', 'd1', 'd2']);
      await expect(defaultSearchIndex.search(store.db, { text: 'x', dateFrom: '2026-02-30' })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    });
  });

  it('pages with a keyset cursor, across the exact/folded boundary, without repeats or gaps', async () => {
    const extra: SearchDocument[] = Array.from({ length: 25 }, (_, i) => ({
      id: `k${String(i).padStart(2, '0')}`,
      direction: i % 2 === 0 ? 'incoming' : 'outgoing',
      date: `2026-0${1 + (i % 3)}-${String(1 + (i % 27)).padStart(2, '0')}`,
      subject: i % 3 === 0 ? `Kế hoạch số ${i}` : `Ke hoach so ${i}`,
    }));
    await withIndexedStore(async (store) => {
      const all: { id: string; exact: boolean; date: string }[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await defaultSearchIndex.search(store.db, { text: 'kế hoạch', limit: 4, ...(cursor ? { cursor } : {}) });
        all.push(...page.hits.map((h) => ({ id: h.id, exact: h.exact, date: h.date })));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
        expect(page.hits.length).toBeGreaterThan(0);
      } while (cursor);
      // 25 extra + d2 ("Ke hoach kiem tra"): 9 exact then 17 folded-only.
      expect(all).toHaveLength(26);
      expect(new Set(all.map((h) => h.id)).size).toBe(26);
      expect(pages).toBe(7);
      const firstFolded = all.findIndex((h) => !h.exact);
      expect(firstFolded).toBe(9);
      expect(all.slice(firstFolded).every((h) => !h.exact)).toBe(true);
      for (const group of [all.slice(0, firstFolded), all.slice(firstFolded)]) {
        const dates = group.map((h) => h.date);
        expect(dates).toEqual([...dates].sort().reverse());
      }
      await expect(defaultSearchIndex.search(store.db, { text: 'ke hoach', cursor: '0.123' })).rejects.toThrow(/con trỏ/i);
      await expect(defaultSearchIndex.search(store.db, { text: 'ke hoach', limit: 0 })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    }, extra);
  });

  it('pages the same way when candidates come in several small windows', async () => {
    const extra: SearchDocument[] = Array.from({ length: 23 }, (_, i) => ({
      id: `w${String(i).padStart(2, '0')}`,
      direction: 'incoming',
      date: `2026-04-${String(1 + i).padStart(2, '0')}`,
      subject: i % 4 === 0 ? `Kế hoạch ${i}` : `Ke hoach ${i}`,
    }));
    await withIndexedStore(async (store) => {
      const index = dialect === 'postgres' ? new PostgresSearchIndex({ candidateWindow: 5 }) : new SqliteSearchIndex({ candidateWindow: 5 });
      const seen: { id: string; exact: boolean }[] = [];
      let cursor: string | undefined;
      do {
        const page = await index.search(store.db, { text: 'kế hoạch', limit: 3, direction: 'incoming', ...(cursor ? { cursor } : {}) });
        seen.push(...page.hits.map((h) => ({ id: h.id, exact: h.exact })));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toHaveLength(23);
      expect(new Set(seen.map((h) => h.id)).size).toBe(23);
      // Window by window (5 newest candidates each), exact ones first: w20 (exact) leads the first window.
      expect(seen.slice(0, 5).map((h) => h.id)).toEqual(['w20', 'w22', 'w21', 'w19', 'w18']);
      expect(seen.slice(5, 10).map((h) => h.id)).toEqual(['w16', 'w17', 'w15', 'w14', 'w13']);
    }, extra);
  });

  it('re-indexing replaces the old text and moves the document when its date changes; removal drops it', async () => {
    await withIndexedStore(async (store) => {
      await store.db.transaction().execute((trx) =>
        indexDocumentForSearch(trx, { ...docs[2]!, date: '2026-04-01', subject: 'Báo cáo khoáng sản' }),
      );
      expect(await ids(store, { text: 'dat dai' })).toEqual(['d2', 'd1']);
      expect(await ids(store, { text: 'khoang san' })).toEqual(['d3']);
      expect(await ids(store, { text: 'stnmt' })).toEqual(['d3', 'd2']);
      // Same date: the key is reused, so the old tokens must really be gone from the contentless index.
      await store.db.transaction().execute((trx) => indexDocumentForSearch(trx, { ...docs[4]!, subject: 'Lịch tiếp công dân', state: 'filed' }));
      expect(await ids(store, { text: 'quy che lam viec' })).toEqual([]);
      expect(await ids(store, { text: 'ubnd', state: 'completed' })).toEqual([]);
      expect(await ids(store, { text: 'tiep cong dan', state: 'filed' })).toEqual(['d5']);
      const rows = dialect === 'postgres'
        ? await sql<{ n: number }>`select count(*) as n from search_entries where folded @@ 'quy'::tsquery`.execute(store.db)
        : await sql<{ n: number }>`select count(*) as n from search_folded where search_folded match 'quy'`.execute(store.db);
      expect(rows.rows[0]?.n).toBe(0);
      expect(await store.db.transaction().execute((trx) => removeFromSearch(trx, 'd1'))).toBe(true);
      expect(await store.db.transaction().execute((trx) => removeFromSearch(trx, 'd1'))).toBe(false);
      expect(await ids(store, { text: 'dat dai' })).toEqual(['d2']);
      const remaining = await store.db.selectFrom('search_entries').select('document_id').execute();
      expect(remaining).toHaveLength(4);
    });
  });

  it.runIf(dialect === 'sqlite')('reads matches in key order off the FTS index, never sorting all matches', async () => {
    await withIndexedStore(async (store) => {
      const index = new SqliteSearchIndex();
      for (const query of [{ text: 'dat dai' }, { text: 'đất đai', direction: 'incoming' }, { direction: 'incoming' }, { text: 'ubnd', year: 2026 }]) {
        const plan = (await index.explain(store.db, query)).join('\n');
        expect(plan, JSON.stringify(query)).not.toMatch(/TEMP B-TREE/);
      }
      // The FTS table is the outer loop; the entry is fetched by key for each match it yields.
      for (const query of [{ text: 'dat dai' }, { text: 'ubnd', urgency: 'khan' }, { urgency: 'khan' }]) {
        const [outer, inner] = await index.explain(store.db, query);
        expect(outer).toMatch(/^SCAN f VIRTUAL TABLE/);
        expect(inner).toMatch(/^SEARCH e USING INTEGER PRIMARY KEY/);
      }
    });
  });
});

describeEachDialect('text of PDFs, extracted in the background', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  async function vietnamesePdf(lines: string[]): Promise<Uint8Array> {
    await access(TINOS).catch(() => {
      throw new Error(`Missing ${TINOS}: install the Debian package fonts-croscore`);
    });
    const pdf = await PDFDocument.create();
    pdf.registerFontkit(fontkit);
    const font = await pdf.embedFont(await readFile(TINOS), { subset: true });
    const page = pdf.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line.normalize('NFC'), { x: 60, y: 760 - i * 24, size: 13, font }));
    return pdf.save();
  }

  it('extracts Vietnamese text with pdf.js', async () => {
    const text = await extractPdfText(await vietnamesePdf(['Nghị quyết về phát triển kinh tế biển', 'Điều 1. Phạm vi']));
    expect(text).toContain('Nghị quyết về phát triển kinh tế biển');
    await expect(extractPdfText(new TextEncoder().encode('not a pdf'))).rejects.toThrow();
  });

  it('makes a document findable by its PDF text once the job has run, and records failures', async () => {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()) });
    try {
      const good = await store.blobs.put(await vietnamesePdf(['Nghị quyết về phát triển kinh tế biển']));
      const bad = await store.blobs.put(new TextEncoder().encode('%PDF-1.7 broken'));
      await store.db.transaction().execute(async (trx) => {
        await indexDocumentForSearch(trx, {
          id: 'p1', direction: 'incoming', date: '2026-05-05', subject: 'Văn bản có tệp',
          files: [{ sha256: good.sha256, mediaType: 'application/pdf' }, { sha256: bad.sha256, mediaType: 'application/pdf' }],
        });
        await indexDocumentForSearch(trx, {
          id: 'p2', direction: 'incoming', date: '2026-05-06', subject: 'Cùng tệp', files: [{ sha256: good.sha256, mediaType: 'application/pdf' }],
        });
      });
      const find = async (text: string) => (await defaultSearchIndex.search(store.db, { text })).hits.map((h) => h.id);
      expect(await find('kinh te bien')).toEqual([]);
      const clock = new FixedClock('2026-05-06T10:00:00+07:00');
      expect(await extractPendingTexts({ db: store.db, blobs: store.blobs, index: defaultSearchIndex, clock })).toEqual({ done: 1, failed: 1 });
      expect(await find('kinh te bien')).toEqual(['p2', 'p1']);
      expect(await find('Văn bản có tệp')).toEqual(['p1']);
      const statuses = await store.db.selectFrom('search_file_texts').select(['sha256', 'status']).orderBy('status').execute();
      expect(statuses).toEqual([{ sha256: good.sha256, status: 'done' }, { sha256: bad.sha256, status: 'failed' }]);
      expect(await extractPendingTexts({ db: store.db, blobs: store.blobs, index: defaultSearchIndex, clock })).toEqual({ done: 0, failed: 0 });
      // Re-indexing the metadata keeps the extracted text.
      await store.db.transaction().execute((trx) =>
        indexDocumentForSearch(trx, { id: 'p1', direction: 'incoming', date: '2026-05-05', subject: 'Đã sửa', files: [{ sha256: good.sha256, mediaType: 'application/pdf' }] }),
      );
      expect(await find('kinh te bien')).toEqual(['p2', 'p1']);
      // A state change with the same file keeps the link and the text, and leaves no stale tokens behind.
      await store.db.transaction().execute((trx) =>
        indexDocumentForSearch(trx, { id: 'p1', direction: 'incoming', date: '2026-05-05', subject: 'Đã sửa lần hai', state: 'registered', files: [{ sha256: good.sha256, mediaType: 'application/pdf' }] }),
      );
      expect(await find('kinh te bien')).toEqual(['p2', 'p1']);
      expect(await find('lan hai')).toEqual(['p1']);
      expect(await find('da sua')).toEqual(['p1']);
      expect((await defaultSearchIndex.search(store.db, { text: 'kinh te bien', state: 'registered' })).hits.map((h) => h.id)).toEqual(['p1']);
      // A document whose file changed loses the old file's text and link.
      await store.db.transaction().execute((trx) =>
        indexDocumentForSearch(trx, { id: 'p1', direction: 'incoming', date: '2026-05-05', subject: 'Đã thay tệp', files: [{ sha256: bad.sha256, mediaType: 'application/pdf' }] }),
      );
      expect(await find('kinh te bien')).toEqual(['p2']);
      expect(await store.db.selectFrom('search_entry_files').select('sha256').where('document_id', '=', 'p1').execute()).toEqual([{ sha256: bad.sha256 }]);
      if (dialect === 'sqlite') {
        const stale = await sql<{ n: number }>`select count(*) as n from search_folded where search_folded match 'bien OR hai'`.execute(store.db);
        expect(stale.rows[0]?.n).toBe(1);
      }
    } finally {
      await store.close();
    }
  });
});
