import type { Migration } from '../migration.js';

/** The catalogue third-party systems use (domain-vn.md §2.2); the agency may change it (records.setRetentions). */
const SEEDED_RETENTIONS = ['permanent', '70', '50', '30', '20', '10', '5'];

/**
 * Hồ sơ và lưu trữ (issue 14): the yearly file list with its headings, lines and amendments, the retention
 * catalogue, record files and the documents they hold by reference.
 */
export const migration0070RecordFiles: Migration = {
  version: 70,
  name: 'record-files',
  async up(db) {
    await db.schema
      .createTable('file_plans')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('organ_id', 'text', (c) => c.notNull())
      .addColumn('numbering', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('approved_by', 'text')
      .addColumn('approved_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('file_plan_headings')
      .addColumn('plan_year', 'integer', (c) => c.notNull().references('file_plans.year').onDelete('cascade'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('file_plan_headings_pk', ['plan_year', 'code'])
      .execute();
    await db.schema
      .createTable('file_plan_entries')
      .addColumn('plan_year', 'integer', (c) => c.notNull().references('file_plans.year').onDelete('cascade'))
      .addColumn('notation', 'text', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('heading_code', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('retention', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('person', 'text')
      .addColumn('rights', 'text', (c) => c.notNull())
      .addColumn('secrecy', 'text', (c) => c.notNull())
      .addColumn('construction', 'integer', (c) => c.notNull())
      .addColumn('notes', 'text')
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('file_plan_entries_pk', ['plan_year', 'notation'])
      .execute();
    await db.schema
      .createTable('file_plan_amendments')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('plan_year', 'integer', (c) => c.notNull().references('file_plans.year').onDelete('cascade'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('by', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('added', 'text', (c) => c.notNull())
      .addColumn('removed', 'text', (c) => c.notNull())
      .addColumn('changed', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('retention_catalogue')
      .addColumn('retention', 'text', (c) => c.primaryKey())
      .addColumn('position', 'integer', (c) => c.notNull())
      .execute();
    await db
      .insertInto('retention_catalogue')
      .values(SEEDED_RETENTIONS.map((retention, position) => ({ retention, position })))
      .execute();
    await db.schema
      .createTable('record_files')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_year', 'integer', (c) => c.notNull())
      .addColumn('notation', 'text', (c) => c.notNull())
      .addColumn('organ_id', 'text', (c) => c.notNull())
      .addColumn('heading_code', 'text', (c) => c.notNull())
      .addColumn('heading_title', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('retention', 'text', (c) => c.notNull())
      .addColumn('rights', 'text', (c) => c.notNull())
      .addColumn('creator', 'text')
      .addColumn('language', 'text')
      .addColumn('start_date', 'text')
      .addColumn('end_date', 'text')
      .addColumn('doc_total', 'integer', (c) => c.notNull())
      .addColumn('page_total', 'integer')
      .addColumn('description', 'text')
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('person', 'text')
      .addColumn('secrecy', 'text', (c) => c.notNull())
      .addColumn('construction', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('opened_at', 'text', (c) => c.notNull())
      .addColumn('opened_by', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      .addColumn('closed_by', 'text')
      .addColumn('due_date', 'text')
      .addColumn('kept_until', 'text')
      .addColumn('keep_reason', 'text')
      .addColumn('reminded_at', 'text')
      .addColumn('accepted_at', 'text')
      .addColumn('accepted_by', 'text')
      // One record file per line of a year's list.
      .addUniqueConstraint('record_files_line', ['plan_year', 'notation'])
      .execute();
    await db.schema
      .createTable('record_file_documents')
      .addColumn('file_id', 'text', (c) => c.notNull().references('record_files.id').onDelete('cascade'))
      .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('doc_ordinal', 'integer', (c) => c.notNull())
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addColumn('added_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('record_file_documents_pk', ['file_id', 'document_id'])
      .addUniqueConstraint('record_file_documents_ordinal', ['file_id', 'doc_ordinal'])
      .execute();
    // Which files hold a document (its FileCode, the archivist's search).
    await db.schema.createIndex('record_file_documents_document').on('record_file_documents').column('document_id').execute();
  },
};
