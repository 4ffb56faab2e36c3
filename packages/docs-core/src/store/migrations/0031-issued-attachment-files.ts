import { sql } from 'kysely';
import type { Migration } from '../migration.js';
import { dialectOf } from '../store-dialect.js';

/**
 * An attachment in a separate file is signed by the agency on issue (Decree 30, Phụ lục I): its signed copy is a file
 * of its own role, `issued-attachment`, beside the attachment as drafted. SQLite cannot alter a CHECK constraint, so
 * the table is rebuilt with the same rows, ids and index; nothing references document_files, so dropping the old
 * table inside the migration's transaction is safe with foreign keys on.
 */
export const migration0031IssuedAttachmentFiles: Migration = {
  version: 31,
  name: 'issued-attachment-files',
  async up(db) {
    if (dialectOf(db) === 'postgres') {
      // PostgreSQL alters a CHECK constraint in place (named by PostgreSQL's rule: table_column_check).
      await sql`alter table document_files drop constraint document_files_role_check,
        add constraint document_files_role_check
        check (role in ('main', 'attachment', 'signed', 'issued', 'issued-attachment', 'scan'))`.execute(db);
      return;
    }
    await db.schema
      .createTable('document_files_v31')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('main', 'attachment', 'signed', 'issued', 'issued-attachment', 'scan')`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull().check(sql`length(sha256) = 64`))
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('added_at', 'text', (c) => c.notNull())
      .execute();
    await sql`insert into document_files_v31 (id, document_id, role, name, sha256, size, media_type, added_at)
              select id, document_id, role, name, sha256, size, media_type, added_at from document_files`.execute(db);
    await db.schema.dropTable('document_files').execute();
    await db.schema.alterTable('document_files_v31').renameTo('document_files').execute();
    await db.schema.createIndex('document_files_document').on('document_files').column('document_id').execute();
  },
};
