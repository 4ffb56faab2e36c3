import { EOfficeError, type DocumentView } from '@eoffice/contract';
import { requireAgency } from '../agency/agency-settings.js';
import { vietnamDate, vietnamIso, vietnamYear } from '@eoffice/vietnamese';
import { isSecret } from '../model/secrecy.js';
import { allocateNumber } from '../numbering/allocate-number.js';
import { incomingRegisterCode } from '../numbering/number-format.js';
import { loadActorByUsername, type Actor } from '../users/actor.js';
import { maySeeDocument, requireDocumentVisible } from '../users/secret-access.js';
import { latestFile } from './document-files.js';
import { STATUS_CODE, enqueueStatus } from './outbox.js';
import { PAPER_SIGNATURE } from './paper-signature.js';
import { judgeSignatures, type SignatureCheck } from './signature-verdict.js';
import { judgeArrivalVerdict, recordReceivedSignature } from './arrival-verdict.js';
import { prepareCheck, preparedReport, type PreparedCheck } from './prepared-check.js';
import { requireConfirmation, type RegisterOptions } from './arrival-confirmation.js';
import { storedTrustAnchors } from '../trust/trust-anchors.js';
import type { Reader, Trx, WorkflowCore } from './workflow-core.js';
import type { AssignInput, CompleteOptions, ExtendDeadlineInput } from './workflow-inputs.js';

/** Văn bản đến after intake: verified, registered, presented, assigned, handled, filed; or rejected. */
export class IncomingLifecycle {
  readonly #core: WorkflowCore;

  constructor(core: WorkflowCore) {
    this.#core = core;
  }

  /**
   * Kiểm tra (Điều 21): electronic documents through the verifier port, then the arrival check (arrival-check.ts): a
   * document without a sound signature of the sending agency goes to needs_checking, never silently to verified. A
   * paper scan is checked by the clerk's eye. An untrusted chain is recorded (NOT_TRUSTED, flagged) and holds the
   * document only when the agency requires trust. Every arrival (a file, a scan, the axis) passes here before it can
   * be registered.
   */
  async verify(actor: Actor, id: string, note?: string, prepared?: PreparedCheck): Promise<DocumentView> {
    await this.verifyArrival(actor, id, note, prepared);
    return this.#core.show(id);
  }

  /**
   * The verify step without reading the document's view back (the axis receiver needs nothing of it). `prepared`: a
   * check begun on the file before it was stored (prepared-check.ts), used only if it stands for the stored bytes.
   */
  async verifyArrival(actor: Actor, id: string, note?: string, prepared?: PreparedCheck): Promise<void> {
    const doc = await this.#core.precheck(actor, id, 'verify');
    let check: SignatureCheck;
    if (doc.source === 'paper') {
      check = PAPER_SIGNATURE;
    } else {
      const verifier = this.#core.deps.verifier;
      if (!verifier) throw new EOfficeError('E_VERIFIER_UNAVAILABLE', 'Chưa có bộ kiểm tra chữ ký / no signature verifier configured');
      const main = await latestFile(this.#core.db, id, ['main']);
      const anchors = await storedTrustAnchors(this.#core.db);
      const now = this.#core.now();
      const report = (await preparedReport(prepared, main.sha256, anchors, now)) ?? (await verifier.verifyPdf(await this.#core.blobs.get(main.sha256), now, anchors));
      check = judgeSignatures(report);
    }
    await this.#core.apply(actor, id, 'verify', async (trx, current) => {
      await recordReceivedSignature(trx, id, check, vietnamIso(this.#core.now()));
      return judgeArrivalVerdict(trx, current, check, note);
    });
  }

  /** Reads a file about to be stored and starts its signature check (prepared-check.ts); null without a verifier. */
  prepareCheck(file: { readonly path: string } | { readonly bytes: Uint8Array }): Promise<PreparedCheck | null> {
    return prepareCheck(this.#core, file);
  }

  reject(actor: Actor, id: string, reason?: string) {
    return this.#core.step(actor, id, 'reject', async (trx, doc) => {
      if (!reason) throw new EOfficeError('E_INVALID_INPUT', 'Cần nêu lý do từ chối / a reason is required');
      if (doc.source === 'axis') await enqueueStatus(trx, doc, STATUS_CODE.rejected, reason, vietnamIso(this.#core.now()));
      return { patch: { reject_reason: reason }, note: reason, audit: { reason } };
    });
  }

  /**
   * Vào sổ: the số đến is allocated with its register line. A document that needs checking, or a duplicate of one
   * not rejected, is registered only when the clerk confirms it with a reason (audited); otherwise nothing changes.
   */
  register(actor: Actor, id: string, options: RegisterOptions = {}) {
    const { note } = options;
    return this.#core.step(actor, id, 'register', async (trx, doc) => {
      const check = await trx.selectFrom('document_signatures').selectAll().where('document_id', '=', id).where('kind', '=', 'received').orderBy('id', 'desc').executeTakeFirst();
      const report = check ? (JSON.parse(check.result) as { signed?: boolean }) : undefined;
      // A row verified before the arrival check existed (migration 100) still holds an invalid signature back.
      if (doc.state === 'verified' && doc.check_findings === null && check && report?.signed && check.valid !== 1) {
        throw new EOfficeError('E_SIGNATURE_INVALID', 'Chữ ký số không hợp lệ: hãy từ chối văn bản kèm lý do / invalid signature: reject it with a reason');
      }
      const confirmation = await requireConfirmation(trx, doc, options);
      const agency = await requireAgency(trx);
      const now = this.#core.now();
      const year = vietnamYear(now);
      const allocated = await allocateNumber(trx, {
        agencyId: agency.organId,
        year,
        direction: 'incoming',
        kind: isSecret(doc.secrecy) ? 'secret' : 'normal',
        sequenceKey: 'all',
        documentId: id,
        code: (n) => incomingRegisterCode(n, doc.code_number, doc.code_notation),
        at: vietnamIso(now),
        actorId: actor.id,
      });
      if (doc.source === 'axis') await enqueueStatus(trx, doc, STATUS_CODE.accepted, 'Đã tiếp nhận', vietnamIso(now));
      return {
        patch: { arrival_number: allocated.number, year },
        note: confirmation ? `số đến ${allocated.number}; xác nhận: ${confirmation.reason}` : (note ?? `số đến ${allocated.number}`),
        audit: { arrivalNumber: allocated.number, register: allocated.registerId, ...(confirmation ? { confirmed: confirmation } : {}) },
      };
    });
  }

  present(actor: Actor, id: string, note?: string) {
    return this.#core.step(actor, id, 'present', async () => ({ note: note ?? null }));
  }

  /** Phân công: one lead (chủ trì), any support (phối hợp) and inform (để biết); a new assignment replaces the old. */
  async assign(actor: Actor, id: string, input: AssignInput): Promise<DocumentView> {
    const people = new Map<string, Actor>();
    for (const username of [input.lead, ...input.support, ...input.inform]) {
      const user = await loadActorByUsername(this.#core.db, username);
      if (!user) throw new EOfficeError('E_INVALID_INPUT', `Không có người dùng "${username}" / no such user`);
      people.set(username, user);
    }
    return this.#core.step(actor, id, 'assign', async (trx, doc) => {
      const at = vietnamIso(this.#core.now());
      if (input.dueDate < vietnamDate(this.#core.now())) {
        throw new EOfficeError('E_INVALID_INPUT', 'Hạn xử lý đã qua / the deadline is in the past');
      }
      await trx.updateTable('assignments').set({ status: 'cancelled' }).where('document_id', '=', id).where('status', '!=', 'completed').execute();
      const rows: Array<[string, 'lead' | 'support' | 'inform']> = [
        [input.lead, 'lead'],
        ...input.support.map((u): [string, 'support'] => [u, 'support']),
        ...input.inform.map((u): [string, 'inform'] => [u, 'inform']),
      ];
      for (const [username, role] of rows) {
        await trx
          .insertInto('assignments')
          .values({
            document_id: id,
            user_id: people.get(username)!.id,
            role,
            due_date: role === 'inform' ? null : input.dueDate,
            instructions: input.note ?? null,
            status: 'assigned',
            assigned_by: actor.id,
            assigned_at: at,
          })
          .execute();
      }
      if (doc.source === 'axis') await enqueueStatus(trx, doc, STATUS_CODE.assigned, 'Phân công xử lý', at);
      return {
        patch: { due_date: input.dueDate },
        note: input.note ?? null,
        audit: { lead: input.lead, support: input.support, inform: input.inform, dueDate: input.dueDate },
      };
    });
  }

  start(actor: Actor, id: string, note?: string) {
    return this.#core.step(actor, id, 'start', async (trx, doc) => {
      const lead = await this.#requireLead(trx, actor, id);
      await trx.updateTable('assignments').set({ status: 'in_progress' }).where('id', '=', lead).execute();
      if (doc.source === 'axis') await enqueueStatus(trx, doc, STATUS_CODE.processing, 'Đang xử lý', vietnamIso(this.#core.now()));
      return { note: note ?? null };
    });
  }

  complete(actor: Actor, id: string, options: CompleteOptions) {
    return this.#core.step(actor, id, 'complete', async (trx, doc) => {
      const lead = await this.#requireLead(trx, actor, id);
      if (options.replyDocumentId) {
        const reply = await trx.selectFrom('documents').select(['id', 'direction', 'secrecy']).where('id', '=', options.replyDocumentId).executeTakeFirst();
        // One message for missing, unseen and not outgoing: the answer must not say a secret document exists.
        if (reply?.direction !== 'outgoing' || !(await maySeeDocument(trx, actor, reply))) {
          throw new EOfficeError('E_INVALID_INPUT', 'Văn bản trả lời phải là văn bản đi / the reply must be an outgoing document');
        }
      }
      const at = vietnamIso(this.#core.now());
      await trx.updateTable('assignments').set({ status: 'completed', completed_at: at }).where('id', '=', lead).execute();
      await trx.updateTable('assignments').set({ status: 'completed', completed_at: at }).where('document_id', '=', id).where('status', 'in', ['assigned', 'in_progress']).where('role', '=', 'support').execute();
      if (doc.source === 'axis') await enqueueStatus(trx, doc, STATUS_CODE.finished, options.note ?? 'Hoàn thành xử lý', at);
      return {
        patch: { result_note: options.note ?? null, reply_document_id: options.replyDocumentId ?? null },
        note: options.note ?? null,
        audit: { result: options.note ?? null, reply: options.replyDocumentId ?? null },
      };
    });
  }

  file(actor: Actor, id: string, note?: string) {
    return this.#core.step(actor, id, 'file', async () => ({ note: note ?? null }));
  }

  /** Gia hạn: the new deadline with its reason is kept beside the old one. */
  extendDeadline(actor: Actor, id: string, input: ExtendDeadlineInput) {
    return this.#core.step(actor, id, 'extendDeadline', async (trx, doc) => {
      const at = vietnamIso(this.#core.now());
      const open = await trx.selectFrom('assignments').select(['id', 'due_date']).where('document_id', '=', id).where('status', 'in', ['assigned', 'in_progress']).where('role', '!=', 'inform').execute();
      for (const a of open) {
        await trx.insertInto('assignment_extensions').values({ assignment_id: a.id, previous_due_date: a.due_date, new_due_date: input.dueDate, reason: input.reason, granted_by: actor.id, granted_at: at }).execute();
        await trx.updateTable('assignments').set({ due_date: input.dueDate }).where('id', '=', a.id).execute();
      }
      return { patch: { due_date: input.dueDate }, note: input.reason, audit: { from: doc.due_date, to: input.dueDate, reason: input.reason } };
    });
  }

  /**
   * Ý kiến phối hợp: a supporting assignee records their opinion on their assignment (text, time, who), while the
   * document is being handled. Anyone else who may see the document is refused (E_FORBIDDEN) before its state is
   * looked at; one who may not see it gets the missing document's answer (ARCHITECTURE.md, invariant 1).
   */
  async giveOpinion(actor: Actor, id: string, text: string): Promise<DocumentView> {
    await requireDocumentVisible(this.#core.db, actor, id);
    if (!(await this.#supportAssignment(this.#core.db, actor, id, ['assigned', 'in_progress', 'completed']))) throw notSupporting();
    return this.#core.step(actor, id, 'giveOpinion', async (trx) => {
      const assignment = await this.#supportAssignment(trx, actor, id, ['assigned', 'in_progress']);
      if (!assignment) {
        throw new EOfficeError('E_INVALID_STATE', 'Việc phối hợp đã kết thúc / the supporting assignment is finished');
      }
      const at = vietnamIso(this.#core.now());
      await trx.insertInto('assignment_opinions').values({ assignment_id: assignment, user_id: actor.id, text, given_at: at }).execute();
      return { note: `ý kiến phối hợp: ${text}`, audit: { assignment, opinion: text } };
    });
  }

  async #supportAssignment(db: Reader, actor: Actor, id: string, statuses: ReadonlyArray<'assigned' | 'in_progress' | 'completed'>): Promise<number | undefined> {
    const row = await db
      .selectFrom('assignments')
      .select('id')
      .where('document_id', '=', id)
      .where('user_id', '=', actor.id)
      .where('role', '=', 'support')
      .where('status', 'in', [...statuses])
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row === undefined ? undefined : Number(row.id);
  }

  async #requireLead(trx: Trx, actor: Actor, id: string): Promise<number> {
    const lead = await trx.selectFrom('assignments').select(['id', 'user_id']).where('document_id', '=', id).where('role', '=', 'lead').where('status', 'in', ['assigned', 'in_progress']).executeTakeFirst();
    if (!lead || lead.user_id !== actor.id) {
      throw new EOfficeError('E_FORBIDDEN', `Chỉ người chủ trì xử lý mới thực hiện được / only the lead assignee may do this`);
    }
    return lead.id;
  }
}

function notSupporting(): EOfficeError {
  return new EOfficeError('E_FORBIDDEN', 'Chỉ người được giao phối hợp xử lý văn bản này mới cho ý kiến phối hợp / only a supporting assignee of this document may give an opinion');
}
