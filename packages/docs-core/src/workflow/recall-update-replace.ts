import { EOfficeError, type DocumentView } from '@eoffice/contract';
import { appendAudit } from '../audit/audit-log.js';
import { auditSubject } from '../audit/audit-subject.js';
import { vietnamIso } from '@eoffice/vietnamese';
import { lockedForWrite } from '../store/row-locks.js';
import type { Actor } from '../users/actor.js';
import { latestFile } from './document-files.js';
import { BUSINESS_TYPE, STATUS_CODE, assertExchangeable, enqueueDocument, enqueueStatus } from './outbox.js';
import { appendProcessingLog } from './processing-log.js';
import { onDocumentChanged } from './search-hook.js';
import { SYSTEM_ACTOR } from './system-actor.js';
import type { DocumentRow, Trx, WorkflowCore } from './workflow-core.js';

/** What follows a document after it left: recall (both directions), update and replacement (edXML business types 1–3). */
export class RecallUpdateReplace {
  readonly #core: WorkflowCore;

  constructor(core: WorkflowCore) {
    this.#core = core;
  }

  /**
   * Thu hồi. Outgoing: the document is frozen as `recalled` and, if it went over the axis, a revoke (business type
   * 1) is queued for every recipient. Incoming: records the sender's recall request (status 13) for the clerk.
   */
  async recall(actor: Actor, id: string, reason?: string): Promise<DocumentView> {
    const direction = await this.#directionOf(id);
    if (direction === 'incoming') return this.requestRecall(actor, id, reason);
    return this.#core.step(actor, id, 'recall', async (trx, doc) => {
      if (!reason) throw new EOfficeError('E_INVALID_INPUT', 'Cần nêu lý do thu hồi / a reason is required');
      const at = vietnamIso(this.#core.now());
      const sent = await sentTo(trx, id);
      for (const organId of sent) {
        await enqueueDocument(trx, doc, { recipientOrganId: organId, businessType: BUSINESS_TYPE.revoke, payload: { documentId: id, reason } }, at);
      }
      return { note: reason, audit: { reason, revokedAt: sent } };
    });
  }

  /** Status 13 (from the axis, or told by the sender on paper): the clerk then accepts or refuses. */
  requestRecall(actor: Actor, id: string, reason?: string) {
    return this.#core.step(actor, id, 'requestRecall', async (_trx, doc) => {
      if (doc.recall_requested) throw new EOfficeError('E_INVALID_STATE', 'Đã có yêu cầu thu hồi / a recall is already pending');
      return { patch: { recall_requested: 1, recall_reason: reason ?? null }, note: reason ?? null, audit: { reason: reason ?? null } };
    });
  }

  /** Called by packages/exchange when a status 13 or a revoke message arrives for a document it delivered. */
  async requestRecallFromAxis(exchangeDocumentId: string, reason: string): Promise<DocumentView> {
    const doc = await this.#core.db.selectFrom('documents').select('id').where('exchange_document_id', '=', exchangeDocumentId).where('direction', '=', 'incoming').executeTakeFirst();
    if (!doc) throw new EOfficeError('E_NOT_FOUND', `Không có văn bản đến ${exchangeDocumentId} / no such received document`);
    return this.requestRecall(SYSTEM_ACTOR, doc.id, reason);
  }

  /**
   * Called by packages/exchange when a replacement (business type 3) arrives: each received document it names is
   * marked as replaced by it (related_document_id, a line in its processing log and an audit entry, which is also how
   * a running app hears of it), in one transaction. Returns the ids marked; a named document this agency never
   * received, or one already marked by this replacement (the message taken in again after a crash), is skipped.
   */
  async markReplacedFromAxis(replacedExchangeIds: readonly string[], replacementId: string): Promise<string[]> {
    if (replacedExchangeIds.length === 0) return [];
    const at = vietnamIso(this.#core.now());
    return this.#core.db.transaction().execute(async (trx) => {
      // Locked in id order, the order of every transaction that changes several documents (ARCHITECTURE.md).
      const old = await lockedForWrite(
        trx,
        trx
          .selectFrom('documents')
          .select(['id', 'state', 'replaced_by'])
          .where('exchange_document_id', 'in', [...replacedExchangeIds])
          .where('direction', '=', 'incoming')
          .where('id', '!=', replacementId)
          .where((eb) => eb.or([eb('replaced_by', 'is', null), eb('replaced_by', '!=', replacementId)]))
          .orderBy('id'),
      ).execute();
      for (const doc of old) {
        await trx.updateTable('documents').set({ related_document_id: replacementId, replaced_by: replacementId, updated_at: at }).where('id', '=', doc.id).execute();
        await appendProcessingLog(trx, SYSTEM_ACTOR, doc.id, 'replaced', doc.state, doc.state, `được thay thế bởi ${replacementId}`, at);
        // The search entry before the audit entry, the advisory-lock order of every step (workflow-core.ts).
        await onDocumentChanged(trx, doc.id);
        await appendAudit(trx, this.#core.deps.clock, {
          actor: SYSTEM_ACTOR.username,
          action: 'document.replacedFromAxis',
          objectType: 'document',
          objectId: doc.id,
          before: { replacedBy: doc.replaced_by },
          after: { replacedBy: replacementId },
        });
      }
      return old.map((d) => d.id);
    });
  }

  /** 15: the recalled document and its data are removed; its register line stays, marked; the audit keeps all. */
  async acceptRecall(actor: Actor, id: string, note?: string): Promise<DocumentView> {
    const before = await this.#core.show(id);
    await this.#core.apply(actor, id, 'acceptRecall', async (trx, doc) => {
      this.#requireRecallPending(doc);
      const at = vietnamIso(this.#core.now());
      if (doc.source === 'axis') await enqueueStatus(trx, doc, STATUS_CODE.recallAccepted, 'Đồng ý thu hồi', at);
      await trx.updateTable('register_entries').set({ status: 'recalled', note: doc.recall_reason ?? 'thu hồi' }).where('document_id', '=', id).where('status', '=', 'active').execute();
      return {
        removed: true,
        note: note ?? null,
        audit: { removed: true, code: `${doc.code_number}/${doc.code_notation}`, from: doc.organ_id, ...auditSubject(doc.secrecy, doc.subject), arrivalNumber: doc.arrival_number, reason: doc.recall_reason },
      };
    });
    return { ...before, flags: before.flags.filter((f) => f !== 'recall-requested') };
  }

  refuseRecall(actor: Actor, id: string, reason?: string) {
    return this.#core.step(actor, id, 'refuseRecall', async (trx, doc) => {
      this.#requireRecallPending(doc);
      if (doc.source === 'axis') await enqueueStatus(trx, doc, STATUS_CODE.recallRefused, reason ?? 'Từ chối thu hồi', vietnamIso(this.#core.now()));
      return { patch: { recall_requested: 0 }, note: reason ?? null, audit: { reason: reason ?? null } };
    });
  }

  #requireRecallPending(doc: DocumentRow): void {
    if (!doc.recall_requested) {
      throw new EOfficeError('E_INVALID_STATE', 'Không có yêu cầu thu hồi đang chờ / no recall request is pending');
    }
  }

  /** Cập nhật (business type 2): the recipients of an electronically dispatched document get its updated data. */
  sendUpdate(actor: Actor, id: string, reason?: string) {
    return this.#core.step(actor, id, 'sendUpdate', async (trx, doc) => {
      if (!reason) throw new EOfficeError('E_INVALID_INPUT', 'Cần nêu nội dung cập nhật / a reason is required');
      const at = vietnamIso(this.#core.now());
      const recipients = await this.#electronicRecipients(trx, id);
      const file = await latestFile(trx, id, ['issued', 'signed', 'main']);
      for (const organId of recipients) {
        await enqueueDocument(trx, doc, { recipientOrganId: organId, businessType: BUSINESS_TYPE.update, payload: { documentId: id, reason, sha256: file.sha256 } }, at);
      }
      return { note: reason, audit: { reason, recipients } };
    });
  }

  /**
   * Thay thế (business type 3): an issued replacement goes out to the old document's recipients (and its own) naming
   * the DocumentId it replaces; the replacement becomes dispatched, the old one points to it.
   */
  async replace(actor: Actor, id: string, replacementId: string, reason?: string): Promise<DocumentView> {
    await this.#core.apply(actor, id, 'replace', async (trx, doc) => {
      if (!reason) throw new EOfficeError('E_INVALID_INPUT', 'Cần nêu lý do thay thế / a reason is required');
      if (replacementId === id) throw new EOfficeError('E_INVALID_INPUT', 'Văn bản không thể thay thế chính nó / a document cannot replace itself');
      if (doc.replaced_by) {
        throw new EOfficeError('E_INVALID_STATE', `Văn bản đã được thay thế bởi ${doc.replaced_by} / the document was already replaced by ${doc.replaced_by}`);
      }
      const replacement = await this.#issuedReplacement(trx, actor, replacementId);
      assertExchangeable(replacement);
      const at = vietnamIso(this.#core.now());
      const own = await trx.selectFrom('document_recipients').select('organ_id').where('document_id', '=', replacementId).execute();
      const recipients = [...new Set([...(await this.#electronicRecipients(trx, id)), ...own.map((r) => r.organ_id)])];
      const file = await latestFile(trx, replacementId, ['issued', 'signed', 'main']);
      for (const organId of recipients) {
        await enqueueDocument(trx, replacement, {
          recipientOrganId: organId,
          businessType: BUSINESS_TYPE.replace,
          payload: { documentId: replacementId, sha256: file.sha256, reason, replaces: [{ documentId: doc.exchange_document_id, organIds: recipients }] },
        }, at);
      }
      // Sent over the axis, as dispatch({ paper: false }) marks it: the statistics count it fully electronic.
      await trx.updateTable('documents').set({ state: 'dispatched', paper_dispatch: 0, related_document_id: id, updated_at: at }).where('id', '=', replacementId).execute();
      await appendProcessingLog(trx, actor, replacementId, 'dispatch', replacement.state, 'dispatched', `thay thế ${id}`, at);
      await onDocumentChanged(trx, replacementId);
      return { patch: { related_document_id: replacementId, replaced_by: replacementId }, note: reason, audit: { replacement: replacementId, recipients } };
    });
    return this.#core.show(id);
  }

  /**
   * The replacement must be a document this agency issued and has not yet sent (state `issued`): a draft, or one
   * signed but not numbered and sealed, is not a document that can stand in for another (rule 9).
   */
  async #issuedReplacement(trx: Trx, actor: Actor, replacementId: string): Promise<DocumentRow> {
    try {
      return await this.#core.checkedDocument(trx, actor, replacementId, 'dispatch');
    } catch (error) {
      if (error instanceof EOfficeError && error.code === 'E_INVALID_STATE') {
        throw new EOfficeError(
          'E_INVALID_STATE',
          `Văn bản thay thế ${replacementId} chưa được ban hành (cần cấp số và ký số cơ quan trước) / the replacement has not been issued`,
        );
      }
      throw error;
    }
  }

  /** Update and replacement follow the document only where it went over the axis. */
  async #electronicRecipients(trx: Trx, id: string): Promise<string[]> {
    const sent = await sentTo(trx, id);
    if (sent.length === 0) {
      throw new EOfficeError('E_INVALID_STATE', 'Văn bản chưa gửi qua trục liên thông / the document was not dispatched electronically');
    }
    return sent;
  }

  async #directionOf(id: string): Promise<DocumentRow['direction']> {
    const doc = await this.#core.db.selectFrom('documents').select('direction').where('id', '=', id).executeTakeFirst();
    if (!doc) throw new EOfficeError('E_NOT_FOUND', `Không tìm thấy văn bản ${id} / document not found`);
    return doc.direction;
  }
}

/** The organs the document was dispatched to over the axis (its business-type-0 messages in the outbox). */
async function sentTo(trx: Trx, id: string): Promise<string[]> {
  const sent = await trx.selectFrom('outbox').select('recipient_organ_id').distinct().where('document_id', '=', id).where('kind', '=', 'document').where('business_type', '=', BUSINESS_TYPE.new).execute();
  return sent.map((r) => r.recipient_organ_id);
}
