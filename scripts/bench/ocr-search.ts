#!/usr/bin/env -S npx tsx
/**
 * Does search stay responsive while OCR runs? (issue 17 item 4; by hand, not a test: the machine is shared.)
 *
 *   npx tsx scripts/bench/ocr-search.ts [--docs 100000] [--scans 6] [--runs 5]
 *
 * One data folder, as a running app has it: N documents seeded through docs-core's bulk import (row, audit entry and
 * search entry), and K image-only scans stored as blobs and queued for OCR. The same named queries are timed through
 * the search index three times in this one run: before OCR (baseline), while the OCR job works through the queue
 * exactly as the app's background job does (runOcrQueue: pdftoppm and Tesseract as child processes, one page at a
 * time, OMP_THREAD_LIMIT=1, each result written in its own short transaction), and after it (a second baseline, so
 * that a change in the machine's other load shows). Reports p50/p95 per phase and the ratio of "during" to the
 * baselines.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { vietnamIso } from '../../packages/vietnamese/src/index.js';
import { bulkImportDocuments, type ImportedDocumentRow } from '../../packages/docs-core/src/bulk/index.js';
import { systemClock } from '../../packages/docs-core/src/clock/clock.js';
import { importDirectory, parseDirectoryFile } from '../../packages/docs-core/src/directory/index.js';
import { DEFAULT_OCR_CONFIG, detectOcrEngine } from '../../packages/docs-core/src/index.js';
import { runOcrQueue } from '../../packages/docs-core/src/ocr/ocr-job.js';
import { enqueueOcr } from '../../packages/docs-core/src/ocr/ocr-queue.js';
import type { SearchQuery } from '../../packages/docs-core/src/search/search-index.js';
import { SqliteSearchIndex } from '../../packages/docs-core/src/search/sqlite-search-index.js';
import { openStore } from '../../packages/docs-core/src/store/store.js';
import { corpusSample, renderScan } from '../../packages/docs-core/test/ocr/scan-corpus.js';
import { documentRow, SearchCorpus } from './search-corpus.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');
const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '100000' },
    scans: { type: 'string', default: '6' },
    runs: { type: 'string', default: '5' },
  },
});
const total = Number(values.docs);
const scanCount = Number(values.scans);
const runs = Number(values.runs);
const log = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

const QUERIES: SearchQuery[] = [
  { text: 'quản lý đất đai' },
  { text: 'quan ly dat dai' },
  { text: 'báo cáo' },
  { text: '15/QĐ-UBND' },
  { text: 'chuyển đổi số', year: 2024 },
  { text: 'ke hoach thuc hien', direction: 'incoming' },
  { text: 'cá tra giống' },
  { text: 'khủng long bạo chúa' },
  { text: 'bảo vệ môi trường, quý 2' },
  { text: 'thi dua khen thuong', year: 2020, direction: 'outgoing', type: 'QĐ' },
];

const engine = await detectOcrEngine(DEFAULT_OCR_CONFIG);
if (!engine.available) throw new Error(`Tesseract is needed: ${engine.reason}`);
const dataDir = await mkdtemp(join(tmpdir(), 'eoffice-bench-ocr-search-'));
const store = await openStore({ dataDir });
const index = new SqliteSearchIndex();
try {
  const province = parseDirectoryFile(JSON.parse(await readFile(resolve(repoRoot, 'resources/demo/province-650.json'), 'utf8')));
  await importDirectory(store.db, province, { now: new Date() });
  const at = vietnamIso(new Date());
  const corpus = new SearchCorpus(province.endpoints, 42);
  function* rows(): Generator<ImportedDocumentRow> {
    for (let i = 0; i < total; i += 1) yield documentRow(corpus.next(total), at);
  }
  log(`seeding ${total.toLocaleString('en')} documents in ${dataDir}`);
  await bulkImportDocuments(store.db, rows(), { clock: systemClock(), actor: 'system', batchSize: 25_000 });
  log(`storing and queueing ${scanCount} image-only scans`);
  for (let n = 1; n <= scanCount; n += 1) {
    const pdf = await renderScan(corpusSample(n), { dpi: 300, skew: 0, noise: 0, jpegQuality: 90 }, n);
    const blob = await store.blobs.put(pdf);
    await enqueueOcr(store.db, blob.sha256, new Date());
  }

  const timeQueries = async (): Promise<number[]> => {
    const samples: number[] = [];
    for (const query of QUERIES) {
      const started = performance.now();
      await index.search(store.db, { ...query, limit: 20 });
      samples.push(performance.now() - started);
    }
    return samples;
  };
  for (const query of QUERIES) await index.search(store.db, { ...query, limit: 20 }); // warm the page cache

  const load: number[] = [];
  const before: number[] = [];
  for (let r = 0; r < runs; r += 1) {
    load.push(loadavg()[0]!);
    before.push(...(await timeQueries()));
  }
  log(`before OCR: p50 ${percentile(before, 50).toFixed(2)} ms, p95 ${percentile(before, 95).toFixed(2)} ms`);

  const ocrContext = { db: store.db, blobs: store.blobs, index, clock: systemClock(), workDir: join(dataDir, 'tmp'), config: DEFAULT_OCR_CONFIG };
  const ocrStarted = performance.now();
  let ocrDone = false;
  const ocr = runOcrQueue(ocrContext).finally(() => {
    ocrDone = true;
  });
  const during: number[] = [];
  while (!ocrDone) {
    load.push(loadavg()[0]!);
    during.push(...(await timeQueries()));
    // A user types a query now and then, not in a tight loop: leave the event loop to the job between rounds.
    await new Promise((resolveTimer) => setTimeout(resolveTimer, 200));
  }
  const ocrResult = await ocr;
  const ocrSeconds = (performance.now() - ocrStarted) / 1000;
  log(`during OCR (${ocrResult.done} done, ${ocrResult.failed} failed, ${ocrSeconds.toFixed(0)} s): p50 ${percentile(during, 50).toFixed(2)} ms, p95 ${percentile(during, 95).toFixed(2)} ms`);

  const after: number[] = [];
  for (let r = 0; r < runs; r += 1) {
    load.push(loadavg()[0]!);
    after.push(...(await timeQueries()));
  }
  const baseline = [...before, ...after];
  const row = (label: string, s: number[]) => `| ${label} | ${s.length} | ${percentile(s, 50).toFixed(2)} | ${percentile(s, 95).toFixed(2)} | ${Math.max(...s).toFixed(1)} |`;
  console.log(
    [
      `${total.toLocaleString('en')} documents, ${scanCount} scanned pages read by the OCR job (${ocrResult.done} done, ${ocrResult.failed} failed) in ${ocrSeconds.toFixed(0)} s; ` +
        `Tesseract ${engine.version}; ${cpus().length} cores, load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} during the run.`,
      '',
      '| Search | queries | p50 ms | p95 ms | max ms |',
      '|---|---|---|---|---|',
      row('before OCR', before),
      row('while OCR runs', during),
      row('after OCR', after),
      '',
      `While OCR runs / baseline (before and after): p50 ×${(percentile(during, 50) / percentile(baseline, 50)).toFixed(2)}, p95 ×${(percentile(during, 95) / percentile(baseline, 95)).toFixed(2)}.`,
    ].join('\n'),
  );
} finally {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
}


function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
