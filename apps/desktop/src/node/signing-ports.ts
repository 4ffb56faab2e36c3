import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentSigner, SignatureVerifier, VerificationReport } from '@eoffice/docs-core';
import { isSignatureAcceptable, signPdf, verifyPdfSignatures, type Signer } from '@eoffice/signing';

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

/** Signs with a key on a token (or a PKCS#12 file) through signPdf: an incremental update, never a re-save. */
export function signingLibraryDocumentSigner(signer: Signer): DocumentSigner {
  async function sign(pdf: Uint8Array, reason: string, signingTime: Date) {
    const dir = await mkdtemp(join(tmpdir(), 'eoffice-sign-'));
    try {
      const input = join(dir, 'in.pdf');
      const output = join(dir, 'out.pdf');
      await writeFile(input, pdf);
      await signPdf({ input, output, signer, reason, signingTime, subFilter: 'ETSI.CAdES.detached' });
      const bytes = await readFile(output);
      const last = verifyPdfSignatures(bytes).signatures.at(-1);
      return { pdf: new Uint8Array(bytes), signerName: last?.signer?.commonName ?? '' };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return {
    signAsPerson: (request) => sign(request.pdf, request.reason, request.signingTime),
    sealAsAgency: (request) => sign(request.pdf, `Ban hành ${request.numberAndSymbol}`, request.signingTime),
  };
}
