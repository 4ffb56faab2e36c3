import type { CertificateFacts } from '../../certificates/certificate-facts.js';
import type { VerifyProblem } from './verify-problem.js';
import type { Coverage } from '../byte-range/signature-coverage.js';
import type { SignatureKind } from '../byte-range/signature-dictionary-checks.js';
import type { DocMdpLevel } from '../modifications/signature-permissions.js';
import type { PadesLevel } from '../ltv/pades-level.js';
import type { RevocationVerdict } from '../ltv/revocation-verdict.js';
import type { TimestampVerdict } from '../ltv/timestamp-verdict.js';

/** The verdict vocabulary follows pyHanko: intact, valid, trusted, coverage, modification. */
export type ModificationVerdict = 'none' | 'allowed' | 'disallowed';

export interface SignerSummary {
  readonly commonName: string | null;
  /** RFC 4514. */
  readonly subject: string;
  /** Lowercase hex. */
  readonly serialNumber: string;
  /** RFC 4514. */
  readonly issuer: string;
  /** The signer certificate whole: what a store checks a binding, validity and key usage against. */
  readonly certificate: CertificateFacts;
}

export interface SignatureVerdict {
  /** Fully qualified field name. */
  readonly field: string;
  readonly kind: SignatureKind;
  readonly subFilter: string | null;
  /** 1-based number of the revision the signature covers (1 = the original document); null when unclear. */
  readonly revision: number | null;
  /** ISO 8601: the claimed signing time (signing-time attribute, else /M), or the TSA time for a timestamp. */
  readonly signingTime: string | null;
  readonly signer: SignerSummary | null;
  /** The digest of the ByteRange equals the signed message-digest (and the structure around it is sound). */
  readonly intact: boolean;
  /** The CMS signature verifies with the signer certificate. */
  readonly valid: boolean;
  /** null when no trust anchors were given. */
  readonly trusted: boolean | null;
  readonly coverage: Coverage;
  readonly modification: ModificationVerdict;
  /** The DocMDP P value when this is a certification signature. */
  readonly docMdp: DocMdpLevel | null;
  /** The PAdES baseline level reached in this file; null for a document timestamp (it is not a signature level). */
  readonly level: PadesLevel | null;
  /** The signature-time-stamp (B-T); for a document timestamp, its own facts. null when there is none. */
  readonly timestamp: TimestampVerdict | null;
  /** Revocation at the proven signing time, from the file's /DSS (`embedded`) or fetched with --online. */
  readonly revocation: RevocationVerdict;
  readonly problems: readonly VerifyProblem[];
}

export interface PdfVerifyReport {
  readonly signatures: readonly SignatureVerdict[];
}

/**
 * The bottom line for one signature: intact, valid, covers its revision, nothing disallowed after it, trusted when
 * trust was asked for, and no error-level problem.
 */
export function isSignatureAcceptable(verdict: SignatureVerdict, trustRequested: boolean): boolean {
  return (
    verdict.intact &&
    verdict.valid &&
    verdict.coverage !== 'partial' &&
    verdict.modification !== 'disallowed' &&
    (!trustRequested || verdict.trusted === true) &&
    verdict.problems.every((p) => p.severity !== 'error')
  );
}

export function isReportAcceptable(report: PdfVerifyReport, trustRequested: boolean): boolean {
  return report.signatures.length > 0 && report.signatures.every((s) => isSignatureAcceptable(s, trustRequested));
}
