import type { Migration } from '../migration.js';

/**
 * Read/unread per user (the UI's "chưa đọc" badge and bold rows). A row means the user opened the document once; a
 * user or a document removed takes its rows with it.
 */
export const migration0060DocumentReads: Migration = {
  version: 60,
  name: 'document-reads',
  async up(db) {
    await db.schema
      .createTable('document_reads')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('read_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('document_reads_pk', ['user_id', 'document_id'])
      .execute();
    // Deleting a document looks its reads up by document.
    await db.schema.createIndex('document_reads_document').on('document_reads').column('document_id').execute();
  },
};
