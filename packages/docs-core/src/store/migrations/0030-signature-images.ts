import type { Migration } from '../migration.js';

/**
 * The leader's signature image (ô 7c) is a blob referenced from the user row; the agency seal (ô 8) is an
 * app_settings key (`agency.seal_image`), which needs no schema change. Both images are content-addressed, so a
 * replaced image never changes a document already signed with the old one.
 */
export const migration0030SignatureImages: Migration = {
  version: 30,
  name: 'signature-images',
  async up(db) {
    await db.schema.alterTable('users').addColumn('signature_image_sha256', 'text').execute();
  },
};
