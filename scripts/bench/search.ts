/**
 * Search benchmark (by hand, not in the test suite; ARCHITECTURE.md, Tests):
 *   pnpm exec tsx scripts/bench/search.ts [--docs 1000000] [--dir DIR] [--keep] [--optimize] [--reuse] [--out FILE]
 *     [--batch 25000] [--keep-indexes] [--runs 21] [--like-runs 5]
 * Seeds N documents through docs-core's bulk import (`bulkImportDocuments`: the documents rows, one chained audit
 * entry each and the search index, in one transaction), making the synthetic documents up on the fly; then times 20
 * named Vietnamese queries through the search API against `LIKE '%…%'` over the same folded text, with the same
 * filters, order (newest first) and limit, in the same run. Targets (issue 4): p95 ≤ 20 ms, median ≥ 20× faster
 * than LIKE, seeding 1M ≤ 60 s, database ≤ 2 GB.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
// scripts/bench is not a workspace package: take Kysely from docs-core's own dependencies (the same module instance).
import { sql, type Kysely } from '../../packages/docs-core/node_modules/kysely/dist/esm/index.js';
import { bulkImportDocuments, type ImportedDocumentRow } from '../../packages/docs-core/src/bulk/index.js';
import { systemClock } from '../../packages/docs-core/src/clock/clock.js';
import { vietnamIso } from '../../packages/vietnamese/src/index.js';
import { verifyAuditChain } from '../../packages/docs-core/src/audit/audit-log.js';
import { importDirectory, parseDirectoryFile } from '../../packages/docs-core/src/directory/index.js';
import { foldVietnamese } from '../../packages/vietnamese/src/index.js';
import { parseSearchText } from '../../packages/docs-core/src/search/search-query-parser.js';
import type { SearchQuery } from '../../packages/docs-core/src/search/search-index.js';
import { keyRange } from '../../packages/docs-core/src/search/sort-key.js';
import { SqliteSearchIndex } from '../../packages/docs-core/src/search/sqlite-search-index.js';
import type { Database } from '../../packages/docs-core/src/store/schema.js';
import { DATABASE_FILE_NAME, openStore } from '../../packages/docs-core/src/store/store.js';
import { documentRow, likeText, SearchCorpus, type BenchDocument } from './search-corpus.js';
import { cpuByThread, cpuSince } from './thread-cpu.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');
const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '1000000' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string' },
    runs: { type: 'string', default: '21' },
    'like-runs': { type: 'string', default: '5' },
    // Time only the queries on a database seeded by an earlier run with --dir (its seeding figures stand).
    reuse: { type: 'boolean', default: false },
    // Merge the FTS5 segments into one b-tree before querying (the maintenance step an admin would schedule).
    optimize: { type: 'boolean', default: false },
    // Build the documents' and audit log's secondary indexes once after the load instead of row by row.
    'keep-indexes': { type: 'boolean', default: false },
    // Keep the WAL during the load (by default the bulk import loads with the rollback journal, then back to WAL).
    'keep-wal': { type: 'boolean', default: false },
    batch: { type: 'string', default: '25000' },
  },
});
const total = Number(values.docs);
const ftsRuns = Number(values.runs);
const likeRuns = Number(values['like-runs']);
const BATCH = Number(values.batch);
const CORPUS_SEED = 42;

const dataDir = values.dir ? resolve(values.dir) : await mkdtemp(join(tmpdir(), 'eoffice-bench-search-'));
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
log(`data folder ${dataDir}; ${total.toLocaleString('en')} documents`);

const store = await openStore({ dataDir });
const db = store.db;
const index = new SqliteSearchIndex();
const province = parseDirectoryFile(JSON.parse(await readFile(resolve(repoRoot, 'resources/demo/province-650.json'), 'utf8')));
if (!values.reuse) await importDirectory(db, province, { now: new Date() });
// The LIKE baseline's folded text lives in a separate file so that it does not count in the database size.
await sql.raw(`attach database '${join(dataDir, 'like-baseline.sqlite').replace(/'/g, "''")}' as likedb`).execute(db);
await sql`create table if not exists likedb.bench_like (sort_key integer primary key, folded text not null)`.execute(db);
// Bulk load settings for this run only; the app keeps its defaults (WAL, synchronous NORMAL).
await sql`pragma cache_size = -262144`.execute(db);

// ---- seeding -------------------------------------------------------------------------------------------------
// docs-core's bulk import writes what the app writes for a new document: the row, a chained audit entry and the
// search entry, in one transaction. The synthetic documents are made up on the fly, on the same thread that
// prepares the batches, so the seeding time below includes making them up.
const timings = new Map<string, number>();
let generationMs = 0;
let seedMs = 0;
let seedCpu = '';
if (!values.reuse) {
  const at = vietnamIso(new Date());
  const corpus = new SearchCorpus(province.endpoints, CORPUS_SEED);
  function* rows(): Generator<ImportedDocumentRow> {
    for (let i = 0; i < total; i += 1) {
      const start = performance.now();
      const row = documentRow(corpus.next(total), at);
      generationMs += performance.now() - start;
      yield row;
    }
  }
  let gcMs = 0;
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const seedStart = performance.now();
  const cpuBefore = cpuByThread();
  const loadBefore = loadavg()[0]!;
  let nextLog = 0;
  await bulkImportDocuments(db, rows(), {
    clock: systemClock(),
    actor: 'system',
    batchSize: BATCH,
    deferIndexes: !values['keep-indexes'],
    rollbackJournal: !values['keep-wal'],
    optimizeSearch: values.optimize,
    timings,
    onProgress: (n) => {
      if (n >= nextLog) {
        log(`seeded ${n.toLocaleString('en')}`);
        nextLog += 200_000;
      }
    },
  });
  seedMs = performance.now() - seedStart;
  gcObserver.disconnect();
  seedCpu = `CPU: ${cpuSince(cpuBefore)}; garbage collection pauses ${(gcMs / 1000).toFixed(1)} s; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after`;
  log(seedCpu);
  log(
    `seeding: ${(seedMs / 1000).toFixed(1)} s wall clock, of which ${(generationMs / 1000).toFixed(1)} s making up the documents ` +
      `(same thread, overlapped with SQLite); steps: ${[...timings].map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}`,
  );
  // The LIKE baseline's own table (not timed): the same corpus again, keyed by the sort key search gave each document.
  const likeStart = performance.now();
  const again = new SearchCorpus(province.endpoints, CORPUS_SEED);
  for (let start = 0; start < total; start += BATCH) {
    const batch: BenchDocument[] = [];
    for (let i = start; i < Math.min(total, start + BATCH); i += 1) batch.push(again.next(total));
    const keyRows = await db
      .selectFrom('search_entries')
      .select(['document_id', 'sort_key'])
      .where('document_id', '>=', batch[0]!.id)
      .where('document_id', '<=', batch.at(-1)!.id)
      .execute();
    const keys = new Map(keyRows.map((r) => [r.document_id, r.sort_key]));
    for (let i = 0; i < batch.length; i += 10_000) {
      const values = batch.slice(i, i + 10_000).map((d) => sql`(${keys.get(d.id)!}, ${likeText(d)})`);
      await sql`insert into likedb.bench_like (sort_key, folded) values ${sql.join(values)}`.execute(db);
    }
  }
  log(`LIKE baseline table: ${((performance.now() - likeStart) / 1000).toFixed(1)} s (not counted)`);
} else if (values.optimize) {
  await index.optimize(db);
}
await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
await sql`pragma likedb.wal_checkpoint(TRUNCATE)`.execute(db).catch(() => undefined);
const databaseBytes = (await stat(join(dataDir, DATABASE_FILE_NAME))).size;
log(`database: ${(databaseBytes / 2 ** 20).toFixed(0)} MiB`);
const verifyStart = performance.now();
const chain = values.reuse ? { ok: true, entries: 0 } : await verifyAuditChain(db);
const verifyMs = performance.now() - verifyStart;
log(`audit chain: ${chain.ok ? 'intact' : 'BROKEN'}, ${chain.entries.toLocaleString('en')} entries, verified in ${(verifyMs / 1000).toFixed(1)} s`);

// ---- queries ---------------------------------------------------------------------------------------------------
interface NamedQuery {
  readonly name: string;
  readonly query: SearchQuery;
}
const someIssuer = province.endpoints.find((e) => e.name === 'Sở Tài nguyên và Môi trường')!.code;
const QUERIES: NamedQuery[] = [
  { name: 'common, diacritics', query: { text: 'quản lý đất đai' } },
  { name: 'common, no diacritics', query: { text: 'quan ly dat dai' } },
  { name: 'common word', query: { text: 'báo cáo' } },
  { name: 'symbol, folded', query: { text: 'qd-ubnd' } },
  { name: 'number and symbol', query: { text: '15/QĐ-UBND' } },
  { name: 'common + year', query: { text: 'chuyển đổi số', year: 2024 } },
  { name: 'common + direction', query: { text: 'ke hoach thuc hien', direction: 'incoming' } },
  { name: 'common + urgency (1 %)', query: { text: 'phòng, chống thiên tai', urgency: 'flash' } },
  { name: 'common + type', query: { text: 'giải ngân vốn đầu tư công', type: 'BC' } },
  { name: 'common + month range', query: { text: 'cải cách hành chính', dateFrom: '2022-03-01', dateTo: '2022-03-31' } },
  { name: 'common + one issuer', query: { text: 'an toàn thực phẩm', issuerCode: someIssuer } },
  { name: 'common + state', query: { text: 'tuyen dung vien chuc', state: 'completed' } },
  { name: 'signer name', query: { text: 'Nguyễn Văn Hùng' } },
  { name: 'rare, diacritics', query: { text: 'cá tra giống' } },
  { name: 'rare, no diacritics', query: { text: 'xam nhap man' } },
  { name: 'rare + direction', query: { text: 'voọc chà vá', direction: 'outgoing' } },
  { name: 'very rare', query: { text: 'đua ghe ngo' } },
  { name: 'no match', query: { text: 'khủng long bạo chúa' } },
  { name: 'two phrases', query: { text: 'bảo vệ môi trường, quý 2' } },
  { name: 'common + year + direction + type', query: { text: 'thi dua khen thuong', year: 2020, direction: 'outgoing', type: 'QĐ' } },
];

const ftsAll: number[] = [];
const likeAll: number[] = [];
const table: string[] = [
  '| # | query | filters | hits (page) | FTS p50 ms | FTS p95 ms | LIKE p50 ms | × faster | same page as LIKE |',
  '|---|---|---|---|---|---|---|---|---|',
];
for (const [i, { name, query }] of QUERIES.entries()) {
  const fts: number[] = [];
  let page = await index.search(db, { ...query, limit: 20 });
  for (let r = 0; r < ftsRuns; r += 1) {
    const t = performance.now();
    page = await index.search(db, { ...query, limit: 20 });
    fts.push(performance.now() - t);
  }
  const like: number[] = [];
  let likeIds: string[] = [];
  for (let r = 0; r < likeRuns; r += 1) {
    const t = performance.now();
    likeIds = await likeSearch(db, query, 20);
    like.push(performance.now() - t);
  }
  ftsAll.push(...fts);
  likeAll.push(...like);
  const ftsP50 = percentile(fts, 50);
  const likeP50 = percentile(like, 50);
  const ftsIds = page.hits.map((h) => h.id);
  // With diacritics the FTS page puts exact matches first, so only the set is comparable, not the order.
  const same = parseSearchText(query.text ?? '').hasDiacritics
    ? sameSet(ftsIds, likeIds) ? 'same set' : 'differs'
    : ftsIds.join() === likeIds.join() ? 'identical' : 'differs';
  const { text: _text, ...filters } = query;
  table.push(
    `| ${i + 1} | ${name}: \`${query.text}\` | ${Object.entries(filters).map(([k, v]) => `${k}=${v}`).join(', ') || '—'} | ${page.hits.length} | ` +
      `${ftsP50.toFixed(2)} | ${percentile(fts, 95).toFixed(2)} | ${likeP50.toFixed(1)} | ${ratio(likeP50 / ftsP50)} | ${same} |`,
  );
  log(table.at(-1)!);
}
const seeded = values.reuse
  ? 'seeded by an earlier run'
  : `seeding (documents + audit chain + search index, one transaction, making up the documents included): ${(seedMs / 1000).toFixed(1)} s (${(generationMs / 1000).toFixed(1)} s of it making up the documents)`;
const summary = [
  '',
  `Documents: ${total.toLocaleString('en')}; ${seeded}; FTS5 optimize: ${values.optimize ? 'yes' : 'no'}; ` +
    `database file: ${(databaseBytes / 2 ** 20).toFixed(0)} MiB; audit chain ${chain.ok ? 'verified intact' : 'BROKEN'} ` +
    `(${chain.entries.toLocaleString('en')} entries, ${(verifyMs / 1000).toFixed(1)} s).`,
  `All FTS runs (${ftsAll.length}): p50 ${percentile(ftsAll, 50).toFixed(2)} ms, p95 ${percentile(ftsAll, 95).toFixed(2)} ms. ` +
    `All LIKE runs (${likeAll.length}): p50 ${percentile(likeAll, 50).toFixed(1)} ms, p95 ${percentile(likeAll, 95).toFixed(1)} ms. ` +
    `Median speed-up (p50 LIKE / p50 FTS): ${ratio(percentile(likeAll, 50) / percentile(ftsAll, 50))}×.`,
];
const report = [...table, ...summary].join('\n');
console.log(`\n${report}`);
if (values.out) await writeFile(resolve(values.out), `${report}\n`);
await store.close();
if (!values.keep && !values.dir) await rm(dataDir, { recursive: true, force: true });

// ---- helpers ---------------------------------------------------------------------------------------------------

/** The baseline: the same filters, order and limit, with `LIKE '%…%'` over the same folded text. */
async function likeSearch(database: Kysely<Database>, query: SearchQuery, limit: number): Promise<string[]> {
  const patterns = (query.text ?? '')
    .split(',')
    .map((part) => foldVietnamese(part).trim())
    .filter(Boolean)
    .map((part) => `%${part.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  let low = 0;
  let high = Number.MAX_SAFE_INTEGER;
  if (query.year !== undefined) ({ low, high } = keyRange(`${query.year}-01-01`, `${query.year}-12-31`));
  if (query.dateFrom !== undefined) low = Math.max(low, keyRange(query.dateFrom, query.dateFrom).low);
  if (query.dateTo !== undefined) high = Math.min(high, keyRange(query.dateTo, query.dateTo).high);
  const conditions = [sql`e.sort_key between cast(${low} as integer) and cast(${high} as integer)`, ...patterns.map((p) => sql`l.folded like ${p} escape '\\'`)];
  for (const [column, value] of [
    ['direction', query.direction], ['type_code', query.type], ['issuer_code', query.issuerCode],
    ['state', query.state], ['urgency', query.urgency],
  ] as const) {
    if (value !== undefined) conditions.push(sql`${sql.ref(`e.${column}`)} = ${value}`);
  }
  const result = await sql<{ document_id: string }>`select e.document_id from search_entries e
    join likedb.bench_like l on l.sort_key = e.sort_key
    where ${sql.join(conditions, sql` and `)} order by e.sort_key desc limit ${limit}`.execute(database);
  return result.rows.map((r) => r.document_id);
}

/** Below 10× one decimal, so that "0.4" (LIKE faster) does not print as 0. */
function ratio(value: number): string {
  return value < 10 ? value.toFixed(1) : value.toFixed(0);
}

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
