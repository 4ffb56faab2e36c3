import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { EOfficeError, type DocumentView } from '@eoffice/contract';
import { requireAgency } from '../agency/agency-settings.js';
import { vietnamDate, vietnamIso, vietnamYear } from '@eoffice/vietnamese';
import { findDocumentType } from '../model/document-types.js';
import { requireRole, type Actor } from '../users/actor.js';
import { insertFiles } from './document-files.js';
import { findDuplicate } from './duplicate-check.js';
import { takeFile, type TakenFile } from './file-intake.js';
import { STATUS_CODE, enqueueStatus } from './outbox.js';
import { SYSTEM_ACTOR } from './system-actor.js';
import type { WorkflowCore } from './workflow-core.js';
import type { AxisReceiveInput, ReceiveInput } from './workflow-inputs.js';
import { fileCodeColumns, toPlacesText } from './workflow-inputs.js';
import { judgeArrivalVerdict, recordReceivedSignature } from './arrival-verdict.js';
import { preparedReport, type PreparedCheck } from './prepared-check.js';
import { judgeSignatures, type SignatureCheck } from './signature-verdict.js';
import { storedTrustAnchors } from '../trust/trust-anchors.js';
import type { BlobStore, StoredBlob } from '../store/blob-store.js';

/** An arrival as stored: its id and its state (received, or, checked on arrival, verified or needs_checking). */
export interface TakenArrival {
  readonly id: string;
  readonly state: 'received' | 'verified' | 'needs_checking';
}

/** How a document enters as incoming: handed to the clerk (paper scan or file) or delivered by the axis. */
export class IncomingIntake {
  readonly #core: WorkflowCore;

  constructor(core: WorkflowCore) {
    this.#core = core;
  }

  /** Tiếp nhận: a scanned paper document or an electronic file handed over outside the axis. */
  async receive(actor: Actor, input: ReceiveInput): Promise<DocumentView> {
    requireRole(actor, ['clerk'], 'tiếp nhận văn bản đến');
    await requireAgency(this.#core.db);
    const type = findDocumentType(input.type);
    const main = await takeFile(this.#core.blobs, input.file, true);
    const attachments = await Promise.all(input.attachments.map((f) => takeFile(this.#core.blobs, f, false)));
    const { id } = await this.#insertIncoming(actor, input, type, {
      main,
      attachments,
      source: input.source,
      exchangeDocumentId: null,
      businessType: null,
    });
    return this.#core.show(id);
  }

  /** A document delivered by the axis: status 01 (đã đến) is queued for the sender in the same transaction. */
  async receiveFromAxis(input: AxisReceiveInput): Promise<DocumentView> {
    return this.#core.show((await this.takeFromAxis(input)).id);
  }

  /**
   * receiveFromAxis without reading the view back (the axis receiver needs only the id and the state). With `verify`,
   * a signature check begun on the file before it came (prepared-check.ts): when it stands for the stored bytes, the
   * verify step is taken in the same transaction as the receipt (its log line, signature row and audit entry, as the
   * step would write them), so the document is stored verified or needing checking; else it stays received, for the
   * verify step. One transaction instead of two: one audit anchoring and one search entry fewer per arrival, and no
   * arrival left unchecked by a crash between the two.
   */
  async takeFromAxis(input: AxisReceiveInput, verify?: { readonly prepared: PreparedCheck; readonly note?: string }): Promise<TakenArrival> {
    await requireAgency(this.#core.db);
    const type = findDocumentType(input.type);
    const blobs = this.#core.blobs;
    const store = (content: Uint8Array | { readonly path: string }) => (content instanceof Uint8Array ? blobs.put(content) : blobs.putFile(content.path));
    const mainBlob = 'stored' in input.pdf ? await storedAlready(blobs, input.pdf.stored) : await store(input.pdf);
    const main: TakenFile = { ...mainBlob, name: input.pdfName, mediaType: 'application/pdf' };
    const attachments: TakenFile[] = [];
    for (const a of input.attachments) {
      attachments.push({ ...(await store('bytes' in a ? a.bytes : a)), name: a.name, mediaType: 'application/octet-stream' });
    }
    const check = verify ? await this.#readyCheck(verify.prepared, main.sha256) : null;
    const verified = check ? { check, ...(verify?.note ? { note: verify.note } : {}) } : undefined;
    return this.#insertIncoming(
      SYSTEM_ACTOR,
      input,
      type,
      { main, attachments, source: 'axis', exchangeDocumentId: input.exchangeDocumentId, businessType: input.businessType },
      verified,
    );
  }

  /** The prepared check's verdict if it stands for these bytes and the stored trust anchors now, else null. */
  async #readyCheck(prepared: PreparedCheck, sha256: string): Promise<SignatureCheck | null> {
    const report = await preparedReport(prepared, sha256, await storedTrustAnchors(this.#core.db), this.#core.now());
    return report ? judgeSignatures(report) : null;
  }

  async #insertIncoming(
    actor: Actor,
    input: Omit<ReceiveInput, 'file' | 'attachments' | 'source'>,
    type: ReturnType<typeof findDocumentType>,
    origin: { main: TakenFile; attachments: TakenFile[]; source: string; exchangeDocumentId: string | null; businessType: number | null },
    verified?: { readonly check: SignatureCheck; readonly note?: string },
  ): Promise<TakenArrival> {
    const id = randomUUID();
    const now = this.#core.now();
    const at = vietnamIso(now);
    return this.#core.db.transaction().execute(async (trx) => {
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
        to_places: toPlacesText(input.toPlaces),
        issued_amount: input.issuedAmount ?? null,
        ...fileCodeColumns(input.fileCode),
        exchange_document_id: origin.exchangeDocumentId,
        business_type: origin.businessType,
        content_hash: origin.main.sha256,
        duplicate_of: duplicate,
      };
      // Checked on arrival: the row goes in as the verify step would leave it (its state and findings).
      const verdict = verified ? await judgeArrivalVerdict(trx, row, verified.check, verified.note) : null;
      const stored = verdict ? { ...row, state: verdict.to, ...verdict.patch } : row;
      // Nothing below writes to the documents row: what the insert returns is what the search entry is made from.
      const inserted = await trx.insertInto('documents').values(stored).returningAll().executeTakeFirstOrThrow();
      await insertFiles(trx, id, origin.main, origin.source === 'paper' ? 'scan' : 'main', origin.attachments, at);
      if (origin.source === 'axis') await enqueueStatus(trx, row, STATUS_CODE.arrived, 'Đã đến', at);
      if (verified) await recordReceivedSignature(trx, id, verified.check, at);
      await this.#core.recordCreated(
        trx,
        actor,
        id,
        {
          action: 'receive',
          state: 'received',
          note: duplicate ? `trùng với ${duplicate}` : null,
          at,
          audit: { state: 'received', source: origin.source, code: `${input.number}/${input.symbol}`, from: input.from, duplicateOf: duplicate, sha256: origin.main.sha256 },
          files: [origin.main, ...origin.attachments],
        },
        inserted,
        verdict ? { actor: SYSTEM_ACTOR, action: 'verify', state: verdict.to, note: verdict.note, audit: verdict.audit } : undefined,
      );
      return { id, state: inserted.state as TakenArrival['state'] };
    });
  }
}

/** A blob the caller put into this store before: it must be there; its size is the stored file's. */
async function storedAlready(blobs: BlobStore, blob: StoredBlob): Promise<StoredBlob> {
  const found = await stat(blobs.pathOf(blob.sha256)).catch(() => null);
  if (!found) throw new EOfficeError('E_NOT_FOUND', `Không tìm thấy tệp ${blob.sha256} / blob not found`);
  return { sha256: blob.sha256, size: found.size };
}
