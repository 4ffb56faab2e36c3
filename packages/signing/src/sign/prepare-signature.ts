import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { assembleSignedData, dataToSign, digestFor, estimateCmsSize, type SignerIdentity } from '../cms/signed-data.js';
import { signatureTimestamper, TIMESTAMP_RESERVE_BYTES, type SignatureTimestampPolicy } from '../ltv/signature-timestamper.js';
import { PdfReader } from '../pdf/pdf-reader.js';
import type { DigestAlgorithm } from '../signer/signer.js';
import { SigningError } from '../signing-error.js';
import { buildSignatureUpdate, type SignPdfOptions, type SignaturePlacement } from './sign-pdf.js';

/** signPdf's options without the key and the output: who will sign is named by its certificates. */
export type PrepareSignatureOptions = Omit<SignPdfOptions, 'signer' | 'output'> & { readonly identity: SignerIdentity };

/**
 * A signature's revision built and waiting for its key (EU DSS getDataToSign, pyHanko's interrupted signing): the
 * whole file as it will be, with /Contents still zero, and the DER of the signed attributes the key must sign.
 * Only the /Contents hole changes when the signature is embedded: what the signer was shown is what is signed.
 */
export interface PreparedSignature {
  /** The revision to be signed: original bytes + the update, /Contents all zeros. */
  readonly pdf: Uint8Array;
  /** DER SET OF the signed attributes (content-type, message-digest of the ByteRange, signing-certificate-v2). */
  readonly dataToSign: Uint8Array;
  readonly digest: DigestAlgorithm;
  readonly byteRange: readonly [number, number, number, number];
  readonly fieldName: string;
  /** Where the widget is, when visible. */
  readonly placement: SignaturePlacement | null;
  /** The certificate's subject common name: who the signature will name. */
  readonly identity: SignerIdentity;
  readonly attributes: readonly Buffer[];
  /** B-T: the TSA asked for a signature-time-stamp when the signature is embedded (room for it is reserved); null: B-B. */
  readonly timestamp: SignatureTimestampPolicy | null;
}

/** A prepared signature embedded: the file, the level it reached and why it stayed B-B when the policy allowed that. */
export interface EmbeddedSignature {
  readonly pdf: Uint8Array;
  readonly level: 'B-B' | 'B-T';
  /** ISO 8601 time of the signature timestamp, when there is one. */
  readonly timestampTime: string | null;
  /** Set when the TSA could not be reached and the policy let the signature go out B-B. */
  readonly warning: string | null;
}

/**
 * Builds the revision in memory. The input is read once; the ByteRange digest covers every byte of `pdf` but the
 * /Contents hole, so the data to sign binds the whole prepared revision.
 */
export async function prepareSignature(options: PrepareSignatureOptions): Promise<PreparedSignature> {
  const reader = PdfReader.open(options.input, { allowRepair: false });
  // B-T: the TSA's token goes into /Contents beside the signature, so its room is reserved now (as signPdf does).
  const placeholderBytes =
    options.timestamp && options.placeholderBytes === undefined ? estimateCmsSize(options.identity) + TIMESTAMP_RESERVE_BYTES : options.placeholderBytes;
  let built;
  try {
    built = await buildSignatureUpdate(reader, { ...options, ...(placeholderBytes === undefined ? {} : { placeholderBytes }) });
  } finally {
    reader.close();
  }
  const original = await readFile(options.input);
  if (original.length !== reader.length) {
    throw new SigningError('IO_ERROR', 'Tệp đầu vào đã thay đổi / the input file changed while preparing');
  }
  const pdf = Buffer.concat([original, built.update.bytes]);
  const [, gapStart, gapEnd] = built.byteRange;
  const digest = digestFor(options.identity.keyAlgorithm);
  const contentDigest = createHash(digest).update(pdf.subarray(0, gapStart)).update(pdf.subarray(gapEnd)).digest();
  const { attrs, toSign } = dataToSign(options.identity.certificate, contentDigest);
  const visible = options.placement && options.placement.rect[2] > 0 && options.placement.rect[3] > 0;
  return {
    pdf,
    dataToSign: toSign,
    digest,
    byteRange: built.byteRange,
    fieldName: built.fieldName,
    placement: visible ? (options.placement ?? null) : null,
    identity: options.identity,
    attributes: attrs,
    timestamp: options.timestamp ?? null,
  };
}

/**
 * The second phase: the CMS around the key's signature written into the /Contents hole of a copy of the prepared
 * bytes. Nothing else changes. Whether the signature matches the key is for the verifier to say afterwards.
 */
export function embedSignature(prepared: PreparedSignature, signature: Uint8Array, unsignedAttributes: readonly Buffer[] = []): Uint8Array {
  const cms = assembleSignedData(prepared.identity, prepared.attributes, signature, prepared.digest, unsignedAttributes);
  const [, gapStart, gapEnd] = prepared.byteRange;
  const room = (gapEnd - gapStart - 2) / 2;
  if (cms.length > room) {
    throw new SigningError('PLACEHOLDER_TOO_SMALL', `Chỗ dành cho chữ ký quá nhỏ (${cms.length} > ${room} byte) / signature placeholder too small`);
  }
  const signed = Buffer.from(prepared.pdf);
  signed.write(cms.toString('hex'), gapStart + 1, 'latin1');
  return signed;
}

/**
 * The second phase with the preparation's timestamp policy: B-T asks the TSA for a signature-time-stamp over the
 * key's signature (RFC 3161 Appendix A) and embeds it as an unsigned attribute; an unreachable TSA fails, or leaves a
 * B-B signature with a warning when the policy says `sign-without`. A TSA that answers wrongly always fails.
 */
export async function embedPreparedSignature(prepared: PreparedSignature, signature: Uint8Array): Promise<EmbeddedSignature> {
  if (!prepared.timestamp) return { pdf: embedSignature(prepared, signature), level: 'B-B', timestampTime: null, warning: null };
  const stamper = signatureTimestamper(prepared.timestamp, prepared.digest);
  const unsigned = await stamper.attributes(signature);
  return {
    pdf: embedSignature(prepared, signature, unsigned),
    level: stamper.outcome.level,
    timestampTime: stamper.outcome.time?.toISOString() ?? null,
    warning: stamper.outcome.warning,
  };
}
