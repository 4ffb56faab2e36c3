import type { Transaction } from 'kysely';
import type { Database } from '../store/schema.js';

/**
 * Hooks for the search index, called inside the transaction of every document change so the index never lags
 * the data. TODO(D-search): call `indexDocumentForSearch(trx, id)` / its removal counterpart from `src/search/`
 * once that module lands; until then there is nothing to keep in step.
 */
export async function onDocumentChanged(_trx: Transaction<Database>, _documentId: string): Promise<void> {}

export async function onDocumentRemoved(_trx: Transaction<Database>, _documentId: string): Promise<void> {}
