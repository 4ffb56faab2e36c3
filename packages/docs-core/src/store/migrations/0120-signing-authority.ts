import type { Migration } from '../migration.js';

/**
 * Thẩm quyền ký (Decree 30 Điều 13, Phụ lục I ô 7a): the form a draft is signed under — TM. (on behalf of a
 * collective body), KT. (a deputy for the head), TL., TUQ., Q. — or none, when the head signs in their own right.
 * Checked on the draft's text before approval and sent as SignerInfo's Competence.
 */
export const migration0120SigningAuthority: Migration = {
  version: 120,
  name: 'signing-authority',
  async up(db) {
    await db.schema.alterTable('documents').addColumn('signing_authority', 'text').execute();
  },
};
