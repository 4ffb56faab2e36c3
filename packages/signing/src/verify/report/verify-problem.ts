/**
 * What a verifier tells about one signature beyond its verdict flags. Every message is Vietnamese first, then
 * English, because the person reading it is a clerk (văn thư) before it is a developer.
 */
export type ProblemSeverity = 'error' | 'warning';

export type ProblemCode =
  | 'SIG_DICT_INVALID'
  | 'UNSUPPORTED_SUBFILTER'
  | 'BYTE_RANGE_INVALID'
  | 'CONTENTS_NOT_IN_GAP'
  | 'CONTENTS_PADDING_NOT_ZERO'
  | 'SIG_DICT_NOT_SIGNED'
  | 'BYTE_RANGE_COLLISION'
  | 'CMS_MALFORMED'
  | 'CMS_NOT_SINGLE_SIGNER'
  | 'CMS_NOT_DETACHED'
  | 'CMS_NOT_DER'
  | 'DIGEST_MISMATCH'
  | 'CONTENT_TYPE_INVALID'
  | 'MESSAGE_DIGEST_MISSING'
  | 'SIGNATURE_INVALID'
  | 'SIGNED_ATTRS_NOT_DER'
  | 'SIGNER_CERT_MISSING'
  | 'SIGNING_CERT_ATTR_MISSING'
  | 'SIGNING_CERT_ATTR_MISMATCH'
  | 'PADES_SIGNING_TIME_PRESENT'
  | 'PADES_M_MISSING'
  | 'WEAK_DIGEST'
  | 'WEAK_KEY'
  | 'UNSUPPORTED_ALGORITHM'
  | 'NO_TRUSTED_CHAIN'
  | 'CERT_NOT_VALID_AT_TIME'
  | 'KEY_USAGE_INVALID'
  | 'CA_CONSTRAINTS_INVALID'
  | 'CERT_UNKNOWN_CRITICAL_EXTENSION'
  | 'NONSTANDARD_COVERAGE'
  | 'MODIFIED_DISALLOWED'
  | 'MODIFIED_ALLOWED'
  | 'DOCMDP_VIOLATION'
  | 'FIELDMDP_VIOLATION'
  | 'CERTIFICATION_NOT_FIRST'
  | 'PAGE_COUNT_CHANGED'
  | 'ANNOTATION_ADDED'
  | 'ANNOTATION_OVERLAPS_CONTENT'
  | 'SIG_DICT_REUSED'
  | 'SHADOW_SUSPECT'
  | 'TIMESTAMP_IMPRINT_MISMATCH'
  | 'TIMESTAMP_MALFORMED'
  | 'TIMESTAMP_UNTRUSTED'
  | 'CERT_REVOKED'
  | 'REVOCATION_REJECTED'
  | 'HYBRID_XREF'
  | 'ENCRYPTED_UNSUPPORTED'
  | 'REVISION_STRUCTURE';

export interface VerifyProblem {
  readonly code: ProblemCode;
  readonly severity: ProblemSeverity;
  /** "Vietnamese / English". */
  readonly message: string;
}

export function problem(code: ProblemCode, severity: ProblemSeverity, vi: string, en: string): VerifyProblem {
  return { code, severity, message: `${vi} / ${en}` };
}

export const error = (code: ProblemCode, vi: string, en: string): VerifyProblem => problem(code, 'error', vi, en);
export const warning = (code: ProblemCode, vi: string, en: string): VerifyProblem => problem(code, 'warning', vi, en);
