import { sql } from 'kysely';
import type { Migration } from '../migration.js';
import { dialectOf } from '../store-dialect.js';

/**
 * The OCR queue (issue 17): one row per stored PDF whose pages lack a text layer, by content hash, so the queue
 * outlives the process that filled it. Files whose text was already extracted empty (scans received before this
 * step) are queued here too.
 */
export const migration0170OcrJobs: Migration = {
  version: 170,
  name: 'ocr-jobs',
  async up(db) {
    await db.schema
      .createTable('ocr_jobs')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'running', 'done', 'failed', 'unavailable')`))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('pages_read', 'integer')
      .addColumn('pages_failed', 'integer')
      .addColumn('text', 'text')
      .addColumn('reason', 'text')
      .addColumn('claimed_at', 'text')
      .addColumn('claimed_by', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ocr_jobs_status').on('ocr_jobs').columns(['status', 'updated_at']).execute();
    // SQLite's one-argument trim() takes off spaces only; a two-page scan's extracted text is "\n" (pages joined).
    // PostgreSQL spells the same test btrim() and chr().
    const blank =
      dialectOf(db) === 'postgres'
        ? sql`btrim(coalesce(text, ''), ' ' || chr(9) || chr(10) || chr(13)) = ''`
        : sql`trim(coalesce(text, ''), ' ' || char(9, 10, 13)) = ''`;
    await sql`insert into ocr_jobs (sha256, status, updated_at)
      select sha256, 'pending', updated_at from search_file_texts
      where status = 'done' and ${blank}`.execute(db);
  },
};
