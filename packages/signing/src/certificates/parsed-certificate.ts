import { X509Certificate, createHash, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  BasicConstraints,
  Certificate,
  KeyUsage,
  KeyUsageFlags,
  type KeyUsageType,
  id_ce_basicConstraints,
  id_ce_keyUsage,
  id_ce_subjectKeyIdentifier,
  SubjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import { derBytes, readDerChildren, readDerElement } from '../asn1/der-reader.js';
import type { KeyAlgorithm } from '../signer/signer.js';
import { SigningError } from '../signing-error.js';
import { keyAlgorithmOf, type OtherKeyAlgorithm } from './key-algorithm.js';
import { commonNameOf, formatRfc4514, nameMatchKey, parseName, type ParsedName } from './distinguished-name.js';

/**
 * One X.509 certificate (RFC 5280 §4.1) with what verification, the CMS builder and the token picker ask of it: the
 * package's only certificate reader. node:crypto checks signatures (OpenSSL); the ASN.1 schema library reads
 * extensions and validity; the raw Name and serial bytes come from the DER itself, so that names compare exactly and
 * the CMS sid copies them verbatim (RFC 5652 §5.3).
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
  /** The whole serialNumber INTEGER (tag, length, content) as encoded, for the CMS sid and ESSCertIDv2. */
  readonly serialDer: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKey: KeyObject;
  readonly spkiDer: Uint8Array;
  /** null when the certificate has no KeyUsage extension (then no restriction applies). */
  readonly keyUsage: number | null;
  /** The KeyUsage bits named as RFC 5280 §4.2.1.3 names them; empty when the extension is absent. */
  readonly keyUsageNames: readonly KeyUsageType[];
  readonly isCa: boolean;
  readonly hasBasicConstraints: boolean;
  /** basicConstraints' pathLenConstraint (RFC 5280 §4.2.1.9); null when absent (no limit). */
  readonly pathLenConstraint: number | null;
  /** The OIDs of the extensions marked critical (RFC 5280 §4.2: one the verifier does not know rejects the certificate). */
  readonly criticalExtensionOids: readonly string[];
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
    this.serialDer = derBytes(der, serial);
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
    const keyUsageBits = keyUsage ? AsnConvert.parse(keyUsage.extnValue, KeyUsage) : null;
    this.keyUsage = keyUsageBits ? keyUsageBits.toNumber() : null;
    this.keyUsageNames = keyUsageBits ? keyUsageBits.toJSON() : [];
    const basic = extensions.find((e) => e.extnID === id_ce_basicConstraints);
    this.hasBasicConstraints = basic !== undefined;
    const constraints = basic ? AsnConvert.parse(basic.extnValue, BasicConstraints) : null;
    this.isCa = constraints?.cA ?? false;
    this.pathLenConstraint = constraints?.pathLenConstraint ?? null;
    this.criticalExtensionOids = extensions.filter((e) => e.critical).map((e) => e.extnID);
    const ski = extensions.find((e) => e.extnID === id_ce_subjectKeyIdentifier);
    this.subjectKeyIdHex = ski
      ? Buffer.from(AsnConvert.parse(ski.extnValue, SubjectKeyIdentifier).buffer).toString('hex')
      : null;
  }

  /** Reads a certificate handed to us (a token's, a PKCS#12 file's): a malformed one is the caller's bad input. */
  static read(der: Uint8Array): ParsedCertificate {
    try {
      return new ParsedCertificate(der);
    } catch (error) {
      throw new SigningError('BAD_ARGUMENT', `Chứng thư số hỏng / malformed certificate: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  get keyAlgorithm(): KeyAlgorithm | OtherKeyAlgorithm {
    return keyAlgorithmOf(this.publicKey);
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
