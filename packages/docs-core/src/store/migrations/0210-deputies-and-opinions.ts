import { sql } from 'kysely';
import type { Migration } from '../migration.js';

/**
 * Ký thay and ý kiến phối hợp (issue 11 item 5). `signing_deputies`: a leader names a deputy for a period of Vietnam
 * dates (both ends included); the deputy signs the leader's documents as "KT." meanwhile; a period ended early keeps
 * its row (who ended it, when) for the audit trail. `documents.signed_for_user_id`: the leader a deputy signed for.
 * `assignment_opinions`: what a supporting assignee (phối hợp) said on their assignment, with when and who.
 */
export const migration0210DeputiesAndOpinions: Migration = {
  version: 210,
  name: 'deputies-and-opinions',
  async up(db) {
    await db.schema
      .createTable('signing_deputies')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('leader_user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('deputy_user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('from_date', 'text', (c) => c.notNull())
      .addColumn('to_date', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('ended_by', 'text')
      .addColumn('ended_at', 'text')
      .addCheckConstraint('signing_deputies_period', sql`from_date <= to_date`)
      .execute();
    await db.schema.createIndex('signing_deputies_deputy').on('signing_deputies').columns(['deputy_user_id', 'leader_user_id']).execute();
    await db.schema.createIndex('signing_deputies_leader').on('signing_deputies').column('leader_user_id').execute();
    await db.schema.alterTable('documents').addColumn('signed_for_user_id', 'text').execute();
    await db.schema
      .createTable('assignment_opinions')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('assignment_id', 'integer', (c) => c.notNull().references('assignments.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('given_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('assignment_opinions_assignment').on('assignment_opinions').column('assignment_id').execute();
  },
};
