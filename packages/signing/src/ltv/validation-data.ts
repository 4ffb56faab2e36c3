import { OID } from '../asn1/oids.js';
import type { ParsedCertificate } from '../certificates/parsed-certificate.js';
import { PdfName } from '../pdf/pdf-objects.js';
import type { PdfReader } from '../pdf/pdf-reader.js';
import { signatureFields } from '../pdf/signature-fields.js';
import { parseSignedData } from '../verify/cms/parse-signed-data.js';
import { fetchRevocationFor, RevocationCache, type RevocationFetchOptions } from './revocation-fetch.js';

export interface ValidationData {
  /** Every certificate of the signatures, their timestamps and the document timestamps, with the issuers found. */
  readonly certificates: readonly ParsedCertificate[];
  readonly ocsps: readonly Uint8Array[];
  readonly crls: readonly Uint8Array[];
  /** One line per certificate whose revocation no server gave (its status stays unknown; nothing is invented). */
  readonly failures: readonly string[];
  readonly signatures: number;
  readonly documentTimestamps: number;
}

/**
 * What the file's signatures need to be judged later (ETSI EN 319 142-1 §5.4): their certificates and each one's
 * revocation, asked of the servers its own AIA/CDP name (OCSP first, the CRL otherwise). Used by `ltv add` to fill
 * the /DSS and by `verify --online`. `extraCertificates` (the trust anchors) complete chains the file leaves short.
 */
export async function collectValidationData(
  reader: PdfReader,
  options: { readonly extraCertificates: readonly ParsedCertificate[]; readonly revocation?: RevocationFetchOptions },
): Promise<ValidationData> {
  const found = certificatesOfFile(reader);
  const pool = uniqueCertificates([...found.certificates, ...options.extraCertificates]);
  const certificates = uniqueCertificates(found.certificates);
  for (const certificate of [...certificates]) {
    for (const issuer of issuersUpTo(certificate, pool)) if (!certificates.some((c) => sameDer(c, issuer))) certificates.push(issuer);
  }
  const cache = options.revocation?.cache ?? new RevocationCache();
  const ocsps: Uint8Array[] = [];
  const crls: Uint8Array[] = [];
  const failures: string[] = [];
  for (const certificate of certificates) {
    if (certificate.isSelfIssued) continue;
    const issuer = pool.find((candidate) => issues(candidate, certificate));
    if (!issuer) {
      failures.push(`${certificate.subjectText}: không có chứng thư của bên cấp / its issuer's certificate is missing`);
      continue;
    }
    const fetched = await fetchRevocationFor(certificate, issuer, { ...options.revocation, cache });
    ocsps.push(...fetched.ocsps);
    crls.push(...fetched.crls);
    if (fetched.ocsps.length === 0 && fetched.crls.length === 0) {
      failures.push(`${certificate.subjectText}: ${fetched.failures.join('; ') || 'không có địa chỉ OCSP/CRL / no OCSP or CRL address'}`);
    }
  }
  return { certificates, ocsps, crls, failures, signatures: found.signatures, documentTimestamps: found.documentTimestamps };
}

/** Every certificate the signatures, their signature-time-stamps and the document timestamps carry. */
function certificatesOfFile(reader: PdfReader): { certificates: ParsedCertificate[]; signatures: number; documentTimestamps: number } {
  const certificates: ParsedCertificate[] = [];
  let signatures = 0;
  let documentTimestamps = 0;
  for (const field of signatureFields(reader)) {
    if (!field.value || !field.contents) continue;
    const type = reader.resolve(field.value.get('Type'));
    if (type instanceof PdfName && type.name === 'DocTimeStamp') documentTimestamps += 1;
    else signatures += 1;
    let parsed;
    try {
      parsed = parseSignedData(field.contents.bytes);
    } catch {
      continue; // an unreadable signature needs no validation data; the verifier reports it
    }
    certificates.push(...parsed.certificates);
    for (const signerInfo of parsed.signedData.signerInfos) {
      for (const attribute of signerInfo.unsignedAttrs ?? []) {
        if (attribute.attrType !== OID.signatureTimeStamp) continue;
        for (const token of attribute.attrValues) {
          try {
            certificates.push(...parseSignedData(new Uint8Array(token)).certificates);
          } catch {
            // a broken token proves nothing and needs nothing
          }
        }
      }
    }
  }
  return { certificates, signatures, documentTimestamps };
}

function issues(candidate: ParsedCertificate, certificate: ParsedCertificate): boolean {
  return candidate.subjectKey === certificate.issuerKey && certificate.isSignedBy(candidate.publicKey);
}

/** The issuers above `certificate` found in `pool`, nearest first (stops at a self-issued one or a loop). */
function issuersUpTo(certificate: ParsedCertificate, pool: readonly ParsedCertificate[]): ParsedCertificate[] {
  const chain: ParsedCertificate[] = [];
  let current = certificate;
  while (!current.isSelfIssued && chain.length < 10) {
    const issuer = pool.find((candidate) => issues(candidate, current));
    if (!issuer || chain.some((c) => sameDer(c, issuer))) break;
    chain.push(issuer);
    current = issuer;
  }
  return chain;
}

function uniqueCertificates(certificates: readonly ParsedCertificate[]): ParsedCertificate[] {
  const out: ParsedCertificate[] = [];
  for (const certificate of certificates) if (!out.some((c) => sameDer(c, certificate))) out.push(certificate);
  return out;
}

const sameDer = (a: ParsedCertificate, b: ParsedCertificate): boolean => Buffer.from(a.der).equals(Buffer.from(b.der));
