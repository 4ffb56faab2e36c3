import {
  defaultSearchIndex,
  extractPendingTexts,
  ocrConfigFromEnvironment,
  runOcrQueue,
  startOcrJobs,
  startTextExtraction,
  type OcrBatchResult,
  systemClock,
  type Store,
} from '@eoffice/docs-core';
import type { Logger } from 'pino';
import type { ChangeWatcher } from './events/change-watcher.js';
import type { EventHub } from './events/event-hub.js';
import { startHandoverReminders } from './handover-reminders.js';
import { workDirOf } from './work-dir.js';

export interface BackgroundJobOptions {
  /** How often to look for changes another process made on the same data folder; 1 s by default. */
  readonly watchIntervalMs?: number;
  /** How often to extract the text of newly stored PDFs for search; 5 s by default. */
  readonly extractionIntervalMs?: number;
  /** How often to look for record files reaching their handover reminder day; hourly by default. */
  readonly handoverReminderIntervalMs?: number;
  /** How often to take the next scanned file off the OCR queue; 10 s by default. */
  readonly ocrIntervalMs?: number;
}

export interface BackgroundJobs {
  stop(): Promise<void>;
}

function extractionContext(store: Store) {
  return { db: store.db, blobs: store.blobs, index: defaultSearchIndex, clock: systemClock() };
}

/** The OCR job's context: page images go to the data folder's own `tmp/`, swept at start if a process died. */
function ocrContext(store: Store) {
  return { ...extractionContext(store), workDir: workDirOf(store.dataDir), config: ocrConfigFromEnvironment(process.env) };
}

/**
 * The work a long-running face (Electron main, `start:web`) does between calls: announcing changes, making the
 * words inside PDFs searchable and the handover reminders. One-shot CLI commands start none.
 */
export async function startBackgroundJobs(
  store: Store,
  watcher: ChangeWatcher,
  hub: { events: EventHub; logger: Logger },
  options: BackgroundJobOptions = {},
): Promise<BackgroundJobs> {
  const { events, logger } = hub;
  await watcher.start(options.watchIntervalMs ?? 1_000);
  const extraction = startTextExtraction(extractionContext(store), options.extractionIntervalMs ?? 5_000);
  const reminders = startHandoverReminders({ store, events, logger }, options.handoverReminderIntervalMs ?? 3_600_000);
  // One page at a time on one core (tesseract-engine.ts): search stays responsive while scans are read.
  const ocr = startOcrJobs(ocrContext(store), options.ocrIntervalMs ?? 10_000, (error) => logger.error({ err: error }, 'OCR job failed'));
  return {
    async stop() {
      await ocr.stop();
      await reminders.stop();
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

/**
 * `eoffice ocr run`: extracts pending texts (which queues the scans), then reads every queued scan. A missing engine
 * ends it with the reason (the jobs wait as `unavailable`), never with a crash.
 */
export async function runAllOcr(store: Store): Promise<OcrBatchResult> {
  await extractAllPendingTexts(store);
  const result = await runOcrQueue(ocrContext(store));
  return result;
}
