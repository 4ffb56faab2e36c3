import { createHash } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { BasicOCSPResponse, id_pkix_ocsp_basic, id_pkix_ocsp_nonce, OCSPResponse, OCSPResponseStatus, type SingleResponse } from '@peculiar/asn1-ocsp';
import { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { digestNameOf } from '../verify/cms/signature-algorithms.js';
import { verifySignatureValue } from '../verify/cms/signature-algorithms.js';
import { nameMatchKey, parseName } from '../certificates/distinguished-name.js';
import { ParsedCertificate } from '../certificates/parsed-certificate.js';
import { certificateLtvFacts, EKU } from './certificate-urls.js';
import { CRL_REASONS, type RevocationStatus } from './revocation-types.js';

export interface OcspCheck {
  readonly status: RevocationStatus;
  readonly revokedAt: Date | null;
  readonly reason: string | null;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | null;
  readonly producedAt: Date;
  /** The response's signature verifies with the responder's key. */
  readonly signatureValid: boolean;
  /** The responder is the issuing CA itself, or a certificate it issued for OCSP signing (RFC 6960 §4.2.2.2). */
  readonly authorised: boolean;
  /** The responder's nonce, when it echoed one. */
  readonly nonce: Buffer | null;
  /** The responder certificate when delegated (it needs its own chain and, without nocheck, its own status). */
  readonly responder: ParsedCertificate | null;
}

/** The unused-bits octet stripped: what RFC 6960 §4.1.1 hashes as issuerKeyHash. */
export function publicKeyBits(certificate: ParsedCertificate): Buffer {
  return Buffer.from(AsnConvert.parse(certificate.spkiDer, SubjectPublicKeyInfo).subjectPublicKey);
}

/** BasicOCSPResponse from an OCSPResponse (RFC 6960 §4.2.1) or, as some files store it, the basic response alone. */
export function readBasicOcsp(der: Uint8Array): BasicOCSPResponse | null {
  try {
    const outer = AsnConvert.parse(der, OCSPResponse);
    if (outer.responseStatus !== OCSPResponseStatus.successful || !outer.responseBytes) return null;
    if (outer.responseBytes.responseType !== id_pkix_ocsp_basic) return null;
    return AsnConvert.parse(outer.responseBytes.response.buffer, BasicOCSPResponse);
  } catch {
    try {
      return AsnConvert.parse(der, BasicOCSPResponse);
    } catch {
      return null;
    }
  }
}

/**
 * Judges one OCSP response for `certificate` issued by `issuer`: null when it says nothing about it. The answer
 * counts only when its signature verifies AND the signer is authorised: the CA itself, or a certificate issued by
 * the CA with id-kp-OCSPSigning. A response signed by any other key (a stolen or unrelated one) is not evidence.
 */
export function evaluateOcspResponse(der: Uint8Array, certificate: ParsedCertificate, issuer: ParsedCertificate): OcspCheck | null {
  const basic = readBasicOcsp(der);
  if (!basic) return null;
  const single = basic.tbsResponseData.responses.find((r) => matchesCertificate(r, certificate, issuer));
  if (!single) return null;
  const embedded: ParsedCertificate[] = [];
  for (const cert of basic.certs ?? []) {
    try {
      embedded.push(new ParsedCertificate(new Uint8Array(AsnConvert.serialize(cert))));
    } catch {
      // an unreadable certificate cannot be the responder
    }
  }
  const responderId = basic.tbsResponseData.responderID;
  const matchesResponder = (candidate: ParsedCertificate): boolean => {
    if (responderId.byKey) {
      return createHash('sha1').update(publicKeyBits(candidate)).digest().equals(Buffer.from(responderId.byKey.buffer));
    }
    if (responderId.byName) return nameMatchKey(parseName(new Uint8Array(AsnConvert.serialize(responderId.byName)))) === candidate.subjectKey;
    return false;
  };
  const responder = [issuer, ...embedded].find(matchesResponder) ?? null;
  const data = basic.tbsResponseDataRaw ? new Uint8Array(basic.tbsResponseDataRaw) : new Uint8Array(AsnConvert.serialize(basic.tbsResponseData));
  const signatureValid =
    responder !== null &&
    verifySignatureValue({
      algorithmOid: basic.signatureAlgorithm.algorithm,
      parameters: basic.signatureAlgorithm.parameters ?? null,
      digest: 'sha256',
      publicKey: responder.publicKey,
      data,
      signature: new Uint8Array(basic.signature),
    }) === 'verified';
  const isIssuer = responder !== null && responder.sameNameAndKey(issuer);
  const delegated =
    responder !== null &&
    !isIssuer &&
    responder.issuerKey === issuer.subjectKey &&
    responder.isSignedBy(issuer.publicKey) &&
    (certificateLtvFacts(responder.der).extendedKeyUsage ?? []).includes(EKU.ocspSigning);
  const nonceExtension = basic.tbsResponseData.responseExtensions?.find((e) => e.extnID === id_pkix_ocsp_nonce);
  const status = single.certStatus;
  const revoked = status.revoked;
  return {
    status: revoked ? 'revoked' : status.good !== undefined ? 'good' : 'unknown',
    revokedAt: revoked?.revocationTime ?? null,
    reason: revoked?.revocationReason ? (CRL_REASONS[revoked.revocationReason.reason] ?? null) : null,
    thisUpdate: single.thisUpdate,
    nextUpdate: single.nextUpdate ?? null,
    producedAt: basic.tbsResponseData.producedAt,
    signatureValid,
    authorised: isIssuer || delegated,
    nonce: nonceExtension ? Buffer.from(nonceExtension.extnValue.buffer) : null,
    responder: delegated ? responder : null,
  };
}

function matchesCertificate(single: SingleResponse, certificate: ParsedCertificate, issuer: ParsedCertificate): boolean {
  const id = single.certID;
  if (stripZeros(Buffer.from(id.serialNumber)).toString('hex') !== stripZeros(Buffer.from(certificate.serialBytes)).toString('hex')) return false;
  const digest = digestNameOf(id.hashAlgorithm.algorithm);
  if (!digest) return false;
  const nameHash = createHash(digest).update(issuer.subjectDer).digest();
  const keyHash = createHash(digest).update(publicKeyBits(issuer)).digest();
  return nameHash.equals(Buffer.from(id.issuerNameHash.buffer)) && keyHash.equals(Buffer.from(id.issuerKeyHash.buffer));
}

function stripZeros(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  return bytes.subarray(start);
}
