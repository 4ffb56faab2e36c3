import {
  defaultSearchIndex,
  extractPendingTexts,
  startTextExtraction,
  systemClock,
  type Store,
} from '@eoffice/docs-core';
import type { ChangeWatcher } from './events/change-watcher.js';

export interface BackgroundJobOptions {
  /** How often to look for changes another process made on the same data folder; 1 s by default. */
  readonly watchIntervalMs?: number;
  /** How often to extract the text of newly stored PDFs for search; 5 s by default. */
  readonly extractionIntervalMs?: number;
}

export interface BackgroundJobs {
  stop(): Promise<void>;
}

function extractionContext(store: Store) {
  return { db: store.db, blobs: store.blobs, index: defaultSearchIndex, clock: systemClock() };
}

/**
 * The work a long-running face (Electron main, `start:web`) does between calls: announcing changes and making the
 * words inside PDFs searchable. One-shot CLI commands start neither.
 */
export async function startBackgroundJobs(
  store: Store,
  watcher: ChangeWatcher,
  options: BackgroundJobOptions = {},
): Promise<BackgroundJobs> {
  await watcher.start(options.watchIntervalMs ?? 1_000);
  const extraction = startTextExtraction(extractionContext(store), options.extractionIntervalMs ?? 5_000);
  return {
    async stop() {
      await extraction.stop();
      await watcher.stop();
    },
  };
}

/**
 * Extracts every pending PDF text now, for a one-shot command that is about to search: no job runs between CLI
 * calls, and what is extracted is stored, so the wait is paid once per file. Failed files are marked and not
 * retried, so this ends.
 */
export async function extractAllPendingTexts(store: Store): Promise<{ done: number; failed: number }> {
  const total = { done: 0, failed: 0 };
  for (;;) {
    const batch = await extractPendingTexts(extractionContext(store));
    if (batch.done + batch.failed === 0) return total;
    total.done += batch.done;
    total.failed += batch.failed;
  }
}
