/**
 * PKCS#11 return values we react to. pkcs11js throws `Pkcs11Error` with `.code` (CK_RV) and `.message` = "CKR_…".
 */
export const CKR = {
  DEVICE_ERROR: 0x30,
  DEVICE_REMOVED: 0x32,
  FUNCTION_CANCELED: 0x50,
  MECHANISM_INVALID: 0x70,
  PIN_INCORRECT: 0xa0,
  PIN_LEN_RANGE: 0xa2,
  PIN_LOCKED: 0xa4,
  SESSION_CLOSED: 0xb0,
  SESSION_HANDLE_INVALID: 0xb3,
  SLOT_ID_INVALID: 0x3,
  TOKEN_NOT_PRESENT: 0xe0,
  TOKEN_NOT_RECOGNIZED: 0xe1,
  USER_ALREADY_LOGGED_IN: 0x100,
  USER_NOT_LOGGED_IN: 0x101,
  CRYPTOKI_ALREADY_INITIALIZED: 0x191,
} as const;

/** Return values meaning the token (or its reader) went away under us: the user pulled the USB token. */
const REMOVAL_CODES: ReadonlySet<number> = new Set([
  CKR.DEVICE_REMOVED,
  CKR.TOKEN_NOT_PRESENT,
  CKR.TOKEN_NOT_RECOGNIZED,
  CKR.SESSION_HANDLE_INVALID,
  CKR.SESSION_CLOSED,
  CKR.SLOT_ID_INVALID,
]);

export interface Pkcs11Failure {
  readonly code: number;
  readonly name: string;
}

/** The CK_RV of a pkcs11js error, or undefined for anything else (a JS bug, a native loader error). */
export function pkcs11FailureOf(error: unknown): Pkcs11Failure | undefined {
  if (!(error instanceof Error)) return undefined;
  const match = /(CKR_[A-Z0-9_]+)/.exec(error.message);
  const code = (error as { code?: unknown }).code;
  if (!match || typeof code !== 'number') return undefined;
  return { code, name: match[1] ?? 'CKR_UNKNOWN' };
}

export function isRemovalFailure(error: unknown): boolean {
  const failure = pkcs11FailureOf(error);
  return failure !== undefined && REMOVAL_CODES.has(failure.code);
}
