import { sql } from 'kysely';
import type { Migration } from '../migration.js';

/**
 * What the sync engine (packages/exchange) keeps beside the outbox: every axis message it took in (the inbox, keyed by
 * the axis docId so a message seen again is only acked), the business statuses the recipients sent back (one row per
 * status, so a status sent twice is kept once), and the sync's own settings and last outcome.
 */
export const migration0090ExchangeSync: Migration = {
  version: 90,
  name: 'exchange-sync',
  async up(db) {
    await db.schema.alterTable('outbox').addColumn('axis_doc_id', 'text').execute();
    await db.schema.alterTable('outbox').addColumn('sent_at', 'text').execute();
    await db.schema
      .createTable('exchange_inbox')
      .addColumn('axis_doc_id', 'text', (c) => c.primaryKey())
      .addColumn('message_type', 'text', (c) => c.notNull().check(sql`message_type in ('edoc', 'status')`))
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('stored', 'duplicate', 'applied', 'quarantined')`))
      .addColumn('received_at', 'text', (c) => c.notNull())
      // No foreign key: a recalled document is deleted, its inbox line stays so the message is never taken twice.
      .addColumn('document_id', 'text')
      .addColumn('exchange_document_id', 'text')
      .addColumn('business_type', 'integer')
      .addColumn('content_hash', 'text')
      .addColumn('sender_organ_id', 'text')
      .addColumn('error_code', 'text')
      .addColumn('error', 'text')
      /** The message as it arrived, kept for a quarantined one (relative to the data folder). */
      .addColumn('file', 'text')
      .execute();
    await db.schema.createIndex('exchange_inbox_state').on('exchange_inbox').column('state').execute();
    await db.schema.createIndex('exchange_inbox_key').on('exchange_inbox').columns(['exchange_document_id', 'business_type', 'content_hash']).execute();
    await db.schema
      .createTable('exchange_statuses')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('exchange_document_id', 'text', (c) => c.notNull())
      .addColumn('document_id', 'text')
      .addColumn('organ_id', 'text', (c) => c.notNull())
      .addColumn('organ_name', 'text')
      .addColumn('status_code', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('status_time', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('axis_doc_id', 'text')
      .addUniqueConstraint('exchange_statuses_once', ['exchange_document_id', 'organ_id', 'status_code', 'status_time'])
      .execute();
    await db.schema.createIndex('exchange_statuses_document').on('exchange_statuses').column('document_id').execute();
    await db.schema
      .createTable('exchange_settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },
};
