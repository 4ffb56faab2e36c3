import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { OcrJobsTable } from '../store/schema-ocr.js';

export type OcrJobStatus = OcrJobsTable['status'];

/** A claim older than this is another process's that never finished (killed, machine off): it is taken over. */
const LEASE_MS = 30 * 60_000;
/** A job whose process died this many times is a poison file: it fails instead of killing the next process. */
export const MAX_OCR_ATTEMPTS = 3;

/** Queues a file for OCR (nothing if it is queued or done already). Call in the transaction that stores its text. */
export async function enqueueOcr(db: Kysely<Database>, sha256: string, now: Date): Promise<void> {
  await db
    .insertInto('ocr_jobs')
    .values({ sha256, status: 'pending', attempts: 0, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export interface ClaimedOcrJob {
  readonly sha256: string;
  readonly attempts: number;
}

/** This process's name in `claimed_by`. */
export function claimantName(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * Takes the oldest waiting job, or one whose claimant died, in one short transaction (BEGIN IMMEDIATE on SQLite):
 * two processes on the same data folder never take the same job.
 */
export async function claimNextOcrJob(db: Kysely<Database>, now: Date): Promise<ClaimedOcrJob | null> {
  return db.transaction().execute(async (trx) => {
    const stale = new Date(now.getTime() - LEASE_MS).toISOString();
    // In key order, and each change only while the row is still as read: two processes claiming at once on
    // PostgreSQL (where they run side by side) take turns on each row and never undo the other's claim.
    const running = await trx.selectFrom('ocr_jobs').select(['sha256', 'claimed_at', 'claimed_by', 'attempts']).where('status', '=', 'running').orderBy('sha256').execute();
    for (const job of running) {
      if ((job.claimed_at ?? '') >= stale && !claimantIsGone(job.claimed_by)) continue;
      if (job.attempts >= MAX_OCR_ATTEMPTS) {
        await trx
          .updateTable('ocr_jobs')
          .set({ status: 'failed', reason: `Tiến trình OCR dừng giữa chừng ${job.attempts} lần / the OCR process ended mid-job ${job.attempts} times`, claimed_at: null, claimed_by: null, updated_at: now.toISOString() })
          .where('sha256', '=', job.sha256)
          .where('status', '=', 'running')
          .where('claimed_at', 'is', job.claimed_at)
          .execute();
      } else {
        await trx
          .updateTable('ocr_jobs')
          .set({ status: 'pending', claimed_at: null, claimed_by: null })
          .where('sha256', '=', job.sha256)
          .where('status', '=', 'running')
          .where('claimed_at', 'is', job.claimed_at)
          .execute();
      }
    }
    // The claim holds only if the job is still waiting when its row is written: read plainly, two processes on
    // PostgreSQL both read the same waiting job and both ran it. The one that finds it taken looks again.
    for (;;) {
      const next = await trx.selectFrom('ocr_jobs').select(['sha256', 'attempts']).where('status', '=', 'pending').orderBy('updated_at').orderBy('sha256').limit(1).executeTakeFirst();
      if (!next) return null;
      const claimed = await trx
        .updateTable('ocr_jobs')
        .set({ status: 'running', attempts: next.attempts + 1, claimed_at: now.toISOString(), claimed_by: claimantName() })
        .where('sha256', '=', next.sha256)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 1) return { sha256: next.sha256, attempts: next.attempts + 1 };
    }
  });
}

/** A claim made on this host by a process that no longer runs. */
function claimantIsGone(claimedBy: string | null): boolean {
  if (!claimedBy) return true;
  const at = claimedBy.lastIndexOf(':');
  if (claimedBy.slice(0, at) !== hostname()) return false;
  const pid = Number(claimedBy.slice(at + 1));
  if (!Number.isInteger(pid) || pid <= 0) return true;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export type OcrOutcome =
  | { readonly status: 'done'; readonly text: string; readonly pagesRead: number; readonly pagesFailed: number; readonly reason: string | null }
  | { readonly status: 'failed'; readonly reason: string; readonly pagesRead: number; readonly pagesFailed: number };

/** Records a job's end; `db` is the transaction that also puts the text into the search index. */
export async function finishOcrJob(db: Kysely<Database>, sha256: string, outcome: OcrOutcome, now: Date): Promise<void> {
  await db
    .updateTable('ocr_jobs')
    .set({
      status: outcome.status,
      text: outcome.status === 'done' ? outcome.text : null,
      reason: outcome.reason === null ? null : outcome.reason.slice(0, 1000),
      pages_read: outcome.pagesRead,
      pages_failed: outcome.pagesFailed,
      claimed_at: null,
      claimed_by: null,
      updated_at: now.toISOString(),
    })
    .where('sha256', '=', sha256)
    .execute();
}

/** The engine is missing: every waiting job says so (the status the clerk sees) and waits for it. */
export async function markOcrUnavailable(db: Kysely<Database>, reason: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('ocr_jobs')
    .set({ status: 'unavailable', reason: reason.slice(0, 1000), updated_at: now.toISOString() })
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The engine is here (again): jobs that waited for it run. */
export async function requeueUnavailableOcr(db: Kysely<Database>): Promise<void> {
  await db.updateTable('ocr_jobs').set({ status: 'pending', reason: null }).where('status', '=', 'unavailable').execute();
}

export type OcrQueueCounts = Record<OcrJobStatus, number>;

export async function ocrQueueCounts(db: Kysely<Database>): Promise<OcrQueueCounts> {
  const rows = await db.selectFrom('ocr_jobs').select(['status', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('status').execute();
  const counts: OcrQueueCounts = { pending: 0, running: 0, done: 0, failed: 0, unavailable: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

export interface FileOcrStatus {
  readonly sha256: string;
  readonly status: OcrJobStatus;
  readonly reason: string | null;
  readonly pagesRead: number | null;
  readonly pagesFailed: number | null;
  readonly updatedAt: string;
}

/** The OCR jobs of a document's files (none: every page had a text layer, or its text is not extracted yet). */
export async function ocrJobsOfDocument(db: Kysely<Database>, documentId: string): Promise<FileOcrStatus[]> {
  const rows = await db
    .selectFrom('document_files as f')
    .innerJoin('ocr_jobs as j', 'j.sha256', 'f.sha256')
    .select(['j.sha256', 'j.status', 'j.reason', 'j.pages_read', 'j.pages_failed', 'j.updated_at'])
    .where('f.document_id', '=', documentId)
    .orderBy('j.sha256')
    .distinct()
    .execute();
  return rows.map((r) => ({ sha256: r.sha256, status: r.status, reason: r.reason, pagesRead: r.pages_read, pagesFailed: r.pages_failed, updatedAt: r.updated_at }));
}
