import { randomUUID } from 'node:crypto';
import { EOfficeError, type DocumentView } from '@eoffice/contract';
import { vietnamDate, vietnamIso, vietnamYear } from '@eoffice/vietnamese';
import { requireAgency } from '../agency/agency-settings.js';
import { requireSigningCertificate } from '../certificates/signing-certificate-check.js';
import type { DocumentState } from '../model/document-state.js';
import type { CopyFormCode } from '../model/document-types.js';
import { isSecret } from '../model/secrecy.js';
import { allocateNumber } from '../numbering/allocate-number.js';
import { formatNumberAndSymbol } from '../numbering/number-format.js';
import { lockedForWrite } from '../store/row-locks.js';
import { requireRole, type Actor } from '../users/actor.js';
import { documentNotFound, maySeeDocument } from '../users/secret-access.js';
import { latestFile } from './document-files.js';
import { insertSignature } from './signature-records.js';
import { judgeSignatures } from './signature-verdict.js';
import type { SignedResult } from './signing-step.js';
import type { Reader, WorkflowCore } from './workflow-core.js';

const COPYABLE_STATES = new Set<DocumentState>(['issued', 'dispatched', 'archived', 'registered', 'presented', 'assigned', 'in_progress', 'completed', 'filed']);

/** The copy form as Mẫu 3.2 prints it in the stamp. */
export const COPY_FORM_LABELS: Readonly<Record<CopyFormCode, string>> = { SY: 'SAO Y', TrS: 'TRÍCH SAO', SL: 'SAO LỤC' };

/** The file a copy is made from: the sealed original, else the signed one, else the received file or scan. */
export const COPY_SOURCE_ROLES = ['issued', 'signed', 'main', 'scan'] as const;

/**
 * The document a copy is made of, checked as every copy path needs it: a clerk's step (Điều 32–33: the Văn thư signs
 * the copies the agency makes), a document the caller may see (else it answers as a missing one), issued or registered.
 */
export async function requireCopyable(db: Reader, actor: Actor, sourceId: string) {
  requireRole(actor, ['clerk'], 'sao văn bản');
  // In commitCopy's transaction the source's row is locked (ARCHITECTURE.md, "Lock order": the documents before the
  // copy register's counter): a recall accepted meanwhile removes it first, and the copy is refused, instead of a
  // copy numbered and stored of a document that no longer exists.
  const source = await lockedForWrite(db, db.selectFrom('documents').selectAll().where('id', '=', sourceId)).executeTakeFirst();
  if (!source || !(await maySeeDocument(db, actor, source))) throw documentNotFound(sourceId);
  if (!COPYABLE_STATES.has(source.state)) {
    throw new EOfficeError('E_INVALID_STATE', `Chỉ sao văn bản đã ban hành hoặc đã vào sổ (đang: ${source.state}) / only issued or registered documents are copied`);
  }
  return source;
}

/** Bản sao: numbered copies of an issued or registered document, signed by the agency. */
export class DocumentCopies {
  readonly #core: WorkflowCore;

  constructor(core: WorkflowCore) {
    this.#core = core;
  }

  /**
   * Bản sao điện tử (SY, TrS, SL; Phụ lục I Phần II.I): the source's file with the agency's signature added as an
   * incremental update — the copy form, the agency's name and the signing time top-right of page 1 — made through the
   * signer port outside any transaction, verified, and stored with its number by commitCopy. Without an agency key
   * there is no copy: an unsigned file would be a copy in name only.
   */
  async makeCopy(actor: Actor, sourceId: string, form: CopyFormCode, note?: string): Promise<DocumentView> {
    await requireCopyable(this.#core.db, actor, sourceId);
    const signer = this.#core.deps.signer;
    const verifier = this.#core.deps.verifier;
    if (!signer?.stampCopy) throw new EOfficeError('E_SIGNER_UNAVAILABLE', 'Chưa kết nối thiết bị ký số cơ quan để ký bản sao / no agency signing device to sign the copy');
    if (!verifier) throw new EOfficeError('E_VERIFIER_UNAVAILABLE', 'Chưa có bộ kiểm tra chữ ký / no signature verifier configured');
    // A key the agency never bound is refused before the token is asked (no PIN prompt for nothing).
    if (signer.certificate) await requireSigningCertificate(this.#core.db, { owner: 'agency' }, verifier.readCertificate(signer.certificate), this.#core.now());
    const agency = await requireAgency(this.#core.db);
    const file = await latestFile(this.#core.db, sourceId, COPY_SOURCE_ROLES);
    const signed = await signer.stampCopy({ pdf: await this.#core.blobs.get(file.sha256), formLabel: COPY_FORM_LABELS[form], agencyName: agency.name, signingTime: this.#core.now() });
    const check = judgeSignatures(await verifier.verifyPdf(signed.pdf, this.#core.now()));
    if (!check.valid) throw new EOfficeError('E_SIGNATURE_INVALID', 'Chữ ký số trên bản sao không hợp lệ / the signature on the copy does not verify', check);
    return this.commitCopy(actor, sourceId, form, { pdf: signed.pdf, signerName: signed.signerName, check, source: file }, note);
  }

  /**
   * Stores a signed copy: the certificate that signed must be the agency's; then, in one transaction, the source is
   * checked again (still visible, copyable, its file unchanged), the copy number allocated — in the copy register,
   * whose one yearly sequence the three forms share (Phụ lục I Phần II.II.1.c), or for a copy of a secret document in
   * the secret register only (Điều 16.3) — and the copy, its file and its signature recorded.
   */
  async commitCopy(actor: Actor, sourceId: string, form: CopyFormCode, result: SignedResult, note?: string, audit: Record<string, unknown> = {}): Promise<DocumentView> {
    const certificate = result.check.signatures.at(-1)?.certificate ?? null;
    await requireSigningCertificate(this.#core.db, { owner: 'agency' }, certificate, this.#core.now());
    const agency = await requireAgency(this.#core.db);
    const blob = await this.#core.blobs.put(result.pdf);
    const id = randomUUID();
    await this.#core.db.transaction().execute(async (trx) => {
      const source = await requireCopyable(trx, actor, sourceId);
      const file = await latestFile(trx, sourceId, COPY_SOURCE_ROLES);
      if (file.sha256 !== result.source.sha256) {
        throw new EOfficeError('E_INVALID_STATE', 'Tệp văn bản gốc đã thay đổi sau khi ký bản sao / the source file changed after the copy was signed');
      }
      const now = this.#core.now();
      const at = vietnamIso(now);
      const symbol = `${form}-${agency.abbreviation}`;
      const secret = isSecret(source.secrecy);
      const allocated = await allocateNumber(trx, {
        agencyId: agency.organId,
        year: vietnamYear(now),
        direction: 'outgoing',
        kind: secret ? 'secret' : 'copy',
        // In the secret register the copies keep a sequence of their own, apart from the secret documents' numbers.
        sequenceKey: secret ? 'copy' : 'all',
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
          content_hash: blob.sha256,
        })
        .execute();
      await trx.insertInto('document_files').values({ document_id: id, role: 'main', name: result.source.name, sha256: blob.sha256, size: blob.size, media_type: 'application/pdf', added_at: at }).execute();
      await insertSignature(trx, id, 'agency', result.check, certificate!.commonName ?? result.signerName, at, certificate!);
      await this.#core.recordCreated(trx, actor, id, {
        action: 'copy',
        state: 'issued',
        note: note ?? `${form} của ${sourceId}`,
        at,
        audit: {
          form,
          source: sourceId,
          number: formatNumberAndSymbol(allocated.number, symbol),
          register: secret ? 'secret' : 'copy',
          sha256: blob.sha256,
          certificate: { subject: certificate!.subject, serial: certificate!.serialNumber },
          ...audit,
        },
      });
    });
    return this.#core.show(id);
  }
}
