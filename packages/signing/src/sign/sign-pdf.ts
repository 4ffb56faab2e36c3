import { buildCmsSignature, digestFor, estimateCmsSize, type SignerIdentity } from '../cms/signed-data.js';
import { IncrementalWriter, type BuiltUpdate } from '../pdf/incremental-writer.js';
import { PdfDict, PdfName, PdfString, type PdfRef } from '../pdf/pdf-objects.js';
import { PdfReader } from '../pdf/pdf-reader.js';
import { signatureFields } from '../pdf/signature-fields.js';
import type { Signer } from '../signer/signer.js';
import { SigningError } from '../signing-error.js';
import { FormEditor } from './form-fields.js';
import { fieldMdpParams, patchByteRange, signatureDictionary, type SubFilter } from './signature-dictionary.js';
import { writeSignedFile } from './signed-file-writer.js';
import { signatureTimestamper, TIMESTAMP_RESERVE_BYTES, type SignatureTimestampPolicy } from '../ltv/signature-timestamper.js';

export type { SubFilter } from './signature-dictionary.js';

/** Where the widget goes: page index (0-based) and a rectangle x, y, width, height in PDF points. */
export interface SignaturePlacement {
  readonly pageIndex: number;
  readonly rect: readonly [number, number, number, number];
}

/** Lets a caller (appearances, the seal's field filling) add objects to the same incremental update. */
export interface UpdateContext {
  readonly reader: PdfReader;
  readonly writer: IncrementalWriter;
  readonly form: FormEditor;
}

export interface SignPdfOptions {
  readonly input: string;
  readonly output: string;
  readonly signer: Signer;
  /** Field to create, or an existing empty signature field to sign. Default: the first free "SignatureN". */
  readonly fieldName?: string;
  /** Visible widget; omitted = invisible signature (/Rect [0 0 0 0] on page 1). */
  readonly placement?: SignaturePlacement;
  /** Builds the widget's normal appearance (a form XObject) inside the update. */
  readonly appearance?: (ctx: UpdateContext, size: { width: number; height: number }) => Promise<PdfRef>;
  /** Further changes in the same update, made before the signature field is added (e.g. filling text fields). */
  readonly extraChanges?: (ctx: UpdateContext) => Promise<void>;
  /** Fully qualified names of fields this signature locks (FieldMDP, /Action /Include). */
  readonly lockFields?: readonly string[];
  readonly subFilter?: SubFilter;
  readonly reason?: string;
  readonly location?: string;
  readonly contactInfo?: string;
  /** Claimed signing time for /M (informational; never put in the CMS). Default: now. */
  readonly signingTime?: Date;
  /** Bytes reserved for the DER CMS. Default: estimated from the certificate chain plus a margin. */
  readonly placeholderBytes?: number;
  /** PAdES B-T: an RFC 3161 signature-time-stamp from this TSA in the same update; omitted = B-B. */
  readonly timestamp?: SignatureTimestampPolicy;
}

export interface SignPdfResult {
  readonly output: string;
  readonly fieldName: string;
  /** SHA-256 of the whole output file, hex. */
  readonly sha256: string;
  readonly byteRange: readonly [number, number, number, number];
  /** The PAdES level written: B-T when the TSA's token is in, else B-B. */
  readonly level: 'B-B' | 'B-T';
  /** ISO 8601 time of the signature timestamp, when there is one. */
  readonly timestampTime: string | null;
  /** Set when the TSA could not be reached and the policy allowed signing without it. */
  readonly warning: string | null;
}

/**
 * Signs a PDF as one incremental update: field + widget + signature dictionary with placeholders, the original bytes
 * copied (by the kernel, then hashed in one read of the copy), the CMS built over that digest, then its hex written
 * into the placeholder in place. Output goes to a temp file renamed over `output` only when complete.
 */
export async function signPdf(options: SignPdfOptions): Promise<SignPdfResult> {
  const reader = PdfReader.open(options.input, { allowRepair: false });
  try {
    return await signWithReader(reader, options);
  } finally {
    reader.close();
  }
}

async function signWithReader(reader: PdfReader, options: SignPdfOptions): Promise<SignPdfResult> {
  const reserve = options.timestamp && options.placeholderBytes === undefined ? TIMESTAMP_RESERVE_BYTES : 0;
  const placeholderBytes = (options.placeholderBytes ?? estimateCmsSize(options.signer)) + reserve;
  const { update, byteRange, fieldName } = await buildSignatureUpdate(reader, { ...options, placeholderBytes, identity: options.signer });
  const digest = digestFor(options.signer.keyAlgorithm);
  const stamper = options.timestamp ? signatureTimestamper(options.timestamp, digest) : null;
  const sha256 = await writeSignedFile({
    input: options.input,
    output: options.output,
    baseLength: reader.length,
    update,
    digest,
    sign: async (contentDigest) =>
      (await buildCmsSignature(options.signer, contentDigest, digest, stamper ? (signature) => stamper.attributes(signature) : undefined)).der,
  });
  return {
    output: options.output,
    fieldName,
    sha256,
    byteRange,
    level: stamper?.outcome.level ?? 'B-B',
    timestampTime: stamper?.outcome.time?.toISOString() ?? null,
    warning: stamper?.outcome.warning ?? null,
  };
}

/** What one signature's update needs to be built: the options without the key and the output, plus who will sign. */
export type SignatureUpdateOptions = Omit<SignPdfOptions, 'signer' | 'output' | 'input'> & {
  /** Who will sign, to size the /Contents room; a document timestamp names its room in placeholderBytes instead. */
  readonly identity?: SignerIdentity;
  /** The field takes a document timestamp (ltv add), not a signature. */
  readonly documentTimestamp?: boolean;
};

export interface SignatureUpdate {
  /** The update with its /ByteRange patched and an empty /Contents placeholder (span "contents"). */
  readonly update: BuiltUpdate;
  readonly byteRange: [number, number, number, number];
  readonly fieldName: string;
}

/**
 * The incremental update of one signature (field, widget, appearance, signature dictionary with placeholders),
 * built without the key: signPdf signs it at once, prepareSignature hands its data to sign to a key elsewhere.
 */
export async function buildSignatureUpdate(reader: PdfReader, options: SignatureUpdateOptions): Promise<SignatureUpdate> {
  const writer = new IncrementalWriter(reader);
  const form = new FormEditor(reader, writer);
  const ctx: UpdateContext = { reader, writer, form };
  const pages = reader.pages();
  const placement = options.placement ?? { pageIndex: 0, rect: [0, 0, 0, 0] as const };
  const page = pages[placement.pageIndex];
  if (!page) {
    throw new SigningError('BAD_ARGUMENT', `Không có trang ${placement.pageIndex + 1} (tệp có ${pages.length} trang) / no page ${placement.pageIndex + 1}`);
  }
  const [x, y, w, h] = placement.rect;
  if (![x, y, w, h].every(Number.isFinite) || w < 0 || h < 0) {
    throw new SigningError('BAD_ARGUMENT', 'Vùng chữ ký không hợp lệ / invalid signature rectangle');
  }

  await options.extraChanges?.(ctx);

  const existing = signatureFields(reader);
  const fieldName = options.fieldName ?? freeFieldName(existing.map((f) => f.name), form);
  const target = existing.find((f) => f.name === fieldName);
  if (!target && (fieldName === '' || fieldName.includes('.'))) {
    // A period separates the parts of a fully qualified name (ISO 32000-1 §12.7.3.2): a new field cannot contain one.
    throw new SigningError('BAD_ARGUMENT', `Tên trường không hợp lệ: "${fieldName}" / invalid field name`);
  }
  if (target?.value) {
    throw new SigningError('FIELD_EXISTS', `Trường "${fieldName}" đã được ký / field "${fieldName}" is already signed`);
  }
  if (!target && form.fieldsByName().has(fieldName)) {
    throw new SigningError('FIELD_EXISTS', `Trường "${fieldName}" đã có và không phải trường chữ ký / field "${fieldName}" exists and is not a signature field`);
  }

  const locked = options.lockFields ?? [];
  const sigDict = signatureDictionary({
    documentTimestamp: options.documentTimestamp === true,
    subFilter: options.subFilter ?? 'ETSI.CAdES.detached',
    cmsBytes: options.placeholderBytes ?? (options.identity ? estimateCmsSize(options.identity) : TIMESTAMP_RESERVE_BYTES),
    signingTime: options.signingTime ?? new Date(),
    reason: options.reason,
    location: options.location,
    contactInfo: options.contactInfo,
    lockFields: locked,
  });
  const sigRef = writer.add(sigDict);
  const appearance = options.appearance && w > 0 && h > 0 ? await options.appearance(ctx, { width: w, height: h }) : undefined;

  if (target?.ref) {
    // Sign an existing empty field: its dictionary gets /V (and the widget a new appearance when one is given).
    const field = form.dict(target.ref).clone().set('V', sigRef);
    if (locked.length > 0) field.set('Lock', fieldMdpParams(locked, 'SigFieldLock'));
    writer.set(target.ref, field);
    const widgetRef = target.widgets[0]?.ref;
    if (appearance && widgetRef) {
      const widget = (widgetRef.equals(target.ref) ? field : form.dict(widgetRef).clone()).set('AP', PdfDict.of({ N: appearance }));
      writer.set(widgetRef, widget);
    }
  } else {
    const widget = PdfDict.of({
      Type: new PdfName('Annot'),
      Subtype: new PdfName('Widget'),
      FT: new PdfName('Sig'),
      T: PdfString.fromText(fieldName),
      V: sigRef,
      F: 132, // Print + Locked
      Rect: [x, y, x + w, y + h],
      P: page.ref,
    });
    if (appearance) widget.set('AP', PdfDict.of({ N: appearance }));
    if (locked.length > 0) widget.set('Lock', fieldMdpParams(locked, 'SigFieldLock'));
    const widgetRef = writer.add(widget);
    form.addAnnotation(page.ref, widgetRef);
    form.addToAcroForm(widgetRef, { SigFlags: 3 });
  }

  const update = writer.build();
  const byteRange = patchByteRange(update, reader.length);
  return { update, byteRange, fieldName };
}

function freeFieldName(taken: readonly string[], form: FormEditor): string {
  const names = new Set([...taken, ...form.fieldsByName().keys()]);
  for (let i = 1; ; i++) if (!names.has(`Signature${i}`)) return `Signature${i}`;
}
