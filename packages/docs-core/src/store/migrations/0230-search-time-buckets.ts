import { refoldPostgresSearch } from '../../search/postgres-search-index.js';
import type { Migration } from '../migration.js';
import { dialectOf } from '../store-dialect.js';

/**
 * PostgreSQL's search entries carry their month and year as bucket words in the tsvector (`_m202403 _y2024`), and
 * their filter values as facet words, so a search reads its matches a stretch of time at a time through the GIN
 * index, filters included, and stops once a page is full (postgres-search-index.ts: at 1M documents a common phrase
 * had every match fetched and sorted, 2.6 s). Entries written
 * before are folded again from their own fields and file texts. SQLite's FTS5 walks its rowids in key order already:
 * nothing changes there.
 */
export const migration0230SearchTimeBuckets: Migration = {
  version: 230,
  name: 'search-time-buckets',
  async up(db) {
    if (dialectOf(db) !== 'postgres') return;
    await refoldPostgresSearch(db);
  },
};
