/**
 * Search on PostgreSQL beside SQLite (by hand, issue 10 item 7):
 *   EOFFICE_BENCH_PG_URL=postgres://USER@HOST/DB pnpm exec tsx scripts/bench/postgres-search.ts [--docs 100000] [--runs 11]
 *     [--sqlite-dir D] [--load both|postgres|none]
 * Loads the same synthetic corpus (search-corpus.ts) into a fresh SQLite store and into the PostgreSQL database named
 * (it must be empty: the script migrates it) through docs-core's bulk import — documents rows, chained audit entries
 * and search entries, as the app stores them; multi-row INSERTs on SQLite, COPY FROM STDIN on PostgreSQL — then times
 * the named queries of search.ts on both in the same run. Prints load seconds and p50/p95 per database, with the load
 * average. `--sqlite-dir D` keeps the SQLite store in D; `--load postgres` loads PostgreSQL only and `--load none`
 * neither, timing the stores already there (D, and the database, loaded by an earlier run with the same --docs).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bulkImportDocuments, type ImportedDocumentRow } from '../../packages/docs-core/src/bulk/index.js';
import { systemClock } from '../../packages/docs-core/src/clock/index.js';
import { parseDirectoryFile } from '../../packages/docs-core/src/directory/index.js';
import { PostgresSearchIndex } from '../../packages/docs-core/src/search/postgres-search-index.js';
import type { SearchIndex, SearchQuery } from '../../packages/docs-core/src/search/search-index.js';
import { SqliteSearchIndex } from '../../packages/docs-core/src/search/sqlite-search-index.js';
import { parseStoreUrl } from '../../packages/docs-core/src/store/store-url.js';
import { openStore, type Store } from '../../packages/docs-core/src/store/store.js';
import { documentRow, SearchCorpus } from './search-corpus.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');
const { values } = parseArgs({
  options: { docs: { type: 'string', default: '100000' }, runs: { type: 'string', default: '11' }, 'sqlite-dir': { type: 'string' }, load: { type: 'string', default: 'both' } },
});
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

const loads = () => loadavg().map((l) => l.toFixed(1)).join(' ');

/** The whole load, in one transaction, indexes rebuilt once at the end and fresh search statistics. */
async function seed(store: Store, name: string): Promise<number> {
  const corpus = new SearchCorpus(province.endpoints, 42);
  const at = new Date().toISOString();
  function* rows(): Generator<ImportedDocumentRow> {
    for (let i = 0; i < total; i += 1) yield documentRow(corpus.next(total), at);
  }
  console.log(`${name}: loading ${total} documents, load average ${loads()}`);
  const start = performance.now();
  let nextLog = 200_000;
  await bulkImportDocuments(store.db, rows(), {
    clock: systemClock(), actor: 'system', batchSize: 25_000, deferIndexes: true, optimizeSearch: true, rollbackJournal: true,
    onProgress: (n) => {
      if (n < nextLog) return;
      console.log(`${name}: ${n} in ${((performance.now() - start) / 1000).toFixed(1)} s, load average ${loads()}`);
      nextLog += 200_000;
    },
  });
  const seconds = (performance.now() - start) / 1000;
  console.log(`${name}: loaded in ${seconds.toFixed(1)} s, load average ${loads()}`);
  return seconds;
}

async function time(store: Store, index: SearchIndex): Promise<{ p50: number; p95: number }> {
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

const dir = values['sqlite-dir'] ? resolve(values['sqlite-dir']) : await mkdtemp(join(tmpdir(), 'eoffice-bench-pg-'));
try {
  const sqlite = await openStore({ dataDir: dir });
  const postgres = await openStore({ dataDir: dir, postgres: { ...parsed.connection, ...(process.env.EOFFICE_DB_PASSWORD ? { password: process.env.EOFFICE_DB_PASSWORD } : {}) } });
  try {
    const seeded = {
      sqlite: values.load === 'both' ? await seed(sqlite, 'sqlite') : null,
      postgres: values.load === 'both' || values.load === 'postgres' ? await seed(postgres, 'postgres') : null,
    };
    console.log(`searching, load average ${loads()}`);
    const timed = { sqlite: await time(sqlite, new SqliteSearchIndex()), postgres: await time(postgres, new PostgresSearchIndex()) };
    console.log(`${total} documents, ${QUERIES.length} queries × ${runs} runs; load average after ${loads()}`);
    for (const name of ['sqlite', 'postgres'] as const) {
      const load = seeded[name] === null ? '' : `load ${seeded[name].toFixed(1)} s   `;
      console.log(`${name.padEnd(8)} ${load}search p50 ${timed[name].p50.toFixed(1)} ms   p95 ${timed[name].p95.toFixed(1)} ms`);
    }
  } finally {
    await sqlite.close();
    await postgres.close();
  }
} finally {
  if (!values['sqlite-dir']) await rm(dir, { recursive: true, force: true });
}
