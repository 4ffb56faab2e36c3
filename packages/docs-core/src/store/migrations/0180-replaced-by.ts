import { sql } from 'kysely';
import type { Migration } from '../migration.js';

/**
 * Thay thế (rule 9): the replaced document names its successor in its own column. related_document_id pointed both
 * ways (the old document to its replacement, the replacement back to the old one, a copy to its source), so the chain
 * could not be read from it. Backfilled from the processing log: a document that was replaced has a `replace` (sent)
 * or `replaced` (received) line, and its related_document_id is then its successor.
 */
export const migration0180ReplacedBy: Migration = {
  version: 180,
  name: 'replaced-by',
  async up(db) {
    await db.schema.alterTable('documents').addColumn('replaced_by', 'text').execute();
    await sql`UPDATE documents SET replaced_by = related_document_id
      WHERE related_document_id IS NOT NULL
        AND id IN (SELECT document_id FROM processing_log WHERE action IN ('replace', 'replaced'))`.execute(db);
    await db.schema.createIndex('documents_replaced_by').on('documents').column('replaced_by').execute();
  },
};
