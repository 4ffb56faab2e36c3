import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { dialectOf } from '../store/store-dialect.js';
import { PostgresSearchIndex } from './postgres-search-index.js';
import type { BulkSearchIndex, SearchDocument, SearchIndex } from './search-index.js';
import { SqliteSearchIndex, type PreparedSearchBatch } from './sqlite-search-index.js';

export * from './search-index.js';
export * from './search-query-parser.js';
export * from './search-document-of-row.js';
export * from './sqlite-search-index.js';
export * from './postgres-search-index.js';
export * from './pdf-text.js';
export * from './text-extraction-job.js';
export { dayNumber, keyRange, KEYS_PER_DAY } from './sort-key.js';

const sqliteIndex = new SqliteSearchIndex();
const postgresIndex = new PostgresSearchIndex();

/** FTS5 on SQLite, tsvector on PostgreSQL: read off the connection (or transaction) the call runs on. */
export function searchIndexFor(db: Kysely<Database>): BulkSearchIndex<PreparedSearchBatch> {
  return dialectOf(db) === 'postgres' ? postgresIndex : sqliteIndex;
}

/** The store's search index, whichever database the store is on. */
export const defaultSearchIndex: SearchIndex = {
  index: (db, docs) => searchIndexFor(db).index(db, docs),
  remove: (db, documentId) => searchIndexFor(db).remove(db, documentId),
  search: (db, query) => searchIndexFor(db).search(db, query),
  optimize: (db) => searchIndexFor(db).optimize(db),
  pendingFiles: (db, limit) => searchIndexFor(db).pendingFiles(db, limit),
  storeFileText: (db, sha256, result, now) => searchIndexFor(db).storeFileText(db, sha256, result, now),
};

/** Call in the transaction that creates or changes a document, so search never shows a half-made change. */
export async function indexDocumentForSearch(db: Kysely<Database>, doc: SearchDocument): Promise<void> {
  await defaultSearchIndex.index(db, [doc]);
}

/** Call in the transaction that deletes a document (e.g. an accepted recall). */
export async function removeFromSearch(db: Kysely<Database>, documentId: string): Promise<boolean> {
  return defaultSearchIndex.remove(db, documentId);
}
