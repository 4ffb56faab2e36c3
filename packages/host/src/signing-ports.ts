import { EOfficeError } from '@eoffice/contract';
import type { DocumentSigner, SignatureProblem, SignatureVerifier, VerificationReport, VerifiedSignature } from '@eoffice/docs-core';
import {
  decree30Signer,
  loadTrustAnchors,
  TrustAnchorError,
  verifyPdfSignatures,
  type Decree30SignerOptions,
  type ParsedCertificate,
  type SignatureVerdict,
  type Signer,
} from '@eoffice/signing';
import { trustAnchorPaths, type TrustConfiguration } from './trust-anchor-paths.js';

export interface VerifierOptions {
  /** Where the trust anchors come from (trustAnchorPaths); absent: trust is not asked, every signature `trusted: null`. */
  readonly trust?: TrustConfiguration;
}

/**
 * Problems of the certificate path (RFC 5280 §6): what `trusted: false` stands on. packages/signing rates them errors
 * because `eoffice verify` with anchors asks for trust; through the port they are warnings beside `trusted`, so the
 * workflow weighs trust by its own rule instead of through an error it cannot tell from a broken signature.
 */
const PATH_PROBLEMS = new Set(['NO_TRUSTED_CHAIN', 'CERT_NOT_VALID_AT_TIME', 'CA_CONSTRAINTS_INVALID']);

/**
 * packages/signing behind docs-core's ports. Every face gets the verifier by default (composeServices); a signer is
 * plugged in by the face that holds a key (the CLI's --pkcs11/--p12, later the desktop's token dialog). The anchors
 * are read at each verification: a root the agency adds to its trust folder counts from the next check on.
 */
export function signingLibraryVerifier(options: VerifierOptions = {}): SignatureVerifier {
  return {
    async verifyPdf(pdf, at): Promise<VerificationReport> {
      const trustAnchors = await readAnchors(options.trust ? trustAnchorPaths(options.trust) : []);
      const report = verifyPdfSignatures(pdf, { trustAnchors, ...(at ? { validationTime: at } : {}) });
      const signatures = report.signatures.map(toVerifiedSignature);
      return { signed: signatures.length > 0, signatures };
    },
  };
}

/** The verdict whole (ETSI EN 319 142-1 §5: integrity, the signature itself, the certificate path), in the port's words. */
export function toVerifiedSignature(verdict: SignatureVerdict): VerifiedSignature {
  const problems: SignatureProblem[] = verdict.problems.map((p) => ({
    code: p.code,
    severity: PATH_PROBLEMS.has(p.code) ? 'warning' : p.severity,
    message: p.message,
  }));
  return {
    signerName: verdict.signer?.commonName ?? null,
    signedAt: verdict.signingTime,
    // A byte range that covers no whole revision leaves bytes of the signed revision outside the signature.
    intact: verdict.intact && verdict.coverage !== 'partial',
    valid: verdict.valid,
    trusted: verdict.trusted,
    modification: verdict.modification,
    problems,
  };
}

async function readAnchors(paths: readonly string[]): Promise<ParsedCertificate[]> {
  try {
    return await loadTrustAnchors(paths);
  } catch (error) {
    // A trust folder that cannot be read must not quietly turn every signature into "trust not asked".
    if (error instanceof TrustAnchorError) throw new EOfficeError('E_FILE_UNREADABLE', error.message);
    throw error;
  }
}

export type DocumentSignerOptions = Decree30SignerOptions;

/**
 * The workflow's signer port is packages/signing's Decree 30 signer as it is: the assignment below is where
 * TypeScript checks that signing's own request types fit docs-core's port, so neither package imports the other.
 */
export function signingLibraryDocumentSigner(signer: Signer, options: DocumentSignerOptions = {}): DocumentSigner {
  const documentSigner: DocumentSigner = decree30Signer(signer, options);
  return documentSigner;
}
