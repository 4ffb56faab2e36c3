import { randomUUID } from 'node:crypto';
import type { Selectable, Transaction, Updateable } from 'kysely';
import { EOfficeError, type DocumentView } from '@eoffice/contract';
import { requireAgency, abbreviate, type AgencySettings } from '../agency/agency-settings.js';
import { readIssuingPlace } from '../agency/issuing-place.js';
import { readAgencySeal } from '../agency/seal-image.js';
import { appendAudit } from '../audit/audit-log.js';
import { auditSubject } from '../audit/audit-subject.js';
import { loadWorkingCalendar } from '../calendar/calendar-repository.js';
import { vietnamDate, vietnamIso, vietnamYear } from '@eoffice/vietnamese';
import { findDocumentType, type CopyFormCode } from '../model/document-types.js';
import type { DocumentState } from '../model/document-state.js';
import { isSecret } from '../model/secrecy.js';
import { allocateNumber, voidRegisterEntry } from '../numbering/allocate-number.js';
import { formatNumberAndSymbol, formatSymbol } from '../numbering/number-format.js';
import type { VerificationReport } from '../ports/signature-verifier.js';
import type { Database, DocumentFilesTable, DocumentsTable } from '../store/schema.js';
import { loadActorById, loadActorByUsername, requireRole, type Actor } from '../users/actor.js';
import { readSignatureImage } from '../users/signature-image.js';
import type { WorkflowDeps } from './deps.js';
import { buildView, loadDocumentView } from './document-view.js';
import { findDuplicate } from './duplicate-check.js';
import { takeFile, type IncomingFile, type TakenFile } from './file-intake.js';
import { ruleFor, type DocumentAction } from './lifecycle.js';
import { BUSINESS_TYPE, STATUS_CODE, assertExchangeable, enqueueDocument, enqueueStatus } from './outbox.js';
import { PAPER_SIGNATURE, isPaperSignature } from './paper-signature.js';
import { onDocumentChanged, onDocumentRemoved } from './search-hook.js';
import type { AssignInput, AxisReceiveInput, CompleteOptions, DispatchOptions, DraftInput, ExtendDeadlineInput, ListFilter, ReceiveInput } from './workflow-inputs.js';

type DocumentRow = Selectable<DocumentsTable>;
type Trx = Transaction<Database>;

/** What one step changes beside the state: fields, a note for the processing log, a summary for the audit. */
interface StepOutcome {
  readonly patch?: Updateable<DocumentsTable>;
  readonly note?: string | null;
  readonly audit?: Record<string, unknown>;
  /** The document and its data are removed (an accepted recall); the audit keeps the trace. */
  readonly removed?: boolean;
}

const COPYABLE_STATES = new Set<DocumentState>(['issued', 'dispatched', 'archived', 'registered', 'presented', 'assigned', 'in_progress', 'completed', 'filed']);

const SYSTEM_ACTOR: Actor = {
  id: 'system',
  username: 'system',
  fullName: 'Hệ thống',
  position: null,
  unit: null,
  roles: new Set(['clerk']),
};

/**
 * The incoming and outgoing lifecycles. Every step: one transaction that re-reads the document, checks the actor's
 * roles and the state against the rule table, changes the row, and writes the processing log, the audit entry and
 * any outbox event together. Signing and sealing (PIN prompts, seconds) run between transactions, never inside.
 */
export class DocumentWorkflow {
  readonly #deps: WorkflowDeps;

  constructor(deps: WorkflowDeps) {
    this.#deps = deps;
  }

  get #db() {
    return this.#deps.store.db;
  }

  #now(): Date {
    return this.#deps.clock.now();
  }

  async show(id: string): Promise<DocumentView> {
    return loadDocumentView(this.#db, id, this.#now());
  }

  async list(filter: ListFilter): Promise<DocumentView[]> {
    let query = this.#db.selectFrom('documents').selectAll();
    const secrets = filter.secretsVisible ?? [];
    if (secrets !== 'all') {
      query = query.where((eb) =>
        eb.or([eb('secrecy', 'is', null), eb('secrecy', '=', 'none'), ...(secrets.length > 0 ? [eb('id', 'in', [...secrets])] : [])]),
      );
    }
    if (filter.direction) query = query.where('direction', '=', filter.direction);
    if (filter.state) query = query.where('state', '=', filter.state);
    if (filter.year) query = query.where('year', '=', filter.year);
    const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(filter.limit).offset(filter.offset).execute();
    const now = this.#now();
    const calendar = await loadWorkingCalendar(this.#db);
    return Promise.all(rows.map((row) => buildView(this.#db, row, now, calendar)));
  }

  async history(id: string) {
    await this.show(id);
    const rows = await this.#db
      .selectFrom('processing_log')
      .leftJoin('users', 'users.id', 'processing_log.actor_id')
      .select(['processing_log.at', 'users.username', 'processing_log.actor_id', 'processing_log.action', 'processing_log.from_state', 'processing_log.to_state', 'processing_log.note'])
      .where('document_id', '=', id)
      .orderBy('processing_log.id')
      .execute();
    return rows.map((r) => ({ at: r.at, actor: r.username ?? r.actor_id, action: r.action, fromState: r.from_state, toState: r.to_state, note: r.note }));
  }

  // ── creation ────────────────────────────────────────────────────────────────────────────────────────────────

  /** Tiếp nhận: a scanned paper document or an electronic file handed over outside the axis. */
  async receive(actor: Actor, input: ReceiveInput): Promise<DocumentView> {
    requireRole(actor, ['clerk'], 'tiếp nhận văn bản đến');
    await requireAgency(this.#db);
    const type = findDocumentType(input.type);
    const main = await takeFile(this.#deps.store.blobs, input.file, true);
    const attachments = await Promise.all(input.attachments.map((f) => takeFile(this.#deps.store.blobs, f, false)));
    const id = await this.#insertIncoming(actor, input, type, {
      main,
      attachments,
      source: input.source,
      exchangeDocumentId: null,
      businessType: null,
    });
    return this.show(id);
  }

  /** A document delivered by the axis: status 01 (đã đến) is queued for the sender in the same transaction. */
  async receiveFromAxis(input: AxisReceiveInput): Promise<DocumentView> {
    await requireAgency(this.#db);
    const type = findDocumentType(input.type);
    const blobs = this.#deps.store.blobs;
    const mainBlob = await blobs.put(input.pdf);
    const main: TakenFile = { ...mainBlob, name: input.pdfName, mediaType: 'application/pdf' };
    const attachments: TakenFile[] = [];
    for (const a of input.attachments) {
      attachments.push({ ...(await blobs.put(a.bytes)), name: a.name, mediaType: 'application/octet-stream' });
    }
    const id = await this.#insertIncoming(SYSTEM_ACTOR, input, type, {
      main,
      attachments,
      source: 'axis',
      exchangeDocumentId: input.exchangeDocumentId,
      businessType: input.businessType,
    });
    return this.show(id);
  }

  async #insertIncoming(
    actor: Actor,
    input: Omit<ReceiveInput, 'file' | 'attachments' | 'source'>,
    type: ReturnType<typeof findDocumentType>,
    origin: { main: TakenFile; attachments: TakenFile[]; source: string; exchangeDocumentId: string | null; businessType: number | null },
  ): Promise<string> {
    const id = randomUUID();
    const now = this.#now();
    const at = vietnamIso(now);
    await this.#db.transaction().execute(async (trx) => {
      const duplicate = await findDuplicate(trx, {
        exchangeDocumentId: origin.exchangeDocumentId,
        businessType: origin.businessType,
        contentHash: origin.main.sha256,
        number: input.number,
        symbol: input.symbol,
        organId: input.from,
        issuedDate: input.issuedDate,
      });
      const row = {
        id,
        direction: 'incoming' as const,
        state: 'received' as const,
        created_at: at,
        updated_at: at,
        year: vietnamYear(now),
        source: origin.source,
        type_code: type.code,
        type_name: type.name,
        code_number: input.number,
        code_notation: input.symbol,
        issued_date: input.issuedDate,
        organ_id: input.from,
        organ_name: input.fromName ?? null,
        subject: input.subject,
        language: input.language,
        page_amount: input.pageAmount ?? null,
        description: input.description ?? null,
        signer_full_name: input.signerName ?? null,
        signer_position: input.signerPosition ?? null,
        urgency: input.urgency,
        secrecy: input.secrecy,
        due_date: input.dueDate ?? null,
        arrival_date: vietnamDate(now),
        to_places: input.toPlaces ?? null,
        exchange_document_id: origin.exchangeDocumentId,
        business_type: origin.businessType,
        content_hash: origin.main.sha256,
        duplicate_of: duplicate,
      };
      await trx.insertInto('documents').values(row).execute();
      await this.#insertFiles(trx, id, origin.main, origin.source === 'paper' ? 'scan' : 'main', origin.attachments, at);
      if (origin.source === 'axis') await enqueueStatus(trx, row, STATUS_CODE.arrived, 'Đã đến', at);
      await this.#log(trx, actor, id, 'receive', null, 'received', duplicate ? `trùng với ${duplicate}` : null, at);
      await appendAudit(trx, this.#deps.clock, {
        actor: actor.username,
        action: 'document.receive',
        objectType: 'document',
        objectId: id,
        after: { state: 'received', source: origin.source, code: `${input.number}/${input.symbol}`, from: input.from, duplicateOf: duplicate, sha256: origin.main.sha256 },
      });
      await onDocumentChanged(trx, id);
    });
    return id;
  }

  /** Dự thảo văn bản đi (or nội bộ): version 1 of the draft file. */
  async draft(actor: Actor, input: DraftInput): Promise<DocumentView> {
    requireRole(actor, ['specialist', 'leader', 'clerk'], 'soạn dự thảo');
    const agency = await requireAgency(this.#db);
    const type = findDocumentType(input.type);
    let signerId: string | null = null;
    if (input.signer) {
      const signer = await loadActorByUsername(this.#db, input.signer);
      if (!signer?.roles.has('leader')) {
        throw new EOfficeError('E_INVALID_INPUT', `"${input.signer}" không phải lãnh đạo có thẩm quyền ký / the signer must be a leader`);
      }
      signerId = signer.id;
    }
    const main = await takeFile(this.#deps.store.blobs, input.file, true);
    const attachments = await Promise.all(input.attachments.map((f) => takeFile(this.#deps.store.blobs, f, false)));
    const id = randomUUID();
    const at = vietnamIso(this.#now());
    await this.#db.transaction().execute(async (trx) => {
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
          urgency: input.urgency,
          secrecy: input.secrecy,
          issued_amount: input.issuedAmount ?? null,
          due_date: input.dueDate ?? null,
          drafter_id: actor.id,
          drafting_unit: actor.unit ? unitAbbreviation(actor.unit) : null,
          content_hash: main.sha256,
        })
        .execute();
      for (const organId of [...new Set(input.to)]) {
        await trx.insertInto('document_recipients').values({ document_id: id, organ_id: organId, organ_name: null }).execute();
      }
      await this.#insertFiles(trx, id, main, 'main', attachments, at);
      await trx.insertInto('document_versions').values({ document_id: id, version: 1, sha256: main.sha256, author_id: actor.id, note: null, created_at: at }).execute();
      await this.#log(trx, actor, id, 'draft', null, 'draft', null, at);
      await appendAudit(trx, this.#deps.clock, {
        actor: actor.username,
        action: 'document.draft',
        objectType: 'document',
        objectId: id,
        after: { state: 'draft', type: type.code, ...auditSubject(input.secrecy, input.subject), secrecy: input.secrecy, sha256: main.sha256 },
      });
      await onDocumentChanged(trx, id);
    });
    return this.show(id);
  }

  // ── outgoing ────────────────────────────────────────────────────────────────────────────────────────────────

  submit(actor: Actor, id: string, note?: string) {
    return this.#step(actor, id, 'submit', async () => ({ note: note ?? null }));
  }

  /** A new version of the draft file (kept beside the earlier ones); only while the draft is with its authors. */
  async revise(actor: Actor, id: string, file: IncomingFile, note?: string): Promise<DocumentView> {
    await this.#precheck(actor, id, 'revise');
    const main = await takeFile(this.#deps.store.blobs, file, true);
    return this.#step(actor, id, 'revise', async (trx) => {
      const at = vietnamIso(this.#now());
      const last = await trx.selectFrom('document_versions').select((eb) => eb.fn.max('version').as('version')).where('document_id', '=', id).executeTakeFirst();
      const version = Number(last?.version ?? 0) + 1;
      await trx.insertInto('document_versions').values({ document_id: id, version, sha256: main.sha256, author_id: actor.id, note: note ?? null, created_at: at }).execute();
      await this.#insertFiles(trx, id, main, 'main', [], at);
      return { patch: { content_hash: main.sha256 }, note: note ?? `phiên bản ${version}`, audit: { version, sha256: main.sha256 } };
    });
  }

  returnDraft(actor: Actor, id: string, reason?: string) {
    return this.#step(actor, id, 'returnDraft', async () => {
      if (!reason) throw new EOfficeError('E_INVALID_INPUT', 'Cần nêu lý do trả lại / a reason is required');
      return { note: reason, audit: { reason } };
    });
  }

  approve(actor: Actor, id: string, note?: string) {
    return this.#step(actor, id, 'approve', async (_trx, doc) => {
      this.#requireDesignatedSigner(actor, doc);
      return { note: note ?? null };
    });
  }

  /**
   * Ký số (ô 7c): the leader signs through the DocumentSigner port, outside any transaction; the result is then
   * verified and stored with its verification report. The state is re-checked when storing.
   */
  async sign(actor: Actor, id: string, note?: string): Promise<DocumentView> {
    const signer = this.#deps.signer;
    const verifier = this.#deps.verifier;
    if (!signer) throw new EOfficeError('E_SIGNER_UNAVAILABLE', 'Chưa kết nối thiết bị ký số / no signing device is connected');
    if (!verifier) throw new EOfficeError('E_VERIFIER_UNAVAILABLE', 'Chưa có bộ kiểm tra chữ ký / no signature verifier configured');
    const doc = await this.#precheck(actor, id, 'sign');
    this.#requireDesignatedSigner(actor, doc);
    const mainFile = await this.#latestFile(id, ['main']);
    const signed = await signer.signAsPerson({
      pdf: await this.#deps.store.blobs.get(mainFile.sha256),
      signerName: actor.fullName,
      signerPosition: actor.position,
      reason: 'Ký ban hành',
      signingTime: this.#now(),
      signatureImage: await readSignatureImage(this.#db, this.#deps.store.blobs, actor.id),
    });
    const report = await verifier.verifyPdf(signed.pdf);
    if (!report.valid) {
      throw new EOfficeError('E_SIGNATURE_INVALID', 'Chữ ký vừa tạo không hợp lệ / the new signature does not verify', report);
    }
    const blob = await this.#deps.store.blobs.put(signed.pdf);
    return this.#step(actor, id, 'sign', async (trx, current) => {
      this.#requireDesignatedSigner(actor, current);
      const at = vietnamIso(this.#now());
      await this.#recordFile(trx, id, 'signed', { name: mainFile.name, sha256: blob.sha256, size: blob.size, mediaType: 'application/pdf' }, at);
      await this.#insertSignature(trx, id, 'person', report, signed.signerName, at);
      return {
        patch: { signer_full_name: actor.fullName, signer_position: actor.position, signer_user_id: actor.id },
        note: note ?? null,
        audit: { sha256: blob.sha256, valid: report.valid },
      };
    });
  }

  /**
   * Cấp số and ký số cơ quan (DESIGN.md §2.6): (1) the number is bound in a short transaction → `issuing`;
   * (2) the agency seal is applied outside any transaction; (3) `issued` is stored. A failed or cancelled seal
   * leaves the document `issuing` with its number for the retry.
   */
  async issue(actor: Actor, id: string, note?: string): Promise<DocumentView> {
    const signer = this.#deps.signer;
    const verifier = this.#deps.verifier;
    if (!signer) throw new EOfficeError('E_SIGNER_UNAVAILABLE', 'Chưa kết nối thiết bị ký số cơ quan / no agency signing device is connected');
    if (!verifier) throw new EOfficeError('E_VERIFIER_UNAVAILABLE', 'Chưa có bộ kiểm tra chữ ký / no signature verifier configured');
    const agency = await requireAgency(this.#db);
    await this.#precheck(actor, id, 'bindNumber');
    await this.#requireDigitalSignature(id, 'person');
    await this.bindNumber(actor, id, agency);
    const bound = await this.#precheck(actor, id, 'completeIssue');
    const signedFile = await this.#latestFile(id, ['signed']);
    const sealed = await signer.sealAsAgency({
      pdf: await this.#deps.store.blobs.get(signedFile.sha256),
      agencyName: agency.name,
      numberAndSymbol: formatNumberAndSymbol(Number(bound.code_number), bound.code_notation ?? ''),
      issuedDate: bound.issued_date ?? vietnamDate(this.#now()),
      signingTime: this.#now(),
      sealImage: await readAgencySeal(this.#db, this.#deps.store.blobs),
      issuingPlace: await readIssuingPlace(this.#db),
    });
    const report = await verifier.verifyPdf(sealed.pdf);
    if (!report.valid) {
      throw new EOfficeError('E_SIGNATURE_INVALID', 'Chữ ký số cơ quan không hợp lệ / the agency signature does not verify', report);
    }
    const blob = await this.#deps.store.blobs.put(sealed.pdf);
    const attachments = await this.#stampAttachments(id, formatNumberAndSymbol(Number(bound.code_number), bound.code_notation ?? ''));
    return this.#step(actor, id, 'completeIssue', async (trx) => {
      const at = vietnamIso(this.#now());
      await this.#recordFile(trx, id, 'issued', { name: signedFile.name, sha256: blob.sha256, size: blob.size, mediaType: 'application/pdf' }, at);
      for (const file of attachments) {
        await this.#recordFile(trx, id, 'issued-attachment', { ...file, mediaType: 'application/pdf' }, at);
      }
      await this.#insertSignature(trx, id, 'agency', report, sealed.signerName, at);
      return { note: note ?? null, audit: { sha256: blob.sha256, attachments: attachments.map((a) => a.sha256) } };
    });
  }

  /**
   * Văn bản kèm theo in separate files (Phụ lục I): the agency signs each PDF attachment too, with the text stamp
   * (number and symbol, signing time) top-right of its first page. Other formats cannot carry a PDF signature and
   * go out as drafted. Outside any transaction, like the seal; each result is verified before it is kept.
   */
  async #stampAttachments(id: string, numberAndSymbol: string): Promise<Array<{ name: string; sha256: string; size: number }>> {
    const signer = this.#deps.signer;
    const verifier = this.#deps.verifier;
    const files = await this.#db.selectFrom('document_files').select(['name', 'sha256']).where('document_id', '=', id).where('role', '=', 'attachment').where('media_type', '=', 'application/pdf').orderBy('id').execute();
    if (files.length === 0 || !signer?.stampAttachment || !verifier) return [];
    const stamped = [];
    for (const file of files) {
      const signed = await signer.stampAttachment({ pdf: await this.#deps.store.blobs.get(file.sha256), numberAndSymbol, signingTime: this.#now() });
      if (!(await verifier.verifyPdf(signed.pdf)).valid) {
        throw new EOfficeError('E_SIGNATURE_INVALID', `Chữ ký số trên văn bản kèm theo "${file.name}" không hợp lệ / the signature on an attachment does not verify`);
      }
      const blob = await this.#deps.store.blobs.put(signed.pdf);
      stamped.push({ name: file.name, sha256: blob.sha256, size: blob.size });
    }
    return stamped;
  }

  /** Step (1) of issuing, also on its own: binds the next number (or keeps the one already bound). */
  async bindNumber(actor: Actor, id: string, agencyGiven?: AgencySettings): Promise<DocumentView> {
    const agency = agencyGiven ?? (await requireAgency(this.#db));
    return this.#step(actor, id, 'bindNumber', async (trx, doc) => {
      if (doc.state === 'issuing') return { note: 'giữ số đã cấp để ký lại / keeps the bound number' };
      const now = this.#now();
      const year = vietnamYear(now);
      const type = findDocumentType(doc.type_code ?? '');
      const symbol = formatSymbol(type, agency.abbreviation, doc.drafting_unit);
      const secret = isSecret(doc.secrecy);
      const allocated = await allocateNumber(trx, {
        agencyId: agency.organId,
        year,
        direction: 'outgoing',
        kind: secret ? 'secret' : 'normal',
        // Secret documents have their own register and so their own sequence; per-type only when configured.
        sequenceKey: agency.numberingScheme === 'per-type' ? type.code : 'all',
        documentId: id,
        code: (n) => formatNumberAndSymbol(n, symbol),
        at: vietnamIso(now),
        actorId: actor.id,
      });
      const issuedDate = vietnamDate(now);
      const code = formatNumberAndSymbol(allocated.number, symbol);
      return {
        patch: {
          code_number: String(allocated.number),
          code_notation: symbol,
          issued_date: issuedDate,
          year,
          exchange_document_id: `${agency.organId},${issuedDate.replaceAll('-', '/')},${code}`,
        },
        note: code,
        audit: { number: code, register: allocated.registerId },
      };
    });
  }

  /** Hủy phát hành: the bound number is voided in the register (shown, never reused); the document goes back to signed. */
  abandonIssue(actor: Actor, id: string, reason?: string) {
    return this.#step(actor, id, 'abandonIssue', async (trx, doc) => {
      if (!reason) throw new EOfficeError('E_INVALID_INPUT', 'Cần nêu lý do hủy / a reason is required');
      const entry = await trx
        .selectFrom('register_entries')
        .innerJoin('registers', 'registers.id', 'register_entries.register_id')
        .select(['register_entries.id', 'register_entries.code'])
        .where('register_entries.document_id', '=', id)
        .where('registers.direction', '=', 'outgoing')
        .where('register_entries.status', '=', 'active')
        .executeTakeFirst();
      if (entry) await voidRegisterEntry(trx, entry.id, reason);
      return {
        patch: { code_number: null, code_notation: null, issued_date: null, exchange_document_id: null },
        note: reason,
        audit: { voided: entry?.code ?? `${doc.code_number}/${doc.code_notation}`, reason },
      };
    });
  }

  /**
   * Ký tay (a paper document): the leader signed the printed draft by hand; the scan of the signed sheet becomes the
   * signed file. The leader records it, or the clerk who scanned it on behalf of the designated signer. The paper
   * signature is stored as such, never as a valid digital one: statistics count the document as not electronic.
   */
  async signOnPaper(actor: Actor, id: string, scan: IncomingFile, note?: string): Promise<DocumentView> {
    await this.#precheck(actor, id, 'signOnPaper');
    const taken = await takeFile(this.#deps.store.blobs, scan, true);
    return this.#step(actor, id, 'signOnPaper', async (trx, doc) => {
      const signer = await this.#paperSigner(trx, actor, doc);
      const at = vietnamIso(this.#now());
      await this.#recordFile(trx, id, 'signed', taken, at);
      await this.#insertSignature(trx, id, 'person', PAPER_SIGNATURE, signer.fullName, at);
      return {
        patch: { signer_full_name: signer.fullName, signer_position: signer.position, signer_user_id: signer.id },
        note: note ?? 'ký tay trên bản giấy',
        audit: { paper: true, signer: signer.username, sha256: taken.sha256 },
      };
    });
  }

  /**
   * Ban hành bản giấy: the number is bound as for an electronic document (the clerk writes it on the sheet), the red
   * seal is pressed by hand, and the scan of the numbered, sealed sheet — when given — becomes the issued file.
   */
  async issueOnPaper(actor: Actor, id: string, scan?: IncomingFile, note?: string): Promise<DocumentView> {
    const agency = await requireAgency(this.#db);
    await this.#precheck(actor, id, 'bindNumber');
    const taken = scan ? await takeFile(this.#deps.store.blobs, scan, true) : undefined;
    await this.bindNumber(actor, id, agency);
    return this.#step(actor, id, 'completeIssueOnPaper', async (trx) => {
      const at = vietnamIso(this.#now());
      if (taken) {
        await this.#recordFile(trx, id, 'issued', taken, at);
      }
      await this.#insertSignature(trx, id, 'agency', PAPER_SIGNATURE, agency.name, at);
      return { note: note ?? 'đóng dấu bản giấy', audit: { paper: true, ...(taken ? { sha256: taken.sha256 } : {}) } };
    });
  }

  /** Who signed by hand: the leader recording it (the designated one, if any), or the designated signer for a clerk. */
  async #paperSigner(trx: Trx, actor: Actor, doc: DocumentRow): Promise<Actor> {
    if (actor.roles.has('leader')) {
      this.#requireDesignatedSigner(actor, doc);
      return actor;
    }
    const designated = doc.signer_user_id ? await loadActorById(trx, doc.signer_user_id) : undefined;
    if (!designated) {
      throw new EOfficeError('E_INVALID_STATE', 'Dự thảo chưa có lãnh đạo ký: lãnh đạo tự ghi nhận chữ ký tay / no designated signer: the leader records it');
    }
    return designated;
  }

  /** Phát hành: through the axis (one outbox message per recipient, same transaction) or marked sent on paper. */
  dispatch(actor: Actor, id: string, options: DispatchOptions) {
    return this.#step(actor, id, 'dispatch', async (trx, doc) => {
      const at = vietnamIso(this.#now());
      if (options.paper || doc.direction === 'internal') {
        return { patch: { paper_dispatch: 1 }, note: options.note ?? 'gửi bản giấy', audit: { paper: true } };
      }
      assertExchangeable(doc);
      await this.#requireDigitalSignature(id, 'agency', trx);
      const recipients = await trx.selectFrom('document_recipients').select('organ_id').where('document_id', '=', id).execute();
      if (recipients.length === 0) {
        throw new EOfficeError('E_INVALID_INPUT', 'Văn bản chưa có nơi nhận; thêm nơi nhận hoặc gửi bản giấy / no recipients (or dispatch on paper)');
      }
      const issued = await this.#latestFileIn(trx, id, ['issued', 'signed', 'main']);
      const attachments = await this.#outgoingAttachments(trx, id);
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
    return this.#step(actor, id, 'archive', async () => ({ note: note ?? null }));
  }

  /**
   * Thu hồi. Outgoing: the document is frozen as `recalled` and, if it went over the axis, a revoke (business type
   * 1) is queued for every recipient. Incoming: records the sender's recall request (status 13) for the clerk.
   */
  async recall(actor: Actor, id: string, reason?: string): Promise<DocumentView> {
    const direction = await this.#directionOf(id);
    if (direction === 'incoming') return this.requestRecall(actor, id, reason);
    return this.#step(actor, id, 'recall', async (trx, doc) => {
      if (!reason) throw new EOfficeError('E_INVALID_INPUT', 'Cần nêu lý do thu hồi / a reason is required');
      const at = vietnamIso(this.#now());
      const sent = await trx
        .selectFrom('outbox')
        .select('recipient_organ_id')
        .distinct()
        .where('document_id', '=', id)
        .where('kind', '=', 'document')
        .where('business_type', '=', BUSINESS_TYPE.new)
        .execute();
      for (const r of sent) {
        await enqueueDocument(trx, doc, { recipientOrganId: r.recipient_organ_id, businessType: BUSINESS_TYPE.revoke, payload: { documentId: id, reason } }, at);
      }
      return { note: reason, audit: { reason, revokedAt: sent.map((r) => r.recipient_organ_id) } };
    });
  }

  /**
   * Bản sao (SY, TrS, SL): a new document numbered in the copy register, whose one sequence all three copy forms
   * share (Phụ lục I Phần II.II.1.c), holding the source's latest file and pointing back to the source.
   */
  async makeCopy(actor: Actor, sourceId: string, form: CopyFormCode, note?: string): Promise<DocumentView> {
    requireRole(actor, ['clerk'], 'sao văn bản');
    const agency = await requireAgency(this.#db);
    const id = randomUUID();
    await this.#db.transaction().execute(async (trx) => {
      const source = await trx.selectFrom('documents').selectAll().where('id', '=', sourceId).executeTakeFirst();
      if (!source) throw new EOfficeError('E_NOT_FOUND', `Không tìm thấy văn bản ${sourceId} / document not found`);
      if (!COPYABLE_STATES.has(source.state)) {
        throw new EOfficeError('E_INVALID_STATE', `Chỉ sao văn bản đã ban hành hoặc đã vào sổ (đang: ${source.state}) / only issued or registered documents are copied`);
      }
      const file = await this.#latestFileIn(trx, sourceId, ['issued', 'signed', 'main', 'scan']);
      const now = this.#now();
      const at = vietnamIso(now);
      const symbol = `${form}-${agency.abbreviation}`;
      const allocated = await allocateNumber(trx, {
        agencyId: agency.organId,
        year: vietnamYear(now),
        direction: 'outgoing',
        kind: 'copy',
        sequenceKey: 'all',
        documentId: id,
        code: (n) => formatNumberAndSymbol(n, symbol),
        at,
        actorId: actor.id,
      });
      await trx
        .insertInto('documents')
        .values({
          id,
          direction: 'outgoing',
          state: 'issued',
          created_at: at,
          updated_at: at,
          year: vietnamYear(now),
          source: 'copy',
          copy_form: form,
          related_document_id: sourceId,
          type_code: source.type_code,
          type_name: source.type_name,
          code_number: String(allocated.number),
          code_notation: symbol,
          issued_date: vietnamDate(now),
          organ_id: agency.organId,
          organ_name: agency.name,
          subject: source.subject,
          language: source.language,
          urgency: source.urgency,
          secrecy: source.secrecy,
          content_hash: file.sha256,
        })
        .execute();
      await trx.insertInto('document_files').values({ document_id: id, role: 'main', name: file.name, sha256: file.sha256, size: file.size, media_type: file.media_type, added_at: at }).execute();
      await this.#log(trx, actor, id, 'copy', null, 'issued', note ?? `${form} của ${sourceId}`, at);
      await appendAudit(trx, this.#deps.clock, {
        actor: actor.username,
        action: 'document.copy',
        objectType: 'document',
        objectId: id,
        after: { form, source: sourceId, number: formatNumberAndSymbol(allocated.number, symbol) },
      });
      await onDocumentChanged(trx, id);
    });
    return this.show(id);
  }

  /** Cập nhật (business type 2): the recipients of an electronically dispatched document get its updated data. */
  sendUpdate(actor: Actor, id: string, reason?: string) {
    return this.#step(actor, id, 'sendUpdate', async (trx, doc) => {
      if (!reason) throw new EOfficeError('E_INVALID_INPUT', 'Cần nêu nội dung cập nhật / a reason is required');
      const at = vietnamIso(this.#now());
      const recipients = await this.#electronicRecipients(trx, id);
      const file = await this.#latestFileIn(trx, id, ['issued', 'signed', 'main']);
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
    await this.#apply(actor, id, 'replace', async (trx, doc) => {
      if (!reason) throw new EOfficeError('E_INVALID_INPUT', 'Cần nêu lý do thay thế / a reason is required');
      const replacement = await this.#checkedDocument(trx, actor, replacementId, 'dispatch');
      assertExchangeable(replacement);
      const at = vietnamIso(this.#now());
      const own = await trx.selectFrom('document_recipients').select('organ_id').where('document_id', '=', replacementId).execute();
      const recipients = [...new Set([...(await this.#electronicRecipients(trx, id)), ...own.map((r) => r.organ_id)])];
      const file = await this.#latestFileIn(trx, replacementId, ['issued', 'signed', 'main']);
      for (const organId of recipients) {
        await enqueueDocument(trx, replacement, {
          recipientOrganId: organId,
          businessType: BUSINESS_TYPE.replace,
          payload: { documentId: replacementId, sha256: file.sha256, reason, replaces: [{ documentId: doc.exchange_document_id, organIds: recipients }] },
        }, at);
      }
      await trx.updateTable('documents').set({ state: 'dispatched', related_document_id: id, updated_at: at }).where('id', '=', replacementId).execute();
      await this.#log(trx, actor, replacementId, 'dispatch', replacement.state, 'dispatched', `thay thế ${id}`, at);
      await onDocumentChanged(trx, replacementId);
      return { patch: { related_document_id: replacementId }, note: reason, audit: { replacement: replacementId, recipients } };
    });
    return this.show(id);
  }

  async #electronicRecipients(trx: Trx, id: string): Promise<string[]> {
    const sent = await trx.selectFrom('outbox').select('recipient_organ_id').distinct().where('document_id', '=', id).where('kind', '=', 'document').where('business_type', '=', BUSINESS_TYPE.new).execute();
    if (sent.length === 0) {
      throw new EOfficeError('E_INVALID_STATE', 'Văn bản chưa gửi qua trục liên thông / the document was not dispatched electronically');
    }
    return sent.map((r) => r.recipient_organ_id);
  }

  // ── incoming ────────────────────────────────────────────────────────────────────────────────────────────────

  /** Kiểm tra: electronic documents through the verifier port; a paper scan is checked by the clerk's eye. */
  async verify(actor: Actor, id: string, note?: string): Promise<DocumentView> {
    const doc = await this.#precheck(actor, id, 'verify');
    let report: VerificationReport & { paper?: boolean };
    if (doc.source === 'paper') {
      report = { signed: false, valid: false, signatures: [], paper: true };
    } else {
      const verifier = this.#deps.verifier;
      if (!verifier) throw new EOfficeError('E_VERIFIER_UNAVAILABLE', 'Chưa có bộ kiểm tra chữ ký / no signature verifier configured');
      const main = await this.#latestFile(id, ['main']);
      report = await verifier.verifyPdf(await this.#deps.store.blobs.get(main.sha256));
    }
    return this.#step(actor, id, 'verify', async (trx) => {
      const at = vietnamIso(this.#now());
      await this.#insertSignature(trx, id, 'received', report, report.signatures[0]?.signerName ?? null, at);
      const verdict = report.paper ? 'bản giấy' : !report.signed ? 'không có chữ ký số' : report.valid ? 'chữ ký hợp lệ' : 'chữ ký KHÔNG hợp lệ';
      return { note: note ? `${verdict}; ${note}` : verdict, audit: { signed: report.signed, valid: report.valid, paper: report.paper ?? false } };
    });
  }

  reject(actor: Actor, id: string, reason?: string) {
    return this.#step(actor, id, 'reject', async (trx, doc) => {
      if (!reason) throw new EOfficeError('E_INVALID_INPUT', 'Cần nêu lý do từ chối / a reason is required');
      if (doc.source === 'axis') await enqueueStatus(trx, doc, STATUS_CODE.rejected, reason, vietnamIso(this.#now()));
      return { patch: { reject_reason: reason }, note: reason, audit: { reason } };
    });
  }

  /** Vào sổ: the số đến is allocated with its register line; an invalid signature must be rejected instead. */
  register(actor: Actor, id: string, note?: string) {
    return this.#step(actor, id, 'register', async (trx, doc) => {
      const check = await trx.selectFrom('document_signatures').selectAll().where('document_id', '=', id).where('kind', '=', 'received').orderBy('id', 'desc').executeTakeFirst();
      const report = check ? (JSON.parse(check.result) as { signed?: boolean }) : undefined;
      if (check && report?.signed && check.valid !== 1) {
        throw new EOfficeError('E_SIGNATURE_INVALID', 'Chữ ký số không hợp lệ: hãy từ chối văn bản kèm lý do / invalid signature: reject it with a reason');
      }
      const agency = await requireAgency(trx);
      const now = this.#now();
      const year = vietnamYear(now);
      const allocated = await allocateNumber(trx, {
        agencyId: agency.organId,
        year,
        direction: 'incoming',
        kind: isSecret(doc.secrecy) ? 'secret' : 'normal',
        sequenceKey: 'all',
        documentId: id,
        code: (n) => `${n < 10 ? `0${n}` : n} — ${doc.code_number}/${doc.code_notation}`,
        at: vietnamIso(now),
        actorId: actor.id,
      });
      if (doc.source === 'axis') await enqueueStatus(trx, doc, STATUS_CODE.accepted, 'Đã tiếp nhận', vietnamIso(now));
      return { patch: { arrival_number: allocated.number, year }, note: note ?? `số đến ${allocated.number}`, audit: { arrivalNumber: allocated.number, register: allocated.registerId } };
    });
  }

  present(actor: Actor, id: string, note?: string) {
    return this.#step(actor, id, 'present', async () => ({ note: note ?? null }));
  }

  /** Phân công: one lead (chủ trì), any support (phối hợp) and inform (để biết); a new assignment replaces the old. */
  async assign(actor: Actor, id: string, input: AssignInput): Promise<DocumentView> {
    const people = new Map<string, Actor>();
    for (const username of [input.lead, ...input.support, ...input.inform]) {
      const user = await loadActorByUsername(this.#db, username);
      if (!user) throw new EOfficeError('E_INVALID_INPUT', `Không có người dùng "${username}" / no such user`);
      people.set(username, user);
    }
    return this.#step(actor, id, 'assign', async (trx, doc) => {
      const at = vietnamIso(this.#now());
      if (input.dueDate < vietnamDate(this.#now())) {
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
    return this.#step(actor, id, 'start', async (trx, doc) => {
      const lead = await this.#requireLead(trx, actor, id);
      await trx.updateTable('assignments').set({ status: 'in_progress' }).where('id', '=', lead).execute();
      if (doc.source === 'axis') await enqueueStatus(trx, doc, STATUS_CODE.processing, 'Đang xử lý', vietnamIso(this.#now()));
      return { note: note ?? null };
    });
  }

  complete(actor: Actor, id: string, options: CompleteOptions) {
    return this.#step(actor, id, 'complete', async (trx, doc) => {
      const lead = await this.#requireLead(trx, actor, id);
      if (options.replyDocumentId) {
        const reply = await trx.selectFrom('documents').select('direction').where('id', '=', options.replyDocumentId).executeTakeFirst();
        if (reply?.direction !== 'outgoing') {
          throw new EOfficeError('E_INVALID_INPUT', 'Văn bản trả lời phải là văn bản đi / the reply must be an outgoing document');
        }
      }
      const at = vietnamIso(this.#now());
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
    return this.#step(actor, id, 'file', async () => ({ note: note ?? null }));
  }

  /** Gia hạn: the new deadline with its reason is kept beside the old one. */
  extendDeadline(actor: Actor, id: string, input: ExtendDeadlineInput) {
    return this.#step(actor, id, 'extendDeadline', async (trx, doc) => {
      const at = vietnamIso(this.#now());
      const open = await trx.selectFrom('assignments').select(['id', 'due_date']).where('document_id', '=', id).where('status', 'in', ['assigned', 'in_progress']).where('role', '!=', 'inform').execute();
      for (const a of open) {
        await trx.insertInto('assignment_extensions').values({ assignment_id: a.id, previous_due_date: a.due_date, new_due_date: input.dueDate, reason: input.reason, granted_by: actor.id, granted_at: at }).execute();
        await trx.updateTable('assignments').set({ due_date: input.dueDate }).where('id', '=', a.id).execute();
      }
      return { patch: { due_date: input.dueDate }, note: input.reason, audit: { from: doc.due_date, to: input.dueDate, reason: input.reason } };
    });
  }

  /** Status 13 (from the axis, or told by the sender on paper): the clerk then accepts or refuses. */
  requestRecall(actor: Actor, id: string, reason?: string) {
    return this.#step(actor, id, 'requestRecall', async (_trx, doc) => {
      if (doc.recall_requested) throw new EOfficeError('E_INVALID_STATE', 'Đã có yêu cầu thu hồi / a recall is already pending');
      return { patch: { recall_requested: 1, recall_reason: reason ?? null }, note: reason ?? null, audit: { reason: reason ?? null } };
    });
  }

  /** Called by packages/exchange when a status 13 or a revoke message arrives for a document it delivered. */
  async requestRecallFromAxis(exchangeDocumentId: string, reason: string): Promise<DocumentView> {
    const doc = await this.#db.selectFrom('documents').select('id').where('exchange_document_id', '=', exchangeDocumentId).where('direction', '=', 'incoming').executeTakeFirst();
    if (!doc) throw new EOfficeError('E_NOT_FOUND', `Không có văn bản đến ${exchangeDocumentId} / no such received document`);
    return this.requestRecall(SYSTEM_ACTOR, doc.id, reason);
  }

  /** 15: the recalled document and its data are removed; its register line stays, marked; the audit keeps all. */
  async acceptRecall(actor: Actor, id: string, note?: string): Promise<DocumentView> {
    const before = await this.show(id);
    await this.#apply(actor, id, 'acceptRecall', async (trx, doc) => {
      this.#requireRecallPending(doc);
      const at = vietnamIso(this.#now());
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
    return this.#step(actor, id, 'refuseRecall', async (trx, doc) => {
      this.#requireRecallPending(doc);
      if (doc.source === 'axis') await enqueueStatus(trx, doc, STATUS_CODE.recallRefused, reason ?? 'Từ chối thu hồi', vietnamIso(this.#now()));
      return { patch: { recall_requested: 0 }, note: reason ?? null, audit: { reason: reason ?? null } };
    });
  }

  // ── machinery ───────────────────────────────────────────────────────────────────────────────────────────────

  async #step(actor: Actor, id: string, action: DocumentAction, body: (trx: Trx, doc: DocumentRow) => Promise<StepOutcome>): Promise<DocumentView> {
    await this.#apply(actor, id, action, body);
    return this.show(id);
  }

  /** One transition in one transaction: check, change, processing log, search index, audit. */
  async #apply(actor: Actor, id: string, action: DocumentAction, body: (trx: Trx, doc: DocumentRow) => Promise<StepOutcome>): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const doc = await this.#checkedDocument(trx, actor, id, action);
      const outcome = await body(trx, doc);
      const rule = ruleFor(doc.direction, action)!;
      const to = rule.to ?? doc.state;
      const at = vietnamIso(this.#now());
      if (outcome.removed) {
        await trx.deleteFrom('documents').where('id', '=', id).execute();
        await onDocumentRemoved(trx, id);
      } else {
        await trx.updateTable('documents').set({ ...outcome.patch, state: to, updated_at: at }).where('id', '=', id).execute();
        await this.#log(trx, actor, id, action, doc.state, to, outcome.note ?? null, at);
        await onDocumentChanged(trx, id);
      }
      await appendAudit(trx, this.#deps.clock, {
        actor: actor.username,
        action: `document.${action}`,
        objectType: 'document',
        objectId: id,
        before: { state: doc.state },
        after: { state: outcome.removed ? 'removed' : to, ...outcome.audit },
      });
    });
  }

  /** Role and state checks without changing anything: for the work done before a step's transaction. */
  async #precheck(actor: Actor, id: string, action: DocumentAction): Promise<DocumentRow> {
    return this.#checkedDocument(this.#db, actor, id, action);
  }

  async #checkedDocument(db: WorkflowDeps['store']['db'] | Trx, actor: Actor, id: string, action: DocumentAction): Promise<DocumentRow> {
    const doc = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
    if (!doc) throw new EOfficeError('E_NOT_FOUND', `Không tìm thấy văn bản ${id} / document not found`);
    const rule = ruleFor(doc.direction, action);
    if (!rule) {
      throw new EOfficeError('E_INVALID_STATE', `Thao tác "${action}" không áp dụng cho văn bản ${directionLabel(doc.direction)} / not applicable to this direction`);
    }
    requireRole(actor, rule.roles, rule.label);
    if (!rule.from.includes(doc.state)) {
      throw new EOfficeError(
        'E_INVALID_STATE',
        `Không thể ${rule.label} khi văn bản đang ở trạng thái "${doc.state}" (cần: ${rule.from.join(', ')}) / cannot ${action} a document in state ${doc.state}`,
      );
    }
    return doc;
  }

  async #directionOf(id: string): Promise<string> {
    const doc = await this.#db.selectFrom('documents').select('direction').where('id', '=', id).executeTakeFirst();
    if (!doc) throw new EOfficeError('E_NOT_FOUND', `Không tìm thấy văn bản ${id} / document not found`);
    return doc.direction;
  }

  #requireDesignatedSigner(actor: Actor, doc: DocumentRow): void {
    if (doc.signer_user_id && doc.signer_user_id !== actor.id) {
      throw new EOfficeError('E_FORBIDDEN', `Văn bản này do lãnh đạo khác ký / another leader is the designated signer`);
    }
  }

  /**
   * A document signed or sealed on paper stays a paper document: the agency's digital seal on a scan of a hand
   * signature would make it look electronic, and the axis would carry it as such. Its electronic form is a copy
   * (bản sao điện tử, makeCopy SY), with the copy's own number.
   */
  async #requireDigitalSignature(id: string, kind: 'person' | 'agency', db: WorkflowDeps['store']['db'] | Trx = this.#db): Promise<void> {
    const latest = await db.selectFrom('document_signatures').select('result').where('document_id', '=', id).where('kind', '=', kind).orderBy('id', 'desc').executeTakeFirst();
    if (latest && isPaperSignature(latest.result)) {
      throw new EOfficeError(
        'E_PAPER_DOCUMENT',
        kind === 'person'
          ? 'Văn bản ký tay trên bản giấy: cấp số và đóng dấu bản giấy (issue-paper) / signed on paper: issue it on paper'
          : 'Văn bản ban hành bản giấy chỉ gửi bản giấy (--paper) / a document issued on paper is dispatched on paper',
      );
    }
  }

  #requireRecallPending(doc: DocumentRow): void {
    if (!doc.recall_requested) {
      throw new EOfficeError('E_INVALID_STATE', 'Không có yêu cầu thu hồi đang chờ / no recall request is pending');
    }
  }

  async #requireLead(trx: Trx, actor: Actor, id: string): Promise<number> {
    const lead = await trx.selectFrom('assignments').select(['id', 'user_id']).where('document_id', '=', id).where('role', '=', 'lead').where('status', 'in', ['assigned', 'in_progress']).executeTakeFirst();
    if (!lead || lead.user_id !== actor.id) {
      throw new EOfficeError('E_FORBIDDEN', `Chỉ người chủ trì xử lý mới thực hiện được / only the lead assignee may do this`);
    }
    return lead.id;
  }

  async #latestFile(id: string, roles: ReadonlyArray<'main' | 'signed' | 'issued' | 'scan'>) {
    return this.#latestFileIn(this.#db, id, roles);
  }

  async #latestFileIn(db: WorkflowDeps['store']['db'] | Trx, id: string, roles: ReadonlyArray<'main' | 'signed' | 'issued' | 'scan'>) {
    for (const role of roles) {
      const file = await db.selectFrom('document_files').selectAll().where('document_id', '=', id).where('role', '=', role).orderBy('id', 'desc').executeTakeFirst();
      if (file) return file;
    }
    throw new EOfficeError('E_NOT_FOUND', `Văn bản chưa có tệp ${roles.join('/')} / the document has no such file`);
  }

  async #insertFiles(trx: Trx, id: string, main: TakenFile, mainRole: 'main' | 'scan', attachments: readonly TakenFile[], at: string) {
    for (const [file, role] of [[main, mainRole] as const, ...attachments.map((a) => [a, 'attachment'] as const)]) {
      await this.#recordFile(trx, id, role, file, at);
    }
  }

  /**
   * The attachments that leave with the document: each as the agency signed it on issue, else as drafted (a format
   * that cannot carry a PDF signature), in the order they were attached.
   */
  async #outgoingAttachments(trx: Trx, id: string): Promise<Array<{ name: string; sha256: string }>> {
    const files = await trx.selectFrom('document_files').select(['role', 'name', 'sha256']).where('document_id', '=', id).where('role', 'in', ['attachment', 'issued-attachment']).orderBy('id').execute();
    const signed = new Map(files.filter((f) => f.role === 'issued-attachment').map((f) => [f.name, f.sha256]));
    return files.filter((f) => f.role === 'attachment').map((f) => ({ name: f.name, sha256: signed.get(f.name) ?? f.sha256 }));
  }

  /** A file of the document, and its blob's row (what a later integrity check or clean-up of the blob store reads). */
  async #recordFile(trx: Trx, id: string, role: Selectable<DocumentFilesTable>['role'], file: Pick<TakenFile, 'name' | 'sha256' | 'size' | 'mediaType'>, at: string) {
    await trx.insertInto('document_files').values({ document_id: id, role, name: file.name, sha256: file.sha256, size: file.size, media_type: file.mediaType, added_at: at }).execute();
    await trx.insertInto('blobs').values({ sha256: file.sha256, size: file.size, media_type: file.mediaType, created_at: at }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
  }


  async #insertSignature(trx: Trx, id: string, kind: 'received' | 'person' | 'agency', report: VerificationReport & { paper?: boolean }, signerName: string | null, at: string) {
    const warnings = [...new Set(report.signatures.flatMap((s) => s.warnings))];
    await trx
      .insertInto('document_signatures')
      .values({
        document_id: id,
        kind,
        valid: report.valid ? 1 : 0,
        signer_name: signerName,
        signed_at: report.signatures[0]?.signedAt ?? null,
        result: JSON.stringify({ ...report, warnings }),
        checked_at: at,
      })
      .execute();
  }

  async #log(trx: Trx, actor: Actor, id: string, action: string, from: DocumentState | null, to: DocumentState | null, note: string | null, at: string) {
    await trx.insertInto('processing_log').values({ document_id: id, at, actor_id: actor.id, action, from_state: from, to_state: to, note }).execute();
  }
}

function directionLabel(direction: string): string {
  return direction === 'incoming' ? 'đến' : direction === 'outgoing' ? 'đi' : 'nội bộ';
}

/** "VP" stays "VP"; "Văn phòng" becomes "VP": the drafting-unit part of a công văn's ký hiệu. */
function unitAbbreviation(unit: string): string {
  return /^[A-ZĐ][A-Za-zĐđ]*$/.test(unit.trim()) ? unit.trim() : abbreviate(unit);
}
