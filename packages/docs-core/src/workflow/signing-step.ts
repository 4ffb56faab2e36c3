import { EOfficeError, type DocumentView } from '@eoffice/contract';
import { requireAgency, type AgencySettings } from '../agency/agency-settings.js';
import { readIssuingPlace } from '../agency/issuing-place.js';
import { readAgencySeal } from '../agency/seal-image.js';
import { readSigningPolicy, timestampRequest } from '../agency/signing-policy.js';
import { requireSigningCertificate, type SigningPurpose } from '../certificates/signing-certificate-check.js';
import type { CertificateFacts } from '../ports/signature-verifier.js';
import type { SignedPdf } from '../ports/document-signer.js';
import { vietnamDate, vietnamIso, vietnamYear } from '@eoffice/vietnamese';
import { findDocumentType } from '../model/document-types.js';
import { isSecret } from '../model/secrecy.js';
import { allocateNumber, voidRegisterEntry } from '../numbering/allocate-number.js';
import { formatNumberAndSymbol, formatSymbol } from '../numbering/number-format.js';
import type { Actor } from '../users/actor.js';
import { readSignatureImage } from '../users/signature-image.js';
import { paperSigner } from './designated-signer.js';
import { deputyAuthorityLine, signingCapacity } from './signing-capacity.js';
import { latestFile, recordFile } from './document-files.js';
import { takeFile, type IncomingFile } from './file-intake.js';
import { PAPER_SIGNATURE } from './paper-signature.js';
import { insertSignature, requireDigitalSignature } from './signature-records.js';
import { judgeSignatures, withTimestampWarning, type SignatureCheck } from './signature-verdict.js';
import type { Trx, WorkflowCore } from './workflow-core.js';

/** A signature made and verified, ready to be stored; `source` is the file it was made on. */
export interface SignedResult {
  readonly pdf: Uint8Array;
  readonly signerName: string;
  readonly check: ReturnType<typeof judgeSignatures>;
  readonly source: { readonly name: string; readonly sha256: string };
}

/** The file a signature was made on must still be the document's latest of its role: else someone revised it meanwhile. */
async function requireSameSource(trx: Trx, id: string, roles: ReadonlyArray<'main' | 'signed'>, sha256: string): Promise<void> {
  const latest = await latestFile(trx, id, roles);
  if (latest.sha256 !== sha256) {
    throw new EOfficeError('E_INVALID_STATE', 'Tệp văn bản đã thay đổi sau khi chuẩn bị ký / the document file changed after the signature was prepared');
  }
}

/** The signing step of an outgoing document: the leader's signature, the number, the agency seal; digital or on paper. */
export class SigningStep {
  readonly #core: WorkflowCore;

  constructor(core: WorkflowCore) {
    this.#core = core;
  }

  /**
   * Ký số (ô 7c): the leader signs through the DocumentSigner port, outside any transaction; the result is then
   * verified, once, through the verifier port and stored with the whole check. It must be sound (intact, valid);
   * trust is recorded, not required (judgeSignatures). The state is re-checked when storing.
   */
  async sign(actor: Actor, id: string, note?: string): Promise<DocumentView> {
    const signer = this.#core.deps.signer;
    const verifier = this.#core.deps.verifier;
    if (!signer) throw new EOfficeError('E_SIGNER_UNAVAILABLE', 'Chưa kết nối thiết bị ký số / no signing device is connected');
    if (!verifier) throw new EOfficeError('E_VERIFIER_UNAVAILABLE', 'Chưa có bộ kiểm tra chữ ký / no signature verifier configured');
    const doc = await this.#core.precheck(actor, id, 'sign');
    const capacity = await signingCapacity(this.#core.db, actor, doc, this.#core.now());
    const named = await this.#certificateBeforeSigning({ owner: 'person', actor });
    const mainFile = await latestFile(this.#core.db, id, ['main']);
    const signed = await signer.signAsPerson({
      pdf: await this.#core.blobs.get(mainFile.sha256),
      // The printed name is the certificate's (Điều 5): the profile's only when the signer names no certificate.
      signerName: named?.commonName ?? actor.fullName,
      signerPosition: actor.position,
      signerAuthority: capacity.kind === 'deputy' ? deputyAuthorityLine(capacity.leader) : null,
      reason: 'Ký ban hành',
      signingTime: this.#core.now(),
      signatureImage: await readSignatureImage(this.#core.db, this.#core.blobs, actor.id),
      timestamp: timestampRequest(await readSigningPolicy(this.#core.db)),
    });
    const check = withTimestampWarning(judgeSignatures(await verifier.verifyPdf(signed.pdf, this.#core.now())), signed.warning);
    if (!check.valid) {
      throw new EOfficeError('E_SIGNATURE_INVALID', 'Chữ ký vừa tạo không hợp lệ / the new signature does not verify', check);
    }
    return this.commitPersonSignature(actor, id, { pdf: signed.pdf, signerName: signed.signerName, check, source: mainFile }, note, levelAudit(signed));
  }

  /**
   * Stores the leader's verified signature: one transaction that re-checks the state, the designated signer and that
   * the file signed is still the document's latest main file, then records the signed file and the signature.
   */
  async commitPersonSignature(actor: Actor, id: string, result: SignedResult, note?: string, audit: Record<string, unknown> = {}): Promise<DocumentView> {
    // Every path that signs (one step, or prepare / sign the digest / embed) passes here: the key that signed counts.
    const certificate = await this.#certificateThatSigned({ owner: 'person', actor }, result.check.signatures);
    const certificateName = certificate.commonName ?? actor.fullName;
    const blob = await this.#core.blobs.put(result.pdf);
    return this.#core.step(actor, id, 'sign', async (trx, current) => {
      // Ký thay is judged again here, on today's date: a period that ended while the key signed no longer counts.
      const capacity = await signingCapacity(trx, actor, current, this.#core.now());
      await requireSameSource(trx, id, ['main'], result.source.sha256);
      const at = vietnamIso(this.#core.now());
      await recordFile(trx, id, 'signed', { name: result.source.name, sha256: blob.sha256, size: blob.size, mediaType: 'application/pdf' }, at);
      await insertSignature(trx, id, 'person', result.check, certificateName, at, certificate);
      return {
        patch: {
          signer_full_name: certificateName,
          signer_profile_name: sameName(certificateName, actor.fullName) ? null : actor.fullName,
          signer_position: actor.position,
          signer_user_id: actor.id,
          // The deputy signs "KT." (Điều 13): the register, SignerInfo and the view read it from here.
          ...(capacity.kind === 'deputy' ? { signing_authority: 'KT', signed_for_user_id: capacity.leader.id } : { signed_for_user_id: null }),
        },
        note: capacity.kind === 'deputy' ? [`KT. ký thay ${capacity.leader.fullName}`, note].filter(Boolean).join('; ') : (note ?? null),
        audit: {
          sha256: blob.sha256,
          valid: result.check.valid,
          trusted: result.check.trusted,
          certificate: { subject: certificate.subject, serial: certificate.serialNumber },
          ...(capacity.kind === 'deputy'
            ? { deputyFor: { leader: capacity.leader.username, period: capacity.periodId, authorityBefore: current.signing_authority } }
            : {}),
          ...audit,
        },
      };
    });
  }

  /**
   * Cấp số and ký số cơ quan (ARCHITECTURE.md, invariant 4): (1) the number is bound in a short transaction → `issuing`;
   * (2) the agency seal is applied outside any transaction; (3) `issued` is stored. A failed or cancelled seal
   * leaves the document `issuing` with its number for the retry.
   */
  async issue(actor: Actor, id: string, note?: string): Promise<DocumentView> {
    const signer = this.#core.deps.signer;
    const verifier = this.#core.deps.verifier;
    if (!signer) throw new EOfficeError('E_SIGNER_UNAVAILABLE', 'Chưa kết nối thiết bị ký số cơ quan / no agency signing device is connected');
    if (!verifier) throw new EOfficeError('E_VERIFIER_UNAVAILABLE', 'Chưa có bộ kiểm tra chữ ký / no signature verifier configured');
    const agency = await requireAgency(this.#core.db);
    await this.#core.precheck(actor, id, 'bindNumber');
    await requireDigitalSignature(this.#core.db, id, 'person');
    // Before the number is bound: a key that is not the agency's must not leave a document `issuing`.
    await this.#certificateBeforeSigning({ owner: 'agency' });
    await this.bindNumber(actor, id, agency);
    const bound = await this.#core.precheck(actor, id, 'completeIssue');
    const signedFile = await latestFile(this.#core.db, id, ['signed']);
    const timestamp = timestampRequest(await readSigningPolicy(this.#core.db));
    const sealed = await signer.sealAsAgency({
      pdf: await this.#core.blobs.get(signedFile.sha256),
      agencyName: agency.name,
      numberAndSymbol: formatNumberAndSymbol(Number(bound.code_number), bound.code_notation ?? ''),
      issuedDate: bound.issued_date ?? vietnamDate(this.#core.now()),
      signingTime: this.#core.now(),
      sealImage: await readAgencySeal(this.#core.db, this.#core.blobs),
      issuingPlace: await readIssuingPlace(this.#core.db),
      timestamp,
    });
    const check = withTimestampWarning(judgeSignatures(await verifier.verifyPdf(sealed.pdf, this.#core.now())), sealed.warning);
    if (!check.valid) {
      throw new EOfficeError('E_SIGNATURE_INVALID', 'Chữ ký số cơ quan không hợp lệ / the agency signature does not verify', check);
    }
    const attachments = await this.#stampAttachments(id, formatNumberAndSymbol(Number(bound.code_number), bound.code_notation ?? ''), timestamp);
    return this.commitSeal(actor, id, { pdf: sealed.pdf, signerName: sealed.signerName, check, source: signedFile }, attachments, note, levelAudit(sealed));
  }

  /** Stores the agency's verified seal (and the stamped attachments, already kept as blobs): `issued`, in one transaction. */
  async commitSeal(
    actor: Actor,
    id: string,
    result: SignedResult,
    attachments: ReadonlyArray<{ name: string; sha256: string; size: number }>,
    note?: string,
    audit: Record<string, unknown> = {},
  ): Promise<DocumentView> {
    const certificate = await this.#certificateThatSigned({ owner: 'agency' }, result.check.signatures);
    const blob = await this.#core.blobs.put(result.pdf);
    return this.#core.step(actor, id, 'completeIssue', async (trx) => {
      await requireSameSource(trx, id, ['signed'], result.source.sha256);
      const at = vietnamIso(this.#core.now());
      await recordFile(trx, id, 'issued', { name: result.source.name, sha256: blob.sha256, size: blob.size, mediaType: 'application/pdf' }, at);
      for (const file of attachments) {
        await recordFile(trx, id, 'issued-attachment', { ...file, mediaType: 'application/pdf' }, at);
      }
      await insertSignature(trx, id, 'agency', result.check, certificate.commonName ?? result.signerName, at, certificate);
      return {
        note: note ?? null,
        audit: {
          sha256: blob.sha256,
          attachments: attachments.map((a) => a.sha256),
          trusted: result.check.trusted,
          certificate: { subject: certificate.subject, serial: certificate.serialNumber },
          ...audit,
        },
      };
    });
  }

  /**
   * Văn bản kèm theo in separate files (Phụ lục I): the agency signs each PDF attachment too, with the text stamp
   * (number and symbol, signing time) top-right of its first page. Other formats cannot carry a PDF signature and
   * go out as drafted. Outside any transaction, like the seal; each result is verified before it is kept.
   */
  async #stampAttachments(id: string, numberAndSymbol: string, timestamp: ReturnType<typeof timestampRequest>): Promise<Array<{ name: string; sha256: string; size: number }>> {
    const signer = this.#core.deps.signer;
    const verifier = this.#core.deps.verifier;
    const files = await this.#core.db.selectFrom('document_files').select(['name', 'sha256']).where('document_id', '=', id).where('role', '=', 'attachment').where('media_type', '=', 'application/pdf').orderBy('id').execute();
    if (files.length === 0 || !signer?.stampAttachment || !verifier) return [];
    const stamped = [];
    for (const file of files) {
      const signed = await signer.stampAttachment({ pdf: await this.#core.blobs.get(file.sha256), numberAndSymbol, signingTime: this.#core.now(), timestamp });
      const check = judgeSignatures(await verifier.verifyPdf(signed.pdf, this.#core.now()));
      if (!check.valid) {
        throw new EOfficeError('E_SIGNATURE_INVALID', `Chữ ký số trên văn bản kèm theo "${file.name}" không hợp lệ / the signature on an attachment does not verify`);
      }
      await this.#certificateThatSigned({ owner: 'agency' }, check.signatures);
      const blob = await this.#core.blobs.put(signed.pdf);
      stamped.push({ name: file.name, sha256: blob.sha256, size: blob.size });
    }
    return stamped;
  }

  /** The signer's own certificate, checked before the token is asked (no PIN prompt for a key that would be refused). */
  async #certificateBeforeSigning(purpose: SigningPurpose): Promise<CertificateFacts | null> {
    const der = this.#core.deps.signer?.certificate;
    const verifier = this.#core.deps.verifier;
    if (!der || !verifier) return null;
    const facts = verifier.readCertificate(der);
    await requireSigningCertificate(this.#core.db, purpose, facts, this.#core.now());
    return facts;
  }

  /** The certificate of the signature just made (the newest, last in the file), checked whatever was said before. */
  async #certificateThatSigned(purpose: SigningPurpose, signatures: SignatureCheck['signatures']): Promise<CertificateFacts> {
    const facts = signatures.at(-1)?.certificate ?? null;
    await requireSigningCertificate(this.#core.db, purpose, facts, this.#core.now());
    return facts!;
  }

  /** Step (1) of issuing, also on its own: binds the next number (or keeps the one already bound). */
  async bindNumber(actor: Actor, id: string, agencyGiven?: AgencySettings): Promise<DocumentView> {
    const agency = agencyGiven ?? (await requireAgency(this.#core.db));
    return this.#core.step(actor, id, 'bindNumber', async (trx, doc) => {
      if (doc.state === 'issuing') return { note: 'giữ số đã cấp để ký lại / keeps the bound number' };
      const now = this.#core.now();
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
    return this.#core.step(actor, id, 'abandonIssue', async (trx, doc) => {
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
    await this.#core.precheck(actor, id, 'signOnPaper');
    const taken = await takeFile(this.#core.blobs, scan, true);
    return this.#core.step(actor, id, 'signOnPaper', async (trx, doc) => {
      const signer = await paperSigner(trx, actor, doc);
      const at = vietnamIso(this.#core.now());
      await recordFile(trx, id, 'signed', taken, at);
      await insertSignature(trx, id, 'person', PAPER_SIGNATURE, signer.fullName, at);
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
    const agency = await requireAgency(this.#core.db);
    await this.#core.precheck(actor, id, 'bindNumber');
    const taken = scan ? await takeFile(this.#core.blobs, scan, true) : undefined;
    await this.bindNumber(actor, id, agency);
    return this.#core.step(actor, id, 'completeIssueOnPaper', async (trx) => {
      const at = vietnamIso(this.#core.now());
      if (taken) {
        await recordFile(trx, id, 'issued', taken, at);
      }
      await insertSignature(trx, id, 'agency', PAPER_SIGNATURE, agency.name, at);
      return { note: note ?? 'đóng dấu bản giấy', audit: { paper: true, ...(taken ? { sha256: taken.sha256 } : {}) } };
    });
  }
}

/** What the audit entry says of the level a one-step signature reached (B-T's time, or why it stayed B-B). */
function levelAudit(signed: SignedPdf): Record<string, unknown> {
  return {
    level: signed.level ?? 'B-B',
    ...(signed.timestampTime ? { timestampTime: signed.timestampTime } : {}),
    ...(signed.warning ? { timestampWarning: signed.warning } : {}),
  };
}

/** A profile name that says the same as the certificate's (case, spacing, Unicode form aside) is not shown twice. */
function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}
