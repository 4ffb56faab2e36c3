import { X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  BasicConstraints,
  Certificate,
  KeyUsage,
  id_ce_basicConstraints,
  id_ce_keyUsage,
  type KeyUsageType,
  type Name,
} from '@peculiar/asn1-x509';
import type { KeyAlgorithm } from '../signer/signer.js';
import { SigningError } from '../signing-error.js';

/** What a person needs to pick a certificate, and what the signer needs to match its key. */
export interface CertificateSummary {
  /** RFC 4514 order (most specific first): "CN=Nguyễn Văn An, T=Chủ tịch, O=UBND tỉnh Demo, C=VN". */
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
  readonly keyAlgorithm: KeyAlgorithm | { readonly kind: 'other'; readonly name: string };
  /** Raw DER of subject and issuer Names, to chain certificates by exact bytes. */
  readonly subjectDer: Buffer;
  readonly issuerDer: Buffer;
}

// Short names of the attributes found in Vietnamese CA certificates (UID carries "CMND:…", "MST:…", "CCCD:…").
const ATTRIBUTE_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.42': 'GN',
  '1.2.840.113549.1.9.1': 'E',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
};

export function summariseCertificate(der: Uint8Array): CertificateSummary {
  let certificate: Certificate;
  let nodeCertificate: X509Certificate;
  try {
    certificate = AsnConvert.parse(der, Certificate);
    nodeCertificate = new X509Certificate(der);
  } catch (error) {
    throw new SigningError('BAD_ARGUMENT', `Chứng thư số hỏng / malformed certificate: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const tbs = certificate.tbsCertificate;
  let keyUsage: KeyUsageType[] = [];
  let isCertificateAuthority = false;
  for (const extension of tbs.extensions ?? []) {
    if (extension.extnID === id_ce_keyUsage) {
      keyUsage = AsnConvert.parse(extension.extnValue, KeyUsage).toJSON();
    } else if (extension.extnID === id_ce_basicConstraints) {
      isCertificateAuthority = AsnConvert.parse(extension.extnValue, BasicConstraints).cA;
    }
  }
  return {
    subject: formatName(tbs.subject),
    subjectCommonName: commonNameOf(tbs.subject),
    issuer: formatName(tbs.issuer),
    serialNumber: unsignedHex(Buffer.from(tbs.serialNumber)),
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    keyUsage,
    isCertificateAuthority,
    keyAlgorithm: keyAlgorithmOf(nodeCertificate),
    subjectDer: Buffer.from(AsnConvert.serialize(tbs.subject)),
    issuerDer: Buffer.from(AsnConvert.serialize(tbs.issuer)),
  };
}

/** A certificate fit for signing documents: end entity, and key usage allows signatures (or says nothing). */
export function canSignDocuments(summary: CertificateSummary): boolean {
  if (summary.isCertificateAuthority) return false;
  if (summary.keyUsage.length === 0) return true;
  return summary.keyUsage.includes('digitalSignature') || summary.keyUsage.includes('nonRepudiation');
}

function formatName(name: Name): string {
  const parts: string[] = [];
  for (const rdn of [...name].reverse()) {
    const values = [...rdn].map((attribute) => {
      const label = ATTRIBUTE_NAMES[attribute.type] ?? attribute.type;
      return `${label}=${escapeValue(attribute.value.toString())}`;
    });
    parts.push(values.join('+'));
  }
  return parts.join(', ');
}

function commonNameOf(name: Name): string {
  for (const rdn of [...name].reverse()) {
    for (const attribute of rdn) if (attribute.type === '2.5.4.3') return attribute.value.toString();
  }
  return '';
}

function unsignedHex(value: Buffer): string {
  return (value.length > 1 && value[0] === 0 ? value.subarray(1) : value).toString('hex');
}

function escapeValue(value: string): string {
  return value.replace(/([,+"\\<>;])/g, '\\$1');
}

function keyAlgorithmOf(certificate: X509Certificate): CertificateSummary['keyAlgorithm'] {
  const key = certificate.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') return { kind: 'rsa', modulusBits: details.modulusLength ?? 0 };
  if (key.asymmetricKeyType === 'ec') {
    const curve = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' }[details.namedCurve ?? ''] as
      | 'P-256'
      | 'P-384'
      | 'P-521'
      | undefined;
    if (curve) return { kind: 'ec', curve };
    return { kind: 'other', name: `ec ${details.namedCurve ?? '?'}` };
  }
  return { kind: 'other', name: key.asymmetricKeyType ?? 'unknown' };
}
