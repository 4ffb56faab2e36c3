import { sql } from 'kysely';
import type { Migration } from '../migration.js';

/**
 * The Decree 30 Phụ lục VI input fields on documents, their files, signatures, recipients, draft versions and the
 * per-document processing log.
 */
export const migration0003DocumentFields: Migration = {
  version: 3,
  name: 'document-fields',
  async up(db) {
    const columns: Array<[string, 'text' | 'integer']> = [
      ['year', 'integer'],
      ['source', 'text'],
      ['type_code', 'text'],
      ['type_name', 'text'],
      ['code_number', 'text'],
      ['code_notation', 'text'],
      ['issued_date', 'text'],
      ['organ_id', 'text'],
      ['organ_name', 'text'],
      ['subject', 'text'],
      ['language', 'text'],
      ['page_amount', 'integer'],
      ['description', 'text'],
      ['signer_position', 'text'],
      ['signer_full_name', 'text'],
      ['signer_user_id', 'text'],
      ['urgency', 'text'],
      ['secrecy', 'text'],
      ['issued_amount', 'integer'],
      ['due_date', 'text'],
      ['arrival_date', 'text'],
      ['arrival_number', 'integer'],
      ['to_places', 'text'],
      ['file_organ_id', 'text'],
      ['file_catalog', 'integer'],
      ['file_notation', 'text'],
      ['doc_ordinal', 'integer'],
      ['drafter_id', 'text'],
      ['drafting_unit', 'text'],
      ['exchange_document_id', 'text'],
      ['business_type', 'integer'],
      ['content_hash', 'text'],
      ['related_document_id', 'text'],
      ['duplicate_of', 'text'],
      ['recall_requested', 'integer'],
      ['recall_reason', 'text'],
      ['state_before_recall', 'text'],
      ['result_note', 'text'],
      ['reply_document_id', 'text'],
      ['reject_reason', 'text'],
      ['paper_dispatch', 'integer'],
      ['copy_form', 'text'],
    ];
    for (const [name, type] of columns) {
      await db.schema.alterTable('documents').addColumn(name, type).execute();
    }
    await db.schema.createIndex('documents_year_direction').on('documents').columns(['year', 'direction']).execute();
    await db.schema
      .createIndex('documents_code_triple')
      .on('documents')
      .columns(['code_number', 'code_notation', 'organ_id'])
      .execute();
    await db.schema.createIndex('documents_exchange_id').on('documents').column('exchange_document_id').execute();

    await db.schema
      .createTable('document_files')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('main', 'attachment', 'signed', 'issued', 'scan')`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull().check(sql`length(sha256) = 64`))
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('added_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('document_files_document').on('document_files').column('document_id').execute();

    await db.schema
      .createTable('document_versions')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('document_versions_unique', ['document_id', 'version'])
      .execute();

    await db.schema
      .createTable('document_signatures')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('received', 'person', 'agency')`))
      .addColumn('valid', 'integer', (c) => c.notNull())
      .addColumn('signer_name', 'text')
      .addColumn('signed_at', 'text')
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('checked_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('document_signatures_document').on('document_signatures').column('document_id').execute();

    await db.schema
      .createTable('document_recipients')
      .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('organ_id', 'text', (c) => c.notNull())
      .addColumn('organ_name', 'text')
      .addPrimaryKeyConstraint('document_recipients_pk', ['document_id', 'organ_id'])
      .execute();

    await db.schema
      .createTable('processing_log')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('from_state', 'text')
      .addColumn('to_state', 'text')
      .addColumn('note', 'text')
      .execute();
    await db.schema.createIndex('processing_log_document').on('processing_log').column('document_id').execute();
  },
};
