import { readDerElement, usesIndefiniteLength } from '../asn1/der-reader.js';
import { ParsedCertificate } from '../certificates/parsed-certificate.js';
import { SigningError } from '../signing-error.js';
import type { KeyAlgorithm } from '../signer/signer.js';

/** What the CMS builder needs from the signer's certificate, with the issuer and serial as the certificate has them. */
export interface CertificateInfo {
  readonly der: Uint8Array;
  /** The issuer Name exactly as encoded in the certificate (RFC 5652 §5.3: the sid must match it byte for byte). */
  readonly issuer: Uint8Array;
  /** The serialNumber INTEGER exactly as encoded. */
  readonly serialNumber: Uint8Array;
  readonly keyAlgorithm: KeyAlgorithm;
}

/**
 * Reads the fields we copy into SignerInfo and ESSCertIDv2, from the package's one certificate reader. A certificate
 * that is not DER (RFC 5280 §4.1) fails here instead of producing a signature that strict verifiers reject.
 */
export function readCertificateInfo(der: Uint8Array): CertificateInfo {
  const certificate = ParsedCertificate.read(der);
  assertDerEncoded(der);
  const keyAlgorithm = certificate.keyAlgorithm;
  if (keyAlgorithm.kind === 'other') {
    throw new SigningError('KEY_UNSUPPORTED', `Loại khoá chưa hỗ trợ (${keyAlgorithm.name}) / unsupported key type (${keyAlgorithm.name})`);
  }
  return { der, issuer: certificate.issuerDer, serialNumber: certificate.serialDer, keyAlgorithm };
}

/** RFC 5652 §10.2.2 embeds certificates as DER; one in BER (indefinite lengths, trailing bytes) is refused. */
export function assertDerEncoded(certificate: Uint8Array): void {
  let root;
  try {
    root = readDerElement(certificate, 0);
  } catch (error) {
    throw new SigningError('BAD_ARGUMENT', `Chứng thư số hỏng / malformed certificate: ${(error as Error).message}`);
  }
  if (root.end !== certificate.length || usesIndefiniteLength(certificate, root)) {
    throw new SigningError('BAD_ARGUMENT', 'Chứng thư số không ở dạng DER / certificate is not DER-encoded');
  }
}
