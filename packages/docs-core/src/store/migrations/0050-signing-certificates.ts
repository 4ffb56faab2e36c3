import { sql } from 'kysely';
import type { Migration } from '../migration.js';

/**
 * Signing keys bound to people and to the agency (Decree 30 Điều 5, 32–33): a person's signature counts only with a
 * certificate that person registered, a seal only with one the agency registered. A certificate is bound to one
 * owner at most (the fingerprint is unique), so no second leader can sign with the first leader's key. Each signature
 * row records the certificate that made it; the document keeps the profile name beside the certificate's name.
 */
export const migration0050SigningCertificates: Migration = {
  version: 50,
  name: 'signing-certificates',
  async up(db) {
    await db.schema
      .createTable('signing_certificates')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull().check(sql`owner in ('person', 'agency')`))
      .addColumn('user_id', 'text', (c) => c.references('users.id'))
      .addColumn('fingerprint', 'text', (c) => c.notNull().unique().check(sql`length(fingerprint) = 64`))
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('common_name', 'text')
      .addColumn('organization', 'text')
      .addColumn('issuer', 'text', (c) => c.notNull())
      .addColumn('serial', 'text', (c) => c.notNull())
      .addColumn('not_before', 'text', (c) => c.notNull())
      .addColumn('not_after', 'text', (c) => c.notNull())
      .addColumn('key_usage', 'text')
      .addColumn('added_by', 'text', (c) => c.notNull())
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addCheckConstraint('signing_certificates_owner', sql`(owner = 'person') = (user_id is not null)`)
      .execute();
    await db.schema.createIndex('signing_certificates_user').on('signing_certificates').column('user_id').execute();
    await db.schema.alterTable('document_signatures').addColumn('certificate_subject', 'text').execute();
    await db.schema.alterTable('document_signatures').addColumn('certificate_serial', 'text').execute();
    await db.schema.alterTable('documents').addColumn('signer_profile_name', 'text').execute();
  },
};
