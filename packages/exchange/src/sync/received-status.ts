import { EOfficeError } from '@eoffice/contract';
import { vietnamIso } from '@eoffice/vietnamese';
import type { StatusMessage } from '../edxml/edxml-message.js';
import type { SyncDeps } from './sync-options.js';

/**
 * A business status from another agency. For a document this agency sent (01…06, 15, 16) it is kept per recipient,
 * shown on the sent document; a 13 (the sender asks for its document back) becomes docs-core's recall request on the
 * document received. A status is kept once: (DocumentId, reporting organ, code, its own timestamp) is unique, so the
 * same status sent twice is a duplicate. Returns the document it concerns, or null for a duplicate.
 */
export async function applyReceivedStatus(deps: SyncDeps, status: StatusMessage, axisDocId: string): Promise<{ documentId: string } | null> {
  const db = deps.store.db;
  const exchangeId = status.responseFor.documentId;
  const direction = status.statusCode === '13' ? 'incoming' : 'outgoing';
  const doc = await db.selectFrom('documents').select('id').where('exchange_document_id', '=', exchangeId).where('direction', '=', direction).executeTakeFirst();
  if (!doc) {
    throw new EOfficeError('E_EXCHANGE_MESSAGE_REJECTED', `Trạng thái ${status.statusCode} cho văn bản không có ở đây: ${exchangeId} / a status for a document this agency does not hold`);
  }
  if (status.statusCode === '13') {
    try {
      await deps.workflow.requestRecallFromAxis(exchangeId, status.description || 'Đề nghị thu hồi');
    } catch (error) {
      // Already pending (this status taken before a crash, or a revoke edoc came first): the same request.
      if (!(error instanceof EOfficeError && error.code === 'E_INVALID_STATE')) throw error;
    }
  }
  const inserted = await db
    .insertInto('exchange_statuses')
    .values({
      exchange_document_id: exchangeId,
      document_id: doc.id,
      organ_id: status.from.organId,
      organ_name: status.from.organName ?? null,
      status_code: status.statusCode,
      description: status.description,
      status_time: status.timestamp,
      received_at: vietnamIso(deps.now()),
      axis_doc_id: axisDocId,
    })
    .onConflict((c) => c.columns(['exchange_document_id', 'organ_id', 'status_code', 'status_time']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0 ? { documentId: doc.id } : null;
}
