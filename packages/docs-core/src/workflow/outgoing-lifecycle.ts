import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { EOfficeError, type DocumentView } from '@eoffice/contract';
import { abbreviate, requireAgency } from '../agency/agency-settings.js';
import { auditSubject } from '../audit/audit-subject.js';
import { vietnamIso } from '@eoffice/vietnamese';
import { findDocumentType } from '../model/document-types.js';
import { formatNumberAndSymbol } from '../numbering/number-format.js';
import { loadActorByUsername, requireRole, type Actor } from '../users/actor.js';
import { checkDraftFormat } from '../format-check/draft-format-check.js';
import { requireDesignatedSigner } from './designated-signer.js';
import { insertFiles, latestFile } from './document-files.js';
import { takeFile, type IncomingFile } from './file-intake.js';
import { BUSINESS_TYPE, assertExchangeable, enqueueDocument } from './outbox.js';
import { requireDigitalSignature } from './signature-records.js';
import type { Trx, WorkflowCore } from './workflow-core.js';
import type { Database } from '../store/schema.js';
import type { DispatchOptions, DraftInput } from './workflow-inputs.js';
import { fileCodeColumns, toPlacesText } from './workflow-inputs.js';

/** Văn bản đi and nội bộ around the signing step: the draft and its versions, approval, dispatch, archive. */
export class OutgoingLifecycle {
  readonly #core: WorkflowCore;

  constructor(core: WorkflowCore) {
    this.#core = core;
  }

  /** Dự thảo văn bản đi (or nội bộ): version 1 of the draft file. */
  async draft(actor: Actor, input: DraftInput): Promise<DocumentView> {
    requireRole(actor, ['specialist', 'leader', 'clerk'], 'soạn dự thảo');
    const agency = await requireAgency(this.#core.db);
    const type = findDocumentType(input.type);
    let signerId: string | null = null;
    if (input.signer) {
      const signer = await loadActorByUsername(this.#core.db, input.signer);
      if (!signer?.roles.has('leader')) {
        throw new EOfficeError('E_INVALID_INPUT', `"${input.signer}" không phải lãnh đạo có thẩm quyền ký / the signer must be a leader`);
      }
      signerId = signer.id;
    }
    const recipientNames = await directoryNames(this.#core.db, input.to);
    const main = await takeFile(this.#core.blobs, input.file, true);
    const attachments = await Promise.all(input.attachments.map((f) => takeFile(this.#core.blobs, f, false)));
    const id = randomUUID();
    const at = vietnamIso(this.#core.now());
    await this.#core.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('documents')
        .values({
          id,
          direction: input.direction,
          state: 'draft',
          created_at: at,
          updated_at: at,
          source: 'draft',
          type_code: type.code,
          type_name: type.name,
          organ_id: agency.organId,
          organ_name: agency.name,
          subject: input.subject,
          language: input.language,
          page_amount: input.pageAmount ?? null,
          description: input.description ?? null,
          signer_user_id: signerId,
          signing_authority: input.authority ?? null,
          urgency: input.urgency,
          secrecy: input.secrecy,
          issued_amount: input.issuedAmount ?? null,
          to_places: toPlacesText(input.toPlaces),
          ...fileCodeColumns(input.fileCode),
          due_date: input.dueDate ?? null,
          drafter_id: actor.id,
          drafting_unit: actor.unit ? unitAbbreviation(actor.unit) : null,
          content_hash: main.sha256,
        })
        .execute();
      for (const organId of [...new Set(input.to)]) {
        await trx.insertInto('document_recipients').values({ document_id: id, organ_id: organId, organ_name: recipientNames.get(organId) ?? null }).execute();
      }
      await insertFiles(trx, id, main, 'main', attachments, at);
      await trx.insertInto('document_versions').values({ document_id: id, version: 1, sha256: main.sha256, author_id: actor.id, note: null, created_at: at }).execute();
      await this.#core.recordCreated(trx, actor, id, {
        action: 'draft',
        state: 'draft',
        note: null,
        at,
        audit: { state: 'draft', type: type.code, ...auditSubject(input.secrecy, input.subject), secrecy: input.secrecy, sha256: main.sha256 },
      });
    });
    return this.#core.show(id);
  }

  submit(actor: Actor, id: string, note?: string) {
    return this.#core.step(actor, id, 'submit', async () => ({ note: note ?? null }));
  }

  /** A new version of the draft file (kept beside the earlier ones); only while the draft is with its authors. */
  async revise(actor: Actor, id: string, file: IncomingFile, note?: string): Promise<DocumentView> {
    await this.#core.precheck(actor, id, 'revise');
    const main = await takeFile(this.#core.blobs, file, true);
    return this.#core.step(actor, id, 'revise', async (trx) => {
      const at = vietnamIso(this.#core.now());
      const last = await trx.selectFrom('document_versions').select((eb) => eb.fn.max('version').as('version')).where('document_id', '=', id).executeTakeFirst();
      const version = Number(last?.version ?? 0) + 1;
      await trx.insertInto('document_versions').values({ document_id: id, version, sha256: main.sha256, author_id: actor.id, note: note ?? null, created_at: at }).execute();
      await insertFiles(trx, id, main, 'main', [], at);
      return { patch: { content_hash: main.sha256 }, note: note ?? `phiên bản ${version}`, audit: { version, sha256: main.sha256 } };
    });
  }

  returnDraft(actor: Actor, id: string, reason?: string) {
    return this.#core.step(actor, id, 'returnDraft', async () => {
      if (!reason) throw new EOfficeError('E_INVALID_INPUT', 'Cần nêu lý do trả lại / a reason is required');
      return { note: reason, audit: { reason } };
    });
  }

  /**
   * Duyệt: the draft's text is first checked against Phụ lục I (format-check/). A draft missing an element is refused
   * with each one named (E_FORMAT_NONCONFORMANT), unless the leader approves anyway with a reason, which the audit
   * keeps with the findings; a file with no text to check (a scan) is approved with the audit saying the check could
   * not run.
   */
  async approve(actor: Actor, id: string, note?: string, reason?: string) {
    const before = await this.#core.precheck(actor, id, 'approve');
    requireDesignatedSigner(actor, before);
    const check = await checkDraftFormat(this.#core.db, this.#core.blobs, before);
    if (check.ran && check.findings.length > 0 && !reason) {
      throw new EOfficeError(
        'E_FORMAT_NONCONFORMANT',
        `Dự thảo thiếu thành phần thể thức (Phụ lục I); sửa dự thảo hoặc duyệt kèm --reason / the draft lacks required parts: ` +
          check.findings.map((f) => f.label).join('; '),
        { findings: check.findings.map((f) => f.element) },
      );
    }
    return this.#core.step(actor, id, 'approve', async (_trx, doc) => {
      requireDesignatedSigner(actor, doc);
      if (doc.content_hash !== check.sha256) {
        throw new EOfficeError('E_CONFLICT', 'Dự thảo vừa được sửa trong lúc kiểm tra; hãy duyệt lại / the draft changed while it was checked');
      }
      const formatCheck = check.ran ? { findings: check.findings.map((f) => f.element) } : { ran: false, reason: check.reason };
      const overridden = check.ran && check.findings.length > 0;
      return {
        note: note ?? (overridden ? reason ?? null : null),
        audit: { formatCheck, ...(overridden ? { approvedAnywayReason: reason } : {}) },
      };
    });
  }

  /** Phát hành: through the axis (one outbox message per recipient, same transaction) or marked sent on paper. */
  dispatch(actor: Actor, id: string, options: DispatchOptions) {
    return this.#core.step(actor, id, 'dispatch', async (trx, doc) => {
      const at = vietnamIso(this.#core.now());
      if (options.paper || doc.direction === 'internal') {
        return { patch: { paper_dispatch: 1 }, note: options.note ?? 'gửi bản giấy', audit: { paper: true } };
      }
      assertExchangeable(doc);
      await requireDigitalSignature(trx, id, 'agency');
      const recipients = await trx.selectFrom('document_recipients').select('organ_id').where('document_id', '=', id).execute();
      if (recipients.length === 0) {
        throw new EOfficeError('E_INVALID_INPUT', 'Văn bản chưa có nơi nhận; thêm nơi nhận hoặc gửi bản giấy / no recipients (or dispatch on paper)');
      }
      const issued = await latestFile(trx, id, ['issued', 'signed', 'main']);
      const attachments = await outgoingAttachments(trx, id);
      for (const r of recipients) {
        await enqueueDocument(trx, doc, {
          recipientOrganId: r.organ_id,
          businessType: BUSINESS_TYPE.new,
          payload: { documentId: id, sha256: issued.sha256, attachments, code: formatNumberAndSymbol(Number(doc.code_number), doc.code_notation ?? '') },
        }, at);
      }
      return { patch: { paper_dispatch: 0 }, note: options.note ?? null, audit: { recipients: recipients.map((r) => r.organ_id) } };
    });
  }

  archive(actor: Actor, id: string, note?: string) {
    return this.#core.step(actor, id, 'archive', async () => ({ note: note ?? null }));
  }
}

/**
 * The attachments that leave with the document: each as the agency signed it on issue, else as drafted (a format
 * that cannot carry a PDF signature), in the order they were attached.
 */
async function outgoingAttachments(trx: Trx, id: string): Promise<Array<{ name: string; sha256: string }>> {
  const files = await trx.selectFrom('document_files').select(['role', 'name', 'sha256']).where('document_id', '=', id).where('role', 'in', ['attachment', 'issued-attachment']).orderBy('id').execute();
  const signed = new Map(files.filter((f) => f.role === 'issued-attachment').map((f) => [f.name, f.sha256]));
  return files.filter((f) => f.role === 'attachment').map((f) => ({ name: f.name, sha256: signed.get(f.name) ?? f.sha256 }));
}

/** "VP" stays "VP"; "Văn phòng" becomes "VP": the drafting-unit part of a công văn's ký hiệu. */
function unitAbbreviation(unit: string): string {
  return /^[A-ZĐ][A-Za-zĐđ]*$/.test(unit.trim()) ? unit.trim() : abbreviate(unit);
}

/**
 * The directory's names of the recipients, refusing an organ id it does not list (E_UNKNOWN_RECIPIENT): a typo
 * would send the document nowhere and print a bare code in the register. An agency that has loaded no directory yet
 * has nothing to check against, and its codes are taken as given.
 */
async function directoryNames(db: Kysely<Database>, organIds: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(organIds)];
  if (wanted.length === 0) return new Map();
  const found = await db.selectFrom('directory_endpoints').select(['code', 'name']).where('code', 'in', wanted).execute();
  const names = new Map(found.map((e) => [e.code, e.name]));
  const unknown = wanted.filter((code) => !names.has(code));
  if (unknown.length > 0 && (await db.selectFrom('directory_endpoints').select('code').limit(1).executeTakeFirst())) {
    throw new EOfficeError(
      'E_UNKNOWN_RECIPIENT',
      `Danh bạ không có cơ quan ${unknown.join(', ')} / the directory lists no organ ${unknown.join(', ')}`,
      { unknown },
    );
  }
  return names;
}
