import type { AgencySealRequest, AttachmentStampRequest, CopyStampRequest, PersonSignatureRequest, SignedPdf } from './document-signer.js';

/** Who will sign, named by certificates only: the key stays on the signer's desk (ARCHITECTURE.md, invariant 3). */
export interface SignerIdentity {
  /** DER. */
  readonly certificate: Uint8Array;
  /** Intermediates (and optionally the root), DER, nearest first. */
  readonly chain: readonly Uint8Array[];
}

export type PreparedDigest = 'sha256' | 'sha384' | 'sha512';

/**
 * One revision built and waiting for its key (EU DSS getDataToSign; pyHanko's interrupted signing). `pdf` is the
 * whole file as it will be, the signature's place still empty; only that place changes when `embed` is called, so
 * the revision shown to the signer is byte for byte the one signed.
 */
export interface PreparedRevision {
  readonly pdf: Uint8Array;
  /** What the key signs (the DER of the CMS signed attributes, which hold the revision's digest). */
  readonly dataToSign: Uint8Array;
  readonly digest: PreparedDigest;
  /** The signature's box, when it is visible: page index (0-based) and x, y, width, height in PDF points. */
  readonly placement: { readonly pageIndex: number; readonly rect: readonly [number, number, number, number] } | null;
  /** The common name of the certificate that will sign. */
  readonly signerName: string;
  /**
   * The signed revision: `pdf` with the key's signature embedded and, when the request named a TSA, its
   * signature-time-stamp beside it (a network call: never inside a transaction). Throws typed when it cannot be,
   * E_TSA_UNREACHABLE included when the policy says `fail`.
   */
  embed(signature: Uint8Array): Promise<EmbeddedRevision>;
}

/** What `embed` made: the file, and the level it reached (with the reason it stayed B-B, if the TSA was down). */
export type EmbeddedRevision = Required<Pick<SignedPdf, 'pdf' | 'level' | 'timestampTime' | 'warning'>>;

/** Builds the Decree 30 revisions without a key; the face that holds the key signs them. */
export interface SignaturePreparer {
  preparePerson(request: PersonSignatureRequest, identity: SignerIdentity): Promise<PreparedRevision>;
  prepareSeal(request: AgencySealRequest, identity: SignerIdentity): Promise<PreparedRevision>;
  prepareAttachmentStamp(request: AttachmentStampRequest, identity: SignerIdentity): Promise<PreparedRevision>;
  prepareCopyStamp(request: CopyStampRequest, identity: SignerIdentity): Promise<PreparedRevision>;
}
