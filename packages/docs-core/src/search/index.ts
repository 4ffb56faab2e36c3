import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { SearchDocument } from './search-index.js';
import { SqliteSearchIndex } from './sqlite-search-index.js';

export * from './search-index.js';
export * from './search-query-parser.js';
export * from './search-document-of-row.js';
export * from './sqlite-search-index.js';
export * from './pdf-text.js';
export * from './text-extraction-job.js';
export { dayNumber, keyRange, KEYS_PER_DAY } from './sort-key.js';

/** The store's search index. SQLite today; the PostgreSQL store will supply its own. */
export const defaultSearchIndex = new SqliteSearchIndex();

/** Call in the transaction that creates or changes a document, so search never shows a half-made change. */
export async function indexDocumentForSearch(db: Kysely<Database>, doc: SearchDocument): Promise<void> {
  await defaultSearchIndex.index(db, [doc]);
}

/** Call in the transaction that deletes a document (e.g. an accepted recall). */
export async function removeFromSearch(db: Kysely<Database>, documentId: string): Promise<boolean> {
  return defaultSearchIndex.remove(db, documentId);
}
