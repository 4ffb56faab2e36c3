import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Signer } from '../signer/signer.js';
import { summariseCertificate } from '../token/index.js';
import type { Box } from './layout.js';
import { prepareSignature, type PreparedSignature } from '../sign/prepare-signature.js';
import type { SignatureTimestampPolicy } from '../ltv/signature-timestamper.js';
import type { SignerIdentity } from '../cms/signed-data.js';
import { agencySealUpdate, attachmentStampUpdate, personSignatureUpdate, signDecree30Update, type Decree30Update } from './decree30-updates.js';

/** The leader's signature (Decree 30 Điều 33, Phụ lục I ô 7c): what to put on the document. */
/** PAdES B-T (the agency's TSA and what to do when it cannot be reached); absent or null: B-B. */
export interface TimestampedOrder {
  readonly timestamp?: SignatureTimestampPolicy | null;
}

export interface PersonSignatureOrder extends TimestampedOrder {
  readonly pdf: Uint8Array;
  /** The full name printed under the signature: the image goes between the position line and this name. */
  readonly signerName: string;
  readonly signerPosition: string | null;
  /** An authority line above the position when the name is not printed on the page ("KT. CHỦ TỊCH"). */
  readonly signerAuthority?: string | null;
  readonly reason: string;
  readonly signingTime: Date;
  /** Blue PNG with transparency; null: the box shows text ("Đã ký" and the name). */
  readonly signatureImage: Uint8Array | null;
}

/** The agency's seal (Điều 33 khoản 2, ô 8): the red seal over the leader's image; số and the date filled and locked. */
export interface AgencySealOrder extends TimestampedOrder {
  readonly pdf: Uint8Array;
  readonly numberAndSymbol: string;
  /** `yyyy-mm-dd`, the Vietnam date of issue, written as Decree 30's "ngày … tháng … năm …". */
  readonly issuedDate: string;
  readonly signingTime: Date;
  /** Red PNG drawn at actual size; null: an invisible agency signature. */
  readonly sealImage: Uint8Array | null;
  /** Địa danh before the date; null: the place the draft printed before "ngày", if any. */
  readonly issuingPlace: string | null;
}

/** An attachment in a separate file (Phụ lục I): the number it belongs to and the signing time, top-right of page 1. */
export interface AttachmentStampOrder extends TimestampedOrder {
  readonly pdf: Uint8Array;
  readonly numberAndSymbol: string;
  readonly signingTime: Date;
}

/**
 * An electronic copy (Phụ lục I Phần II.I, Mẫu 3.2; ô 14): the copy form and the copying agency, then the signing
 * time, top-right of page 1, no image.
 */
export interface CopyStampOrder extends TimestampedOrder {
  readonly pdf: Uint8Array;
  /** As printed: "SAO Y", "TRÍCH SAO" or "SAO LỤC". */
  readonly formLabel: string;
  readonly agencyName: string;
  readonly signingTime: Date;
}

export interface Decree30SignedPdf {
  readonly pdf: Uint8Array;
  /** The common name of the certificate that signed. */
  readonly signerName: string;
  /** B-T when the order's TSA stamped the signature, else B-B. */
  readonly level: 'B-B' | 'B-T';
  readonly timestampTime: string | null;
  /** Set when the TSA could not be reached and the order's policy let the signature go out B-B. */
  readonly warning: string | null;
}

export interface Decree30SignerOptions {
  /**
   * Where the document is written while it is signed (a secret document too): a folder the caller protects and
   * sweeps. The system's temp folder when not given.
   */
  readonly workDir?: string;
  /** The signer's box when the name is not printed on the last page: x, y, width, height in points. */
  readonly defaultSignerBox?: Box;
}

export interface Decree30Signer {
  signAsPerson(order: PersonSignatureOrder): Promise<Decree30SignedPdf>;
  sealAsAgency(order: AgencySealOrder): Promise<Decree30SignedPdf>;
  stampAttachment(order: AttachmentStampOrder): Promise<Decree30SignedPdf>;
  stampCopy(order: CopyStampOrder): Promise<Decree30SignedPdf>;
}

/** The copy stamp's update: the same text stamp as an attachment's, with the copy form and the agency as its lines. */
function copyStampUpdate(input: string, order: CopyStampOrder): Promise<Decree30Update> {
  return attachmentStampUpdate(input, {
    lines: [order.formLabel, order.agencyName],
    signingTime: order.signingTime,
    reason: `${order.formLabel} — ${order.agencyName}`,
  });
}

/**
 * Decree 30's three signatures over one key (a token's or a PKCS#12 file's), each an incremental update of the bytes it
 * is given. The workflow's signer port and `eoffice sign` both end in decree30-updates.ts: one layout, one set of boxes.
 */
export function decree30Signer(signer: Signer, options: Decree30SignerOptions = {}): Decree30Signer {
  const signerName = summariseCertificate(signer.certificate).subjectCommonName;
  const run = (order: TimestampedOrder & { readonly pdf: Uint8Array }, update: (input: string, dir: string) => Promise<Decree30Update>) =>
    inWorkDir(options.workDir, async (dir) => {
      const input = join(dir, 'in.pdf');
      const output = join(dir, 'out.pdf');
      await writeFile(input, order.pdf, { mode: 0o600 });
      const signed = await signDecree30Update(signer, { ...(await update(input, dir)), ...(order.timestamp ? { timestamp: order.timestamp } : {}) }, output);
      return { pdf: new Uint8Array(await readFile(output)), signerName, level: signed.level, timestampTime: signed.timestampTime, warning: signed.warning };
    });
  return {
    signAsPerson: (order) =>
      run(order, (input, dir) => personSignatureUpdate(input, dir, { ...order, defaultSignerBox: options.defaultSignerBox })),
    sealAsAgency: (order) => run(order, (input) => agencySealUpdate(input, { ...order, missingField: 'skip' })),
    stampAttachment: (order) =>
      run(order, (input) =>
        attachmentStampUpdate(input, {
          lines: [order.numberAndSymbol],
          signingTime: order.signingTime,
          reason: `Ký số văn bản kèm theo ${order.numberAndSymbol}`,
        }),
      ),
    stampCopy: (order) => run(order, (input) => copyStampUpdate(input, order)),
  };
}

export interface Decree30Preparer {
  preparePerson(order: PersonSignatureOrder, identity: SignerIdentity): Promise<PreparedSignature>;
  prepareSeal(order: AgencySealOrder, identity: SignerIdentity): Promise<PreparedSignature>;
  prepareAttachmentStamp(order: AttachmentStampOrder, identity: SignerIdentity): Promise<PreparedSignature>;
  prepareCopyStamp(order: CopyStampOrder, identity: SignerIdentity): Promise<PreparedSignature>;
}

/**
 * The same three signatures in two phases: each revision is built with the same Decree 30 updates as
 * decree30Signer's, for a key that is not here (the signer's own desk); the key signs `dataToSign` later.
 */
export function decree30Preparer(options: Decree30SignerOptions = {}): Decree30Preparer {
  const run = (order: TimestampedOrder & { readonly pdf: Uint8Array }, identity: SignerIdentity, update: (input: string, dir: string) => Promise<Decree30Update>) =>
    inWorkDir(options.workDir, async (dir) => {
      const input = join(dir, 'in.pdf');
      await writeFile(input, order.pdf, { mode: 0o600 });
      return prepareSignature({ subFilter: 'ETSI.CAdES.detached', ...(await update(input, dir)), identity, ...(order.timestamp ? { timestamp: order.timestamp } : {}) });
    });
  return {
    preparePerson: (order, identity) =>
      run(order, identity, (input, dir) => personSignatureUpdate(input, dir, { ...order, defaultSignerBox: options.defaultSignerBox })),
    prepareSeal: (order, identity) => run(order, identity, (input) => agencySealUpdate(input, { ...order, missingField: 'skip' })),
    prepareAttachmentStamp: (order, identity) =>
      run(order, identity, (input) =>
        attachmentStampUpdate(input, {
          lines: [order.numberAndSymbol],
          signingTime: order.signingTime,
          reason: `Ký số văn bản kèm theo ${order.numberAndSymbol}`,
        }),
      ),
    prepareCopyStamp: (order, identity) => run(order, identity, (input) => copyStampUpdate(input, order)),
  };
}

async function inWorkDir<T>(workDir: string | undefined, use: (dir: string) => Promise<T>): Promise<T> {
  if (workDir) await mkdir(workDir, { recursive: true, mode: 0o700 });
  const dir = await mkdtemp(join(workDir ?? tmpdir(), 'eoffice-sign-'));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
