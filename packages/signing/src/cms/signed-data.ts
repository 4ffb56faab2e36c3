import { createHash } from 'node:crypto';
import {
  derContext,
  derNull,
  derOctetString,
  derOid,
  derSequence,
  derSet,
  derSetOf as setOf,
  derSmallInteger,
} from '../asn1/der-writer.js';
import { OID } from '../asn1/oids.js';
import { SigningError } from '../signing-error.js';
import type { DigestAlgorithm, KeyAlgorithm, Signer } from '../signer/signer.js';
import { assertDerEncoded, readCertificateInfo, type CertificateInfo } from './certificate-info.js';

const DIGEST_OID: Record<DigestAlgorithm, string> = { sha256: OID.sha256, sha384: OID.sha384, sha512: OID.sha512 };

/** RFC 5754: the SHA-2 AlgorithmIdentifier has absent parameters. */
const digestAlgorithmId = (digest: DigestAlgorithm): Buffer => derSequence([derOid(DIGEST_OID[digest])]);

/** The digest that goes with a key: SHA-256 for RSA of any size, the curve's own size for ECDSA. Never SHA-1. */
export function digestFor(key: KeyAlgorithm): DigestAlgorithm {
  if (key.kind === 'rsa') return 'sha256';
  return key.curve === 'P-256' ? 'sha256' : key.curve === 'P-384' ? 'sha384' : 'sha512';
}

function signatureAlgorithmId(key: KeyAlgorithm, digest: DigestAlgorithm): Buffer {
  if (key.kind === 'rsa') return derSequence([derOid(OID.rsaEncryption), derNull()]);
  const ecdsa = { sha256: OID.ecdsaWithSha256, sha384: OID.ecdsaWithSha384, sha512: OID.ecdsaWithSha512 }[digest];
  return derSequence([derOid(ecdsa)]);
}

const attribute = (type: string, value: Uint8Array): Buffer => derSequence([derOid(type), derSet([value])]);

/** ESSCertIDv2 with a SHA-256 certHash (the DEFAULT, so hashAlgorithm is omitted) and issuerSerial. */
function signingCertificateV2(cert: CertificateInfo): Buffer {
  const certHash = createHash('sha256').update(cert.der).digest();
  // IssuerSerial (RFC 5035 §4): GeneralNames holding the issuer as directoryName [4], and the serial.
  const issuerSerial = derSequence([derSequence([derContext(4, true, [cert.issuer])]), cert.serialNumber]);
  return derSequence([derSequence([derSequence([derOctetString(certHash), issuerSerial])])]);
}

/**
 * The signed attributes in DER SET OF order (sorted by their encodings, X.690 §11.6): content-type, message-digest,
 * signing-certificate-v2. No signing-time: PAdES baseline forbids it (ETSI EN 319 142-1 §6.3, Table 1); the time
 * goes in the signature dictionary's /M.
 */
export function signedAttributes(cert: CertificateInfo, contentDigest: Uint8Array): Buffer[] {
  const attrs = [
    attribute(OID.contentType, derOid(OID.data)),
    attribute(OID.messageDigest, derOctetString(contentDigest)),
    attribute(OID.signingCertificateV2, signingCertificateV2(cert)),
  ];
  return attrs.sort(Buffer.compare);
}

/** DER of SET OF the given encoded elements: what the signature is computed over (tag 0x31, RFC 5652 §5.4). */
export function derSetOf(encoded: readonly Buffer[]): Buffer {
  return setOf(encoded);
}

export interface CmsSignatureResult {
  readonly der: Buffer;
  readonly digest: DigestAlgorithm;
}

/** An unsigned attribute (RFC 5652 §5.3), e.g. the signature-time-stamp token of PAdES B-T. */
export const unsignedAttribute = (type: string, value: Uint8Array): Buffer => attribute(type, value);

/** The certificates of a key holder: what a prepared signature needs before the key is asked (two-phase signing). */
export type SignerIdentity = Pick<Signer, 'certificate' | 'chain' | 'keyAlgorithm'>;

/** The signed attributes for `contentDigest` and their DER SET OF: the bytes the key signs (EU DSS's data to sign). */
export function dataToSign(certificate: Uint8Array, contentDigest: Uint8Array): { attrs: Buffer[]; toSign: Buffer } {
  const attrs = signedAttributes(readCertificateInfo(certificate), contentDigest);
  return { attrs, toSign: derSetOf(attrs) };
}

/**
 * Builds a detached CMS SignedData over a content digest computed by the caller (the PDF ByteRanges, streamed).
 * One SignerInfo, sid = issuerAndSerialNumber copied verbatim from the certificate, the chain included.
 */
export async function buildCmsSignature(
  signer: Signer,
  contentDigest: Uint8Array,
  digest: DigestAlgorithm,
  unsignedAttributes?: (signature: Uint8Array) => Promise<readonly Buffer[]>,
): Promise<CmsSignatureResult> {
  for (const certificate of signer.chain) assertDerEncoded(certificate);
  const { attrs, toSign } = dataToSign(signer.certificate, contentDigest);
  const signature = await signer.sign(toSign, digest);
  // Unsigned attributes (a timestamp over the signature value) are made once the signature exists.
  const unsigned = unsignedAttributes ? await unsignedAttributes(signature) : [];
  return { der: assembleSignedData(signer, attrs, signature, digest, unsigned), digest };
}

/** The SignedData around a signature made elsewhere (the second phase of two-phase signing) over `attrs`. */
export function assembleSignedData(
  identity: SignerIdentity,
  attrs: readonly Buffer[],
  signature: Uint8Array,
  digest: DigestAlgorithm,
  unsignedAttrs: readonly Buffer[] = [],
): Buffer {
  const cert = readCertificateInfo(identity.certificate);
  for (const certificate of identity.chain) assertDerEncoded(certificate);
  if (signature.length === 0) throw new SigningError('KEY_UNSUPPORTED', 'Chữ ký rỗng / empty signature from the key holder');
  // RFC 5652 §5.3: version 1 with an issuerAndSerialNumber sid; signedAttrs as [0] IMPLICIT SET OF.
  const signerInfo = derSequence([
    derSmallInteger(1),
    derSequence([cert.issuer, cert.serialNumber]),
    digestAlgorithmId(digest),
    derContext(0, true, [...attrs]),
    signatureAlgorithmId(identity.keyAlgorithm, digest),
    derOctetString(signature),
    // unsignedAttrs [1] IMPLICIT SET OF Attribute, DER-sorted like any SET OF.
    ...(unsignedAttrs.length > 0 ? [derContext(1, true, [...unsignedAttrs].sort(Buffer.compare))] : []),
  ]);
  // RFC 5652 §5.1: the certificates go in as they are, [0] IMPLICIT; the content is detached (no eContent).
  const signedData = derSequence([
    derSmallInteger(1),
    derSet([digestAlgorithmId(digest)]),
    derSequence([derOid(OID.data)]),
    derContext(0, true, [identity.certificate, ...identity.chain]),
    derSet([signerInfo]),
  ]);
  return derSequence([derOid(OID.signedData), derContext(0, true, [signedData])]);
}

/** Bytes to reserve for the CMS: chain + signature + attributes, with a margin for encodings and later growth. */
export function estimateCmsSize(signer: SignerIdentity, margin = 4096): number {
  const certs = [signer.certificate, ...signer.chain].reduce((n, c) => n + c.length, 0);
  const key = signer.keyAlgorithm;
  const signatureBytes = key.kind === 'rsa' ? Math.ceil(key.modulusBits / 8) : 2 * 66 + 9;
  const issuerAndAttrs = 2 * 1024;
  return certs + signatureBytes + issuerAndAttrs + margin;
}
