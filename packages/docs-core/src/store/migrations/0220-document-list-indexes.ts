import type { Migration } from '../migration.js';

/**
 * The first screen at a million documents (issue 12 item 15): `documents.list` sorted every document of a direction
 * (newest first) to keep a page, and `worklist.badges` read every incoming row to count and filter it.
 * - documents_direction_created: a page newest first walks the index and stops at the page's end;
 * - documents_direction_state_secrecy: counting the unread work (state, secrecy, id) reads the index only; it begins
 *   with direction and state, so the older documents_direction_state is dropped, not kept twice;
 * - documents_direction_state_due: the overdue badge reads only documents due before today;
 * - documents_state_signer: "awaiting my signature" finds the approved drafts without a scan;
 * - documents_secrecy: the secret documents a user who is no secret reader drafted (visibleSecretDocuments, on every
 *   list and badge call of theirs) without reading every row.
 */
export const migration0220DocumentListIndexes: Migration = {
  version: 220,
  name: 'document-list-indexes',
  async up(db) {
    await db.schema.createIndex('documents_direction_created').on('documents').columns(['direction', 'created_at desc', 'id']).execute();
    await db.schema.createIndex('documents_direction_state_secrecy').on('documents').columns(['direction', 'state', 'secrecy', 'id']).execute();
    await db.schema.dropIndex('documents_direction_state').ifExists().execute();
    await db.schema.createIndex('documents_direction_state_due').on('documents').columns(['direction', 'state', 'due_date']).execute();
    await db.schema.createIndex('documents_state_signer').on('documents').columns(['state', 'signer_user_id']).execute();
    await db.schema.createIndex('documents_secrecy').on('documents').columns(['secrecy', 'drafter_id', 'id']).execute();
  },
};
