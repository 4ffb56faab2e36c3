import { sql } from 'kysely';
import type { Migration } from '../migration.js';

/**
 * Incoming documents checked before they count (Decree 30 Điều 21): what the arrival check found is kept on the
 * document; the agency's trust anchors live in the store (every face and the agency server read the same list); the
 * directory may list the certificates each endpoint seals with, which is how "from the sending agency" is decided
 * first.
 */
export const migration0100ArrivalChecks: Migration = {
  version: 100,
  name: 'arrival-checks',
  async up(db) {
    await db.schema.alterTable('documents').addColumn('check_findings', 'text').execute();
    await db.schema
      .createTable('trust_anchors')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('fingerprint', 'text', (c) => c.notNull().unique().check(sql`length(fingerprint) = 64`))
      .addColumn('der', 'blob', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('common_name', 'text')
      .addColumn('organization', 'text')
      .addColumn('serial', 'text', (c) => c.notNull())
      .addColumn('not_before', 'text', (c) => c.notNull())
      .addColumn('not_after', 'text', (c) => c.notNull())
      .addColumn('added_by', 'text', (c) => c.notNull())
      .addColumn('added_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('directory_endpoint_certificates')
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull().check(sql`length(fingerprint) = 64`))
      .addPrimaryKeyConstraint('directory_endpoint_certificates_pk', ['code', 'fingerprint'])
      .execute();
  },
};
