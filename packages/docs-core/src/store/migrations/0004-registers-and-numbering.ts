import { sql } from 'kysely';
import type { Migration } from '../migration.js';

/**
 * Sổ đăng ký and their number sequences. A sequence row and a register entry change in the same transaction, and
 * (register, sequence, number) is unique, so no number is ever given twice; void entries stay in the register.
 */
export const migration0004RegistersAndNumbering: Migration = {
  version: 4,
  name: 'registers-and-numbering',
  async up(db) {
    await db.schema
      .createTable('registers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('agency_id', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('incoming', 'outgoing')`))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('normal', 'secret', 'copy')`))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('registers_unique', ['agency_id', 'year', 'direction', 'kind'])
      .execute();
    await db.schema
      .createTable('number_sequences')
      .addColumn('register_id', 'text', (c) => c.notNull().references('registers.id'))
      .addColumn('sequence_key', 'text', (c) => c.notNull())
      .addColumn('last_value', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('number_sequences_pk', ['register_id', 'sequence_key'])
      .execute();
    await db.schema
      .createTable('register_entries')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('register_id', 'text', (c) => c.notNull().references('registers.id'))
      .addColumn('sequence_key', 'text', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull().check(sql`number > 0`))
      // No foreign key: a recalled incoming document is deleted but its register line stays, marked.
      .addColumn('document_id', 'text', (c) => c.notNull())
      .addColumn('code', 'text')
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'void', 'recalled')`))
      .addColumn('note', 'text')
      .addColumn('registered_at', 'text', (c) => c.notNull())
      .addColumn('registered_by', 'text', (c) => c.notNull())
      .addUniqueConstraint('register_entries_unique', ['register_id', 'sequence_key', 'number'])
      .execute();
    await db.schema.createIndex('register_entries_document').on('register_entries').column('document_id').execute();
  },
};
