/**
 * The one thing every key holder does for us: sign the DER of the CMS signed attributes. The key never leaves the
 * token (ARCHITECTURE.md, invariant 3); implementations are PKCS#11 (USB tokens, SoftHSM2 in tests) and PKCS#12 files.
 */
export type DigestAlgorithm = 'sha256' | 'sha384' | 'sha512';

export type KeyAlgorithm =
  | { readonly kind: 'rsa'; readonly modulusBits: number }
  | { readonly kind: 'ec'; readonly curve: 'P-256' | 'P-384' | 'P-521' };

export interface Signer {
  /** The signer's certificate, DER. */
  readonly certificate: Uint8Array;
  /** Further certificates to embed (intermediates, optionally the root), DER, nearest first. */
  readonly chain: readonly Uint8Array[];
  readonly keyAlgorithm: KeyAlgorithm;
  /**
   * Signs `data` (the DER of the signed attributes) hashed with `digest`. RSA returns the PKCS#1 v1.5 signature;
   * EC returns the DER-encoded ECDSA-Sig-Value (SEQUENCE { r, s }), as CMS wants it.
   */
  sign(data: Uint8Array, digest: DigestAlgorithm): Promise<Uint8Array>;
}
