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
 * The critical extensions this verifier processes or may accept unprocessed (RFC 5280 §4.2): any other critical one
 * rejects its certificate. certificatePolicies counts as processed with any policy acceptable (§6.1: initial policy
 * set anyPolicy, no explicit policy required). nameConstraints and policyConstraints are not processed, so a critical
 * one rejects the certificate instead of being ignored.
 */
const KNOWN_CRITICAL_EXTENSIONS = new Set([
  '2.5.29.15', // keyUsage
  '2.5.29.19', // basicConstraints
  '2.5.29.37', // extKeyUsage (timestamp-verdict checks timeStamping)
  '2.5.29.32', // certificatePolicies
  '2.5.29.17', // subjectAltName (critical when the subject is empty)
  '2.5.29.14', // subjectKeyIdentifier
  '2.5.29.35', // authorityKeyIdentifier
]);

/**
 * Checks 16–17: builds a path from the signer to a trust anchor. An anchor matches by subject name AND public key
 * (verifying the child's signature with it), never by file hash: the same root re-issued with other bytes is the
 * same root. Every certificate below the anchor must be valid at `at` and carry no critical extension the verifier
 * does not know; CAs must be CAs within their pathLenConstraint; the signer's key usage must allow signing. No
 * revocation checking here (check 18 needs revocation data).
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

  const path = findPath(signer, pool, anchors);
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
    // findPath always ends on an object taken from `anchors` (a pinned signer is kept apart at index 0).
    const isAnchor = index === path.length - 1;
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
      } else {
        trusted = false;
        problems.push(
          error(
            'CERT_NOT_VALID_AT_TIME',
            `Chứng thư "${certificate.subjectText}" không còn hiệu lực tại ${at.toISOString()} (${when})`,
            `certificate "${certificate.subjectText}" is not valid at ${at.toISOString()} (${when})`,
          ),
        );
      }
    }
    // RFC 5280 §6.1.4 (o): the anchor is input, not a certificate of the path; every other one is processed.
    const unknown = isAnchor ? [] : certificate.criticalExtensionOids.filter((oid) => !KNOWN_CRITICAL_EXTENSIONS.has(oid));
    if (unknown.length > 0) {
      trusted = false;
      problems.push(
        error(
          'CERT_UNKNOWN_CRITICAL_EXTENSION',
          `Chứng thư "${certificate.subjectText}" có phần mở rộng bắt buộc (critical) không được hỗ trợ: ${unknown.join(', ')}`,
          `certificate "${certificate.subjectText}" has a critical extension the verifier does not process: ${unknown.join(', ')}`,
        ),
      );
    }
    if (index === 0) return;
    if (!isAnchor && (!certificate.isCa || !certificate.allowsCertSigning())) {
      trusted = false;
      problems.push(
        error(
          'CA_CONSTRAINTS_INVALID',
          `Chứng thư trung gian "${certificate.subjectText}" không phải CA`,
          `intermediate "${certificate.subjectText}" is not a CA`,
        ),
      );
    }
    // RFC 5280 §6.1.4 (l, m): a CA's pathLenConstraint bounds the non-self-issued intermediates below it. Checked on
    // the anchor too, as OpenSSL does: a root that says "no intermediate" is not overruled by one in a PDF.
    const below = path.slice(1, index).filter((c) => !c.isSelfIssued).length;
    if (certificate.pathLenConstraint !== null && below > certificate.pathLenConstraint) {
      trusted = false;
      problems.push(
        error(
          'CA_CONSTRAINTS_INVALID',
          `Chứng thư CA "${certificate.subjectText}" chỉ cho phép ${certificate.pathLenConstraint} CA trung gian bên dưới, chuỗi có ${below}`,
          `CA "${certificate.subjectText}" allows ${certificate.pathLenConstraint} intermediate CA(s) below it (pathLenConstraint), the path has ${below}`,
        ),
      );
    }
  });
  return { trusted, path, problems };
}

/**
 * Breadth first, each pool certificate entered at most once: the shortest path, found with at most
 * pool × (pool + anchors) signature checks. A depth-first search that only avoids repeating a certificate within one
 * path is exponential on a hostile pool (look-alike cross-certificates: same names and keys, other serials).
 */
function findPath(
  signer: ParsedCertificate,
  pool: readonly ParsedCertificate[],
  anchors: readonly ParsedCertificate[],
): ParsedCertificate[] | null {
  // A pinned signer (its own certificate an anchor: same name and key, possibly other bytes) stays in the path as the
  // signer, so its own validity and key usage are still checked. A pool certificate that is an anchor is never
  // entered: the certificate below it already meets the anchor in the loop.
  const itself = anchors.find((anchor) => anchor.sameNameAndKey(signer));
  if (itself) return [signer, itself];
  const entered = new Set<ParsedCertificate>();
  let level: ParsedCertificate[][] = [[signer]];
  while (level.length > 0) {
    const next: ParsedCertificate[][] = [];
    for (const soFar of level) {
      const current = soFar[soFar.length - 1] as ParsedCertificate;
      for (const anchor of anchors) {
        if (anchor.subjectKey === current.issuerKey && current.isSignedBy(anchor.publicKey)) return [...soFar, anchor];
      }
      if (soFar.length >= MAX_DEPTH || current.isSelfIssued) continue;
      for (const candidate of pool) {
        if (entered.has(candidate) || candidate.subjectKey !== current.issuerKey) continue;
        if (!current.isSignedBy(candidate.publicKey)) continue;
        entered.add(candidate);
        next.push([...soFar, candidate]);
      }
    }
    level = next;
  }
  return null;
}
