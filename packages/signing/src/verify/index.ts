/** Verifying PDF signatures and document timestamps (signing.md §11). */
export { verifyPdfSignatures, verifyWithReader, type VerifyOptions } from './verify-pdf-signatures.js';
export {
  isReportAcceptable,
  isSignatureAcceptable,
  type ModificationVerdict,
  type PdfVerifyReport,
  type SignatureVerdict,
  type SignerSummary,
} from './verify-report.js';
export type { VerifyProblem, ProblemCode, ProblemSeverity } from './verify-problem.js';
export type { Coverage } from './signature-coverage.js';
export type { SignatureKind } from './signature-dictionary-checks.js';
export type { DocMdpLevel } from './signature-permissions.js';
export { loadTrustAnchors, TrustAnchorError } from './trust-anchors.js';
export { ParsedCertificate } from './parsed-certificate.js';
export { verifyCmsSignature, type CmsVerification, type CmsExpectations } from './verify-cms-signature.js';
