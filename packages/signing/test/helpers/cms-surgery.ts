import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { prepareSignature, type Pkcs12Signer, type PrepareSignatureOptions } from '../../src/index.js';
import { derContext, derNull, derOctetString, derOid, derSequence, derSet } from '../../src/asn1/der-writer.js';
import { OID } from '../../src/asn1/oids.js';
import { readCertificateInfo } from '../../src/cms/certificate-info.js';
import { PdfReader } from '../../src/pdf/pdf-reader.js';
import { signatureFields } from '../../src/pdf/signature-fields.js';
import { requireTool } from './system-tools.js';

/**
 * Test-only surgery on signatures: our signer prepares the revision (the /Contents hole and its ByteRange), the test
 * changes bytes of the signed revision (same length, so offsets hold) or builds the CMS itself, and writes it into the
 * hole. Each piece is small and named, so a test says exactly which one rule its file breaks.
 */
export interface Hole {
  /** The revision to be signed, /Contents all zeros. */
  readonly pdf: Buffer;
  readonly byteRange: readonly [number, number, number, number];
}

export async function prepareHole(
  input: string,
  signer: Pkcs12Signer,
  options: Omit<PrepareSignatureOptions, 'input' | 'identity'> = {},
): Promise<Hole> {
  const prepared = await prepareSignature({ ...options, input, identity: signer });
  return { pdf: Buffer.from(prepared.pdf), byteRange: prepared.byteRange };
}

/** Replaces the last occurrence of `from` by `to` (same length: the xref offsets and the ByteRange stay right). */
export function patchSameLength(hole: Hole, from: string, to: string): Hole {
  if (Buffer.byteLength(from, 'latin1') !== Buffer.byteLength(to, 'latin1')) throw new Error(`"${from}" and "${to}" differ in length`);
  const at = hole.pdf.lastIndexOf(from, undefined, 'latin1');
  if (at < 0) throw new Error(`"${from}" not found`);
  const pdf = Buffer.from(hole.pdf);
  pdf.write(to, at, 'latin1');
  return { pdf, byteRange: hole.byteRange };
}

/** The signed bytes: both ranges of the ByteRange. */
export function signedContent(hole: Hole): Buffer {
  const [a, b, c, d] = hole.byteRange;
  return Buffer.concat([hole.pdf.subarray(a, a + b), hole.pdf.subarray(c, c + d)]);
}

/** Writes `cms` (hex) into the /Contents hole; `trailing` bytes right after it stand for non-zero padding. */
export function embed(hole: Hole, cms: Uint8Array, trailing: Uint8Array = new Uint8Array(0)): Buffer {
  const [, gapStart, gapEnd] = hole.byteRange;
  const hex = Buffer.concat([Buffer.from(cms), Buffer.from(trailing)]).toString('hex');
  if (hex.length > gapEnd - gapStart - 2) throw new Error(`CMS of ${cms.length} bytes does not fit the hole`);
  const pdf = Buffer.from(hole.pdf);
  pdf.write(hex, gapStart + 1, 'latin1');
  return pdf;
}

// ---- attributes (RFC 5652 §5.3, RFC 5035) ----

export const attribute = (type: string, value: Uint8Array): Buffer => derSequence([derOid(type), derSet([value])]);
export const contentTypeAttr = (type: string = OID.data): Buffer => attribute(OID.contentType, derOid(type));
export const messageDigestAttr = (digest: Uint8Array): Buffer => attribute(OID.messageDigest, derOctetString(digest));
/** signing-certificate-v2 naming `certificate` by its SHA-256 (the default hash, so no hashAlgorithm). */
export const signingCertV2Attr = (certificate: Uint8Array): Buffer =>
  attribute(OID.signingCertificateV2, derSequence([derSequence([derSequence([derOctetString(createHash('sha256').update(certificate).digest())])])]));
export const signingTimeAttr = (at: Date): Buffer => {
  const text = at.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return attribute(OID.signingTime, Buffer.concat([Buffer.from([0x17, text.length]), Buffer.from(text, 'latin1')]));
};

export interface CmsRecipe {
  readonly signer: Pkcs12Signer;
  /** Encoded Attribute SEQUENCEs, in the order they are written into signedAttrs. */
  readonly attrs: readonly Buffer[];
  /** What the key signs: the attributes as written (default) or sorted into DER SET OF order. */
  readonly signOver?: 'as-written' | 'der-sorted';
  readonly digestOid?: string;
  /** The SignerInfo's signatureAlgorithm (default rsaEncryption with NULL parameters). */
  readonly signatureAlgorithm?: Buffer;
  /** SignedData.certificates; default the signer's certificate and chain. */
  readonly certificates?: readonly Uint8Array[];
  readonly eContentType?: string;
  readonly eContent?: Uint8Array;
  /** Duplicate the SignerInfo (two signers in one CMS). */
  readonly signerInfos?: number;
  /** The serial INTEGER (whole element) the SignerInfo's issuerAndSerialNumber names; default the signer's. */
  readonly sidSerial?: Uint8Array;
}

/** A CMS SignedData put together by hand around a real signature by the recipe's key. */
export async function buildCms(recipe: CmsRecipe): Promise<Buffer> {
  const cert = readCertificateInfo(recipe.signer.certificate);
  const digestId = derSequence([derOid(recipe.digestOid ?? OID.sha256)]);
  const asWritten = Buffer.concat([Buffer.from([0x31]), derLengthOf(Buffer.concat([...recipe.attrs]).length), ...recipe.attrs]);
  const sorted = [...recipe.attrs].sort(Buffer.compare);
  const derSorted = Buffer.concat([Buffer.from([0x31]), derLengthOf(Buffer.concat(sorted).length), ...sorted]);
  const signature = await recipe.signer.sign(recipe.signOver === 'der-sorted' ? derSorted : asWritten, 'sha256');
  const signerInfo = derSequence([
    Buffer.from([0x02, 0x01, 0x01]),
    derSequence([cert.issuer, recipe.sidSerial ?? cert.serialNumber]),
    digestId,
    derContext(0, true, [...recipe.attrs]),
    recipe.signatureAlgorithm ?? derSequence([derOid(OID.rsaEncryption), derNull()]),
    derOctetString(signature),
  ]);
  const encap = derSequence([
    derOid(recipe.eContentType ?? OID.data),
    ...(recipe.eContent ? [derContext(0, true, [derOctetString(recipe.eContent)])] : []),
  ]);
  const certificates = recipe.certificates ?? [recipe.signer.certificate, ...recipe.signer.chain];
  const signedData = derSequence([
    Buffer.from([0x02, 0x01, 0x01]),
    derSet([digestId]),
    encap,
    ...(certificates.length > 0 ? [derContext(0, true, [...certificates])] : []),
    derSet(Array.from({ length: recipe.signerInfos ?? 1 }, () => signerInfo)),
  ]);
  return derSequence([derOid(OID.signedData), derContext(0, true, [signedData])]);
}

function derLengthOf(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** `openssl cms -sign` over `content`: an independent CMS producer. Extra arguments pass through (-nodetach, -md …). */
export function opensslSign(dir: string, content: Uint8Array, signers: readonly { cert: string; key: string }[], extra: readonly string[] = []): Buffer {
  requireTool('openssl', 'openssl');
  const stem = path.join(dir, `osign-${process.hrtime.bigint()}`);
  writeFileSync(`${stem}.in`, content);
  const signerArgs = signers.flatMap((s) => ['-signer', s.cert, '-inkey', s.key]);
  execFileSync('openssl', ['cms', '-sign', '-binary', '-in', `${stem}.in`, ...signerArgs, '-outform', 'DER', '-out', `${stem}.der`, ...extra], { stdio: 'pipe' });
  return readFileSync(`${stem}.der`);
}

/** The DER CMS (padding dropped) in the /Contents of the field signed last in the file. */
export function lastCms(bytes: Uint8Array): Buffer {
  const reader = PdfReader.open(bytes);
  try {
    const field = signatureFields(reader).filter((f) => f.contents).at(-1);
    if (!field?.contents) throw new Error('no signed field');
    const raw = Buffer.from(field.contents.bytes);
    return raw.subarray(0, derTotal(raw));
  } finally {
    reader.close();
  }
}

function derTotal(der: Buffer): number {
  const first = der[1]!;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + der[2 + i]!;
  return 2 + n + len;
}

/** The ByteRange of the field signed last, and the file as a Hole (to write another CMS into its /Contents). */
export function holeOf(bytes: Uint8Array): Hole {
  const reader = PdfReader.open(bytes);
  try {
    const field = signatureFields(reader).filter((f) => f.byteRange).at(-1);
    const [a, b, c, d] = field!.byteRange as [number, number, number, number];
    const pdf = Buffer.from(bytes);
    pdf.fill('0', b + 1, c - 1, 'latin1');
    return { pdf, byteRange: [a, b, c, d] };
  } finally {
    reader.close();
  }
}

/** The signature-time-stamp token of a CMS's only SignerInfo (the unsigned attribute's value, DER). */
export function timestampToken(cms: Uint8Array): Buffer {
  const signedData = AsnConvert.parse(AsnConvert.parse(cms, ContentInfo).content, SignedData);
  const value = signedData.signerInfos[0]?.unsignedAttrs?.find((a) => a.attrType === OID.signatureTimeStamp)?.attrValues[0];
  if (!value) throw new Error('no signature-time-stamp');
  return Buffer.from(value);
}

/** The CMS with its signature-time-stamp token replaced by `token` (re-encoded by @peculiar; signed attributes untouched). */
export function withTimestampToken(cms: Uint8Array, token: Uint8Array): Buffer {
  const contentInfo = AsnConvert.parse(cms, ContentInfo);
  const signedData = AsnConvert.parse(contentInfo.content, SignedData);
  const attribute = signedData.signerInfos[0]?.unsignedAttrs?.find((a) => a.attrType === OID.signatureTimeStamp);
  if (!attribute) throw new Error('no signature-time-stamp');
  attribute.attrValues = [new Uint8Array(token).buffer];
  contentInfo.content = AsnConvert.serialize(signedData);
  return Buffer.from(AsnConvert.serialize(contentInfo));
}

/** The same CMS with its outer ContentInfo SEQUENCE re-encoded with an indefinite (BER) length: `30 80 … 00 00`. */
export function withIndefiniteOuterLength(der: Uint8Array): Buffer {
  const bytes = Buffer.from(der);
  const headerLength = 2 + (bytes[1]! < 0x80 ? 0 : bytes[1]! & 0x7f);
  return Buffer.concat([Buffer.from([0x30, 0x80]), bytes.subarray(headerLength, derTotal(bytes)), Buffer.from([0, 0])]);
}
