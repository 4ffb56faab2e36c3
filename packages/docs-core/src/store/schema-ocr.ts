/** The OCR queue (migration 0170), kept apart from schema.ts so parallel work on other tables does not collide. */
export interface OcrJobsTable {
  /** The stored file (a blob, never modified by OCR). */
  sha256: string;
  /** `unavailable`: the engine is missing here; the job runs again once it is installed. */
  status: 'pending' | 'running' | 'done' | 'failed' | 'unavailable';
  attempts: number;
  pages_read: number | null;
  pages_failed: number | null;
  /** The recognised text of the pages that had no text layer. */
  text: string | null;
  /** Why it failed or could not run (Vietnamese first, then English). */
  reason: string | null;
  /** When a process took the job: a claim older than the lease belongs to a process that died. */
  claimed_at: string | null;
  /** `host:pid` of the process that took it: a claim by a process no longer alive on this host is taken over. */
  claimed_by: string | null;
  updated_at: string;
}

export interface OcrTables {
  ocr_jobs: OcrJobsTable;
}
