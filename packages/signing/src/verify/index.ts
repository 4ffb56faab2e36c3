/** Verifying PDF signatures and document timestamps (ISO 32000-2 §12.8, ETSI EN 319 142-1 PAdES). */
export { verifyPdfSignatures, verifyWithReader, type VerifyOptions } from './report/verify-pdf-signatures.js';
export {
  isReportAcceptable,
  isSignatureAcceptable,
  type ModificationVerdict,
  type PdfVerifyReport,
  type SignatureVerdict,
  type SignerSummary,
} from './report/verify-report.js';
export type { VerifyProblem, ProblemCode, ProblemSeverity } from './report/verify-problem.js';
export type { Coverage } from './byte-range/signature-coverage.js';
export type { SignatureKind } from './byte-range/signature-dictionary-checks.js';
export type { DocMdpLevel } from './modifications/signature-permissions.js';
export { holdsCertificates, loadTrustAnchors, SHIPPED_TRUST_DIR, TrustAnchorError } from './certificates/trust-anchors.js';
export { ParsedCertificate } from '../certificates/parsed-certificate.js';
export { parsedCertificateOf } from '../certificates/certificate-cache.js';
export { certificateFacts, type CertificateFacts } from '../certificates/certificate-facts.js';
export { verifyCmsSignature, type CmsVerification, type CmsExpectations } from './cms/verify-cms-signature.js';
