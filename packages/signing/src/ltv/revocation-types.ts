/** What is known of one certificate's revocation at a given time (RFC 6960 §2.2, RFC 5280 §5.3.1). */
export type RevocationStatus = 'good' | 'revoked' | 'unknown';

/** Where the answer came from: the file's /DSS (or CMS), a responder asked now, or nowhere. */
export type RevocationSource = 'embedded' | 'online' | null;

export interface RevocationFinding {
  readonly status: RevocationStatus;
  readonly source: RevocationSource;
  /** ISO 8601, when revoked. */
  readonly revokedAt: string | null;
  /** RFC 5280 CRLReason name (keyCompromise, superseded, …), when given. */
  readonly reason: string | null;
  /** 'ocsp' or 'crl', when known. */
  readonly via: 'ocsp' | 'crl' | null;
}

/** Revocation data as found in a file or fetched: DER OCSPResponse (or BasicOCSPResponse) and CertificateList blobs. */
export interface RevocationData {
  readonly ocsps: readonly Uint8Array[];
  readonly crls: readonly Uint8Array[];
}

export const CRL_REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'unused',
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
] as const;

export const UNKNOWN_REVOCATION: RevocationFinding = { status: 'unknown', source: null, revokedAt: null, reason: null, via: null };
