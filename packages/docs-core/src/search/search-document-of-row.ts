import type { Selectable } from 'kysely';
import { vietnamDate } from '@eoffice/vietnamese';
import type { DocumentsTable } from '../store/schema.js';
import type { SearchDocument } from './search-index.js';

type DocumentRowForSearch = Pick<
  Selectable<DocumentsTable>,
  | 'id' | 'direction' | 'created_at' | 'arrival_date' | 'issued_date' | 'type_code' | 'code_number' | 'code_notation'
  | 'subject' | 'organ_id' | 'organ_name' | 'signer_full_name' | 'state' | 'urgency' | 'secrecy'
>;

/**
 * What a documents row contributes to search (the workflow's search hook and the bulk import): incoming documents
 * sort by arrival date, others by issue date, else by the day they were created; outgoing numbers are shown
 * two-digit.
 */
export function searchDocumentOfRow(
  row: DocumentRowForSearch,
  files: readonly { readonly sha256: string; readonly mediaType: string }[] = [],
): SearchDocument {
  return {
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
    files,
  };
}
