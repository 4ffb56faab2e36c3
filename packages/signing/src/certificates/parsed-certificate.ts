import { X509Certificate, createHash, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  BasicConstraints,
  Certificate,
  KeyUsage,
  KeyUsageFlags,
  id_ce_basicConstraints,
  id_ce_keyUsage,
  id_ce_subjectKeyIdentifier,
  SubjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import { derBytes, readDerChildren, readDerElement } from '../asn1/der-reader.js';
import { commonNameOf, formatRfc4514, nameMatchKey, parseName, type ParsedName } from './distinguished-name.js';

/**
 * One X.509 certificate with what verification asks of it. node:crypto checks signatures (OpenSSL); the ASN.1
 * library reads extensions and validity; the raw Name bytes come from the DER itself so that names compare exactly.
 */
export class ParsedCertificate {
  readonly der: Uint8Array;
  readonly subject: ParsedName;
  readonly issuer: ParsedName;
  readonly subjectDer: Uint8Array;
  readonly issuerDer: Uint8Array;
  /** Lowercase hex, without leading zero bytes. */
  readonly serialHex: string;
  /** DER of the INTEGER's content (for comparing against CMS IssuerAndSerialNumber). */
  readonly serialBytes: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKey: KeyObject;
  readonly spkiDer: Uint8Array;
  /** null when the certificate has no KeyUsage extension (then no restriction applies). */
  readonly keyUsage: number | null;
  readonly isCa: boolean;
  readonly hasBasicConstraints: boolean;
  /** SubjectKeyIdentifier extension value, lowercase hex; null when absent. */
  readonly subjectKeyIdHex: string | null;
  private readonly x509: X509Certificate;

  constructor(der: Uint8Array) {
    this.der = der;
    this.x509 = new X509Certificate(Buffer.from(der));
    const asn = AsnConvert.parse(der, Certificate);
    const tbsElement = readDerChildren(der, readDerElement(der, 0))[0];
    if (!tbsElement) throw new Error('certificate without tbsCertificate');
    const tbsChildren = readDerChildren(der, tbsElement);
    const offset = tbsChildren[0]?.tag === 0xa0 ? 1 : 0;
    const serial = tbsChildren[offset];
    const issuer = tbsChildren[offset + 2];
    const subject = tbsChildren[offset + 4];
    const spki = tbsChildren[offset + 5];
    if (!serial || !issuer || !subject || !spki) throw new Error('truncated tbsCertificate');
    this.serialBytes = der.subarray(serial.contentStart, serial.end);
    this.serialHex = stripLeadingZeros(Buffer.from(this.serialBytes).toString('hex'));
    this.issuerDer = derBytes(der, issuer);
    this.subjectDer = derBytes(der, subject);
    this.spkiDer = derBytes(der, spki);
    this.issuer = parseName(this.issuerDer);
    this.subject = parseName(this.subjectDer);
    this.notBefore = asn.tbsCertificate.validity.notBefore.getTime();
    this.notAfter = asn.tbsCertificate.validity.notAfter.getTime();
    this.publicKey = this.x509.publicKey;
    const extensions = asn.tbsCertificate.extensions ?? [];
    const keyUsage = extensions.find((e) => e.extnID === id_ce_keyUsage);
    this.keyUsage = keyUsage ? AsnConvert.parse(keyUsage.extnValue, KeyUsage).toNumber() : null;
    const basic = extensions.find((e) => e.extnID === id_ce_basicConstraints);
    this.hasBasicConstraints = basic !== undefined;
    this.isCa = basic ? AsnConvert.parse(basic.extnValue, BasicConstraints).cA : false;
    const ski = extensions.find((e) => e.extnID === id_ce_subjectKeyIdentifier);
    this.subjectKeyIdHex = ski
      ? Buffer.from(AsnConvert.parse(ski.extnValue, SubjectKeyIdentifier).buffer).toString('hex')
      : null;
  }

  get subjectText(): string {
    return formatRfc4514(this.subject);
  }

  get issuerText(): string {
    return formatRfc4514(this.issuer);
  }

  get commonName(): string | null {
    return commonNameOf(this.subject);
  }

  get subjectKey(): string {
    return nameMatchKey(this.subject);
  }

  get issuerKey(): string {
    return nameMatchKey(this.issuer);
  }

  get isSelfIssued(): boolean {
    return this.subjectKey === this.issuerKey;
  }

  /** True when `issuerKey` verifies this certificate's signature. */
  isSignedBy(issuerKey: KeyObject): boolean {
    try {
      return this.x509.verify(issuerKey);
    } catch {
      return false;
    }
  }

  validAt(time: Date): boolean {
    return time.getTime() >= this.notBefore.getTime() && time.getTime() <= this.notAfter.getTime();
  }

  allowsSigning(): boolean {
    if (this.keyUsage === null) return true;
    return (this.keyUsage & (KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation)) !== 0;
  }

  allowsCertSigning(): boolean {
    return this.keyUsage === null || (this.keyUsage & KeyUsageFlags.keyCertSign) !== 0;
  }

  sameNameAndKey(other: ParsedCertificate): boolean {
    return this.subjectKey === other.subjectKey && Buffer.from(this.spkiDer).equals(Buffer.from(other.spkiDer));
  }

  hash(algorithm: string): Buffer {
    return createHash(algorithm).update(this.der).digest();
  }
}

function stripLeadingZeros(hex: string): string {
  const stripped = hex.replace(/^(00)+/, '');
  return stripped === '' ? '0' : stripped;
}
