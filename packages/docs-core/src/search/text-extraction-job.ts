import type { Kysely } from 'kysely';
import type { Clock } from '../clock/index.js';
import type { BlobStore } from '../store/blob-store.js';
import type { Database } from '../store/schema.js';
import { enqueueOcr } from '../ocr/ocr-queue.js';
import { pagesWithoutText } from '../ocr/read-scanned-pages.js';
import { extractPdfPages } from './pdf-text.js';
import type { SearchIndex } from './search-index.js';

export interface TextExtractionContext {
  readonly db: Kysely<Database>;
  readonly blobs: BlobStore;
  readonly index: SearchIndex;
  readonly clock: Clock;
}

/**
 * Extracts the text of files waiting for it, one at a time, outside any transaction (a big PDF takes seconds); each
 * result is stored, and the documents holding the file re-indexed, in one short transaction. A file that fails is
 * marked failed with its error and never retried in a loop. A file with pages that have no text layer (a scan) is
 * queued for OCR in the same transaction (ocr/ocr-job.ts adds what it reads to the same text).
 */
export async function extractPendingTexts(context: TextExtractionContext, limit = 10): Promise<{ done: number; failed: number }> {
  const pending = await context.index.pendingFiles(context.db, limit);
  let done = 0;
  let failed = 0;
  for (const sha256 of pending) {
    let result: { text: string } | { error: string };
    let needsOcr = false;
    try {
      const layer = await extractPdfPages(await context.blobs.get(sha256));
      result = { text: layer.pages.join('\n').slice(0, 1_000_000) };
      needsOcr = pagesWithoutText(layer.pages).length > 0;
      done += 1;
    } catch (error) {
      result = { error: error instanceof Error ? error.message : String(error) };
      failed += 1;
    }
    await context.db.transaction().execute(async (trx) => {
      await context.index.storeFileText(trx, sha256, result, context.clock.now());
      if (needsOcr) await enqueueOcr(trx, sha256, context.clock.now());
    });
  }
  return { done, failed };
}

/** Runs {@link extractPendingTexts} every `intervalMs` until stopped; started by whichever face runs. */
export function startTextExtraction(context: TextExtractionContext, intervalMs = 5_000): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      if (stopped) return;
      try {
        await extractPendingTexts(context);
      } catch (error) {
        console.error('Lỗi trích văn bản để tìm kiếm / text extraction failed:', error);
      }
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
