import { createHash } from 'node:crypto';
import type { SignerInfo } from '@peculiar/asn1-cms';
import { OID } from '../../asn1/oids.js';
import type { ParsedCertificate } from '../../certificates/parsed-certificate.js';
import { certificateLtvFacts, EKU } from '../../ltv/certificate-urls.js';
import { verifyCertificateChain } from '../certificates/certificate-chain.js';
import { parseTstInfo } from '../cms/parse-timestamp-token.js';
import { checkTimestampTokenCms } from '../cms/timestamp-token-check.js';
import { error, warning, type VerifyProblem } from '../report/verify-problem.js';

/** A timestamp as the verdict shows it (issue 16 item 5). */
export interface TimestampVerdict {
  /** ISO 8601 genTime. */
  readonly time: string | null;
  /** The TSA certificate's subject (RFC 4514). */
  readonly tsa: string | null;
  /** The imprint equals the hash of what it stamps. */
  readonly intact: boolean;
  /** The token's CMS signature verifies with the TSA certificate. */
  readonly valid: boolean;
  /** The TSA chains to a trust anchor and may stamp time (EKU timeStamping); null when no anchors were given. */
  readonly trusted: boolean | null;
}

export interface JudgedTimestamp {
  readonly verdict: TimestampVerdict;
  /** The time it proves, when it may be relied on (intact, valid, not untrusted). */
  readonly provenTime: Date | null;
  readonly problems: VerifyProblem[];
}

/**
 * Check 19 whole: the signature-time-stamp token's signature, its imprint over the SignerInfo's signature octets,
 * and its TSA: a chain to the anchors valid at `trustAt` (the next archive timestamp's time, else the validation
 * time) and the timeStamping key purpose. Null when the signature has no timestamp.
 */
export function judgeSignatureTimestamp(
  signerInfo: SignerInfo,
  pool: readonly ParsedCertificate[],
  anchors: readonly ParsedCertificate[],
  trustAt: Date,
): JudgedTimestamp | null {
  const attribute = signerInfo.unsignedAttrs?.find((a) => a.attrType === OID.signatureTimeStamp);
  const token = attribute?.attrValues[0];
  if (!token) return null;
  const { cms, sound } = checkTimestampTokenCms(new Uint8Array(token));
  let intact = false;
  let time: Date | null = null;
  if (cms.encapsulatedContent) {
    try {
      const tst = parseTstInfo(cms.encapsulatedContent);
      time = tst.genTime;
      intact =
        tst.imprintDigest !== null &&
        createHash(tst.imprintDigest).update(new Uint8Array(signerInfo.signature.buffer)).digest().equals(Buffer.from(tst.imprint));
    } catch {
      intact = false;
    }
  }
  const valid = sound;
  const tsa = cms.signer;
  const problems: VerifyProblem[] = [];
  const trusted = tsa ? tsaTrusted(tsa, [...(cms.parsed?.certificates ?? []), ...pool], anchors, trustAt, problems) : anchors.length === 0 ? null : false;
  return {
    verdict: { time: time?.toISOString() ?? null, tsa: tsa?.subjectText ?? null, intact, valid, trusted },
    provenTime: intact && valid && trusted !== false ? time : null,
    problems,
  };
}

/** The TSA's chain and key purpose; its problems are reported as warnings on the signature (the timestamp is then not relied on). */
export function tsaTrusted(
  tsa: ParsedCertificate,
  pool: readonly ParsedCertificate[],
  anchors: readonly ParsedCertificate[],
  at: Date,
  problems: VerifyProblem[],
): boolean | null {
  if (anchors.length === 0) return null;
  const chain = verifyCertificateChain(tsa, pool, anchors, at);
  const purposes = certificateLtvFacts(tsa.der).extendedKeyUsage;
  const mayStamp = purposes !== null && purposes.includes(EKU.timeStamping);
  if (!chain.trusted) {
    problems.push(
      warning('TIMESTAMP_UNTRUSTED', `Không tin cậy được TSA "${tsa.subjectText}"`, `the TSA "${tsa.subjectText}" is not trusted`),
    );
  }
  if (!mayStamp) {
    problems.push(
      error('TIMESTAMP_UNTRUSTED', 'Chứng thư TSA không có mục đích timeStamping', 'the TSA certificate lacks the timeStamping key purpose'),
    );
  }
  return chain.trusted === true && mayStamp;
}
