export type {
  CertificateFacts,
  SignatureModification,
  SignatureProblem,
  SignatureProblemSeverity,
  SignatureRevocation,
  SignatureTimestamp,
  SignatureVerifier,
  VerificationReport,
  VerifiedSignature,
} from './signature-verifier.js';
export type { DocumentSigner, SignatureTimestampRequest, PersonSignatureRequest, AgencySealRequest, AttachmentStampRequest, CopyStampRequest, SignedPdf } from './document-signer.js';
export type { SignaturePreparer, SignerIdentity, PreparedRevision, PreparedDigest, EmbeddedRevision } from './signature-preparer.js';
export type { LtvExtender, LtvExtension } from './ltv-extender.js';
