import { createHash, randomBytes } from 'node:crypto';
import { EOfficeError, type DocumentView, type PreparedSigning as PreparedSigningView } from '@eoffice/contract';
import { vietnamDate, vietnamIso } from '@eoffice/vietnamese';
import { requireAgency } from '../agency/agency-settings.js';
import { readIssuingPlace } from '../agency/issuing-place.js';
import { readAgencySeal } from '../agency/seal-image.js';
import { readSigningPolicy, timestampRequest } from '../agency/signing-policy.js';
import { formatNumberAndSymbol } from '../numbering/number-format.js';
import { requireSigningCertificate, type SigningPurpose } from '../certificates/signing-certificate-check.js';
import type { PreparedRevision, SignerIdentity } from '../ports/signature-preparer.js';
import type { Actor } from '../users/actor.js';
import { requireDocumentVisible } from '../users/secret-access.js';
import { readSignatureImage } from '../users/signature-image.js';
import { deputyAuthorityLine, signingCapacity } from './signing-capacity.js';
import { latestFile } from './document-files.js';
import { requireDigitalSignature } from './signature-records.js';
import { judgeSignatures, withTimestampWarning } from './signature-verdict.js';
import type { SigningStep } from './signing-step.js';
import { COPY_FORM_LABELS, COPY_SOURCE_ROLES, requireCopyable, type DocumentCopies } from './document-copies.js';
import type { CopyFormCode } from '../model/document-types.js';
import type { WorkflowCore } from './workflow-core.js';

/** How long a prepared signature waits for its key: a PIN prompt and a batch, not a lunch break. */
export const PREPARATION_LIFETIME_MS = 10 * 60 * 1000;

interface PreparedItem {
  readonly role: 'main' | 'attachment';
  readonly name: string;
  readonly revision: PreparedRevision;
}

interface Preparation {
  readonly id: string;
  readonly actorId: string;
  readonly documentId: string;
  readonly kind: 'person' | 'agency' | 'copy';
  /** For a copy: its form. */
  readonly form: CopyFormCode | null;
  readonly expiresAt: number;
  readonly source: { readonly name: string; readonly sha256: string };
  readonly items: readonly PreparedItem[];
}

/**
 * Signing in two phases, one path for every face (EU DSS getDataToSign / signDocument; pyHanko's interrupted
 * signing). `prepare` builds the revision without a key and keeps it in memory only; `complete` embeds the key's
 * signatures into exactly those bytes, verifies them through the port and stores the step in one transaction. A
 * preparation that is cancelled, expires or fails is dropped whole: nothing of it was written (the number an issue
 * binds first stays bound, as DESIGN.md §2.6 wants for the retry). Never retried: a failure is reported, once.
 */
export class PreparedSigning {
  readonly #core: WorkflowCore;
  readonly #step: SigningStep;
  readonly #copies: DocumentCopies;
  readonly #open = new Map<string, Preparation>();

  constructor(core: WorkflowCore, step: SigningStep, copies: DocumentCopies) {
    this.#core = core;
    this.#step = step;
    this.#copies = copies;
  }

  /** The certificate the desk will sign with, checked before anything is prepared; completion checks the one that signed. */
  async #requireBound(purpose: SigningPurpose, identity: SignerIdentity): Promise<void> {
    const verifier = this.#core.deps.verifier;
    if (!verifier) return;
    await requireSigningCertificate(this.#core.db, purpose, verifier.readCertificate(identity.certificate), this.#core.now());
  }

  async prepare(actor: Actor, input: { id: string; kind: 'person' | 'agency' | 'copy'; identity: SignerIdentity; form?: CopyFormCode }): Promise<PreparedSigningView> {
    this.#sweep();
    const preparer = this.#core.deps.preparer;
    if (!preparer) throw new EOfficeError('E_SIGNER_UNAVAILABLE', 'Chưa có bộ chuẩn bị chữ ký / no signature preparer configured');
    // A document the caller may not see answers as a missing one, before any role or state is looked at.
    await requireDocumentVisible(this.#core.db, actor, input.id);
    const now = this.#core.now();
    // The agency's level (B-B or B-T with its TSA) is read at preparation: the room for the timestamp is reserved then.
    const timestamp = timestampRequest(await readSigningPolicy(this.#core.db));
    let source: { name: string; sha256: string };
    let items: PreparedItem[];
    let numberAndSymbol: string | null = null;
    let issuedDate: string | null = null;
    if (input.kind === 'person') {
      const doc = await this.#core.precheck(actor, input.id, 'sign');
      const capacity = await signingCapacity(this.#core.db, actor, doc, now);
      await this.#requireBound({ owner: 'person', actor }, input.identity);
      source = await latestFile(this.#core.db, input.id, ['main']);
      const revision = await preparer.preparePerson(
        {
          pdf: await this.#core.blobs.get(source.sha256),
          signerName: actor.fullName,
          signerPosition: actor.position,
          signerAuthority: capacity.kind === 'deputy' ? deputyAuthorityLine(capacity.leader) : null,
          reason: 'Ký ban hành',
          signingTime: now,
          signatureImage: await readSignatureImage(this.#core.db, this.#core.blobs, actor.id),
          timestamp,
        },
        input.identity,
      );
      items = [{ role: 'main', name: source.name, revision }];
    } else if (input.kind === 'copy') {
      // Bản sao điện tử: the agency's key signs the copy stamp; the number is allocated when it is stored (commitCopy).
      if (!input.form) throw new EOfficeError('E_INVALID_INPUT', 'Bản sao cần hình thức sao (SY, TrS, SL) / a copy needs its form');
      await requireCopyable(this.#core.db, actor, input.id);
      await this.#requireBound({ owner: 'agency' }, input.identity);
      const agency = await requireAgency(this.#core.db);
      source = await latestFile(this.#core.db, input.id, COPY_SOURCE_ROLES);
      const revision = await preparer.prepareCopyStamp(
        { pdf: await this.#core.blobs.get(source.sha256), formLabel: COPY_FORM_LABELS[input.form], agencyName: agency.name, signingTime: now, timestamp },
        input.identity,
      );
      items = [{ role: 'main', name: source.name, revision }];
    } else {
      const agency = await requireAgency(this.#core.db);
      await this.#core.precheck(actor, input.id, 'bindNumber');
      await requireDigitalSignature(this.#core.db, input.id, 'person');
      // Before a number is bound: a key the agency never bound must not use up a number (Decree 30 Điều 15).
      await this.#requireBound({ owner: 'agency' }, input.identity);
      // The number is bound first, in its own short transaction (ARCHITECTURE.md, invariant 4): the seal fills it in.
      await this.#step.bindNumber(actor, input.id, agency);
      const bound = await this.#core.precheck(actor, input.id, 'completeIssue');
      numberAndSymbol = formatNumberAndSymbol(Number(bound.code_number), bound.code_notation ?? '');
      issuedDate = bound.issued_date ?? vietnamDate(now);
      source = await latestFile(this.#core.db, input.id, ['signed']);
      const revision = await preparer.prepareSeal(
        {
          pdf: await this.#core.blobs.get(source.sha256),
          agencyName: agency.name,
          numberAndSymbol,
          issuedDate,
          signingTime: now,
          sealImage: await readAgencySeal(this.#core.db, this.#core.blobs),
          issuingPlace: await readIssuingPlace(this.#core.db),
          timestamp,
        },
        input.identity,
      );
      items = [{ role: 'main', name: source.name, revision }];
      const attachments = await this.#core.db
        .selectFrom('document_files')
        .select(['name', 'sha256'])
        .where('document_id', '=', input.id)
        .where('role', '=', 'attachment')
        .where('media_type', '=', 'application/pdf')
        .orderBy('id')
        .execute();
      for (const file of attachments) {
        const stamped = await preparer.prepareAttachmentStamp({ pdf: await this.#core.blobs.get(file.sha256), numberAndSymbol, signingTime: now, timestamp }, input.identity);
        items.push({ role: 'attachment', name: file.name, revision: stamped });
      }
    }
    const preparation: Preparation = {
      id: randomBytes(16).toString('hex'),
      actorId: actor.id,
      documentId: input.id,
      kind: input.kind,
      form: input.kind === 'copy' ? (input.form ?? null) : null,
      expiresAt: now.getTime() + PREPARATION_LIFETIME_MS,
      source: { name: source.name, sha256: source.sha256 },
      items,
    };
    this.#open.set(preparation.id, preparation);
    return {
      preparationId: preparation.id,
      documentId: input.id,
      kind: input.kind,
      expiresAt: vietnamIso(new Date(preparation.expiresAt)),
      signerName: items[0]!.revision.signerName,
      numberAndSymbol,
      issuedDate,
      items: items.map((item) => ({
        role: item.role,
        name: item.name,
        pdf: Buffer.from(item.revision.pdf).toString('base64'),
        sha256: createHash('sha256').update(item.revision.pdf).digest('hex'),
        dataToSign: Buffer.from(item.revision.dataToSign).toString('base64'),
        digest: item.revision.digest,
        placement: item.revision.placement ? { pageIndex: item.revision.placement.pageIndex, rect: [...item.revision.placement.rect] } : null,
      })),
    };
  }

  /**
   * The key's signatures, one per prepared item in order: embedded into the prepared bytes (nothing else changes),
   * each verified once through the port, then the step stored. The preparation is used up whatever the outcome.
   */
  async complete(actor: Actor, preparationId: string, signatures: readonly Uint8Array[], note?: string): Promise<DocumentView> {
    const preparation = this.#take(actor, preparationId);
    const verifier = this.#core.deps.verifier;
    if (!verifier) throw new EOfficeError('E_VERIFIER_UNAVAILABLE', 'Chưa có bộ kiểm tra chữ ký / no signature verifier configured');
    if (signatures.length !== preparation.items.length) {
      throw new EOfficeError('E_INVALID_INPUT', `Cần ${preparation.items.length} chữ ký, nhận ${signatures.length} / one signature per prepared item`);
    }
    const signed = [];
    for (const [index, item] of preparation.items.entries()) {
      // B-T: the TSA is asked here, outside any transaction; a TSA that cannot be reached fails or leaves B-B + warning.
      const embedded = await item.revision.embed(signatures[index]!);
      const check = withTimestampWarning(judgeSignatures(await verifier.verifyPdf(embedded.pdf, this.#core.now())), embedded.warning);
      if (!check.valid) {
        throw new EOfficeError('E_SIGNATURE_INVALID', `Chữ ký trên "${item.name}" không hợp lệ / the signature does not verify`, check);
      }
      signed.push({ item, pdf: embedded.pdf, check, embedded });
    }
    const [main, ...attachments] = signed;
    const result = { pdf: main!.pdf, signerName: main!.item.revision.signerName, check: main!.check, source: preparation.source };
    const audit = {
      twoPhase: true,
      level: main!.embedded.level,
      ...(main!.embedded.timestampTime ? { timestampTime: main!.embedded.timestampTime } : {}),
      ...(signed.some((s) => s.embedded.warning) ? { timestampWarning: signed.find((s) => s.embedded.warning)!.embedded.warning } : {}),
    };
    if (preparation.kind === 'person') return this.#step.commitPersonSignature(actor, preparation.documentId, result, note, audit);
    if (preparation.kind === 'copy') return this.#copies.commitCopy(actor, preparation.documentId, preparation.form!, result, note, audit);
    const kept = [];
    for (const attachment of attachments) {
      const blob = await this.#core.blobs.put(attachment.pdf);
      kept.push({ name: attachment.item.name, sha256: blob.sha256, size: blob.size });
    }
    return this.#step.commitSeal(actor, preparation.documentId, result, kept, note, audit);
  }

  /** Drops a preparation of the caller's; true when there was one. */
  cancel(actor: Actor, preparationId: string): boolean {
    this.#sweep();
    const preparation = this.#open.get(preparationId);
    if (!preparation || preparation.actorId !== actor.id) return false;
    this.#open.delete(preparationId);
    return true;
  }

  /** The caller's own preparation, removed from the open ones: another user's answers as a missing one. */
  #take(actor: Actor, preparationId: string): Preparation {
    const preparation = this.#open.get(preparationId);
    if (!preparation || preparation.actorId !== actor.id) {
      throw new EOfficeError('E_PREPARATION_EXPIRED', 'Không còn bản chuẩn bị ký này (đã hết hạn, đã dùng hoặc đã hủy): hãy chuẩn bị lại / no such preparation: prepare again');
    }
    this.#open.delete(preparationId);
    if (preparation.expiresAt < this.#core.now().getTime()) {
      throw new EOfficeError('E_PREPARATION_EXPIRED', 'Bản chuẩn bị ký đã hết hạn: hãy chuẩn bị lại / the preparation expired: prepare again');
    }
    return preparation;
  }

  #sweep(): void {
    const now = this.#core.now().getTime();
    for (const [id, preparation] of this.#open) if (preparation.expiresAt < now) this.#open.delete(id);
  }
}

