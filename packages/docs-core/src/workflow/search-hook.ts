import type { Transaction } from 'kysely';
import { indexDocumentForSearch, removeFromSearch } from '../search/index.js';
import { searchDocumentOfRow } from '../search/search-document-of-row.js';
import type { Database } from '../store/schema.js';

/**
 * Keeps the search index in step with the documents: called inside the transaction of every document change, so
 * search never shows a half-made change and a rolled-back step leaves the index as it was.
 */
export async function onDocumentChanged(trx: Transaction<Database>, documentId: string): Promise<void> {
  const row = await trx.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirst();
  if (!row) return;
  const files = await trx.selectFrom('document_files').select(['sha256', 'media_type']).where('document_id', '=', documentId).execute();
  await indexDocumentForSearch(trx, searchDocumentOfRow(row, files.map((f) => ({ sha256: f.sha256, mediaType: f.media_type }))));
}

export async function onDocumentRemoved(trx: Transaction<Database>, documentId: string): Promise<void> {
  await removeFromSearch(trx, documentId);
}
