import type { KeyUsageType } from '@peculiar/asn1-x509';
import { commonNameOf, formatForPeople } from '../certificates/distinguished-name.js';
import type { OtherKeyAlgorithm } from '../certificates/key-algorithm.js';
import { ParsedCertificate } from '../certificates/parsed-certificate.js';
import type { KeyAlgorithm } from '../signer/signer.js';

/** What a person needs to pick a certificate, and what the signer needs to match its key. */
export interface CertificateSummary {
  /** Most specific RDN first (RFC 4514 order): "CN=Nguyễn Văn An, T=Chủ tịch, O=UBND tỉnh Demo, C=VN". */
  readonly subject: string;
  readonly subjectCommonName: string;
  readonly issuer: string;
  /** Hex, lowercase, unsigned (the DER sign byte 00 dropped), as openssl and Windows show it. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Key usage bits named as RFC 5280 names them; empty when the extension is absent. */
  readonly keyUsage: readonly KeyUsageType[];
  readonly isCertificateAuthority: boolean;
  readonly keyAlgorithm: KeyAlgorithm | OtherKeyAlgorithm;
  /** Raw DER of subject and issuer Names, to chain certificates by exact bytes. */
  readonly subjectDer: Buffer;
  readonly issuerDer: Buffer;
}

/** The token picker's view of a certificate, read by the package's one certificate reader. */
export function summariseCertificate(der: Uint8Array): CertificateSummary {
  const certificate = ParsedCertificate.read(der);
  const serial = Buffer.from(certificate.serialBytes);
  return {
    subject: formatForPeople(certificate.subject),
    // The most specific CN, as a person reads the subject line.
    subjectCommonName: commonNameOf([...certificate.subject].reverse()) ?? '',
    issuer: formatForPeople(certificate.issuer),
    serialNumber: (serial.length > 1 && serial[0] === 0 ? serial.subarray(1) : serial).toString('hex'),
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    keyUsage: certificate.keyUsageNames,
    isCertificateAuthority: certificate.isCa,
    keyAlgorithm: certificate.keyAlgorithm,
    subjectDer: Buffer.from(certificate.subjectDer),
    issuerDer: Buffer.from(certificate.issuerDer),
  };
}

/** A certificate fit for signing documents: end entity, and key usage allows signatures (or says nothing). */
export function canSignDocuments(summary: CertificateSummary): boolean {
  if (summary.isCertificateAuthority) return false;
  if (summary.keyUsage.length === 0) return true;
  return summary.keyUsage.includes('digitalSignature') || summary.keyUsage.includes('nonRepudiation');
}
