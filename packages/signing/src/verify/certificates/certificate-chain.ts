import type { ParsedCertificate } from '../../certificates/parsed-certificate.js';
import { error, warning, type VerifyProblem } from '../report/verify-problem.js';

export interface ChainVerdict {
  /** null when no trust anchors were given: trust was not asked for. */
  readonly trusted: boolean | null;
  /** Signer first, anchor last, when a path was found. */
  readonly path: readonly ParsedCertificate[];
  readonly problems: VerifyProblem[];
}

const MAX_DEPTH = 10;

/**
 * Checks 16–17: builds a path from the signer to a trust anchor. An anchor matches by subject name AND public key
 * (verifying the child's signature with it), never by file hash: the same root re-issued with other bytes is the
 * same root. Every certificate below the anchor must be valid at `at`; CAs must be CAs; the signer's key usage
 * must allow signing. No revocation checking here (check 18 needs revocation data).
 */
export function verifyCertificateChain(
  signer: ParsedCertificate,
  pool: readonly ParsedCertificate[],
  anchors: readonly ParsedCertificate[],
  at: Date,
): ChainVerdict {
  const problems: VerifyProblem[] = [];
  if (!signer.allowsSigning()) {
    problems.push(
      error(
        'KEY_USAGE_INVALID',
        'Chứng thư của người ký không cho phép ký số (keyUsage)',
        'the signer certificate key usage allows neither digitalSignature nor nonRepudiation',
      ),
    );
  }
  if (anchors.length === 0) return { trusted: null, path: [], problems };

  const path = findPath(signer, pool, anchors, [signer]);
  if (!path) {
    problems.push(
      error(
        'NO_TRUSTED_CHAIN',
        'Không xây dựng được chuỗi chứng thư tới chứng thư gốc tin cậy',
        'no certificate path to a trust anchor',
      ),
    );
    return { trusted: false, path: [], problems };
  }
  let trusted = signer.allowsSigning();
  path.forEach((certificate, index) => {
    const isAnchor = index === path.length - 1 && anchors.includes(certificate);
    if (!certificate.validAt(at)) {
      const when = `${certificate.notBefore.toISOString()} … ${certificate.notAfter.toISOString()}`;
      if (isAnchor) {
        // RFC 5280 §6.1: a trust anchor's validity is not part of path validation; still worth telling.
        problems.push(
          warning(
            'CERT_NOT_VALID_AT_TIME',
            `Chứng thư gốc "${certificate.subjectText}" hết hạn tại thời điểm kiểm tra (${when})`,
            `trust anchor "${certificate.subjectText}" is outside its validity at the validation time (${when})`,
          ),
        );
        return;
      }
      trusted = false;
      problems.push(
        error(
          'CERT_NOT_VALID_AT_TIME',
          `Chứng thư "${certificate.subjectText}" không còn hiệu lực tại ${at.toISOString()} (${when})`,
          `certificate "${certificate.subjectText}" is not valid at ${at.toISOString()} (${when})`,
        ),
      );
    }
    if (index > 0 && !isAnchor && (!certificate.isCa || !certificate.allowsCertSigning())) {
      trusted = false;
      problems.push(
        error(
          'CA_CONSTRAINTS_INVALID',
          `Chứng thư trung gian "${certificate.subjectText}" không phải CA`,
          `intermediate "${certificate.subjectText}" is not a CA`,
        ),
      );
    }
  });
  return { trusted, path, problems };
}

function findPath(
  current: ParsedCertificate,
  pool: readonly ParsedCertificate[],
  anchors: readonly ParsedCertificate[],
  soFar: ParsedCertificate[],
): ParsedCertificate[] | null {
  // The certificate may itself be an anchor (same name and key, possibly other bytes).
  const itself = anchors.find((anchor) => anchor.sameNameAndKey(current));
  // A pinned signer stays in the path as the signer, so its own validity and key usage are still checked.
  if (itself) return soFar.length === 1 ? [current, itself] : [...soFar.slice(0, -1), itself];
  for (const anchor of anchors) {
    if (anchor.subjectKey === current.issuerKey && current.isSignedBy(anchor.publicKey)) return [...soFar, anchor];
  }
  if (soFar.length >= MAX_DEPTH || current.isSelfIssued) return null;
  for (const candidate of pool) {
    if (soFar.includes(candidate) || candidate.subjectKey !== current.issuerKey) continue;
    if (!current.isSignedBy(candidate.publicKey)) continue;
    const found = findPath(candidate, pool, anchors, [...soFar, candidate]);
    if (found) return found;
  }
  return null;
}
