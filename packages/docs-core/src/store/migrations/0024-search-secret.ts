import { sql } from 'kysely';
import type { Migration } from '../migration.js';

/**
 * Search hides secret documents (Mật, Tối mật, Tuyệt mật) from actors who may not see them. The mark lives on the
 * entry so the check runs inside the candidate query, before its LIMIT: pages stay full and cursors stay exact.
 * Entries indexed before this step take the mark from their document.
 */
export const migration0024SearchSecret: Migration = {
  version: 24,
  name: 'search-secret',
  async up(db) {
    await db.schema.alterTable('search_entries').addColumn('secret', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await sql`update search_entries set secret = 1 where document_id in
      (select id from documents where secrecy is not null and secrecy <> 'none')`.execute(db);
  },
};
