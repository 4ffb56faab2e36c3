/** What one extension added, for the audit entry. */
export interface LtvExtension {
  /** The whole new file: the original's bytes unchanged, then one incremental update. */
  readonly pdf: Uint8Array;
  readonly added: { readonly certificates: number; readonly ocsps: number; readonly crls: number };
  /** Certificates whose revocation no server answered for (their status stays unknown; nothing is invented). */
  readonly revocationMissing: readonly string[];
  /** ISO 8601 of the document timestamp. */
  readonly timestampTime: string;
}

/**
 * PAdES B-LT/B-LTA for a signed PDF (ETSI EN 319 142-1 §5.4–5.5): a /DSS with the certificates, OCSP responses and
 * CRLs its signatures and timestamps need, then a document timestamp from the agency's TSA, in one incremental
 * update. docs-core owns the port; the composition root plugs packages/signing's `addLtv` into it. Errors are the
 * contract's: E_TSA_UNREACHABLE when the TSA cannot be reached, E_TSA_REFUSED/MALFORMED/MISMATCH for a bad answer.
 */
export interface LtvExtender {
  /** `trustAnchors`: DER of the agency's stored roots, used as issuers a file may lack (beside the configured ones). */
  extend(pdf: Uint8Array, request: { readonly tsaUrl: string; readonly trustAnchors: readonly Uint8Array[] }): Promise<LtvExtension>;
}
