import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { SigningError } from '../signing-error.js';
import type { DigestAlgorithm, KeyAlgorithm, Signer } from '../signer/signer.js';
import { fromBinary, parseDer, readCertificateInfo, toBinary, type CertificateInfo } from './certificate-info.js';
import { OID } from '../asn1/oids.js';

const { asn1 } = forge;
type Node = forge.asn1.Asn1;

const U = asn1.Class.UNIVERSAL;
const seq = (items: Node[]): Node => asn1.create(U, asn1.Type.SEQUENCE, true, items);
const set = (items: Node[]): Node => asn1.create(U, asn1.Type.SET, true, items);
const oid = (id: string): Node => asn1.create(U, asn1.Type.OID, false, asn1.oidToDer(id).getBytes());
const octets = (bytes: Uint8Array): Node => asn1.create(U, asn1.Type.OCTETSTRING, false, toBinary(bytes));
const integer = (n: number): Node => asn1.create(U, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const nullValue = (): Node => asn1.create(U, asn1.Type.NULL, false, '');
const context = (tag: number, constructed: boolean, value: Node[] | string): Node =>
  asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, constructed, value);
const der = (node: Node): Buffer => fromBinary(asn1.toDer(node).getBytes());
const parse = parseDer;

const DIGEST_OID: Record<DigestAlgorithm, string> = { sha256: OID.sha256, sha384: OID.sha384, sha512: OID.sha512 };

/** RFC 5754: the SHA-2 AlgorithmIdentifier has absent parameters. */
const digestAlgorithmId = (digest: DigestAlgorithm): Node => seq([oid(DIGEST_OID[digest])]);

/** The digest that goes with a key: SHA-256 for RSA of any size, the curve's own size for ECDSA. Never SHA-1. */
export function digestFor(key: KeyAlgorithm): DigestAlgorithm {
  if (key.kind === 'rsa') return 'sha256';
  return key.curve === 'P-256' ? 'sha256' : key.curve === 'P-384' ? 'sha384' : 'sha512';
}

function signatureAlgorithmId(key: KeyAlgorithm, digest: DigestAlgorithm): Node {
  if (key.kind === 'rsa') return seq([oid(OID.rsaEncryption), nullValue()]);
  const ecdsa = { sha256: OID.ecdsaWithSha256, sha384: OID.ecdsaWithSha384, sha512: OID.ecdsaWithSha512 }[digest];
  return seq([oid(ecdsa)]);
}

const attribute = (type: string, value: Node): Node => seq([oid(type), set([value])]);

/** ESSCertIDv2 with a SHA-256 certHash (the DEFAULT, so hashAlgorithm is omitted) and issuerSerial. */
function signingCertificateV2(cert: CertificateInfo): Node {
  const certHash = createHash('sha256').update(cert.der).digest();
  const issuerSerial = seq([seq([context(4, true, [cert.issuer])]), cert.serialNumber]);
  return seq([seq([seq([octets(certHash), issuerSerial])])]);
}

/**
 * The signed attributes in DER SET OF order (sorted by their encodings, X.690 §11.6): content-type, message-digest,
 * signing-certificate-v2. No signing-time: PAdES forbids it (signing.md §0.3).
 */
export function signedAttributes(cert: CertificateInfo, contentDigest: Uint8Array): Buffer[] {
  const attrs = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(contentDigest)),
    attribute(OID.signingCertificateV2, signingCertificateV2(cert)),
  ].map(der);
  return attrs.sort(Buffer.compare);
}

/** DER of SET OF the given encoded elements: what the signature is computed over (tag 0x31, RFC 5652 §5.4). */
export function derSetOf(encoded: readonly Buffer[]): Buffer {
  return der(set(encoded.map(parse)));
}

export interface CmsSignatureResult {
  readonly der: Buffer;
  readonly digest: DigestAlgorithm;
}

/**
 * Builds a detached CMS SignedData over a content digest computed by the caller (the PDF ByteRanges, streamed).
 * One SignerInfo, sid = issuerAndSerialNumber copied verbatim from the certificate, the chain included.
 */
export async function buildCmsSignature(signer: Signer, contentDigest: Uint8Array, digest: DigestAlgorithm): Promise<CmsSignatureResult> {
  const cert = readCertificateInfo(signer.certificate);
  const attrs = signedAttributes(cert, contentDigest);
  const toSign = derSetOf(attrs);
  const signature = await signer.sign(toSign, digest);
  if (signature.length === 0) throw new SigningError('KEY_UNSUPPORTED', 'Chữ ký rỗng / empty signature from the key holder');
  const signerInfo = seq([
    integer(1),
    seq([cert.issuer, cert.serialNumber]),
    digestAlgorithmId(digest),
    context(0, true, attrs.map(parse)),
    signatureAlgorithmId(signer.keyAlgorithm, digest),
    octets(signature),
  ]);
  const certificates = [signer.certificate, ...signer.chain].map(parse);
  const signedData = seq([
    integer(1),
    set([digestAlgorithmId(digest)]),
    seq([oid(OID.data)]),
    context(0, true, certificates),
    set([signerInfo]),
  ]);
  const contentInfo = seq([oid(OID.signedData), context(0, true, [signedData])]);
  const out = der(contentInfo);
  // Guard the promise that certificates and the issuer are embedded byte for byte.
  for (const c of [signer.certificate, ...signer.chain]) {
    if (out.indexOf(Buffer.from(c)) < 0) {
      throw new SigningError('BAD_ARGUMENT', 'Chứng thư số không ở dạng DER / certificate is not DER-encoded');
    }
  }
  return { der: out, digest };
}

/** Bytes to reserve for the CMS: chain + signature + attributes, with a margin for encodings and later growth. */
export function estimateCmsSize(signer: Signer, margin = 4096): number {
  const certs = [signer.certificate, ...signer.chain].reduce((n, c) => n + c.length, 0);
  const key = signer.keyAlgorithm;
  const signatureBytes = key.kind === 'rsa' ? Math.ceil(key.modulusBits / 8) : 2 * 66 + 9;
  const issuerAndAttrs = 2 * 1024;
  return certs + signatureBytes + issuerAndAttrs + margin;
}
