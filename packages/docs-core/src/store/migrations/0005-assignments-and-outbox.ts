import { sql } from 'kysely';
import type { Migration } from '../migration.js';

/** Phân công xử lý with deadline extensions, and the outbox of events that must leave the agency. */
export const migration0005AssignmentsAndOutbox: Migration = {
  version: 5,
  name: 'assignments-and-outbox',
  async up(db) {
    await db.schema
      .createTable('assignments')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('lead', 'support', 'inform')`))
      .addColumn('due_date', 'text')
      .addColumn('instructions', 'text')
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('assigned', 'in_progress', 'completed', 'cancelled')`),
      )
      .addColumn('assigned_by', 'text', (c) => c.notNull())
      .addColumn('assigned_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .execute();
    await db.schema.createIndex('assignments_document').on('assignments').column('document_id').execute();
    await db.schema.createIndex('assignments_user_status').on('assignments').columns(['user_id', 'status']).execute();
    await db.schema
      .createTable('assignment_extensions')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('assignment_id', 'integer', (c) => c.notNull().references('assignments.id').onDelete('cascade'))
      .addColumn('previous_due_date', 'text')
      .addColumn('new_due_date', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('granted_by', 'text', (c) => c.notNull())
      .addColumn('granted_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('outbox')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('created_at', 'text', (c) => c.notNull())
      // Kept without a foreign key: a status 15 must still leave after the recalled document is deleted.
      .addColumn('document_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('document', 'status')`))
      .addColumn('business_type', 'integer')
      .addColumn('status_code', 'text')
      .addColumn('recipient_organ_id', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) =>
        c.notNull().check(sql`state in ('pending', 'sending', 'sent', 'failed', 'quarantined')`),
      )
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text')
      .addColumn('last_error', 'text')
      .execute();
    await db.schema.createIndex('outbox_state').on('outbox').columns(['state', 'next_attempt_at']).execute();
  },
};
