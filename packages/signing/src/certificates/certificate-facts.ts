import { OID } from '../asn1/oids.js';
import type { ParsedName } from './distinguished-name.js';
import { ParsedCertificate } from './parsed-certificate.js';

/**
 * What a store needs to bind a certificate to a person or an agency and to check it when it signs: who it names,
 * which one it is (serial, fingerprint), when it is valid, what its key may do. Plain values, no certificate object.
 */
export interface CertificateFacts {
  /** RFC 4514, most specific RDN first. */
  readonly subject: string;
  readonly commonName: string | null;
  /** The subject's O (organizationName), or null. */
  readonly organization: string | null;
  readonly issuer: string;
  /** Lowercase hex, without leading zero bytes. */
  readonly serialNumber: string;
  /** SHA-256 of the DER, lowercase hex: what a binding compares. */
  readonly fingerprintSha256: string;
  /** ISO 8601 (UTC). */
  readonly notBefore: string;
  readonly notAfter: string;
  /** RFC 5280 §4.2.1.3 names; null when the certificate has no KeyUsage extension. */
  readonly keyUsage: readonly string[] | null;
  readonly isCertificateAuthority: boolean;
}

/** The facts of one certificate, read by the package's one certificate reader. */
export function certificateFacts(certificate: ParsedCertificate | Uint8Array): CertificateFacts {
  const parsed = certificate instanceof ParsedCertificate ? certificate : ParsedCertificate.read(certificate);
  return {
    subject: parsed.subjectText,
    commonName: parsed.commonName,
    organization: attributeOf(parsed.subject, OID.organizationName),
    issuer: parsed.issuerText,
    serialNumber: parsed.serialHex,
    fingerprintSha256: parsed.hash('sha256').toString('hex'),
    notBefore: parsed.notBefore.toISOString(),
    notAfter: parsed.notAfter.toISOString(),
    keyUsage: parsed.keyUsage === null ? null : [...parsed.keyUsageNames],
    isCertificateAuthority: parsed.isCa,
  };
}

function attributeOf(name: ParsedName, oid: string): string | null {
  for (const rdn of name) for (const attribute of rdn) if (attribute.oid === oid) return attribute.text;
  return null;
}
