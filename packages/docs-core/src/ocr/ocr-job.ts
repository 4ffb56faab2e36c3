import type { Kysely } from 'kysely';
import type { Clock } from '../clock/index.js';
import { extractPdfPages } from '../search/pdf-text.js';
import type { SearchIndex } from '../search/search-index.js';
import type { BlobStore } from '../store/blob-store.js';
import type { Database } from '../store/schema.js';
import { claimNextOcrJob, finishOcrJob, markOcrUnavailable, requeueUnavailableOcr, type OcrOutcome } from './ocr-queue.js';
import { pagesWithoutText, readScannedPages } from './read-scanned-pages.js';
import { detectOcrEngine, type OcrEngineConfig, type OcrEngineStatus } from './tesseract-engine.js';

export interface OcrJobContext {
  readonly db: Kysely<Database>;
  readonly blobs: BlobStore;
  readonly index: SearchIndex;
  readonly clock: Clock;
  /** A private scratch folder (the data folder's `tmp/`): page images of secret scans stay under its protection. */
  readonly workDir: string;
  readonly config: OcrEngineConfig;
}

export interface OcrBatchResult {
  readonly done: number;
  readonly failed: number;
  /** Set when the engine is missing: the jobs wait with this reason. */
  readonly unavailable?: string;
}

/**
 * Runs up to `limit` queued OCR jobs, one page at a time, outside any transaction (a page takes seconds); each
 * result goes into the job row and the folded search index in one short transaction. The stored blob is only read.
 */
export async function runPendingOcr(context: OcrJobContext, limit = 1): Promise<OcrBatchResult> {
  const engine = await detectOcrEngine(context.config);
  if (!engine.available) {
    await markOcrUnavailable(context.db, engine.reason, context.clock.now());
    return { done: 0, failed: 0, unavailable: engine.reason };
  }
  await requeueUnavailableOcr(context.db);
  let done = 0;
  let failed = 0;
  for (let i = 0; i < limit; i += 1) {
    const job = await claimNextOcrJob(context.db, context.clock.now());
    if (!job) break;
    const outcome = await ocrFile(context, job.sha256);
    await context.db.transaction().execute(async (trx) => {
      // The file's text (and its entries) before the job's row, as the extraction takes them (its text, then the
      // queue): ARCHITECTURE.md, "Lock order".
      if (outcome.status === 'done') {
        const layer = await trx.selectFrom('search_file_texts').select('text').where('sha256', '=', job.sha256).executeTakeFirst();
        await context.index.storeFileText(trx, job.sha256, { text: [layer?.text ?? '', outcome.text].filter((t) => t.trim() !== '').join('\n') }, context.clock.now());
      }
      await finishOcrJob(trx, job.sha256, outcome, context.clock.now());
    });
    if (outcome.status === 'done') done += 1;
    else failed += 1;
  }
  return { done, failed };
}

/** Runs the queue until it is empty: `eoffice ocr run`. Failed jobs are not retried, so this ends. */
export async function runOcrQueue(context: OcrJobContext): Promise<OcrBatchResult> {
  let done = 0;
  let failed = 0;
  for (;;) {
    const batch = await runPendingOcr(context, 1);
    if (batch.unavailable) return { done, failed, unavailable: batch.unavailable };
    if (batch.done + batch.failed === 0) return { done, failed };
    done += batch.done;
    failed += batch.failed;
  }
}

async function ocrFile(context: OcrJobContext, sha256: string): Promise<OcrOutcome> {
  let bytes: Buffer;
  let layer: { pages: string[]; pageCount: number };
  try {
    bytes = await context.blobs.get(sha256);
    layer = await extractPdfPages(bytes);
  } catch (error) {
    return { status: 'failed', reason: `Không đọc được tệp PDF / cannot read the PDF: ${messageOf(error)}`, pagesRead: 0, pagesFailed: 0 };
  }
  const wanted = pagesWithoutText(layer.pages);
  if (wanted.length === 0) return { status: 'done', text: '', pagesRead: 0, pagesFailed: 0, reason: null };
  const result = await readScannedPages(bytes, wanted, context.workDir, context.config);
  const first = result.failures[0];
  if (result.pages.length === 0 && first) {
    return { status: 'failed', reason: `Trang ${first.page}: ${first.reason}`, pagesRead: 0, pagesFailed: result.failures.length };
  }
  return {
    status: 'done',
    text: result.pages.map((p) => p.text.trim()).join('\n\n'),
    pagesRead: result.pages.length,
    pagesFailed: result.failures.length,
    reason: first ? `${result.failures.length} trang không đọc được, đầu tiên trang ${first.page} / ${result.failures.length} page(s) unread: ${first.reason}` : null,
  };
}

/** Runs {@link runPendingOcr} every `intervalMs` until stopped; started by the long-running faces. */
export function startOcrJobs(context: OcrJobContext, intervalMs = 10_000, onError: (error: unknown) => void = () => {}): { stop(): Promise<void> } {
  let stopped = false;
  let busy = false;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (busy || stopped) return;
    busy = true;
    running = runPendingOcr(context, 1)
      .catch(onError)
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

export type { OcrEngineStatus };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
