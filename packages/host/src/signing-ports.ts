import { EOfficeError, isErrorCode } from '@eoffice/contract';
import type { DocumentSigner, PreparedRevision, SignaturePreparer, SignatureProblem, SignatureVerifier, VerificationReport, VerifiedSignature } from '@eoffice/docs-core';
import type {
  Decree30Preparer,
  Decree30Signer,
  PreparedSignature,
  Decree30SignerOptions,
  ParsedCertificate,
  SignatureVerdict,
  Signer,
} from '@eoffice/signing';
import { certificateFacts, loadTrustAnchors, parsedCertificateOf, summariseCertificate, TrustAnchorError } from '@eoffice/signing/certificates';
import { SigningError } from '@eoffice/signing/signing-error';
import { signingLibrary } from './signing-library.js';
import { trustAnchorPaths, type TrustConfiguration } from './trust-anchor-paths.js';
import { WorkerVerifier, type VerifierLimits } from './verification/worker-verifier.js';

export interface VerifierOptions {
  /** Where the trust anchors come from (trustAnchorPaths); absent: trust is not asked, every signature `trusted: null`. */
  readonly trust?: TrustConfiguration;
  /** The verifier thread's time and memory limits (defaults in WorkerVerifier). */
  readonly limits?: VerifierLimits;
}

/**
 * Problems of the certificate path (RFC 5280 §6): what `trusted: false` stands on. packages/signing rates them errors
 * because `eoffice verify` with anchors asks for trust; through the port they are warnings beside `trusted`, so the
 * workflow weighs trust by its own rule instead of through an error it cannot tell from a broken signature.
 */
const PATH_PROBLEMS = new Set(['NO_TRUSTED_CHAIN', 'CERT_NOT_VALID_AT_TIME', 'CA_CONSTRAINTS_INVALID', 'CERT_UNKNOWN_CRITICAL_EXTENSION']);

/**
 * packages/signing behind docs-core's ports. Every face gets the verifier by default (composeServices); a signer is
 * plugged in by the face that holds a key (the CLI's --pkcs11/--p12, later the desktop's token dialog). The anchors
 * are read at each verification: a root the agency adds to its trust folder counts from the next check on.
 */
export function signingLibraryVerifier(options: VerifierOptions = {}): SignatureVerifier & { close(): Promise<void> } {
  // Verification runs on its own thread with limits, so a hostile file never blocks the other calls.
  const thread = new WorkerVerifier(options.limits);
  return {
    async verifyPdf(pdf, at, stored = []): Promise<VerificationReport> {
      const trustAnchors = [...(await readAnchors(options.trust ? trustAnchorPaths(options.trust) : [])), ...stored.map(storedAnchor)];
      const report = await thread.verify(pdf, trustAnchors, at);
      const signatures = report.signatures.map(toVerifiedSignature);
      return { signed: signatures.length > 0, signatures };
    },
    close: () => thread.close(),
    readCertificate(der) {
      try {
        return certificateFacts(der);
      } catch (error) {
        if (error instanceof SigningError) throw new EOfficeError('E_INVALID_INPUT', error.message);
        throw error;
      }
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
    certificate: verdict.signer?.certificate ?? null,
    signedAt: verdict.signingTime,
    // A byte range that covers no whole revision leaves bytes of the signed revision outside the signature.
    intact: verdict.intact && verdict.coverage !== 'partial',
    valid: verdict.valid,
    trusted: verdict.trusted,
    modification: verdict.modification,
    level: verdict.level,
    timestamp: verdict.timestamp
      ? { time: verdict.timestamp.time, tsa: verdict.timestamp.tsa, intact: verdict.timestamp.intact, valid: verdict.timestamp.valid, trusted: verdict.timestamp.trusted }
      : null,
    revocation: { status: verdict.revocation.status, source: verdict.revocation.source, revokedAt: verdict.revocation.revokedAt },
    problems,
  };
}

/** An anchor the store holds was read when it was added; one that no longer parses is the store's fault, not the caller's. */
export function storedAnchor(der: Uint8Array): ParsedCertificate {
  try {
    return parsedCertificateOf(der);
  } catch {
    throw new EOfficeError('E_BLOB_CORRUPT', 'Chứng thư gốc tin cậy đã lưu không đọc được / a stored trust anchor cannot be read');
  }
}

export async function readAnchors(paths: readonly string[]): Promise<ParsedCertificate[]> {
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
  // A certificate that cannot be read is refused here, when the signer is plugged in, as decree30Signer itself does.
  summariseCertificate(signer.certificate);
  let loaded: Promise<Decree30Signer> | undefined;
  const decree30 = () => (loaded ??= signingLibrary().then((library) => library.decree30Signer(signer, options)));
  const documentSigner: DocumentSigner = {
    certificate: signer.certificate,
    signAsPerson: async (request) => (await decree30()).signAsPerson(request),
    sealAsAgency: async (request) => (await decree30()).sealAsAgency(request),
    stampAttachment: async (request) => (await decree30()).stampAttachment(request),
    stampCopy: async (request) => (await decree30()).stampCopy(request),
  };
  return documentSigner;
}

/**
 * Two-phase signing's port: packages/signing's Decree 30 updates built for a key that is elsewhere. The identity's
 * key algorithm is read from its certificate; a certificate that cannot be read is the caller's bad input.
 */
export function signingLibraryPreparer(options: DocumentSignerOptions = {}): SignaturePreparer {
  let loaded: Promise<Decree30Preparer> | undefined;
  const preparer = () => (loaded ??= signingLibrary().then((library) => library.decree30Preparer(options)));
  const identityOf = (identity: { certificate: Uint8Array; chain: readonly Uint8Array[] }) => {
    let summary;
    try {
      summary = summariseCertificate(identity.certificate);
    } catch {
      throw new EOfficeError('E_INVALID_INPUT', 'Chứng thư số không đọc được / the certificate cannot be read');
    }
    if (summary.keyAlgorithm.kind === 'other') {
      throw new EOfficeError('E_KEY_UNSUPPORTED', `Loại khoá không hỗ trợ / unsupported key type: ${summary.keyAlgorithm.name}`);
    }
    return { identity: { certificate: identity.certificate, chain: identity.chain, keyAlgorithm: summary.keyAlgorithm }, signerName: summary.subjectCommonName };
  };
  const wrap = async (signerName: string, prepare: () => Promise<PreparedSignature>): Promise<PreparedRevision> => {
    const prepared = await asServiceError(prepare);
    return {
      pdf: prepared.pdf,
      dataToSign: prepared.dataToSign,
      digest: prepared.digest,
      placement: prepared.placement,
      signerName,
      // B-T: the preparation carries the agency's TSA policy; the token is asked for here, after the key signed.
      embed: (signature) => asServiceError(async () => (await signingLibrary()).embedPreparedSignature(prepared, signature)),
    };
  };
  return {
    preparePerson: (request, given) => {
      const { identity, signerName } = identityOf(given);
      return wrap(signerName, async () => (await preparer()).preparePerson(request, identity));
    },
    prepareSeal: (request, given) => {
      const { identity, signerName } = identityOf(given);
      return wrap(signerName, async () => (await preparer()).prepareSeal(request, identity));
    },
    prepareAttachmentStamp: (request, given) => {
      const { identity, signerName } = identityOf(given);
      return wrap(signerName, async () => (await preparer()).prepareAttachmentStamp(request, identity));
    },
    prepareCopyStamp: (request, given) => {
      const { identity, signerName } = identityOf(given);
      return wrap(signerName, async () => (await preparer()).prepareCopyStamp(request, identity));
    },
  };
}

/** packages/signing's typed errors as the contract's (E_ and the code, declared in errors.ts); others unchanged. */
export function toServiceError(error: unknown): unknown {
  if (error instanceof SigningError) {
    const code = `E_${error.code}`;
    if (isErrorCode(code)) {
      const flags = 'tokenFlags' in error ? (error as { tokenFlags?: unknown }).tokenFlags : undefined;
      return new EOfficeError(code, error.message, flags === undefined ? undefined : { tokenFlags: flags });
    }
  }
  return error;
}

async function asServiceError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toServiceError(error);
  }
}
