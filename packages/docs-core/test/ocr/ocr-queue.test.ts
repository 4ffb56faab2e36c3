import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock/index.js';
import {
  claimNextOcrJob,
  DEFAULT_OCR_CONFIG,
  enqueueOcr,
  MAX_OCR_ATTEMPTS,
  ocrQueueCounts,
  runPendingOcr,
  type OcrJobContext,
} from '../../src/ocr/index.js';
import { defaultSearchIndex } from '../../src/search/index.js';
import { migrateTo } from '../../src/store/migrator.js';
import { migrations } from '../../src/store/migrations/index.js';
import { openStore, type Store } from '../../src/store/store.js';
import { useTempDir } from '../helpers.js';
import { versionBefore } from '../migration-helpers.js';

const NOW = new Date('2026-12-05T03:00:00Z');
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

/** A process id no process has: above Linux's largest pid_max (2^22). */
const DEAD_PID = 4_194_305;

function contextOf(store: Store, overrides: Partial<OcrJobContext['config']> = {}): OcrJobContext {
  return {
    db: store.db,
    blobs: store.blobs,
    index: defaultSearchIndex,
    clock: new FixedClock(NOW),
    workDir: join(store.dataDir, 'tmp'),
    config: { ...DEFAULT_OCR_CONFIG, ...overrides },
  };
}

describe('the OCR queue (ocr_jobs)', () => {
  const tempDir = useTempDir();

  it('queues a file once, and never two processes on the same job', async () => {
    const store = await openStore({ dataDir: await tempDir() });
    try {
      await enqueueOcr(store.db, A, NOW);
      await enqueueOcr(store.db, A, new Date(NOW.getTime() + 1000));
      expect(await ocrQueueCounts(store.db)).toMatchObject({ pending: 1, running: 0 });
      expect(await claimNextOcrJob(store.db, NOW)).toEqual({ sha256: A, attempts: 1 });
      // This process is alive and its claim fresh: nobody else takes the job.
      expect(await claimNextOcrJob(store.db, NOW)).toBeNull();
      expect(await store.db.selectFrom('ocr_jobs').select(['status', 'claimed_by']).executeTakeFirst()).toEqual({ status: 'running', claimed_by: `${hostname()}:${process.pid}` });
    } finally {
      await store.close();
    }
  });

  it('takes over a job whose process died (this host, or a claim past its lease), and fails a file that killed it too often', async () => {
    const store = await openStore({ dataDir: await tempDir() });
    try {
      const running = { status: 'running' as const, updated_at: NOW.toISOString() };
      await store.db.insertInto('ocr_jobs').values({ ...running, sha256: A, attempts: 1, claimed_at: NOW.toISOString(), claimed_by: `${hostname()}:${DEAD_PID}` }).execute();
      await store.db
        .insertInto('ocr_jobs')
        .values({ ...running, sha256: B, attempts: MAX_OCR_ATTEMPTS, claimed_at: '2026-12-04T00:00:00.000Z', claimed_by: 'may-khac:12' })
        .execute();
      expect(await claimNextOcrJob(store.db, NOW)).toEqual({ sha256: A, attempts: 2 });
      const poisoned = await store.db.selectFrom('ocr_jobs').select(['status', 'reason', 'claimed_by']).where('sha256', '=', B).executeTakeFirstOrThrow();
      expect(poisoned).toEqual({ status: 'failed', reason: expect.stringContaining(`${MAX_OCR_ATTEMPTS} times`), claimed_by: null });
    } finally {
      await store.close();
    }
  });

  it('without the engine, every waiting job says why and waits; with it, they run again', async () => {
    const store = await openStore({ dataDir: await tempDir() });
    try {
      const pdf = await store.blobs.put(new TextEncoder().encode('không phải PDF'));
      await enqueueOcr(store.db, pdf.sha256, NOW);
      const missing = await runPendingOcr(contextOf(store, { command: join(store.dataDir, 'no-tesseract') }));
      expect(missing).toEqual({ done: 0, failed: 0, unavailable: expect.stringContaining('tesseract-ocr') });
      expect(await store.db.selectFrom('ocr_jobs').select(['status', 'reason']).executeTakeFirst()).toEqual({ status: 'unavailable', reason: missing.unavailable });
      const present = await runPendingOcr(contextOf(store));
      expect(present).toEqual({ done: 0, failed: 1 });
      // A file that is no PDF fails with its reason, and is not retried in a loop.
      expect(await store.db.selectFrom('ocr_jobs').select(['status', 'reason']).executeTakeFirst()).toEqual({ status: 'failed', reason: expect.stringContaining('cannot read the PDF') });
      expect(await runPendingOcr(contextOf(store))).toEqual({ done: 0, failed: 0 });
    } finally {
      await store.close();
    }
  });

  it('kills a page past its time limit: the job fails with the reason, the blob is only read', async () => {
    const store = await openStore({ dataDir: await tempDir() });
    try {
      const blank = await PDFDocument.create();
      blank.addPage();
      const pdf = await store.blobs.put(await blank.save());
      await enqueueOcr(store.db, pdf.sha256, NOW);
      // A page without a text layer, and a limit no child process can meet: the rasteriser is killed.
      const result = await runPendingOcr(contextOf(store, { pageTimeoutMs: 1 }));
      expect(result).toEqual({ done: 0, failed: 1 });
      const job = await store.db.selectFrom('ocr_jobs').select(['status', 'reason', 'pages_failed']).executeTakeFirstOrThrow();
      expect(job).toEqual({ status: 'failed', reason: expect.stringMatching(/timed out after 1 ms/), pages_failed: 1 });
      expect(createHash('sha256').update(await store.blobs.get(pdf.sha256)).digest('hex')).toBe(pdf.sha256);
    } finally {
      await store.close();
    }
  });
});

describe('migration 0170 (ocr jobs)', () => {
  const tempDir = useTempDir();

  it('queues the files whose text was already extracted empty (scans received before it), and only those', async () => {
    const store = await openStore({ dataDir: await tempDir(), migrateToVersion: versionBefore(170) });
    try {
      await store.db
        .insertInto('search_file_texts')
        .values([
          { sha256: A, status: 'done', text: '  \n ', error: null, updated_at: 'x' },
          { sha256: B, status: 'done', text: 'Quyết định về việc', error: null, updated_at: 'x' },
          { sha256: 'c'.repeat(64), status: 'pending', text: null, error: null, updated_at: 'x' },
        ])
        .execute();
      await migrateTo(store.db, migrations, 170);
      expect(await store.db.selectFrom('ocr_jobs').select(['sha256', 'status']).execute()).toEqual([{ sha256: A, status: 'pending' }]);
    } finally {
      await store.close();
    }
  });
});
