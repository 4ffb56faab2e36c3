export type { SignatureVerifier, VerificationReport, VerifiedSignature } from './signature-verifier.js';
export type { DocumentSigner, PersonSignatureRequest, AgencySealRequest, SignedPdf } from './document-signer.js';
