import type { Transaction } from 'kysely';
import type { Database } from '../store/schema.js';

export interface DuplicateProbe {
  readonly exchangeDocumentId: string | null;
  readonly businessType: number | null;
  readonly contentHash: string;
  readonly number: string;
  readonly symbol: string;
  readonly organId: string;
  readonly issuedDate: string;
}

/**
 * Phụ lục VI: warn the clerk on a duplicate. Two tests, either suffices: the same edXML DocumentId with the same
 * business type and content (updates and replacements reuse the DocumentId, so it alone is no key), or the same
 * số + ký hiệu + issuer within one year. Returns the id of the earlier document, or null.
 */
export async function findDuplicate(trx: Transaction<Database>, probe: DuplicateProbe): Promise<string | null> {
  if (probe.exchangeDocumentId) {
    const sameMessage = await trx
      .selectFrom('documents')
      .select('id')
      .where('direction', '=', 'incoming')
      .where('exchange_document_id', '=', probe.exchangeDocumentId)
      .where('business_type', '=', probe.businessType)
      .where('content_hash', '=', probe.contentHash)
      .orderBy('created_at')
      .executeTakeFirst();
    if (sameMessage) return sameMessage.id;
  }
  const year = probe.issuedDate.slice(0, 4);
  // An update (2) or a replacement (3) carries the DocumentId and the code of the document it changes: it is a
  // duplicate only of the same message (above), never by its code.
  if (probe.exchangeDocumentId !== null && (probe.businessType === 2 || probe.businessType === 3)) return null;
  const sameCode = await trx
    .selectFrom('documents')
    .select('id')
    .where('direction', '=', 'incoming')
    .where('code_number', '=', probe.number)
    .where('code_notation', '=', probe.symbol)
    .where('organ_id', '=', probe.organId)
    .where('issued_date', '>=', `${year}-01-01`)
    .where('issued_date', '<=', `${year}-12-31`)
    .orderBy('created_at')
    .executeTakeFirst();
  return sameCode?.id ?? null;
}
