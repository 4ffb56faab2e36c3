/**
 * Search on PostgreSQL beside SQLite (by hand, issue 10 item 7):
 *   EOFFICE_BENCH_PG_URL=postgres://USER@HOST/DB pnpm exec tsx scripts/bench/postgres-search.ts [--docs 100000] [--runs 11]
 * Seeds the same synthetic corpus (search-corpus.ts) into a fresh SQLite store and into the PostgreSQL database named
 * (it must be empty: the script migrates it), through each database's own search index in batches, then times the
 * named queries of search.ts on both in the same run. Prints seeding seconds and p50/p95 per database.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseDirectoryFile } from '../../packages/docs-core/src/directory/index.js';
import { PostgresSearchIndex } from '../../packages/docs-core/src/search/postgres-search-index.js';
import type { BulkSearchIndex, SearchDocument, SearchQuery } from '../../packages/docs-core/src/search/search-index.js';
import { SqliteSearchIndex, type PreparedSearchBatch } from '../../packages/docs-core/src/search/sqlite-search-index.js';
import { parseStoreUrl } from '../../packages/docs-core/src/store/store-url.js';
import { openStore, type Store } from '../../packages/docs-core/src/store/store.js';
import { SearchCorpus, type BenchDocument } from './search-corpus.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');
const { values } = parseArgs({ options: { docs: { type: 'string', default: '100000' }, runs: { type: 'string', default: '11' } } });
const total = Number(values.docs);
const runs = Number(values.runs);
const url = process.env.EOFFICE_BENCH_PG_URL;
const parsed = url ? parseStoreUrl(url) : null;
if (!parsed || parsed.kind !== 'postgres') throw new Error('set EOFFICE_BENCH_PG_URL=postgres://USER@HOST/DB (an empty database)');
const province = parseDirectoryFile(JSON.parse(await readFile(resolve(repoRoot, 'resources/demo/province-650.json'), 'utf8')));

const QUERIES: SearchQuery[] = [
  { text: 'quản lý đất đai' }, { text: 'quan ly dat dai' }, { text: 'báo cáo' }, { text: 'qd-ubnd' }, { text: '15/QĐ-UBND' },
  { text: 'chuyển đổi số', year: 2024 }, { text: 'ke hoach thuc hien', direction: 'incoming' },
  { text: 'phòng, chống thiên tai', urgency: 'flash' }, { text: 'giải ngân vốn đầu tư công', type: 'BC' },
  { text: 'cải cách hành chính', dateFrom: '2022-03-01', dateTo: '2022-03-31' }, { text: 'tuyen dung vien chuc', state: 'completed' },
  { text: 'Nguyễn Văn Hùng' }, { text: 'cá tra giống' }, { text: 'xam nhap man' }, { text: 'voọc chà vá', direction: 'outgoing' },
  { text: 'đua ghe ngo' }, { text: 'khủng long bạo chúa' }, { text: 'bảo vệ môi trường, quý 2' },
  { text: 'thi dua khen thuong', year: 2020, direction: 'outgoing', type: 'QĐ' },
];

function searchDocument(d: BenchDocument): SearchDocument {
  return {
    id: d.id, direction: d.direction, date: d.date, type: d.typeCode, number: d.number, symbol: d.symbol, subject: d.subject,
    issuerCode: d.issuerCode, issuerName: d.issuerName, signerName: d.signerName, state: d.state, urgency: d.urgency, secrecy: 'none',
  };
}

async function seed(store: Store, index: BulkSearchIndex<PreparedSearchBatch>): Promise<number> {
  const corpus = new SearchCorpus(province.endpoints, 42);
  const start = performance.now();
  for (let done = 0; done < total; done += 10_000) {
    const docs = Array.from({ length: Math.min(10_000, total - done) }, () => searchDocument(corpus.next(total)));
    await store.db.transaction().execute((trx) => index.writePrepared(trx, index.prepare(docs)));
  }
  await index.optimize(store.db);
  return (performance.now() - start) / 1000;
}

async function time(store: Store, index: BulkSearchIndex<PreparedSearchBatch>): Promise<{ p50: number; p95: number }> {
  const all: number[] = [];
  for (const query of QUERIES) {
    await index.search(store.db, { ...query, limit: 20, secretsVisible: 'all' });
    for (let r = 0; r < runs; r += 1) {
      const t = performance.now();
      await index.search(store.db, { ...query, limit: 20, secretsVisible: 'all' });
      all.push(performance.now() - t);
    }
  }
  all.sort((a, b) => a - b);
  return { p50: all[Math.floor(all.length * 0.5)]!, p95: all[Math.floor(all.length * 0.95)]! };
}

const dir = await mkdtemp(join(tmpdir(), 'eoffice-bench-pg-'));
try {
  const sqlite = await openStore({ dataDir: dir });
  const postgres = await openStore({ dataDir: dir, postgres: { ...parsed.connection, ...(process.env.EOFFICE_DB_PASSWORD ? { password: process.env.EOFFICE_DB_PASSWORD } : {}) } });
  try {
    const seeded = { sqlite: await seed(sqlite, new SqliteSearchIndex()), postgres: await seed(postgres, new PostgresSearchIndex()) };
    const timed = { sqlite: await time(sqlite, new SqliteSearchIndex()), postgres: await time(postgres, new PostgresSearchIndex()) };
    console.log(`${total} documents, ${QUERIES.length} queries × ${runs} runs`);
    for (const name of ['sqlite', 'postgres'] as const) {
      console.log(`${name.padEnd(8)} seed ${seeded[name].toFixed(1)} s   search p50 ${timed[name].p50.toFixed(1)} ms   p95 ${timed[name].p95.toFixed(1)} ms`);
    }
  } finally {
    await sqlite.close();
    await postgres.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
