/** One signature found in a PDF, as the verifier judged it. */
export interface VerifiedSignature {
  readonly signerName: string | null;
  /** ISO 8601 of the claimed signing time, if any. */
  readonly signedAt: string | null;
  readonly valid: boolean;
  /** Codes such as WEAK_DIGEST (DESIGN.md §2.12) or NOT_TRUSTED. */
  readonly warnings: readonly string[];
  /** Why it is invalid, for the clerk (Vietnamese first). */
  readonly problem?: string;
}

export interface VerificationReport {
  /** No signatures at all: a paper scan, an unsigned file. Not the same as invalid. */
  readonly signed: boolean;
  /** Every signature valid (false when unsigned). */
  readonly valid: boolean;
  readonly signatures: readonly VerifiedSignature[];
}

/**
 * Checks the signatures of a PDF (Điều 21: verify authenticity and integrity on receipt). docs-core owns the port;
 * the composition root plugs packages/signing into it.
 */
export interface SignatureVerifier {
  verifyPdf(pdf: Uint8Array): Promise<VerificationReport>;
}
