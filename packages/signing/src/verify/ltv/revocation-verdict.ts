import type { ParsedCertificate } from '../../certificates/parsed-certificate.js';
import { judgeRevocation, type SourcedRevocationData } from '../../ltv/revocation-judge.js';
import type { RevocationSource, RevocationStatus } from '../../ltv/revocation-types.js';
import { error, warning, type VerifyProblem } from '../report/verify-problem.js';

export interface CertificateRevocation {
  readonly subject: string;
  readonly status: RevocationStatus;
  readonly source: RevocationSource;
  readonly revokedAt: string | null;
  readonly reason: string | null;
}

/** The signer's status at the time the signature is judged, and every certificate's below the anchor. */
export interface RevocationVerdict {
  readonly status: RevocationStatus;
  readonly source: RevocationSource;
  /** ISO 8601 of a known revocation, even one after the judged time (then status is `good`). */
  readonly revokedAt: string | null;
  readonly reason: string | null;
  /** The time the status is judged at (the signature's proven time, else the validation time). */
  readonly judgedAt: string;
  readonly certificates: readonly CertificateRevocation[];
}

/**
 * Check 18: revocation of each certificate of the path (signer first, anchor excluded) at `at`. Without a path (no
 * anchors), the signer's issuer is looked for among the certificates at hand. A certificate revoked at or before
 * `at` is an error (the signature was made with a revoked key); revoked later is told, not held against it.
 */
export function judgePathRevocation(
  signer: ParsedCertificate,
  path: readonly ParsedCertificate[],
  pool: readonly ParsedCertificate[],
  sources: readonly SourcedRevocationData[],
  at: Date,
  problems: VerifyProblem[],
): RevocationVerdict {
  const links: [ParsedCertificate, ParsedCertificate][] = [];
  if (path.length >= 2) {
    for (let i = 0; i + 1 < path.length; i++) {
      const certificate = path[i]!;
      const issuer = path[i + 1]!;
      if (certificate.sameNameAndKey(issuer)) continue; // a pinned anchor
      links.push([certificate, issuer]);
    }
  } else {
    const issuer = pool.find((c) => c !== signer && c.subjectKey === signer.issuerKey && signer.isSignedBy(c.publicKey));
    if (issuer) links.push([signer, issuer]);
  }
  const certificates: CertificateRevocation[] = [];
  for (const [certificate, issuer] of links) {
    const judged = judgeRevocation(certificate, issuer, sources, at);
    for (const rejected of new Set(judged.rejected)) {
      const [vi, en] = rejected.split(' / ');
      problems.push(warning('REVOCATION_REJECTED', `${vi} ("${certificate.subjectText}")`, `${en} ("${certificate.subjectText}")`));
    }
    if (judged.status === 'revoked') {
      problems.push(
        error(
          'CERT_REVOKED',
          `Chứng thư "${certificate.subjectText}" đã bị thu hồi lúc ${judged.revokedAt} (${judged.reason ?? 'không rõ lý do'}), trước thời điểm ký được chứng minh ${at.toISOString()}`,
          `certificate "${certificate.subjectText}" was revoked at ${judged.revokedAt} (${judged.reason ?? 'no reason'}), before the proven signing time ${at.toISOString()}`,
        ),
      );
    }
    certificates.push({ subject: certificate.subjectText, status: judged.status, source: judged.source, revokedAt: judged.revokedAt, reason: judged.reason });
  }
  const own = certificates[0];
  const anyRevoked = certificates.find((c) => c.status === 'revoked');
  const headline = anyRevoked ?? own;
  return {
    status: anyRevoked ? 'revoked' : (own?.status ?? 'unknown'),
    source: headline?.source ?? null,
    revokedAt: headline?.revokedAt ?? null,
    reason: headline?.reason ?? null,
    judgedAt: at.toISOString(),
    certificates,
  };
}
