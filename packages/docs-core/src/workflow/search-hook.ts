import type { Selectable, Transaction } from 'kysely';
import { indexDocumentForSearch, removeFromSearch } from '../search/index.js';
import { searchDocumentOfRow } from '../search/search-document-of-row.js';
import type { Database, DocumentsTable } from '../store/schema.js';

/**
 * Keeps the search index in step with the documents: called inside the transaction of every document change, so
 * search never shows a half-made change and a rolled-back step leaves the index as it was. `written`: the row as the
 * database holds it after the change's last write to it (what that write's RETURNING gave), so it is not read again;
 * never a row put together in memory, which would miss what a step's own body wrote to the row.
 */
export async function onDocumentChanged(
  trx: Transaction<Database>,
  documentId: string,
  written?: Selectable<DocumentsTable>,
  /** Every file of the document, when this transaction wrote them all (a new one): not read back either. */
  files?: readonly { readonly sha256: string; readonly mediaType: string }[],
): Promise<void> {
  const row = written ?? (await trx.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirst());
  if (!row) return;
  const stored =
    files ??
    (await trx.selectFrom('document_files').select(['sha256', 'media_type']).where('document_id', '=', documentId).execute()).map((f) => ({
      sha256: f.sha256,
      mediaType: f.media_type,
    }));
  await indexDocumentForSearch(trx, searchDocumentOfRow(row, stored));
}

export async function onDocumentRemoved(trx: Transaction<Database>, documentId: string): Promise<void> {
  await removeFromSearch(trx, documentId);
}
