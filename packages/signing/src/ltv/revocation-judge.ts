import type { ParsedCertificate } from '../certificates/parsed-certificate.js';
import { evaluateCrl } from './crl-check.js';
import { evaluateOcspResponse } from './ocsp-response.js';
import type { RevocationData, RevocationFinding, RevocationSource } from './revocation-types.js';

/**
 * A "good" answer issued up to a day before the judged time still counts: LTV tools fetch the revocation data just
 * before they add the archive timestamp whose time the signature is then judged at (EU DSS Certipost LTA fixture).
 */
const FRESHNESS_GRACE_MS = 24 * 3600 * 1000;

export interface RevocationJudgement extends RevocationFinding {
  /** Answers that were about this certificate but cannot count: unauthorised signer, bad signature. */
  readonly rejected: readonly string[];
}

export interface SourcedRevocationData {
  readonly source: Exclude<RevocationSource, null>;
  readonly data: RevocationData;
}

interface Evidence {
  readonly source: Exclude<RevocationSource, null>;
  readonly via: 'ocsp' | 'crl';
  readonly revokedAt: Date | null;
  readonly reason: string | null;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | null;
  readonly unknown: boolean;
}

/**
 * The certificate's status AT `at` (the signature's proven time: its timestamp, else the validation time), from
 * OCSP responses and CRLs that are about it and verifiably come from its CA (RFC 6960 §3.2, RFC 5280 §6.3):
 * - revoked at or before `at` → `revoked`;
 * - revoked later → `good` at `at` (revokedAt and reason are still told): a signature made before the revocation
 *   stays valid, which is what a timestamp is for;
 * - a "good" answer counts when it was produced at or after `at` (less a day's grace), or was still current then;
 * - nothing that counts → `unknown`.
 */
export function judgeRevocation(
  certificate: ParsedCertificate,
  issuer: ParsedCertificate,
  sources: readonly SourcedRevocationData[],
  at: Date,
): RevocationJudgement {
  const evidence: Evidence[] = [];
  const rejected: string[] = [];
  for (const { source, data } of sources) {
    for (const der of data.ocsps) {
      const check = evaluateOcspResponse(der, certificate, issuer);
      if (!check) continue;
      if (!check.signatureValid || !check.authorised) {
        rejected.push(
          !check.signatureValid
            ? 'Trả lời OCSP có chữ ký không kiểm tra được / an OCSP answer whose signature does not verify'
            : 'Trả lời OCSP do một khoá không được CA uỷ quyền ký / an OCSP answer signed by a key the CA did not authorise',
        );
        continue;
      }
      evidence.push({
        source,
        via: 'ocsp',
        revokedAt: check.status === 'revoked' ? check.revokedAt : null,
        reason: check.reason,
        thisUpdate: check.thisUpdate,
        nextUpdate: check.nextUpdate,
        unknown: check.status === 'unknown',
      });
    }
    for (const der of data.crls) {
      const check = evaluateCrl(der, certificate, issuer);
      if (!check) continue;
      if (!check.signatureValid) {
        rejected.push('CRL có chữ ký không kiểm tra được / a CRL whose signature does not verify');
        continue;
      }
      evidence.push({
        source,
        via: 'crl',
        revokedAt: check.revokedAt,
        reason: check.reason,
        thisUpdate: check.thisUpdate,
        nextUpdate: check.nextUpdate,
        unknown: false,
      });
    }
  }
  const time = at.getTime();
  const revokedBefore = evidence.find((e) => e.revokedAt !== null && e.revokedAt.getTime() <= time);
  if (revokedBefore) return finding('revoked', revokedBefore, rejected);
  const revokedLater = evidence.find((e) => e.revokedAt !== null);
  if (revokedLater) return finding('good', revokedLater, rejected);
  const current = evidence.find(
    (e) =>
      !e.unknown &&
      (e.thisUpdate.getTime() >= time - FRESHNESS_GRACE_MS || (e.nextUpdate !== null && e.nextUpdate.getTime() >= time)),
  );
  if (current) return finding('good', current, rejected);
  return { status: 'unknown', source: null, revokedAt: null, reason: null, via: null, rejected };
}

function finding(status: 'good' | 'revoked', evidence: Evidence, rejected: string[]): RevocationJudgement {
  return {
    status,
    source: evidence.source,
    revokedAt: evidence.revokedAt?.toISOString() ?? null,
    reason: evidence.revokedAt ? evidence.reason : null,
    via: evidence.via,
    rejected,
  };
}
