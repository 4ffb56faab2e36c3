import type { Transaction } from 'kysely';
import { vietnamDate } from '../clock/vietnam-time.js';
import { indexDocumentForSearch, removeFromSearch } from '../search/index.js';
import type { Database } from '../store/schema.js';

/**
 * Keeps the search index in step with the documents: called inside the transaction of every document change, so
 * search never shows a half-made change and a rolled-back step leaves the index as it was.
 */
export async function onDocumentChanged(trx: Transaction<Database>, documentId: string): Promise<void> {
  const row = await trx.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirst();
  if (!row) return;
  const files = await trx.selectFrom('document_files').select(['sha256', 'media_type']).where('document_id', '=', documentId).execute();
  await indexDocumentForSearch(trx, {
    id: row.id,
    direction: row.direction,
    date: row.direction === 'incoming' ? (row.arrival_date ?? row.created_at.slice(0, 10)) : (row.issued_date ?? vietnamDate(new Date(row.created_at))),
    type: row.type_code,
    number: row.code_number ? (row.direction === 'incoming' ? row.code_number : row.code_number.padStart(2, '0')) : null,
    symbol: row.code_notation,
    subject: row.subject,
    issuerCode: row.organ_id,
    issuerName: row.organ_name,
    signerName: row.signer_full_name,
    state: row.state,
    urgency: row.urgency,
    secrecy: row.secrecy,
    files: files.map((f) => ({ sha256: f.sha256, mediaType: f.media_type })),
  });
}

export async function onDocumentRemoved(trx: Transaction<Database>, documentId: string): Promise<void> {
  await removeFromSearch(trx, documentId);
}
