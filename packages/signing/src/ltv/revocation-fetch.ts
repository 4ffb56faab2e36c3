import { randomBytes } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { CertID, id_pkix_ocsp_nonce, OCSPRequest, Request, TBSRequest } from '@peculiar/asn1-ocsp';
import { AlgorithmIdentifier, Extension, Extensions } from '@peculiar/asn1-x509';
import { createHash } from 'node:crypto';
import { OID } from '../asn1/oids.js';
import type { ParsedCertificate } from '../certificates/parsed-certificate.js';
import { SigningError } from '../signing-error.js';
import { certificateLtvFacts } from './certificate-urls.js';
import { readCrl } from './crl-check.js';
import { httpExchange } from './http-exchange.js';
import { evaluateOcspResponse, publicKeyBits } from './ocsp-response.js';
import type { RevocationData } from './revocation-types.js';

export interface RevocationFetchOptions {
  /** Per request. */
  readonly timeoutMs?: number;
  /** Shared by the fetches of one run (or a long-lived process): answers are reused until their nextUpdate. */
  readonly cache?: RevocationCache;
  readonly now?: () => Date;
}

/**
 * Answers kept in memory until their nextUpdate (or 5 minutes when a responder gives none): a verification of many
 * signatures by one CA asks its responder once per certificate and its CRL once. Failures are not cached.
 */
export class RevocationCache {
  private readonly entries = new Map<string, { der: Buffer; until: number }>();
  get(key: string, now: Date): Buffer | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.until < now.getTime()) {
      this.entries.delete(key);
      return null;
    }
    return entry.der;
  }
  set(key: string, der: Buffer, until: Date | null, now: Date): void {
    this.entries.set(key, { der, until: until?.getTime() ?? now.getTime() + 5 * 60_000 });
  }
}

/** SHA-1 CertID (RFC 6960 §4.1.1; RFC 5019 responders accept only SHA-1 here; it identifies, it does not protect). */
function certId(certificate: ParsedCertificate, issuer: ParsedCertificate): CertID {
  return new CertID({
    hashAlgorithm: new AlgorithmIdentifier({ algorithm: OID.sha1, parameters: null }),
    issuerNameHash: new OctetString(createHash('sha1').update(issuer.subjectDer).digest()),
    issuerKeyHash: new OctetString(createHash('sha1').update(publicKeyBits(issuer)).digest()),
    serialNumber: toArrayBuffer(certificate.serialBytes),
  });
}

/** An OCSPRequest for one certificate with a 16-byte nonce (RFC 8954). */
export function buildOcspRequest(certificate: ParsedCertificate, issuer: ParsedCertificate): { der: Buffer; nonce: Buffer } {
  const nonce = randomBytes(16);
  const nonceValue = Buffer.from(AsnConvert.serialize(new OctetString(nonce)));
  const request = new OCSPRequest({
    tbsRequest: new TBSRequest({
      requestList: [new Request({ reqCert: certId(certificate, issuer) })],
      requestExtensions: new Extensions([new Extension({ extnID: id_pkix_ocsp_nonce, critical: false, extnValue: new OctetString(nonceValue) })]),
    }),
  });
  return { der: Buffer.from(AsnConvert.serialize(request)), nonce: nonceValue };
}

/**
 * Asks the certificate's OCSP responder (AIA) with a nonce; a responder that does not echo the nonce is still
 * used (many CAs pre-sign answers) but one that echoes ANOTHER nonce is refused (a replayed answer).
 */
export async function fetchOcsp(certificate: ParsedCertificate, issuer: ParsedCertificate, url: string, options: RevocationFetchOptions = {}): Promise<Buffer> {
  const now = options.now?.() ?? new Date();
  const key = `ocsp|${url}|${issuer.subjectKey}|${certificate.serialHex}`;
  const cached = options.cache?.get(key, now);
  if (cached) return cached;
  const { der, nonce } = buildOcspRequest(certificate, issuer);
  const answer = await httpExchange(url, {
    method: 'POST',
    body: der,
    contentType: 'application/ocsp-request',
    accept: 'application/ocsp-response',
    timeoutMs: options.timeoutMs ?? 10_000,
    maxBytes: 1024 * 1024,
    errorCode: 'OCSP_UNREACHABLE',
    what: 'OCSP',
  });
  const check = evaluateOcspResponse(answer, certificate, issuer);
  if (!check) throw new SigningError('OCSP_MALFORMED', `Trả lời OCSP không nói về chứng thư này / the OCSP answer is not about this certificate (${url})`);
  if (check.nonce && !check.nonce.equals(nonce)) {
    throw new SigningError('OCSP_MISMATCH', `Trả lời OCSP mang nonce khác / the OCSP answer carries another nonce (${url})`);
  }
  options.cache?.set(key, answer, check.nextUpdate, now);
  return answer;
}

export async function fetchCrl(url: string, options: RevocationFetchOptions = {}): Promise<Buffer> {
  const now = options.now?.() ?? new Date();
  const key = `crl|${url}`;
  const cached = options.cache?.get(key, now);
  if (cached) return cached;
  const answer = await httpExchange(url, {
    method: 'GET',
    accept: 'application/pkix-crl',
    timeoutMs: options.timeoutMs ?? 10_000,
    maxBytes: 32 * 1024 * 1024,
    errorCode: 'CRL_UNREACHABLE',
    what: 'CRL',
  });
  const crl = readCrl(answer);
  if (!crl) throw new SigningError('CRL_MALFORMED', `CRL không đọc được / unreadable CRL (${url})`);
  options.cache?.set(key, answer, crl.tbsCertList.nextUpdate?.getTime() ?? null, now);
  return answer;
}

export interface FetchedRevocation extends RevocationData {
  /** One line per server that could not be used (the verdict tells them; they never throw). */
  readonly failures: readonly string[];
}

/**
 * Everything the certificate's own URLs give: OCSP first; the CRLs too when OCSP gave nothing usable. Failures are
 * collected, not thrown: an unreachable responder makes the status unknown, it does not make the file unreadable.
 */
export async function fetchRevocationFor(
  certificate: ParsedCertificate,
  issuer: ParsedCertificate,
  options: RevocationFetchOptions = {},
): Promise<FetchedRevocation> {
  const facts = certificateLtvFacts(certificate.der);
  const ocsps: Buffer[] = [];
  const crls: Buffer[] = [];
  const failures: string[] = [];
  for (const url of facts.ocspUrls) {
    try {
      ocsps.push(await fetchOcsp(certificate, issuer, url, options));
      break;
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (ocsps.length === 0) {
    for (const url of facts.crlUrls) {
      try {
        crls.push(await fetchCrl(url, options));
        break;
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
  }
  return { ocsps, crls, failures };
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
