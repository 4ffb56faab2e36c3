import type { Migration } from '../migration.js';

/**
 * Filters became FTS5 facet tokens (a doclist intersection), so the per-column indexes on search_entries that
 * migration 22 made for filter-first plans are never read; they cost every insert and about a tenth of the file.
 */
export const migration0023SearchDropFilterIndexes: Migration = {
  version: 23,
  name: 'search-drop-filter-indexes',
  async up(db) {
    for (const column of ['direction', 'type_code', 'issuer_code', 'state', 'urgency']) {
      await db.schema.dropIndex(`search_entries_${column}`).ifExists().execute();
    }
  },
};
