import { sql } from 'kysely';
import type { Migration } from '../migration.js';

/** Settings, the document core and the blob index. */
export const migration0001Initial: Migration = {
  version: 1,
  name: 'initial',
  async up(db) {
    await db.schema
      .createTable('app_settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('documents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('incoming', 'outgoing', 'internal')`))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('documents_direction_state').on('documents').columns(['direction', 'state']).execute();
    await db.schema
      .createTable('blobs')
      .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('sha256', 'text', (c) => c.notNull().unique().check(sql`length(sha256) = 64`))
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
