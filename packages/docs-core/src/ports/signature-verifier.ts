/** How much a problem weighs on its own: an error makes the signature unacceptable whatever the trust policy. */
export type SignatureProblemSeverity = 'error' | 'warning';

/** One thing the verifier found, by code: WEAK_DIGEST (ARCHITECTURE.md, invariant 12), NO_TRUSTED_CHAIN, DIGEST_MISMATCH, … */
export interface SignatureProblem {
  readonly code: string;
  readonly severity: SignatureProblemSeverity;
  /** "Vietnamese / English", for the clerk. */
  readonly message?: string;
}

/**
 * What changed after the signature (ETSI EN 319 142-1 §5.4, ISO 32000-2 §12.8.2.2): nothing, only what a later
 * signature, form filling or a document timestamp may add, or something a signed document does not allow.
 */
export type SignatureModification = 'none' | 'allowed' | 'disallowed';

/**
 * A certificate as the store keeps and checks it (Decree 30 Điều 5, 32–33: a signature counts when it is the
 * competent person's, a seal when it is the agency's). Read by the composition root's certificate reader.
 */
export interface CertificateFacts {
  /** RFC 4514, most specific RDN first. */
  readonly subject: string;
  readonly commonName: string | null;
  /** The subject's O (organizationName), or null. */
  readonly organization: string | null;
  readonly issuer: string;
  /** Lowercase hex, without leading zero bytes. */
  readonly serialNumber: string;
  /** SHA-256 of the DER, lowercase hex: what a binding compares. */
  readonly fingerprintSha256: string;
  /** ISO 8601. */
  readonly notBefore: string;
  readonly notAfter: string;
  /** RFC 5280 §4.2.1.3 names (digitalSignature, nonRepudiation, …); null when the extension is absent. */
  readonly keyUsage: readonly string[] | null;
  readonly isCertificateAuthority: boolean;
}

/**
 * One signature found in a PDF, as the verifier judged it: each question answered on its own, so the workflow can
 * accept "valid but not trusted" where it chooses to and the faces can show it.
 */
export interface VerifiedSignature {
  readonly signerName: string | null;
  /** The certificate that made the signature, as the CMS carries it; null when none could be read. */
  readonly certificate?: CertificateFacts | null;
  /** ISO 8601 of the claimed signing time, if any. */
  readonly signedAt: string | null;
  /** The bytes the signature covers are those it signed, and its byte range covers a whole revision. */
  readonly intact: boolean;
  /** The CMS signature verifies with the signer certificate it carries. */
  readonly valid: boolean;
  /**
   * The certificate path reaches one of the agency's trust anchors and validates (RFC 5280 §6); null when no trust
   * anchor is configured, so trust was not asked.
   */
  readonly trusted: boolean | null;
  readonly modification: SignatureModification;
  /**
   * The PAdES baseline level the file gives this signature (ETSI EN 319 142-1: B-B, B-T with a signature timestamp,
   * B-LT with validation data, B-LTA under an archive timestamp); `other` for a non-PAdES signature, null for a
   * document timestamp; absent when the verifier does not say.
   */
  readonly level?: 'B-B' | 'B-T' | 'B-LT' | 'B-LTA' | 'other' | null;
  /** The signature-time-stamp (B-T and up), or a document timestamp's own facts; null: none; absent: not said. */
  readonly timestamp?: SignatureTimestamp | null;
  /** The signer's revocation status at the proven signing time, and where it came from; absent: not said. */
  readonly revocation?: SignatureRevocation | null;
  /** Path problems (no chain, expired certificate) are warnings here: they are what `trusted: false` stands on. */
  readonly problems: readonly SignatureProblem[];
}

/** A timestamp as the verifier judged it (issue 16): when, by which TSA, and each question on its own. */
export interface SignatureTimestamp {
  /** ISO 8601 genTime. */
  readonly time: string | null;
  /** The TSA certificate's subject (RFC 4514). */
  readonly tsa: string | null;
  readonly intact: boolean;
  readonly valid: boolean;
  /** null when no trust anchor was given. */
  readonly trusted: boolean | null;
}

/** What is known of the signer certificate's revocation: from the file's /DSS (`embedded`), asked `online`, or nowhere. */
export interface SignatureRevocation {
  readonly status: 'good' | 'revoked' | 'unknown';
  readonly source: 'embedded' | 'online' | null;
  /** ISO 8601 of a known revocation (even one after the judged time, when the status is still good). */
  readonly revokedAt: string | null;
}

export interface VerificationReport {
  /** No signatures at all: a paper scan, an unsigned file. Not the same as invalid. */
  readonly signed: boolean;
  readonly signatures: readonly VerifiedSignature[];
}

/**
 * Checks the signatures of a PDF (Điều 21: verify authenticity and integrity on receipt). docs-core owns the port;
 * the composition root plugs packages/signing into it. What the workflow accepts is docs-core's decision
 * (workflow/signature-verdict.ts), not the verifier's.
 */
export interface SignatureVerifier {
  /**
   * `at`: the time certificates must be valid at (the workflow's clock); now when not given. `trustAnchors`: the DER
   * of the roots the agency added in the store (`trust add`), counted beside the verifier's configured ones.
   */
  verifyPdf(pdf: Uint8Array, at?: Date, trustAnchors?: readonly Uint8Array[]): Promise<VerificationReport>;
  /** Reads one certificate (DER) handed to the store to bind; a malformed one is E_INVALID_INPUT. */
  readCertificate(der: Uint8Array): CertificateFacts;
}
