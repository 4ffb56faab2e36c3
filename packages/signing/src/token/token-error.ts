import { SigningError } from '../signing-error.js';
import type { TokenFlags } from './token-flags.js';

/** Why a token operation failed. Each maps to one thing the user (or the calling code) can do about it. */
export type TokenErrorCode =
  | 'MODULE_LOAD_FAILED'
  | 'TOKEN_NOT_FOUND'
  | 'TOKEN_AMBIGUOUS'
  | 'TOKEN_REMOVED'
  | 'CERTIFICATE_NOT_FOUND'
  | 'KEY_NOT_FOUND'
  | 'KEY_AMBIGUOUS'
  | 'KEY_UNSUPPORTED'
  | 'PIN_INCORRECT'
  | 'PIN_LOCKED'
  | 'PIN_FINAL_TRY'
  | 'PIN_REQUIRED'
  | 'MECHANISM_UNSUPPORTED'
  | 'TOKEN_FAILURE';

/** A certificate that could sign, listed when the caller must choose (KEY_AMBIGUOUS). */
export interface KeyCandidate {
  readonly keyId: string;
  readonly subjectCommonName: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

export interface TokenErrorDetails {
  /** Token flags read right after the failure (PIN_INCORRECT) or before login (PIN_LOCKED, PIN_FINAL_TRY). */
  readonly tokenFlags?: TokenFlags;
  /** The keys the caller can choose from (KEY_AMBIGUOUS, TOKEN_AMBIGUOUS lists tokens as `keyId` = serial). */
  readonly candidates?: readonly KeyCandidate[];
  /** The PKCS#11 return value name (CKR_…) when the module reported one. */
  readonly pkcs11Code?: string;
  readonly cause?: unknown;
}

/** A SigningError from the token layer, carrying what the caller needs to explain it (flags, choices). */
export class TokenError extends SigningError {
  readonly tokenFlags: TokenFlags | undefined;
  readonly candidates: readonly KeyCandidate[] | undefined;
  readonly pkcs11Code: string | undefined;

  constructor(code: TokenErrorCode, message: string, details: TokenErrorDetails = {}) {
    super(code, message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'TokenError';
    this.tokenFlags = details.tokenFlags;
    this.candidates = details.candidates;
    this.pkcs11Code = details.pkcs11Code;
  }
}
