import type { DocumentSigner, SignatureVerifier, VerificationReport } from '@eoffice/docs-core';
import { decree30Signer, isSignatureAcceptable, verifyPdfSignatures, type Decree30SignerOptions, type Signer } from '@eoffice/signing';

/**
 * packages/signing behind docs-core's ports. Every face gets the verifier by default (composeServices); a signer is
 * plugged in by the face that holds a key (the CLI's --pkcs11/--p12, later the desktop's token dialog).
 */
export function signingLibraryVerifier(): SignatureVerifier {
  return {
    async verifyPdf(pdf): Promise<VerificationReport> {
      const report = verifyPdfSignatures(pdf);
      const signatures = report.signatures.map((verdict) => {
        const valid = isSignatureAcceptable(verdict, false);
        const errors = verdict.problems.filter((p) => p.severity === 'error').map((p) => p.code);
        return {
          signerName: verdict.signer?.commonName ?? null,
          signedAt: verdict.signingTime,
          valid,
          warnings: verdict.problems.filter((p) => p.severity === 'warning').map((p) => p.code),
          ...(valid ? {} : { problem: errors.join(', ') || 'chữ ký không hợp lệ / invalid signature' }),
        };
      });
      return { signed: signatures.length > 0, valid: signatures.length > 0 && signatures.every((s) => s.valid), signatures };
    },
  };
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
