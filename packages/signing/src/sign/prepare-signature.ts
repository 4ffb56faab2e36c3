import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { assembleSignedData, dataToSign, digestFor, type SignerIdentity } from '../cms/signed-data.js';
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
}

/**
 * Builds the revision in memory. The input is read once; the ByteRange digest covers every byte of `pdf` but the
 * /Contents hole, so the data to sign binds the whole prepared revision.
 */
export async function prepareSignature(options: PrepareSignatureOptions): Promise<PreparedSignature> {
  const reader = PdfReader.open(options.input, { allowRepair: false });
  let built;
  try {
    built = await buildSignatureUpdate(reader, options);
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
  };
}

/**
 * The second phase: the CMS around the key's signature written into the /Contents hole of a copy of the prepared
 * bytes. Nothing else changes. Whether the signature matches the key is for the verifier to say afterwards.
 */
export function embedSignature(prepared: PreparedSignature, signature: Uint8Array): Uint8Array {
  const cms = assembleSignedData(prepared.identity, prepared.attributes, signature, prepared.digest);
  const [, gapStart, gapEnd] = prepared.byteRange;
  const room = (gapEnd - gapStart - 2) / 2;
  if (cms.length > room) {
    throw new SigningError('PLACEHOLDER_TOO_SMALL', `Chỗ dành cho chữ ký quá nhỏ (${cms.length} > ${room} byte) / signature placeholder too small`);
  }
  const signed = Buffer.from(prepared.pdf);
  signed.write(cms.toString('hex'), gapStart + 1, 'latin1');
  return signed;
}
