import { sql } from 'kysely';
import type { Migration } from '../migration.js';
import { dialectOf } from '../store-dialect.js';

const ROLES = sql`role in ('main', 'attachment', 'signed', 'issued', 'issued-attachment', 'scan', 'archival')`;

/**
 * Closing a record file adds long-term validation material (PAdES B-LTA, issue 16) to its signed PDFs as a copy of a
 * role of its own, `archival`, beside the original, whose blob is never rewritten. A document whose copy could not be
 * made (the TSA unreachable, under the agency's `sign-without` policy) waits in `archival_pending` until a retry. The
 * document_files rebuild on SQLite follows 0031: nothing references the table, and rows and ids are kept.
 */
export const migration0190ArchivalFiles: Migration = {
  version: 190,
  name: 'archival-files',
  async up(db) {
    if (dialectOf(db) === 'postgres') {
      await sql`alter table document_files drop constraint document_files_role_check,
        add constraint document_files_role_check check (${ROLES})`.execute(db);
    } else {
      await db.schema
        .createTable('document_files_v190')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull().check(ROLES))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull().check(sql`length(sha256) = 64`))
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into document_files_v190 (id, document_id, role, name, sha256, size, media_type, added_at)
                select id, document_id, role, name, sha256, size, media_type, added_at from document_files`.execute(db);
      await db.schema.dropTable('document_files').execute();
      await db.schema.alterTable('document_files_v190').renameTo('document_files').execute();
      await db.schema.createIndex('document_files_document').on('document_files').column('document_id').execute();
    }
    await db.schema
      .createTable('archival_pending')
      .addColumn('document_id', 'text', (c) => c.primaryKey().references('documents.id').onDelete('cascade'))
      .addColumn('file_id', 'text', (c) => c.notNull().references('record_files.id').onDelete('cascade'))
      .addColumn('source_sha256', 'text', (c) => c.notNull())
      .addColumn('since', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .execute();
  },
};
