import type { Transaction } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { isSecret } from '../model/secrecy.js';
import type { Database, DocumentsTable } from '../store/schema.js';

/** edXML BussinessDocType (QCVN 102:2016, TraceHeaderList/Bussiness). */
export const BUSINESS_TYPE = { new: 0, revoke: 1, update: 2, replace: 3 } as const;

/** edXML status codes (QCVN 102:2016, status message). */
export const STATUS_CODE = {
  arrived: '01',
  rejected: '02',
  accepted: '03',
  assigned: '04',
  processing: '05',
  finished: '06',
  recallRequest: '13',
  recallAccepted: '15',
  recallRefused: '16',
} as const;

type DocumentRow = Pick<DocumentsTable, 'id' | 'secrecy' | 'exchange_document_id' | 'code_number' | 'code_notation' | 'organ_id' | 'issued_date'>;

/** State secrets never go over the axis (Decision 28/2018/QĐ-TTg). */
export function assertExchangeable(document: Pick<DocumentsTable, 'secrecy'>): void {
  if (isSecret(document.secrecy)) {
    throw new EOfficeError(
      'SECRET_NOT_EXCHANGEABLE',
      'Văn bản mật không được gửi qua trục liên thông; hãy gửi bản giấy theo quy định bảo vệ bí mật nhà nước / ' +
        'a secret document can never be queued for the axis',
    );
  }
}

export interface OutboxDocumentEvent {
  readonly recipientOrganId: string;
  readonly businessType: number;
  readonly payload: Record<string, unknown>;
}

/** Queues a document message in the caller's transaction: it leaves only if the state change commits. */
export async function enqueueDocument(
  trx: Transaction<Database>,
  document: DocumentRow,
  event: OutboxDocumentEvent,
  at: string,
): Promise<void> {
  assertExchangeable(document);
  await trx
    .insertInto('outbox')
    .values({
      created_at: at,
      document_id: document.id,
      kind: 'document',
      business_type: event.businessType,
      status_code: null,
      recipient_organ_id: event.recipientOrganId,
      payload: JSON.stringify({ exchangeDocumentId: document.exchange_document_id, ...event.payload }),
      state: 'pending',
      next_attempt_at: at,
    })
    .execute();
}

/** Queues a business status (01…06, 15, 16) for the sender of an axis-received document. */
export async function enqueueStatus(
  trx: Transaction<Database>,
  document: DocumentRow,
  statusCode: string,
  description: string,
  at: string,
): Promise<void> {
  assertExchangeable(document);
  if (!document.organ_id) return;
  await trx
    .insertInto('outbox')
    .values({
      created_at: at,
      document_id: document.id,
      kind: 'status',
      business_type: null,
      status_code: statusCode,
      recipient_organ_id: document.organ_id,
      payload: JSON.stringify({
        responseFor: {
          organId: document.organ_id,
          code: `${document.code_number ?? ''}/${document.code_notation ?? ''}`,
          promulgationDate: document.issued_date,
          documentId: document.exchange_document_id,
        },
        statusCode,
        description,
      }),
      state: 'pending',
      next_attempt_at: at,
    })
    .execute();
}
