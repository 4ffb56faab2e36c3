import { AsnConvert } from '@peculiar/asn1-schema';
import { CertificateList, CRLReason, id_ce_cRLReasons } from '@peculiar/asn1-x509';
import { nameMatchKey, parseName } from '../certificates/distinguished-name.js';
import type { ParsedCertificate } from '../certificates/parsed-certificate.js';
import { verifySignatureValue } from '../verify/cms/signature-algorithms.js';
import { CRL_REASONS } from './revocation-types.js';

export interface CrlCheck {
  readonly revoked: boolean;
  readonly revokedAt: Date | null;
  readonly reason: string | null;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | null;
  /** The CRL's signature verifies with the issuer's key (RFC 5280 §6.3.3 (f)–(g), the CA signs its own CRLs here). */
  readonly signatureValid: boolean;
}

export function readCrl(der: Uint8Array): CertificateList | null {
  try {
    return AsnConvert.parse(der, CertificateList);
  } catch {
    return null;
  }
}

/**
 * Judges one CRL for `certificate`: null when the CRL is not the issuer's (another CA's list says nothing). Indirect
 * CRLs and delta CRLs are not supported (the issue asks for neither).
 */
export function evaluateCrl(der: Uint8Array, certificate: ParsedCertificate, issuer: ParsedCertificate): CrlCheck | null {
  const crl = readCrl(der);
  if (!crl) return null;
  const tbs = crl.tbsCertList;
  if (nameMatchKey(parseName(new Uint8Array(AsnConvert.serialize(tbs.issuer)))) !== issuer.subjectKey) return null;
  if (certificate.issuerKey !== issuer.subjectKey) return null;
  const data = crl.tbsCertListRaw ? new Uint8Array(crl.tbsCertListRaw) : new Uint8Array(AsnConvert.serialize(tbs));
  const signatureValid =
    verifySignatureValue({
      algorithmOid: crl.signatureAlgorithm.algorithm,
      parameters: crl.signatureAlgorithm.parameters ?? null,
      digest: 'sha256',
      publicKey: issuer.publicKey,
      data,
      signature: new Uint8Array(crl.signature),
    }) === 'verified';
  const serial = stripZeros(Buffer.from(certificate.serialBytes)).toString('hex');
  const entry = (tbs.revokedCertificates ?? []).find((r) => stripZeros(Buffer.from(r.userCertificate)).toString('hex') === serial);
  let reason: string | null = null;
  const reasonExtension = entry?.crlEntryExtensions?.find((e) => e.extnID === id_ce_cRLReasons);
  if (reasonExtension) {
    try {
      reason = CRL_REASONS[AsnConvert.parse(reasonExtension.extnValue, CRLReason).reason] ?? null;
    } catch {
      reason = null;
    }
  }
  return {
    revoked: entry !== undefined,
    revokedAt: entry ? entry.revocationDate.getTime() : null,
    reason,
    thisUpdate: tbs.thisUpdate.getTime(),
    nextUpdate: tbs.nextUpdate?.getTime() ?? null,
    signatureValid,
  };
}

function stripZeros(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  return bytes.subarray(start);
}
